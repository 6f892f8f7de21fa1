import type { SanitizedConfig } from 'payload'

import type { ResolvedRole } from '../read/catalogReader.js'

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

/** schema.org's educationalLevel as text; a degree of unspecified level has none. */
export const degreeLevelNames: Record<string, string | undefined> = {
  associate: 'Associate degree',
  bachelor: "Bachelor's degree",
  doctorate: 'Doctorate',
  master: "Master's degree",
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

const joinNames = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`

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
  /** `language`: the language of the text (a BCP 47 code, e.g. a Payload locale code); no `@language` when not given. */
  { language }: { language?: string } = {},
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
        const level = row.level ? degreeLevelNames[row.level] : undefined
        // A name missing in the reader's language (no fallback): the field's key stands in.
        const fields = (row.fieldsOfStudy ?? []).map((field) => field.name ?? field.slug)
        return compact({
          '@type': 'EducationalOccupationalCredential',
          about: fields.map((name) => ({ '@type': 'Thing', name })),
          credentialCategory: 'degree',
          description: row.note ?? undefined,
          educationalLevel: level,
          name: `${level ?? 'Degree'} in ${joinNames(fields)}`,
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
