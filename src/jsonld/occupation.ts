import type { SanitizedConfig } from 'payload'

import type { ResolvedRole } from '../read/catalogReader.js'

import { en, type RoleCatalogTranslationKey } from '../translations/en.js'
import { TRANSLATION_NAMESPACE } from '../translations/index.js'

/**
 * The JSON-LD context: schema.org's, plus, when the text has a language, JSON-LD's own default
 * language for every string in the document (`@language`). schema.org has no language property on an
 * Occupation (`inLanguage` is for creative works, events and a few others), so the language is said
 * the JSON-LD way.
 */
export type OccupationJsonLdContext = 'https://schema.org' | ['https://schema.org', { '@language': string }]

/**
 * A text of the document: a plain string is in the context's `@language`; text in another language
 * (it fell back there) is a JSON-LD value object with its own `@language`, and text of no one
 * language (words of one language around names of another) a value object without one.
 */
export type JsonLdText = string | { '@language'?: string; '@value': string }

/** A schema.org Occupation as JSON-LD (https://schema.org/Occupation). */
export type OccupationJsonLd = {
  [property: string]: unknown
  '@context': OccupationJsonLdContext
  '@id': string
  '@type': 'Occupation'
  name: JsonLdText
}

/**
 * The words a degree's JSON-LD is written with, in the language of the text (not the admin's): the
 * level as schema.org's `educationalLevel` text (a degree of unspecified level has none), the word
 * for a degree of unspecified level, the name's pattern and "or" between fields of study.
 */
export type DegreeWords = {
  degree: string
  /** The language the words are in: the one asked for, its base language, or `en` when the site has none. */
  language: string
  /** `{{level}} in {{fields}}`. */
  degreeIn: string
  levels: Partial<Record<string, string>>
  or: string
}

type CatalogWords = Partial<Record<RoleCatalogTranslationKey, string>>

const wordsFrom = (words: CatalogWords, language: string): DegreeWords => ({
  degree: words.jsonld_degree ?? en.jsonld_degree,
  language,
  degreeIn: words.jsonld_degreeIn ?? en.jsonld_degreeIn,
  levels: {
    associate: words.option_level_associate ?? en.option_level_associate,
    bachelor: words.option_level_bachelor ?? en.option_level_bachelor,
    doctorate: words.option_level_doctorate ?? en.option_level_doctorate,
    master: words.option_level_master ?? en.option_level_master,
  },
  or: words.jsonld_or ?? en.jsonld_or,
})

/**
 * The degree words for a language, from the site's translations (the plugin's under the host's, as
 * the admin has them: a host that rewords a level rewords it here too). A locale code finds its
 * language's words (`de-CH` → `de`); a language without any gets English.
 */
export const degreeWordsFor = (
  translations: Record<string, unknown> | undefined,
  language: string | undefined,
): DegreeWords => {
  const candidates = language ? [language, language.split('-')[0]!] : []
  for (const candidate of candidates) {
    const words = (translations?.[candidate] as Record<string, CatalogWords> | undefined)?.[TRANSLATION_NAMESPACE]
    if (words) return wordsFrom(words, candidate)
  }
  return wordsFrom(en, 'en')
}

/**
 * A stable `@id` from the slug. With Payload's `serverURL` set it is the address of the role's
 * JSON-LD endpoint (so the identifier can be dereferenced); without it, a URN, since the request's
 * host name is not stable (it differs between a frontend's server-side fetch and a browser).
 */
export const occupationId = ({
  config,
  rolesSlug,
  slug,
}: {
  config: Pick<SanitizedConfig, 'routes' | 'serverURL'>
  rolesSlug: string
  slug: string
}): string => {
  if (config.serverURL) {
    const api = config.routes?.api ?? '/api'
    return `${config.serverURL.replace(/\/+$/, '')}${api}/${rolesSlug}/${encodeURIComponent(slug)}/jsonld`
  }
  return `urn:role-catalog:role:${slug}`
}

