/** Plugin options: validated when the config is built, `disabled` and `seed` doing what they say. */
import type { CollectionConfig, Config } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { roleCatalogPlugin } from '../src/index.js'
import { startSite, type TestSite } from './helpers/setup.js'

/** A Standard Webhooks secret: whsec_ and 32 bytes in base64. */
const WHSEC = `whsec_${Buffer.alloc(32, 7).toString('base64')}`

const apply = (options: unknown, config: Partial<Config> = {}) =>
  roleCatalogPlugin(options as never)({ collections: [], ...config } as Config)

describe('option validation', () => {
  it.each([
    [{ seed: 'yes' }, /`seed`: .*boolean/],
    [{ disabled: 1 }, /`disabled`: .*boolean/],
    [{ seeed: true }, /`options`.*unknown: seeed/],
    [{ overrides: { role: {} } }, /`overrides`.*unknown: role/],
    [{ overrides: { roles: { slug: 'Job Roles' } } }, /`overrides\.roles\.slug`: must be lower-case/],
    [{ overrides: { skills: { fields: [] } } }, /`overrides\.skills\.fields`: must be a function/],
    [{ overrides: { skills: { access: { read: 'public' } } } }, /`overrides\.skills\.access\.read`/],
    [{ overrides: { skills: { hooks: { afterChange: () => {} } } } }, /`overrides\.skills\.hooks\.afterChange`/],
    // Versions and drafts are the catalogue's schema (drafts, the delete guard, previews rely on them): not an override.
    [{ overrides: { roles: { versions: false } } }, /`overrides\.roles`.*unknown: versions/],
    [{ overrides: { skills: { slug: 'roles' } } }, /`overrides\.roles\.slug`: "roles" is already used by skills|`overrides\.skills\.slug`/],
    [{ changeNotifications: { secrets: ['long-enough-secret-value'], urls: ['https://example.com/hook'] } }, /`changeNotifications\.secrets\.0`: must start with "whsec_"/],
    [{ changeNotifications: { secrets: [WHSEC, 'whsec_c2hvcnQ='], urls: ['https://example.com/hook'] } }, /`changeNotifications\.secrets\.1`: must hold 24 to 64 bytes/],
    [{ changeNotifications: { secrets: [], urls: ['https://example.com/hook'] } }, /`changeNotifications\.secrets`: must list at least one/],
    [{ changeNotifications: { secret: WHSEC, urls: ['https://example.com/hook'] } }, /`changeNotifications\.secret`: replaced by `secrets`/],
    [{ changeNotifications: { secrets: [WHSEC], urls: ['ftp://example.com'] } }, /`changeNotifications\.urls\.0`: must be an http\(s\) URL/],
    [{ changeNotifications: { keepDeliveredDays: Infinity, secrets: [WHSEC], urls: ['https://example.com/hook'] } }, /`changeNotifications\.keepDeliveredDays`/],
    [{ changeNotifications: { keepDeliveredDays: 0, secrets: [WHSEC], urls: ['https://example.com/hook'] } }, /`changeNotifications\.keepDeliveredDays`/],
    [{ changeNotifications: { keepDeliveredDays: true, secrets: [WHSEC], urls: ['https://example.com/hook'] } }, /`changeNotifications\.keepDeliveredDays`/],
    [{ changeNotifications: { secrets: [WHSEC], urls: [] } }, /`changeNotifications\.urls`/],
    [{ changeNotifications: { secrets: [WHSEC], slug: 'Deliveries', urls: ['https://example.com/hook'] } }, /`changeNotifications\.slug`: must be lower-case/],
    [{ instanceSync: { channel: 'Role Catalog' } }, /`instanceSync\.channel`: must be a lower-case identifier/],
    [{ instanceSync: true }, /`instanceSync`/],
  ])('%j fails naming the option', (options, message) => {
    expect(() => apply(options)).toThrow(message)
    expect(() => apply(options)).toThrow(/^roleCatalogPlugin: invalid option/)
  })

  it("refuses a slug the host already uses, naming the option to change", () => {
    const hostRoles: CollectionConfig = { slug: 'roles', fields: [] }
    expect(() => apply({}, { collections: [hostRoles] })).toThrow(
      /`overrides\.roles\.slug`: the site already has a collection "roles"/,
    )
    expect(() => apply({ overrides: { roles: { slug: 'job-roles' } } }, { collections: [hostRoles] })).not.toThrow()
  })

  it("refuses an outbox slug that is already a collection's", () => {
    const notifications = (slug: string) => ({ changeNotifications: { secrets: [WHSEC], slug, urls: ['https://example.com/hook'] } })
    expect(() => apply(notifications('users'), { collections: [{ slug: 'users', fields: [] }] })).toThrow(/`changeNotifications\.slug`: "users" is already/)
    expect(() => apply(notifications('skills'))).toThrow(/`changeNotifications\.slug`: "skills" is already/)
    const config = apply(notifications('webhook-deliveries'))
    expect(config.collections!.map((collection) => collection.slug)).toContain('webhook-deliveries')
    expect(config.jobs?.tasks?.map((task) => task.slug)).toContain('roleCatalogDeliverChangeNotifications')
  })

  it('builds every relationship and join from the resolved slugs', () => {
    const config = apply({ overrides: { roles: { slug: 'job-roles' }, skills: { slug: 'competencies' } } })
    const json = JSON.stringify(config.collections, (_key, value) => (typeof value === 'function' ? undefined : value))
    expect(json).not.toMatch(/"relationTo":"(roles|skills)"/)
    expect(json).not.toMatch(/"collection":"roles"/)
    expect(json).toContain('"relationTo":"competencies"')
    expect(json).toContain('"collection":"job-roles"')
  })

  it('keeps the same collections and fields when disabled, without hooks or init work', () => {
    const fieldsOf = (config: Config) =>
      JSON.stringify(config.collections, (_key, value) => (typeof value === 'function' ? 'fn' : value))
    const enabled = apply({ seed: true })
    const disabled = apply({ disabled: true, seed: true })
    expect(disabled.collections!.map((c) => c.slug)).toEqual(enabled.collections!.map((c) => c.slug))
    // Hooks and endpoints are behaviour, which `disabled` leaves out; everything else is schema.
    const strip = (config: Config) =>
      fieldsOf({ ...config, collections: config.collections!.map(({ endpoints: _endpoints, hooks: _hooks, ...rest }) => rest) })
    expect(strip(disabled)).toEqual(strip(enabled))
    expect(disabled.onInit).toBeUndefined()
    expect(typeof enabled.onInit).toBe('function')
  })
})

