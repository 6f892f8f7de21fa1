/*
 * The queries the example frontend sends, verbatim (docs/frontend.md and docs/examples/ show their
 * answers). In a module of their own, without React or fetch, so `npm run bench` measures exactly
 * these queries.
 */

const ROLE_LIST_FIELDS = `{
    docs {
      slug
      title
      abbreviation
      summary
      buildsOn { slug title }
      responsibilities { requirement responsibility { slug title } }
      skills { requirement skill { slug name kind } }
      certifications { requirement certification { slug name abbreviation } }
    }
  }`

export const ROLE_LIST_QUERY = /* GraphQL */ `query RoleList {
  Roles(limit: 100, sort: "title") ${ROLE_LIST_FIELDS}
}`

const SKILLS_WITH_ROLES_FIELDS = `{
    docs {
      slug
      name
      kind
      roles { docs { slug title abbreviation } }
    }
  }`

export const SKILLS_WITH_ROLES_QUERY = /* GraphQL */ `query SkillsWithRoles {
  Skills(limit: 100, sort: "name") ${SKILLS_WITH_ROLES_FIELDS}
}`

// `$draft`: set only by a page in draft mode (an editor's preview); without it, the published role.
const ROLE_PAGE_TEXT = `
    id
    _status
    slug
    title
    abbreviation
    summary
    focus
    buildsOn { slug title }
    builtOnBy { docs { slug title } }
    responsibilities { requirement note responsibility { slug title description } }
    skills { requirement note skill { slug name kind } }
    certifications { requirement note certification { slug name abbreviation } }
    qualifications { level requirement note fieldsOfStudy { slug name } }
    experience { slug area kind requirement note }
    externalCodes { scheme code label uri match source }`

export const ROLE_PAGE_QUERY = /* GraphQL */ `query RolePage($slug: String!, $draft: Boolean) {
  roleBySlug(slug: $slug, draft: $draft) {${ROLE_PAGE_TEXT}
    jsonLd
  }
}`

const comparisonDimension = `{
      shared { slug label kind abbreviation a { requirement note level } b { requirement note level } }
      onlyA { slug label kind abbreviation requirement note level }
      onlyB { slug label kind abbreviation requirement note level }
    }`

const COMPARE_FIELDS = `{
    a { _status slug title abbreviation summary jsonLd }
    b { _status slug title abbreviation summary jsonLd }
    aBuildsOnB
    bBuildsOnA
    responsibilities ${comparisonDimension}
    skills ${comparisonDimension}
    certifications ${comparisonDimension}
    qualifications ${comparisonDimension}
    experience ${comparisonDimension}
  }`

export const COMPARE_QUERY = /* GraphQL */ `query Compare($a: String!, $b: String!, $draft: Boolean) {
  compareRoles(a: $a, b: $b, draft: $draft) ${COMPARE_FIELDS}
}`

/*
 * The same pages in another language (/de/…). `$locale` is the page's language; text it lacks falls
 * back as the site's config says (German → English). `ownText` reads the same fields again with
 * `fallbackLocale: none`, null where the language has no text of its own: the page marks what fell
 * back (untranslated.ts). Both reads go in one request, and the server's response cache and the
 * Next.js data cache keep the answer per language (the variables are part of the key).
 */
export const TRANSLATED_ROLE_LIST_QUERY = /* GraphQL */ `query TranslatedRoleList($locale: LocaleInputType!) {
  Roles(limit: 100, sort: "title", locale: $locale) ${ROLE_LIST_FIELDS}
  ownText: Roles(limit: 100, sort: "title", locale: $locale, fallbackLocale: none) ${ROLE_LIST_FIELDS}
}`

export const TRANSLATED_SKILLS_WITH_ROLES_QUERY = /* GraphQL */ `query TranslatedSkillsWithRoles($locale: LocaleInputType!) {
  Skills(limit: 100, sort: "name", locale: $locale) ${SKILLS_WITH_ROLES_FIELDS}
  ownText: Skills(limit: 100, sort: "name", locale: $locale, fallbackLocale: none) ${SKILLS_WITH_ROLES_FIELDS}
}`

