/**
 * A host site that already has a `roles` collection (permission roles) installs the catalogue as
 * `job-roles`, adds a field of its own and keeps everything it had.
 */
import type { CollectionConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const PermissionRoles: CollectionConfig = {
  slug: 'roles',
  access: { read: () => true },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'permissions', type: 'select', hasMany: true, options: ['read', 'write', 'admin'] },
  ],
}

describe('slug and field overrides next to a host `roles` collection', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      collections: [PermissionRoles],
      name: 'overrides',
      plugin: {
        overrides: {
          roles: {
            admin: { group: 'Careers' },
            fields: ({ defaultFields }) => [
              ...defaultFields,
              { name: 'salaryBand', type: 'text', admin: { description: 'Host-specific band, e.g. "B3".' } },
            ],
            slug: 'job-roles',
          },
        },
      },
    })
    await site.payload.create({ collection: 'roles', data: { name: 'Administrator', permissions: ['admin'] } })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it("leaves the host's own roles collection and its GraphQL type untouched", async () => {
    const { body } = await site.graphql(`{ Roles { docs { name permissions } } }`)
    expect(body.errors).toBeUndefined()
    expect(body.data.Roles.docs).toEqual([{ name: 'Administrator', permissions: ['admin'] }])
    const rest = await site.rest.get('/roles')
    expect(rest.body.docs.map((doc: any) => doc.name)).toEqual(['Administrator'])
  })

  it('serves the catalogue under JobRoles, with links, joins and the added field', async () => {
    const token = await site.login()
    const { docs } = await site.payload.find({ collection: 'job-roles', where: { slug: { equals: 'project-manager' } } })
    await site.rest.patch(`/job-roles/${docs[0]!.id}`, { body: { salaryBand: 'B3' }, token })

    const { body } = await site.graphql(`{
      JobRoles(where: { slug: { equals: "project-manager" } }) {
        docs { title salaryBand skills { requirement skill { slug } } builtOnBy { docs { slug } } }
      }
      Skills(where: { slug: { equals: "communication" } }) { docs { roles { docs { slug } } } }
    }`)
    expect(body.errors).toBeUndefined()
    const pm = body.data.JobRoles.docs[0]
    expect(pm.title).toBe('Project Manager')
    expect(pm.salaryBand).toBe('B3')
    expect(pm.skills.map((link: any) => link.skill.slug).sort()).toEqual(['communication', 'leadership', 'organizational-skills'])
    expect(pm.builtOnBy.docs).toEqual([{ slug: 'technical-project-manager' }])
    expect(body.data.Skills.docs[0].roles.docs.map((doc: any) => doc.slug).sort()).toEqual([
      'project-manager',
      'technical-project-manager',
    ])

    const rest = await site.rest.get('/job-roles?where[slug][equals]=project-manager&depth=1')
    expect(rest.body.docs[0].salaryBand).toBe('B3')
    expect(rest.body.docs[0].skills[0].skill.slug).toBe('leadership')
  })

  it('keeps its tables apart from the host ones', async () => {
    const tables = await site.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_name like '%roles%' order by 1`,
    )
    const names = tables.map((row) => row.table_name)
    expect(names).toContain('roles')
    expect(names).toContain('job_roles')
    expect(names).toContain('job_roles_skills')
    const columns = await site.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'roles' order by 1`,
    )
    expect(columns.map((row) => row.column_name)).toEqual(['created_at', 'id', 'name', 'updated_at'])
  })
})

/**
 * A host whose own collections have the GraphQL names the catalogue's types would take
 * (`role-comparisons` → `RoleComparison`, `role-matches` → `RoleMatch`/`RoleMatches`,
 * `catalog-search-hits` → `CatalogSearchHit`): GraphQL refuses a schema with two types of one name,
 * which would take the host's own queries down too. The host keeps its names; the catalogue's
 * types of those names are renamed, and the log says so.
 */
describe('host collections named like the catalogue\'s GraphQL types', () => {
  let site: TestSite
  const warnings: string[] = []
  const hostCollection = (slug: string): CollectionConfig => ({
    slug,
    access: { read: () => true },
    fields: [{ name: 'label', type: 'text' }],
  })
  beforeAll(async () => {
    site = await startSite({
      collections: [hostCollection('role-comparisons'), hostCollection('role-matches'), hostCollection('catalog-search-hits')],
      config: {
        logger: {
          destination: { write: (line: string) => void warnings.push(...[JSON.parse(line)].filter((entry) => entry.level === 40).map((entry) => entry.msg)) } as never,
          options: { level: 'warn' },
        },
      },
      name: 'overrides_type_names',
      plugin: { seed: true },
    })
    await site.payload.create({ collection: 'role-comparisons' as never, data: { label: 'Host comparison' } as never })
  })
  afterAll(async () => site?.stop())

  it("answers the host's queries with the host's types, and the catalogue's queries beside them", async () => {
    const { body } = await site.graphql(`{
      RoleComparisons { docs { label } }
      RoleMatches { totalDocs }
      CatalogSearchHits { totalDocs }
      compareRoles(a: "project-manager", b: "technical-project-manager") { __typename bBuildsOnA }
      matchRoles(skills: ["leadership"]) { __typename totalDocs docs { __typename role { slug } } }
      searchCatalog(text: "leadership") { docs { __typename slug } }
      host: __type(name: "RoleComparison") { fields { name } }
    }`)
    expect(body.errors).toBeUndefined()
    expect(body.data.RoleComparisons.docs).toEqual([{ label: 'Host comparison' }])
    // The host's types keep their names and fields.
    expect(body.data.host.fields.map((field: { name: string }) => field.name)).toContain('label')
    expect(body.data.compareRoles).toEqual({ __typename: 'CatalogRoleComparison', bBuildsOnA: true })
    expect(body.data.matchRoles.__typename).toBe('CatalogRoleMatches')
    expect(body.data.matchRoles.docs[0].__typename).toBe('CatalogRoleMatch')
    expect(body.data.matchRoles.docs.map((doc: { role: { slug: string } }) => doc.role.slug).sort()).toEqual(['project-manager', 'technical-project-manager'])
    expect(body.data.searchCatalog.docs[0]).toEqual({ __typename: 'CatalogCatalogSearchHit', slug: 'leadership' })
    // Types without a host namesake keep their names.
    const kept = await site.graphql(`{ __type(name: "RoleComparisonDimension") { name } }`)
    expect(kept.body.data.__type).toEqual({ name: 'RoleComparisonDimension' })
  })

  it('says in the log which catalogue types were renamed', () => {
    expect(warnings).toEqual(
      expect.arrayContaining([
        'role catalog: the site\'s GraphQL schema already has a type "RoleComparison"; the catalogue\'s type of that name is called "CatalogRoleComparison" on this site',
        'role catalog: the site\'s GraphQL schema already has a type "RoleMatches"; the catalogue\'s type of that name is called "CatalogRoleMatches" on this site',
      ]),
    )
  })
})