describe('seed: true', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'options_seed', plugin: { seed: true } })
  })
  afterAll(async () => site?.stop())

  it('seeds the article on init', async () => {
    const { body } = await site.graphql(`{ Roles(sort: "title") { docs { slug } } Skills { totalDocs } }`)
    expect(body.data.Roles.docs.map((role: any) => role.slug)).toEqual(['project-manager', 'technical-project-manager'])
    expect(body.data.Skills.totalDocs).toBe(7)
  })
})

describe('disabled: true', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'options_disabled', plugin: { disabled: true, seed: true } })
  })
  afterAll(async () => site?.stop())

  it('keeps the collections (and their tables) but seeds nothing', async () => {
    const tables = await site.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_name in ('roles', 'skills', 'certifications', 'responsibilities', 'roles_skills')`,
    )
    expect(tables.map((row) => row.table_name).sort()).toEqual(['certifications', 'responsibilities', 'roles', 'roles_skills', 'skills'])
    const { body } = await site.graphql(`{ Roles { totalDocs } }`)
    expect(body.data.Roles.totalDocs).toBe(0)
  })
})

describe('a host with GraphQL turned off (`graphQL: { disable: true }`)', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { graphQL: { disable: true } }, name: 'options_graphql_off', plugin: { seed: true } })
  })
  afterAll(async () => site?.stop())

  it('starts, answers no GraphQL, and serves the catalogue over REST', async () => {
    expect((await site.graphql(`{ roleBySlug(slug: "project-manager") { title } }`)).status).toBe(404)
    const compare = await site.rest.get('/roles/compare?a=project-manager&b=technical-project-manager')
    expect(compare.status).toBe(200)
    expect(compare.body.bBuildsOnA).toBe(true)
    const jsonLd = await site.rest.get('/roles/project-manager/jsonld')
    expect(jsonLd.status).toBe(200)
    expect(jsonLd.body.name).toBe('Project Manager')
    const search = await site.rest.get('/roles/search?text=leadership')
    expect(search.body.docs[0].slug).toBe('leadership')
  })
})
