/**
 * Small editor actions over the real REST handlers, shared by the drafts, delete-guard and
 * locale tests.
 * Each returns the handler's status and body, so a test can assert a refusal as easily as a success.
 */
import { expect } from 'vitest'

import type { TestSite } from './setup.js'

export type ID = number | string

/** The document as an editor sees it in the admin: its latest draft when there is one. */
export const latest = async (site: TestSite, collection: string, id: ID) => {
  const response = await site.rest.get(`/${collection}/${id}?depth=0&draft=true`, { token: await site.login() })
  expect(response.status).toBe(200)
  return response.body
}

export const bySlug = async (site: TestSite, collection: string, slug: string) => {
  const { docs } = await site.payload.find({
    collection: collection as 'roles',
    depth: 0,
    draft: true,
    limit: 1,
    where: { slug: { equals: slug } },
  })
  expect(docs, `${collection} ${slug}`).toHaveLength(1)
  return docs[0] as unknown as { id: ID; [key: string]: unknown }
}

/** PATCH as the editor: `draft` saves a draft (versions only for a published document); otherwise publishes. */
export const save = async (
  site: TestSite,
  collection: string,
  id: ID,
  data: Record<string, unknown>,
  { draft }: { draft: boolean },
) =>
  site.rest.patch(`/${collection}/${id}?depth=0${draft ? '&draft=true' : ''}`, {
    body: { ...data, _status: draft ? 'draft' : 'published' },
    token: await site.login(),
  })

export const create = async (
  site: TestSite,
  collection: string,
  data: Record<string, unknown>,
  { draft }: { draft: boolean },
) =>
  site.rest.post(`/${collection}?depth=0${draft ? '&draft=true' : ''}`, {
    body: { ...data, _status: draft ? 'draft' : 'published' },
    token: await site.login(),
  })

/** Adds a skill link to a role's latest content and saves it as a draft or publishes it. */
export const linkSkill = async (
  site: TestSite,
  roleID: ID,
  skillID: ID,
  { draft, requirement = 'required' }: { draft: boolean; requirement?: string },
) => {
  const role = await latest(site, 'roles', roleID)
  const response = await save(
    site,
    'roles',
    roleID,
    { skills: [...role.skills, { requirement, skill: skillID }] },
    { draft },
  )
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.doc
}

/** Every `skill` value a role response carries, as IDs, whether populated or not. */
export const skillIDs = (role: { skills?: { skill: unknown }[] }): ID[] =>
  (role.skills ?? []).map(({ skill }) =>
    typeof skill === 'object' && skill !== null ? (skill as { id: ID }).id : (skill as ID),
  )

/** Row counts of the catalogue's main and link tables, to prove that a refused request wrote nothing. */
export const catalogRowCounts = async (site: TestSite, rolesSlug = 'roles') => {
  const tables = [
    rolesSlug,
    'responsibilities',
    'certifications',
    'skills',
    `${rolesSlug}_skills`,
    `${rolesSlug}_responsibilities`,
    `${rolesSlug}_certifications`,
    `${rolesSlug}_rels`,
    `_${rolesSlug}_v`,
    '_skills_v',
  ].map((name) => name.replace(/-/g, '_'))
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const [row] = await site.query<{ n: string }>(`select count(*) as n from "${table}"`)
    counts[table] = Number(row!.n)
  }
  return counts
}

/**
 * The four collections with the field that names a document and what a new one needs besides it
 * (a skill its kind): for tests that create one of each.
 */
export const namedCollections = [
  { data: { kind: 'soft' }, name: 'name', slug: 'skills' },
  { data: {}, name: 'name', slug: 'certifications' },
  { data: {}, name: 'title', slug: 'responsibilities' },
  { data: {}, name: 'title', slug: 'roles' },
] as const
