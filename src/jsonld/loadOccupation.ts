import type { PayloadRequest } from 'payload'

import DataLoader from 'dataloader'
import { isDeepStrictEqual } from 'node:util'

import type { CatalogSlugs } from '../plugin/options.js'
import { readContextKey, type ReadContext } from '../read/readContext.js'

import { CatalogReader, type ResolvedRole, type RoleDoc } from '../read/catalogReader.js'
import {
  allTextFound,
  buildOccupationJsonLd,
  degreeWordsFor,
  occupationId,
  type OccupationJsonLd,
  tagFallbackText,
} from './occupation.js'
import { reportedOwnText } from './ownText.js'

/** The locales text missing in the read's locale is taken from, in order (as Payload's afterRead takes it). */
const fallbackChain = ({ fallbackLocale, locale }: ReadContext): string[] => {
  if (fallbackLocale === false || fallbackLocale === undefined) return []
  const chain = Array.isArray(fallbackLocale) ? fallbackLocale : [fallbackLocale]
  return chain.filter((code) => code !== locale)
}

type OwnTextReader = { reader: CatalogReader; roles: DataLoader<string, null | RoleDoc> }

// Per request (its DataLoader object, shared by all of a GraphQL operation's fields) and read context.
const ownTextReaders = new WeakMap<object, Map<string, OwnTextReader>>()

/**
 * A reader of roles in one locale without fallback, shared by the request: the JSON-LD of every role
 * a request reads in the same tick (a list with `jsonLd`, a comparison's two) is checked with one
 * read per locale, not one per role.
 */
const ownTextReaderFor = (req: PayloadRequest, context: ReadContext, slugs: CatalogSlugs): OwnTextReader => {
  const key = (req.payloadDataLoader as object | undefined) ?? req
  let byContext = ownTextReaders.get(key)
  if (!byContext) ownTextReaders.set(key, (byContext = new Map()))
  const contextKey = readContextKey(context)
  let own = byContext.get(contextKey)
  if (!own) {
    const reader = new CatalogReader({ context, req, slugs })
    const roles = new DataLoader<string, null | RoleDoc>(async (wanted) => {
      const docs = await reader.findRolesBySlug([...wanted])
      return wanted.map((slug) => docs.find((doc) => doc.slug === slug) ?? null)
    })
    byContext.set(contextKey, (own = { reader, roles }))
  }
  return own
}

/** JSON-LD for a role document already read for this request (REST endpoint, GraphQL field). */
export const occupationForDoc = async ({
  doc,
  reader,
  req,
  slugs,
}: {
  doc: RoleDoc
  reader: CatalogReader
  req: PayloadRequest
  slugs: CatalogSlugs
}): Promise<OccupationJsonLd> => {
  const { config } = req.payload
  const translations = config.i18n?.translations as Record<string, unknown> | undefined
  const id = occupationId({ config, rolesSlug: slugs.roles, slug: doc.slug })
  // The JSON-LD of the role in `language` (`all` never reaches here).
  const buildFrom = (role: ResolvedRole, language: string | undefined) =>
    buildOccupationJsonLd(role, id, { language, words: degreeWordsFor(translations, language) })
  const build = async (docReader: CatalogReader, role: RoleDoc, language: string | undefined) => buildFrom(await docReader.resolve(role), language)
  const language = reader.context.locale
  const chain = fallbackChain(reader.context)
  const resolved = await reader.resolve(doc)
  const jsonLd = buildFrom(resolved, language)
  if (!language || chain.length === 0) return jsonLd

  // The context's `@language` says the text is in `language`; text that fell back is not. Which text
  // fell back, and from where, is what the same role read in each locale of the chain without
  // fallback says: in the locale itself first (usually all there is: nothing fell back), then in the
  // fallbacks, only as far as some text is still unaccounted for. The tuned read reports which
  // locale answered each text (src/read/textLocales.ts): each locale's text is then known without
  // reading again. Otherwise (Payload's generic path, another adapter, a host's read hook) the role
  // is read again in each of those locales without fallback.
  const ownTexts: { document: OccupationJsonLd; language: string }[] = []
  const contextKey = readContextKey(reader.context)
  let reported = reportedOwnText(resolved, contextKey)
  const known = reported ? undefined : reader.reportedRole(doc.id)
  if (known) {
    // The role met again in the same answer (in a comparison, among the other role's `buildsOn`),
    // read by another read of the request: when its JSON-LD is the one of the role this reader read
    // with the locales of its text, the same text came from the same locales. (A join's roles are
    // read with their locale's own fallback, which may differ: their text then says so.)
    const knownResolved = await reader.resolve(known)
    if (isDeepStrictEqual(buildFrom(knownResolved, language), jsonLd)) reported = reportedOwnText(knownResolved, contextKey)
  }
  if (reported) {
    for (const locale of [language, ...chain]) {
      ownTexts.push({ document: buildFrom(reported(locale), locale), language: locale })
      if (ownTexts.length === 1 && allTextFound(jsonLd, ownTexts[0]!.document)) return jsonLd
    }
    return tagFallbackText(jsonLd, language, ownTexts)
  }
  for (const locale of [language, ...chain]) {
    const ownReader = ownTextReaderFor(req, { ...reader.context, fallbackLocale: false, locale }, slugs)
    const own = await ownReader.roles.load(doc.slug)
    if (!own) break
    ownTexts.push({ document: await build(ownReader.reader, own, locale), language: locale })
    if (ownTexts.length === 1 && allTextFound(jsonLd, ownTexts[0]!.document)) return jsonLd
  }
  return tagFallbackText(jsonLd, language, ownTexts)
}
