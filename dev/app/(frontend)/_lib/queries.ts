import { cache } from 'react'

import { CATALOG_TAG, roleTag } from './cacheTags.js'
import { graphql, previewSession } from './graphql.js'
import { DEFAULT_LANGUAGE, type Language } from './languages.js'
import {
  COMPARE_QUERY,
  MATCH_CHOICES_QUERY,
  MATCH_ROLES_QUERY,
  SEARCH_QUERY,
  TRANSLATED_SEARCH_QUERY,
  TRANSLATED_MATCH_CHOICES_QUERY,
  TRANSLATED_MATCH_ROLES_QUERY,
  ROLE_LIST_QUERY,
  ROLE_PAGE_QUERY,
  SKILLS_WITH_ROLES_QUERY,
  TRANSLATED_COMPARE_QUERY,
  TRANSLATED_ROLE_LIST_QUERY,
  TRANSLATED_ROLE_PAGE_QUERY,
  TRANSLATED_SKILLS_WITH_ROLES_QUERY,
} from './queryText.js'
import { noneUntranslated, untranslatedText, type UntranslatedText } from './untranslated.js'

/*
 * The queries this frontend sends (their text is in queryText.ts; README "For frontend developers"
 * shows their answers). Types are written by hand to keep the example small; a real frontend would
 * generate them from dev/schema.graphql.
 */

export { COMPARE_QUERY, ROLE_LIST_QUERY, ROLE_PAGE_QUERY, SKILLS_WITH_ROLES_QUERY } from './queryText.js'

export type Requirement = 'recommended' | 'required'
type Ref = { slug: string; title: string }

export type RoleListItem = Ref & {
  abbreviation: null | string
  buildsOn: Ref[] | null
  certifications: { certification: { abbreviation: null | string; name: string; slug: string } | null; requirement: Requirement }[] | null
  responsibilities: { requirement: Requirement; responsibility: Ref | null }[] | null
  skills: { requirement: Requirement; skill: { kind: string; name: string; slug: string } | null }[] | null
  summary: null | string
}

export type SkillWithRoles = {
  kind: string
  name: string
  roles: { docs: (Ref & { abbreviation: null | string })[] } | null
  slug: string
}

type Link = { note: null | string; requirement: Requirement }

/** `draft` while the latest version is a draft (an editor's preview shows unpublished changes). */
export type Status = 'draft' | 'published' | null

export type RolePage = Ref & {
  _status: Status
  abbreviation: null | string
  buildsOn: Ref[] | null
  builtOnBy: { docs: Ref[] } | null
  certifications: (Link & { certification: { abbreviation: null | string; name: string; slug: string } | null })[] | null
  experience: (Link & { area: string; kind: string; slug: string })[] | null
  externalCodes: { code: null | string; label: string; match: string; scheme: string; source: null | string; uri: null | string }[] | null
  focus: null | string
  id: number | string
  jsonLd: Record<string, unknown> | null
  qualifications: (Link & { fieldsOfStudy: { name: string; slug: string }[] | null; level: string })[] | null
  responsibilities: (Link & { responsibility: { description: null | string; slug: string; title: string } | null })[] | null
  skills: (Link & { skill: { kind: string; name: string; slug: string } | null })[] | null
  summary: null | string
}

export type ComparisonLink = { level: null | string; note: null | string; requirement: Requirement }
type ComparisonItemBase = { abbreviation: null | string; kind: null | string; label: string; slug: string }
export type ComparisonDimension = {
  onlyA: (ComparisonItemBase & ComparisonLink)[]
  onlyB: (ComparisonItemBase & ComparisonLink)[]
  shared: (ComparisonItemBase & { a: ComparisonLink; b: ComparisonLink })[]
}
type ComparedRole = Ref & { _status: Status; abbreviation: null | string; jsonLd: Record<string, unknown> | null; summary: null | string }
export type Comparison = {
  a: ComparedRole
  aBuildsOnB: boolean
  b: ComparedRole
  bBuildsOnA: boolean
  certifications: ComparisonDimension
  experience: ComparisonDimension
  qualifications: ComparisonDimension
  responsibilities: ComparisonDimension
  skills: ComparisonDimension
}

/** What a page shows, and which of its text fell back to the default language. */
export type InLanguage<T> = { data: T; untranslated: UntranslatedText }

/**
 * One read in a language: the default language's query as it is (no locale arguments: the default
 * locale), any other language's with `locale` and the own-text read beside it (queryText.ts).
 */
const read = async <T, K extends string>(
  language: Language,
  field: K,
  queries: { inDefault: string; translated: string },
  variables: Record<string, unknown>,
  options: Parameters<typeof graphql>[2],
): Promise<InLanguage<T> | null> => {
  if (language === DEFAULT_LANGUAGE) {
    const data = await graphql<Record<K, T>>(queries.inDefault, variables, options)
    return data?.[field] ? { data: data[field], untranslated: noneUntranslated } : null
  }
  const data = await graphql<Record<'ownText' | K, T>>(queries.translated, { ...variables, locale: language }, options)
  return data?.[field] ? { data: data[field], untranslated: untranslatedText(data[field], data.ownText) } : null
}

