/*
 * The queries the example frontend sends, verbatim (docs/frontend.md and docs/examples/ show their
 * answers). In a module of their own, without React or fetch, so `npm run bench` measures exactly
 * these queries.
 */

export const ROLE_LIST_QUERY = /* GraphQL */ `query RoleList {
  Roles(limit: 100, sort: "title") {
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
  }
}`

export const SKILLS_WITH_ROLES_QUERY = /* GraphQL */ `query SkillsWithRoles {
  Skills(limit: 100, sort: "name") {
    docs {
      slug
      name
      kind
      roles { docs { slug title abbreviation } }
    }
  }
}`

// `$draft`: set only by a page in draft mode (an editor's preview); without it, the published role.
export const ROLE_PAGE_QUERY = /* GraphQL */ `query RolePage($slug: String!, $draft: Boolean) {
  roleBySlug(slug: $slug, draft: $draft) {
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
    externalCodes { scheme code label uri match source }
    jsonLd
  }
}`

const comparisonDimension = `{
      shared { slug label kind abbreviation a { requirement note level } b { requirement note level } }
      onlyA { slug label kind abbreviation requirement note level }
      onlyB { slug label kind abbreviation requirement note level }
    }`

export const COMPARE_QUERY = /* GraphQL */ `query Compare($a: String!, $b: String!, $draft: Boolean) {
  compareRoles(a: $a, b: $b, draft: $draft) {
    a { _status slug title abbreviation summary jsonLd }
    b { _status slug title abbreviation summary jsonLd }
    aBuildsOnB
    bBuildsOnA
    responsibilities ${comparisonDimension}
    skills ${comparisonDimension}
    certifications ${comparisonDimension}
    qualifications ${comparisonDimension}
    experience ${comparisonDimension}
  }
}`
