import { cache } from 'react'

import { graphql } from './graphql.js'

/*
 * The queries this frontend sends, verbatim (README "For frontend developers" shows their answers).
 * Types are written by hand to keep the example small; a real frontend would generate them from
 * dev/schema.graphql.
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

export const ROLE_PAGE_QUERY = /* GraphQL */ `query RolePage($slug: String!) {
  roleBySlug(slug: $slug) {
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

export const COMPARE_QUERY = /* GraphQL */ `query Compare($a: String!, $b: String!) {
  compareRoles(a: $a, b: $b) {
    a { slug title abbreviation summary jsonLd }
    b { slug title abbreviation summary jsonLd }
    aBuildsOnB
    bBuildsOnA
    responsibilities ${comparisonDimension}
    skills ${comparisonDimension}
    certifications ${comparisonDimension}
    qualifications ${comparisonDimension}
    experience ${comparisonDimension}
  }
}`

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

export type RolePage = Ref & {
  abbreviation: null | string
  buildsOn: Ref[] | null
  builtOnBy: { docs: Ref[] } | null
  certifications: (Link & { certification: { abbreviation: null | string; name: string; slug: string } | null })[] | null
  experience: (Link & { area: string; kind: string; slug: string })[] | null
  externalCodes: { code: null | string; label: string; match: string; scheme: string; source: null | string; uri: null | string }[] | null
  focus: null | string
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
type ComparedRole = Ref & { abbreviation: null | string; jsonLd: Record<string, unknown> | null; summary: null | string }
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

// React's cache(): the layout (JSON-LD in <head>) and the page share one HTTP request per render.
export const loadRoleList = cache(async () => (await graphql<{ Roles: { docs: RoleListItem[] } }>(ROLE_LIST_QUERY))?.Roles.docs ?? [])
export const loadSkillsWithRoles = cache(
  async () => (await graphql<{ Skills: { docs: SkillWithRoles[] } }>(SKILLS_WITH_ROLES_QUERY))?.Skills.docs ?? [],
)
export const loadRole = cache(async (slug: string) => (await graphql<{ roleBySlug: RolePage }>(ROLE_PAGE_QUERY, { slug }))?.roleBySlug ?? null)
export const loadComparison = cache(
  async (a: string, b: string) => (await graphql<{ compareRoles: Comparison }>(COMPARE_QUERY, { a, b }))?.compareRoles ?? null,
)
