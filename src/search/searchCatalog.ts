/**
 * Text search and suggestions over the catalogue: the one core behind GraphQL `searchCatalog` /
 * `suggestCatalog`, the REST routes and the benchmark. Callers apply the locale arguments to `req`
 * first (requestForLocaleArgs / requestForLocaleQuery), as for every other read.
 *
 * On PostgreSQL: ranked, stemmed, typo-tolerant SQL over the search index (src/search/postgres,
 * loaded with a dynamic import: it uses drizzle-orm). Elsewhere: Payload's own `like` filters,
 * `ranking: 'basic'`.
 *
 * What a reader may see: published documents, or with `draft: true` and the right to read versions
 * the newest drafts (readContextFor decides, as for every read); a host's read access is applied to
 * every hit before counting and paging, so a document the reader may not read is never a hit.
 */
import type { CollectionSlug, FieldAccess, PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'

import { APIError } from 'payload'

import { recordCollections } from '../cache/dependencies.js'
import { adapterName, isPostgres } from '../database/adapter.js'
import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { type CatalogCollection, catalogCollections, type CatalogSlugs, type ResolvedSearchOptions } from '../plugin/options.js'
import { isPluginOwned } from '../plugin/owned.js'
import { internalReadRequest } from '../read/internalRead.js'
import { type ReadContext, readContextFor } from '../read/readContext.js'
import { DEFAULT_SEARCH_LIMIT, DEFAULT_SUGGEST_LIMIT, MAX_CANDIDATES, MAX_SEARCH_LIMIT, MAX_SEARCH_PAGE, MAX_SEARCH_TEXT } from './language.js'
import { type SearchField, searchFieldsOf, searchLanguagesOf } from './sources.js'

export type SearchHit = {
  /** The collection's slug (as the site named it). */
  collection: string
  /** A fragment of the matched text, HTML-escaped, the query's words in `<mark>`; null when nothing to show. */
  highlight: null | string
  id: number | string
  /** The field that matched best: `title`, `name`, `alternateNames`, `abbreviation`, `summary`, `description`, ... */
  matchedOn: string
  /** 0–1, higher is better (docs/frontend.md, "Scores"). */
  score: number
  slug: null | string
  /** The document's title (roles, responsibilities) or name (certifications, skills) in the read's locale. */
  title: null | string
}

export type SearchResult = {
  /** Matching documents per collection (after access), for "Roles (12) · Skills (40)" tabs. */
  counts: { collection: string; totalDocs: number }[]
  docs: SearchHit[]
  hasNextPage: boolean
  limit: number
  page: number
  /** `full` on PostgreSQL; `basic` elsewhere (Payload's `like` filters: no stemming, typos or ranking). */
  ranking: 'basic' | 'full'
  totalDocs: number
  totalPages: number
}

export type Suggestion = {
  collection: string
  id: number | string
  /** `title`/`name` or `alternateNames`: what `text` is. */
  matchedOn: string
  score: number
  slug: null | string
  /** The title or alternate name that starts with what was typed. */
  text: string
  /** The document's title, for the line under an alternate name. */
  title: null | string
}

export type SuggestResult = { ranking: 'basic' | 'full'; suggestions: Suggestion[] }

export type SearchCatalogArgs = {
  /** Collection slugs to search; all four when absent. */
  collections?: null | string[]
  draft?: boolean | null
  limit?: null | number
  page?: null | number
  req: PayloadRequest
  text: string
}

export type SuggestCatalogArgs = Omit<SearchCatalogArgs, 'draft' | 'page' | 'text'> & { prefix: string }

const badInput = (message: string) => new APIError(message, 400, undefined, true)

const checkText = (value: unknown, argument: string): string => {
  // Control characters (NUL cannot even reach PostgreSQL) are spaces.
  // Composed (NFC): the folding and PostgreSQL's parser know "é", not "e" + a combining accent
  // (what macOS and some keyboards send), which split words and missed every accented title.
  const text = typeof value === 'string' ? value.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : ''
  if (!text) throw badInput(`"${argument}" is required: the words to look for, e.g. "project manager"`)
  if (text.length > MAX_SEARCH_TEXT) throw badInput(`"${argument}" is too long: at most ${MAX_SEARCH_TEXT} characters (got ${text.length})`)
  return text
}

const checkInteger = (value: unknown, argument: string, max: number, fallback: number): number => {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw badInput(`"${argument}" must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`)
  }
  return value
}