const joinNames = (names: string[], or: string): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${or} ${names[names.length - 1]}`

/** Leaves out empty properties, so the output only states what the catalogue knows. */
const compact = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(
      ([, entry]) => entry !== null && entry !== undefined && entry !== '' && !(Array.isArray(entry) && entry.length === 0),
    ),
  ) as T

/**
 * The role as a schema.org Occupation. Only what the reader may see goes in: `role` comes from a
 * CatalogReader, which leaves out items hidden from the request's user.
 *
 * - responsibilities: text, "Title: description";
 * - skills: DefinedTerm (name, slug as termCode, description);
 * - qualifications: certifications, as EducationalOccupationalCredential "certification";
 * - educationRequirements: degrees, as EducationalOccupationalCredential "degree", one per row;
 * - experienceRequirements: text, "Area: note";
 * - occupationalCategory: the role's taxonomy codes as CategoryCode, except `narrow` matches (a
 *   narrower concept is not a category the whole role falls under).
 *
 * schema.org has no notion of "recommended": recommended items are included, with the role's note.
 * On a localized site the context's `@language` names the locale the text was read in (text missing
 * there falls back as the site's fallback rules say, as everywhere in Payload).
 */
export const buildOccupationJsonLd = (
  role: ResolvedRole,
  id: string,
  /**
   * `language`: the language of the text (a BCP 47 code, e.g. a Payload locale code); no `@language`
   * when not given. `words`: the degree words in that language (English when not given).
   */
  { language, words = degreeWordsFor(undefined, undefined) }: { language?: string; words?: DegreeWords } = {},
): OccupationJsonLd => {
  const { doc } = role
  // Degree words in another language than the text (a locale the plugin has no words for: English):
  // the level says its language, and a degree's name (those words around the text's field names) is
  // in no one language.
  const wordsElsewhere = language !== undefined && words.language !== language && words.language !== language.split('-')[0]
  const level = (text: string | undefined): JsonLdText | undefined =>
    text !== undefined && wordsElsewhere ? { '@language': words.language, '@value': text } : text
  const mixed = (text: string, withKey = false): JsonLdText => (wordsElsewhere || (withKey && language) ? { '@value': text } : text)
  // A name missing in the reader's language (no fallback) has its key (slug) standing in: a key is
  // text of no language, so on a localized site it says none rather than take the context's.
  const named = (text: string, isKey: boolean): JsonLdText => (isKey && language ? { '@value': text } : text)
  return compact({
    '@context': language ? ['https://schema.org', { '@language': language }] : 'https://schema.org',
    '@id': id,
    '@type': 'Occupation',
    name: doc.title,
    alternateName: doc.abbreviation ?? undefined,
    description: doc.summary ?? undefined,
    educationRequirements: role.qualifications
      .filter((row) => (row.fieldsOfStudy ?? []).length > 0)
      .map((row) => {
        const levelWord = row.level ? words.levels[row.level] : undefined
        // A name missing in the reader's language (no fallback): the field's key stands in.
        const fields = (row.fieldsOfStudy ?? []).map((field) => field.name ?? field.slug)
        const keys = (row.fieldsOfStudy ?? []).map((field) => !field.name)
        return compact({
          '@type': 'EducationalOccupationalCredential',
          about: fields.map((name, index) => ({ '@type': 'Thing', name: named(name, keys[index]!) })),
          credentialCategory: 'degree',
          description: row.note ?? undefined,
          educationalLevel: level(levelWord),
          name: mixed(
            words.degreeIn.replace('{{level}}', levelWord ?? words.degree).replace('{{fields}}', joinNames(fields, words.or)),
            keys.some(Boolean),
          ),
        })
      }),
    experienceRequirements: role.experience.map((row) => {
      const area = row.area ?? row.slug
      return named(row.note ? `${area}: ${row.note}` : area, !row.area)
    }),
    occupationalCategory: role.externalCodes
      .filter((code) => code.match !== 'narrow')
      .map((code) =>
        compact({
          '@type': 'CategoryCode',
          codeValue: code.code ?? undefined,
          inCodeSet: { '@type': 'CategoryCodeSet', name: code.scheme },
          name: code.label,
          url: code.uri ?? undefined,
        }),
      ),
    qualifications: role.certifications.map(({ item, note }) =>
      compact({
        '@type': 'EducationalOccupationalCredential',
        alternateName: item.abbreviation ?? undefined,
        credentialCategory: 'certification',
        description: note ?? item.description ?? undefined,
        name: named(item.label, item.label === item.slug),
        recognizedBy: item.issuingBody ? { '@type': 'Organization', name: item.issuingBody } : undefined,
      }),
    ),
    responsibilities: role.responsibilities.map(({ item }) =>
      named(item.description ? `${item.label}: ${item.description}` : item.label, item.label === item.slug),
    ),
    skills: role.skills.map(({ item }) =>
      compact({
        '@type': 'DefinedTerm',
        description: item.description ?? undefined,
        name: named(item.label, item.label === item.slug),
        termCode: item.slug,
      }),
    ),
  })
}

/** Properties whose strings are codes or addresses, not text in a language. */
const notText = new Set(['codeValue', 'credentialCategory', 'termCode', 'url'])

/**
 * Says, for each text of `document` (JSON-LD in `language`, read with fallbacks), the language it is
 * really in. `ownTexts` are the same role's JSON-LD read in each locale of the fallback chain without
 * fallback, `language` first: a text found at the same place in one of them is that locale's (the
 * first that has it, as the fallback took it). Text in `language` stays a plain string (the context's
 * `@language` covers it); text from a fallback becomes `{"@value", "@language"}`; text found in none
 * (a responsibility's title in one language and its description in another) `{"@value"}`, which
 * JSON-LD reads as text without a language. Value objects already there are left as they are.
 */
export const tagFallbackText = (
  document: OccupationJsonLd,
  language: string,
  ownTexts: { document: unknown; language: string }[],
): OccupationJsonLd => {
  const at = (root: unknown, path: (number | string)[]): unknown =>
    path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<number | string, unknown>)[key] : undefined), root)
  const walk = (value: unknown, path: (number | string)[]): unknown => {
    if (typeof value === 'string') {
      const property = [...path].reverse().find((key) => typeof key === 'string')
      if (property !== undefined && notText.has(property)) return value
      const from = ownTexts.find((own) => at(own.document, path) === value)?.language
      if (from === language) return value
      return from ? { '@language': from, '@value': value } : { '@value': value }
    }
    if (Array.isArray(value)) return value.map((entry, index) => walk(entry, [...path, index]))
    if (value && typeof value === 'object' && !('@value' in value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, entry]) => [key, key.startsWith('@') ? entry : walk(entry, [...path, key])]),
      )
    }
    return value
  }
  return walk(document, []) as OccupationJsonLd
}

/** Whether every text of `document` is found, at the same place, in `own` (nothing fell back). */
export const allTextFound = (document: unknown, own: unknown): boolean => {
  if (typeof document === 'string') return document === own
  if (Array.isArray(document)) return Array.isArray(own) && document.every((entry, index) => allTextFound(entry, own[index]))
  if (document && typeof document === 'object') {
    if (!own || typeof own !== 'object') return false
    return Object.entries(document).every(
      ([key, entry]) => key.startsWith('@') || notText.has(key) || allTextFound(entry, (own as Record<string, unknown>)[key]),
    )
  }
  return true
}

/** The language a JSON-LD document's context gives its text (`@language`), if any. */
export const jsonLdLanguage = (value: Pick<OccupationJsonLd, '@context'>): string | undefined =>
  Array.isArray(value['@context']) ? value['@context'][1]['@language'] : undefined

/** JSON-LD for embedding in HTML: `<` escaped so the text can never close its <script> element. */
export const serializeJsonLdForHtml = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