export const TRANSLATED_ROLE_PAGE_QUERY = /* GraphQL */ `query TranslatedRolePage($slug: String!, $draft: Boolean, $locale: LocaleInputType!) {
  roleBySlug(slug: $slug, draft: $draft, locale: $locale) {${ROLE_PAGE_TEXT}
    jsonLd
  }
  ownText: roleBySlug(slug: $slug, draft: $draft, locale: $locale, fallbackLocale: none) {${ROLE_PAGE_TEXT}
  }
}`

export const TRANSLATED_COMPARE_QUERY = /* GraphQL */ `query TranslatedCompare($a: String!, $b: String!, $draft: Boolean, $locale: LocaleInputType!) {
  compareRoles(a: $a, b: $b, draft: $draft, locale: $locale) ${COMPARE_FIELDS}
  ownText: compareRoles(a: $a, b: $b, draft: $draft, locale: $locale, fallbackLocale: none) ${COMPARE_FIELDS}
}`

/*
 * The "match my skills" page (/match, /de/match): the skills and certifications to pick from, and the
 * roles ranked for the picked ones with what each still asks for (docs/frontend.md, "Matching by skills").
 */
const MATCH_FIELDS = `{
    totalDocs
    unknownSkills
    unknownCertifications
    docs {
      role { slug title abbreviation }
      score
      required { matched total }
      recommended { matched total }
      covered { collection slug label }
      missingRequired { collection slug label abbreviation note }
      missingRecommended { collection slug label abbreviation note }
    }
  }`

export const MATCH_ROLES_QUERY = /* GraphQL */ `query MatchRoles($skills: [String!]!, $certifications: [String!], $limit: Int) {
  matchRoles(skills: $skills, certifications: $certifications, limit: $limit) ${MATCH_FIELDS}
}`

export const TRANSLATED_MATCH_ROLES_QUERY = /* GraphQL */ `query TranslatedMatchRoles($skills: [String!]!, $certifications: [String!], $limit: Int, $locale: LocaleInputType!) {
  matchRoles(skills: $skills, certifications: $certifications, limit: $limit, locale: $locale) ${MATCH_FIELDS}
}`

const PICKABLE_FIELDS = `
  skills: Skills(limit: 500, sort: "name"__LOCALE__) { docs { slug name kind } }
  certifications: Certifications(limit: 100, sort: "name"__LOCALE__) { docs { slug name abbreviation } }`

export const MATCH_CHOICES_QUERY = /* GraphQL */ `query MatchChoices {${PICKABLE_FIELDS.replaceAll('__LOCALE__', '')}
}`

export const TRANSLATED_MATCH_CHOICES_QUERY = /* GraphQL */ `query TranslatedMatchChoices($locale: LocaleInputType!) {${PICKABLE_FIELDS.replaceAll('__LOCALE__', ', locale: $locale')}
}`

/*
 * Search (/search, /de/search): the hits of one kind (or all) for a page of results, and the counts of
 * every kind beside them, in one request. Suggestions as one types (the search box, _components/SearchBox.tsx)
 * are asked for from the browser, over GET so the server's response cache and the browser can keep them.
 */
const SEARCH_FIELDS = `
  everything: searchCatalog(text: $text, limit: 1__LOCALE__) { totalDocs ranking counts { collection totalDocs } }
  results: searchCatalog(text: $text, collections: $collections, page: $page, limit: 10__LOCALE__) {
    totalDocs
    page
    totalPages
    hasNextPage
    ranking
    docs { collection id slug title score matchedOn highlight }
  }`

export const SEARCH_QUERY = /* GraphQL */ `query Search($text: String!, $collections: [String!], $page: Int) {${SEARCH_FIELDS.replaceAll('__LOCALE__', '')}
}`

export const TRANSLATED_SEARCH_QUERY = /* GraphQL */ `query TranslatedSearch($text: String!, $collections: [String!], $page: Int, $locale: LocaleInputType!) {${SEARCH_FIELDS.replaceAll('__LOCALE__', ', locale: $locale')}
}`

export const SUGGEST_QUERY = /* GraphQL */ `query Suggest($prefix: String!, $locale: LocaleInputType) {
  suggestCatalog(prefix: $prefix, limit: 8, locale: $locale) { suggestions { collection slug text title matchedOn } }
}`
