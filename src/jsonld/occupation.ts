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

/** A schema.org Occupation as JSON-LD (https://schema.org/Occupation). */
export type OccupationJsonLd = {
  [property: string]: unknown
  '@context': OccupationJsonLdContext
  '@id': string
  '@type': 'Occupation'
  name: string
}

/**
 * The words a degree's JSON-LD is written with, in the language of the text (not the admin's): the
 * level as schema.org's `educationalLevel` text (a degree of unspecified level has none), the word
 * for a degree of unspecified level, the name's pattern and "or" between fields of study.
 */
export type DegreeWords = {
  degree: string
  /** `{{level}} in {{fields}}`. */
  degreeIn: string
  levels: Partial<Record<string, string>>
  or: string
}

type CatalogWords = Partial<Record<RoleCatalogTranslationKey, string>>

const wordsFrom = (words: CatalogWords): DegreeWords => ({
  degree: words.jsonld_degree ?? en.jsonld_degree,
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
    if (words) return wordsFrom(words)
  }
  return wordsFrom(en)
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
        const level = row.level ? words.levels[row.level] : undefined
        // A name missing in the reader's language (no fallback): the field's key stands in.
        const fields = (row.fieldsOfStudy ?? []).map((field) => field.name ?? field.slug)
        return compact({
          '@type': 'EducationalOccupationalCredential',
          about: fields.map((name) => ({ '@type': 'Thing', name })),
          credentialCategory: 'degree',
          description: row.note ?? undefined,
          educationalLevel: level,
          name: words.degreeIn.replace('{{level}}', level ?? words.degree).replace('{{fields}}', joinNames(fields, words.or)),
        })
      }),
    experienceRequirements: role.experience.map((row) => {
      const area = row.area ?? row.slug
      return row.note ? `${area}: ${row.note}` : area
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
        name: item.label,
        recognizedBy: item.issuingBody ? { '@type': 'Organization', name: item.issuingBody } : undefined,
      }),
    ),
    responsibilities: role.responsibilities.map(({ item }) =>
      item.description ? `${item.label}: ${item.description}` : item.label,
    ),
    skills: role.skills.map(({ item }) =>
      compact({
        '@type': 'DefinedTerm',
        description: item.description ?? undefined,
        name: item.label,
        termCode: item.slug,
      }),
    ),
  })
}

/** The language a JSON-LD document's context gives its text (`@language`), if any. */
export const jsonLdLanguage = (value: Pick<OccupationJsonLd, '@context'>): string | undefined =>
  Array.isArray(value['@context']) ? value['@context'][1]['@language'] : undefined

/** JSON-LD for embedding in HTML: `<` escaped so the text can never close its <script> element. */
export const serializeJsonLdForHtml = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