const empty = { data: { docs: [] }, untranslated: noneUntranslated }

// React's cache(): the layout (JSON-LD in <head>) and the page share one HTTP request per render.
// The tags: what a change notification expires (cacheTags.ts); one tag covers every language.
export const loadRoleList = cache(
  async (language: Language) =>
    (await read<{ docs: RoleListItem[] }, 'Roles'>(
      language,
      'Roles',
      { inDefault: ROLE_LIST_QUERY, translated: TRANSLATED_ROLE_LIST_QUERY },
      {},
      { tags: [CATALOG_TAG] },
    )) ?? empty,
)
export const loadSkillsWithRoles = cache(
  async (language: Language) =>
    (await read<{ docs: SkillWithRoles[] }, 'Skills'>(
      language,
      'Skills',
      { inDefault: SKILLS_WITH_ROLES_QUERY, translated: TRANSLATED_SKILLS_WITH_ROLES_QUERY },
      {},
      { tags: [CATALOG_TAG] },
    )) ?? empty,
)
// In draft mode (an editor's preview), the role and comparison pages ask for the newest drafts with
// the editor's session (never cached); the server grants them only to users who may read versions.
// Readers' answers are cached under the role tags.
export const loadRole = cache(async (slug: string, language: Language) => {
  const session = await previewSession()
  const variables = session ? { draft: true, slug } : { slug }
  return read<RolePage, 'roleBySlug'>(
    language,
    'roleBySlug',
    { inDefault: ROLE_PAGE_QUERY, translated: TRANSLATED_ROLE_PAGE_QUERY },
    variables,
    session ?? { tags: [roleTag(slug)] },
  )
})
export const loadComparison = cache(async (a: string, b: string, language: Language) => {
  const session = await previewSession()
  const variables = session ? { a, b, draft: true } : { a, b }
  return read<Comparison, 'compareRoles'>(
    language,
    'compareRoles',
    { inDefault: COMPARE_QUERY, translated: TRANSLATED_COMPARE_QUERY },
    variables,
    session ?? { tags: [roleTag(a), roleTag(b)] },
  )
})

export type MatchItem = { abbreviation?: null | string; collection: string; label: string; note?: null | string; slug: string }
export type RoleMatch = {
  covered: MatchItem[]
  missingRecommended: MatchItem[]
  missingRequired: MatchItem[]
  recommended: { matched: number; total: number }
  required: { matched: number; total: number }
  role: { abbreviation: null | string; slug: string; title: string }
  score: number
}
export type RoleMatches = { docs: RoleMatch[]; totalDocs: number; unknownCertifications: string[]; unknownSkills: string[] }
export type MatchChoices = {
  certifications: { docs: { abbreviation: null | string; name: string; slug: string }[] }
  skills: { docs: { kind: string; name: string; slug: string }[] }
}

/** What the "match my skills" page offers to pick from, in the page's language. */
export const loadMatchChoices = cache(async (language: Language) =>
  language === DEFAULT_LANGUAGE
    ? graphql<MatchChoices>(MATCH_CHOICES_QUERY, {}, { tags: [CATALOG_TAG] })
    : graphql<MatchChoices>(TRANSLATED_MATCH_CHOICES_QUERY, { locale: language }, { tags: [CATALOG_TAG] }),
)

/**
 * The roles ranked for the picked skills and certifications (null for input the server refused, e.g.
 * a hand-edited URL that names no slug). Cached under the catalogue's tag: any change expires it.
 */
export const loadMatches = cache(async (language: Language, skills: string[], certifications: string[]) => {
  const variables = { certifications, limit: 10, skills }
  const data =
    language === DEFAULT_LANGUAGE
      ? await graphql<{ matchRoles: RoleMatches }>(MATCH_ROLES_QUERY, variables, { tags: [CATALOG_TAG] })
      : await graphql<{ matchRoles: RoleMatches }>(TRANSLATED_MATCH_ROLES_QUERY, { ...variables, locale: language }, { tags: [CATALOG_TAG] })
  return data?.matchRoles ?? null
})

export type SearchHit = {
  collection: string
  /** HTML-escaped text with the matched words in <mark>…</mark> (rendered by _components/Highlight.tsx). */
  highlight: null | string
  id: number | string
  matchedOn: string
  score: number
  slug: null | string
  title: null | string
}
export type SearchPage = {
  everything: { counts: { collection: string; totalDocs: number }[]; ranking: string; totalDocs: number }
  results: { docs: SearchHit[]; hasNextPage: boolean; page: number; ranking: string; totalDocs: number; totalPages: number }
}

/**
 * A page of search results (of one collection, or all) with the counts of every collection; null
 * for text the server refused (over the documented length). Cached under the catalogue's tag.
 */
export const loadSearch = cache(async (language: Language, text: string, collection: null | string, page: number) => {
  const variables = { collections: collection ? [collection] : null, page, text }
  return language === DEFAULT_LANGUAGE
    ? graphql<SearchPage>(SEARCH_QUERY, variables, { tags: [CATALOG_TAG] })
    : graphql<SearchPage>(TRANSLATED_SEARCH_QUERY, { ...variables, locale: language }, { tags: [CATALOG_TAG] })
})