const checkCollections = (value: SearchCatalogArgs['collections'], slugs: CatalogSlugs): CatalogCollection[] => {
  if (value === undefined || value === null) return [...catalogCollections]
  const bySlug = new Map(catalogCollections.map((name) => [slugs[name], name]))
  const unknown = value.filter((slug) => !bySlug.has(slug))
  if (unknown.length || !value.length) {
    throw badInput(
      `"collections" must list catalogue collections (${catalogCollections.map((name) => slugs[name]).join(', ')})${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    )
  }
  return catalogCollections.filter((name) => value.includes(slugs[name]))
}

/** Search syntax in the text (quotes, `-word`, `or`): then only exact matches count. */
const usesSyntax = (text: string) => /"|(^|\s)-[\p{L}\p{N}]|\s(or|OR)\s/u.test(text)
/** Words after `-` outside quotes. */
const excludedWords = (text: string) =>
  [...text.replace(/"[^"]*"?/g, ' ').matchAll(/(?:^|\s)-([\p{L}\p{N}]+)/gu)].map((match) => match[1]!)

/** Locales searched: the read's locale, then its fallbacks, as Payload would fill missing text. */
const searchedLocales = (req: PayloadRequest, context: ReadContext): string[] => {
  const localization = req.payload.config.localization
  if (!localization) return []
  const locale = context.locale && context.locale !== 'all' ? context.locale : localization.defaultLocale
  const own = localization.locales.find((each) => each.code === locale)?.fallbackLocale
  const fallbacks =
    context.fallbackLocale === false
      ? []
      : context.fallbackLocale !== undefined
        ? [context.fallbackLocale].flat()
        : localization.fallback
          ? [own ?? localization.defaultLocale].flat()
          : []
  return [...new Set([locale, ...fallbacks.filter((code) => localization.localeCodes.includes(code))])]
}

type Candidate = { collection: CatalogCollection; field: string; id: number | string; locale: null | string; score: number; text: string }

/**
 * The documents among `ids` the reader may read, by the collection's read access (Payload's own
 * check, through the Local API). Skipped when the collection keeps the plugin's own access, whose
 * rule (published for readers, everything for editors) the SQL applies already.
 */
const readable = async (req: PayloadRequest, slug: string, ids: (number | string)[], context: ReadContext): Promise<Set<string>> => {
  const config = req.payload.collections[slug as CollectionSlug]?.config
  if (!ids.length || !config || isPluginOwned(config.access?.read)) return new Set(ids.map(String))
  // Marked internal: the read limits (boundReads) would cut the hits to a page of `maxLimit`.
  const found = await req.payload.find({
    collection: slug as CollectionSlug,
    depth: 0,
    draft: context.draft,
    limit: ids.length,
    overrideAccess: false,
    pagination: false,
    req: internalReadRequest(req),
    select: { slug: true },
    user: req.user,
    where: { id: { in: ids } },
  })
  return new Set(found.docs.map((doc) => String(doc.id)))
}

/**
 * The searchable fields this reader may read: a field a host gave read access of its own (field-level
 * `access.read`) is searched only for readers it lets query the field, as Payload decides whether a
 * `where` may name it (asked with the request alone). Otherwise a hidden field's text would still
 * match, and show in the highlight, for readers Payload's own API refuses to tell.
 */
const readableFields = async (req: PayloadRequest, config: SanitizedCollectionConfig, fields: SearchField[]): Promise<SearchField[]> => {
  const kept = await Promise.all(
    fields.map(async (field) => {
      const read = (config.flattenedFields.find((each) => 'name' in each && each.name === field.name) as { access?: { read?: FieldAccess } } | undefined)?.access?.read
      return typeof read !== 'function' || Boolean(await read({ req }))
    }),
  )
  return fields.filter((_field, index) => kept[index])
}

type Prepared = {
  collections: { fields: SearchField[]; name: CatalogCollection; slug: string }[]
  context: ReadContext
  locales: string[]
  search: ResolvedSearchOptions
  slugs: CatalogSlugs
}

const prepare = async (req: PayloadRequest, collectionsArg: SearchCatalogArgs['collections'], draft: boolean | null | undefined): Promise<Prepared> => {
  const { search, slugs } = getCatalogConfig(req.payload.config)
  const names = checkCollections(collectionsArg, slugs)
  const context = await readContextFor(req, { draft: draft ?? false, slugs })
  const localized = Boolean(req.payload.config.localization)
  const collections = await Promise.all(
    names.flatMap((name) => {
      const config = req.payload.collections[slugs[name] as CollectionSlug]?.config
      return config ? [readableFields(req, config, searchFieldsOf(config, name, search, localized)).then((fields) => ({ fields, name, slug: slugs[name] }))] : []
    }),
  )
  // Which documents match, and in which order, is the answer: any change in these collections drops it.
  recordCollections(req, names)
  return { collections, context, locales: searchedLocales(req, context), search, slugs }
}

/**
 * Whether the SQL alone decides what the reader may see: every searched collection keeps the
 * plugin's own read access (published for readers, drafts for editors, applied in the SQL). Then
 * PostgreSQL returns the page and the counts only, not every match for `keepReadable`.
 */
const accessInSql = (req: PayloadRequest, prepared: Prepared) =>
  prepared.collections.every((collection) => isPluginOwned(req.payload.collections[collection.slug as CollectionSlug]?.config.access?.read))

/** Hits in order, filtered by read access, with per-collection counts. */
const keepReadable = async (req: PayloadRequest, prepared: Prepared, candidates: Candidate[]) => {
  const allowed = new Map<CatalogCollection, Set<string>>()
  for (const collection of prepared.collections) {
    const ids = candidates.filter((hit) => hit.collection === collection.name).map((hit) => hit.id)
    allowed.set(collection.name, await readable(req, collection.slug, ids, prepared.context))
  }
  return candidates.filter((hit) => allowed.get(hit.collection)?.has(String(hit.id)))
}

const countsOf = (prepared: Prepared, hits: Candidate[], counted?: Map<CatalogCollection, number>) =>
  prepared.collections.map((collection) => ({
    collection: collection.slug,
    totalDocs: counted ? (counted.get(collection.name) ?? 0) : hits.filter((hit) => hit.collection === collection.name).length,
  }))

const round = (score: number) => Math.round(score * 1000) / 1000

export const searchCatalog = async (args: SearchCatalogArgs): Promise<SearchResult> => {
  const { req } = args
  const text = checkText(args.text, 'text')
  const limit = checkInteger(args.limit, 'limit', MAX_SEARCH_LIMIT, DEFAULT_SEARCH_LIMIT)
  const page = checkInteger(args.page, 'page', MAX_SEARCH_PAGE, 1)
  const prepared = await prepare(req, args.collections, args.draft)
  const start = (page - 1) * limit
  let ranking: SearchResult['ranking']
  let hits: Candidate[]
  let docs: SearchHit[]
  let counted: Map<CatalogCollection, number> | undefined
  if (isPostgres(req.payload)) {
    ranking = 'full'
    const { describeInPostgres, rankInPostgres } = await import('./postgres/searchSql.js')
    const plan = {
      collections: prepared.collections,
      database: prepared.context.database,
      draft: prepared.context.draft,
      excluded: excludedWords(text),
      languages: searchLanguagesOf(req.payload.config, prepared.search),
      locales: prepared.locales,
      mode: 'search' as const,
      strict: usesSyntax(text),
      text,
      fill: limit,
      top: accessInSql(req, prepared),
      wanted: start + limit,
    }
    if (plan.top || plan.strict) {
      const ranked = await rankInPostgres(req.payload, plan)
      counted = ranked.counts
      hits = counted ? ranked.hits : await keepReadable(req, prepared, ranked.hits)
    } else {
      // A host's read access: whether the broad pass runs is decided on what the reader may read.
      // Decided on the hits before access, a hidden document filling the page kept the reader's
      // some-words and typo matches away, and so told that something matching was there.
      hits = await keepReadable(req, prepared, (await rankInPostgres(req.payload, { ...plan, broad: false })).hits)
      if (hits.length < limit) hits = await keepReadable(req, prepared, (await rankInPostgres(req.payload, { ...plan, broad: true })).hits)
    }
    const pageHits = hits.slice(start, start + limit)
    const details = await describeInPostgres(req.payload, plan, pageHits)
    docs = pageHits.map((hit, index) => ({
      collection: prepared.slugs[hit.collection],
      highlight: details[index]?.highlight ?? null,
      id: hit.id,
      matchedOn: hit.field,
      score: round(hit.score),
      slug: details[index]?.slug ?? null,
      title: details[index]?.title ?? null,
    }))
  } else {
    ranking = 'basic'
    const found = await findWithPayload(req, prepared, text, 'search')
    hits = found.map((doc) => ({ ...doc, locale: null }))
    docs = found.slice(start, start + limit).map((doc) => ({
      collection: prepared.slugs[doc.collection],
      highlight: null,
      id: doc.id,
      matchedOn: doc.field,
      score: round(doc.score),
      slug: doc.slug,
      title: doc.title,
    }))
  }
  const totalDocs = counted ? [...counted.values()].reduce((sum, count) => sum + count, 0) : hits.length
  const totalPages = Math.ceil(totalDocs / limit)
  return { counts: countsOf(prepared, hits, counted), docs, hasNextPage: page < totalPages, limit, page, ranking, totalDocs, totalPages }
}

export const suggestCatalog = async (args: SuggestCatalogArgs): Promise<SuggestResult> => {
  const { req } = args
  const prefix = checkText(args.prefix, 'prefix')
  const limit = checkInteger(args.limit, 'limit', MAX_SEARCH_LIMIT, DEFAULT_SUGGEST_LIMIT)
  const prepared = await prepare(req, args.collections, false)
  if (isPostgres(req.payload)) {
    const { describeInPostgres, rankInPostgres } = await import('./postgres/searchSql.js')
    const plan = {
      collections: prepared.collections,
      database: prepared.context.database,
      draft: false,
      excluded: [],
      languages: searchLanguagesOf(req.payload.config, prepared.search),
      locales: prepared.locales,
      mode: 'suggest' as const,
      strict: false,
      text: prefix,
      top: accessInSql(req, prepared),
      wanted: limit,
    }
    const ranked = await rankInPostgres(req.payload, plan)
    const hits = (ranked.counts ? ranked.hits : await keepReadable(req, prepared, ranked.hits)).slice(0, limit)
    const details = await describeInPostgres(req.payload, plan, hits)
    return {
      ranking: 'full',
      suggestions: hits.map((hit, index) => ({
        collection: prepared.slugs[hit.collection],
        id: hit.id,
        matchedOn: hit.field,
        score: round(hit.score),
        slug: details[index]?.slug ?? null,
        text: hit.text,
        title: details[index]?.title ?? null,
      })),
    }
  }
  const found = await findWithPayload(req, prepared, prefix, 'suggest')
  return {
    ranking: 'basic',
    suggestions: found.slice(0, limit).map((doc) => ({
      collection: prepared.slugs[doc.collection],
      id: doc.id,
      matchedOn: doc.field,
      score: round(doc.score),
      slug: doc.slug,
      text: doc.text,
      title: doc.title,
    })),
  }
}

type Found = { collection: CatalogCollection; field: string; id: number | string; score: number; slug: null | string; text: string; title: null | string }

/**
 * Not PostgreSQL: Payload's own `like` (every word, anywhere in the field) over the searchable
 * fields, through the Local API with the reader's access. Scores are coarse: the title equal to the
 * text 1, the title containing it 0.75, another field 0.5 (`ranking: 'basic'`).
 */
const findWithPayload = async (req: PayloadRequest, prepared: Prepared, given: string, mode: 'search' | 'suggest'): Promise<Found[]> => {
  const found: Found[] = []
  const sqlAdapter = adapterName(req.payload) === 'sqlite'
  // Payload's `like` hands `%` and `_` to SQL's LIKE unescaped, where they match anything: as text
  // they are punctuation, so they separate words like any other (what is left must still match).
  const text = sqlAdapter ? given.replace(/[%_\\]+/g, ' ').replace(/\s+/g, ' ').trim() : given
  if (!text) return found
  const lower = text.toLowerCase()
  for (const collection of prepared.collections) {
    const fields = collection.fields.filter(
      (field) =>
        (mode === 'search' || field.kind !== 'description') &&
        // @payloadcms/drizzle 3.90 builds invalid SQL for a filter on a localized hasMany text field
        // (`... and  = $3` in the join): on SQLite, alternate names are left out of the fallback.
        !(sqlAdapter && field.hasMany && field.localized),
    )
    const titleField = collection.fields.find((field) => field.kind === 'title')?.name
    if (!fields.length) continue
    const where: Where = { or: fields.map((field) => ({ [field.name]: { like: text } })) }
    const result = await req.payload.find({
      collection: collection.slug as CollectionSlug,
      depth: 0,
      draft: prepared.context.draft,
      limit: MAX_CANDIDATES,
      overrideAccess: false,
      req: internalReadRequest(req),
      user: req.user,
      where,
    })
    for (const doc of result.docs as unknown as Record<string, unknown>[]) {
      const values = (name: string) => [doc[name]].flat().filter((value): value is string => typeof value === 'string')
      const title = titleField ? (values(titleField)[0] ?? null) : null
      const field = fields.find((each) => values(each.name).some((value) => value.toLowerCase().includes(lower))) ?? fields[0]!
      const matchedText = values(field.name).find((value) => value.toLowerCase().includes(lower)) ?? values(field.name)[0] ?? ''
      const score = title?.toLowerCase() === lower ? 1 : field.kind === 'title' ? 0.75 : 0.5
      found.push({ collection: collection.name, field: field.name, id: doc.id as number | string, score, slug: (doc.slug as string | undefined) ?? null, text: matchedText, title })
    }
  }
  return found.sort((a, b) => b.score - a.score)
}
