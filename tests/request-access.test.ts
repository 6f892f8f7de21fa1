/**
 * What the plugin does on behalf of a request runs with the caller's rights: every Local API call
 * the plugin's code makes while serving REST or GraphQL passes `req`, `user` and
 * `overrideAccess: false`; and anonymous callers change nothing through any route, the plugin's own
 * endpoints included.
 */
import type { Payload } from 'payload'

import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const pluginSources = fileURLToPath(new URL('../src/', import.meta.url))
const localApi = ['count', 'create', 'delete', 'find', 'findByID', 'findDistinct', 'findVersionByID', 'findVersions', 'update'] as const

type Recorded = { args: Record<string, any>; method: string; site: string }

/** Wraps the Local API so every call made from the plugin's own source files is recorded. */
const recordPluginCalls = (payload: Payload) => {
  const calls: Recorded[] = []
  for (const method of localApi) {
    const original = (payload as any)[method].bind(payload)
    ;(payload as any)[method] = (args: Record<string, any>) => {
      const frame = new Error().stack?.split('\n').slice(2).find((line) => line.includes(pluginSources))
      if (frame) calls.push({ args, method, site: frame.trim() })
      return original(args)
    }
  }
  return calls
}

describe('on behalf of a request', () => {
  let site: TestSite
  let calls: Recorded[]
  let token: string
  let ids: Record<string, number>

  beforeAll(async () => {
    site = await startSite({ name: 'request_access' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    token = await site.login()
    const rows = await site.query<{ id: number; slug: string }>(
      `select id, slug from skills union all select id, slug from roles`,
    )
    ids = Object.fromEntries(rows.map((row) => [row.slug, row.id]))
    calls = recordPluginCalls(site.payload)
  })
  afterAll(async () => site?.stop())

  it('passes req, user and overrideAccess: false in every Local API call the plugin makes', async () => {
    for (const caller of [undefined, token]) {
      await site.rest.get('/roles/compare?a=project-manager&b=technical-project-manager', { token: caller })
      await site.rest.get('/roles/technical-project-manager/jsonld', { token: caller })
      await site.rest.get(`/roles?depth=2&${new URLSearchParams({ 'where[skills.skill.name][equals]': 'Leadership' })}`, { token: caller })
      await site.rest.get(`/skills/${ids.leadership}?depth=1`, { token: caller })
      await site.rest.get('/roles/search?text=sofware%20develper&draft=true', { token: caller })
      await site.rest.get('/roles/suggest?prefix=proj', { token: caller })
      await site.graphql(
        `{
          compareRoles(a: "project-manager", b: "technical-project-manager") { skills { shared { slug } } }
          roleBySlug(slug: "technical-project-manager") { title jsonLd skills { skill { name } } }
          Roles { docs { slug skills { skill { name roles { docs { slug } } } } } }
          searchCatalog(text: "leadership", draft: true) { docs { slug } }
        }`,
        {},
        caller,
      )
    }
    // writes an editor makes, with the plugin's hooks on the way
    const created = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Facilitation' }, token })
    expect(created.status).toBe(201)
    await site.rest.delete(`/skills/${ids.leadership}`, { token })
    await site.rest.delete(`/skills/${created.body.doc.id}`, { token })

    expect(calls.length).toBeGreaterThan(10)
    const offending = calls
      .filter(({ args }) => !args.req || args.overrideAccess !== false || !('user' in args) || args.user !== args.req.user)
      .map(({ args, method, site: where }) => `${method} at ${where} (overrideAccess: ${args.overrideAccess}, user: ${'user' in args})`)
    expect(offending).toEqual([])
  })

  it('lets anonymous callers change nothing, through any route the plugin adds or Payload has', async () => {
    const before = await catalogRowCounts(site)
    const attempts = [
      site.rest.post('/roles/compare?a=project-manager&b=technical-project-manager', { body: {} }),
      site.rest.patch('/roles/technical-project-manager/jsonld', { body: { title: 'x' } }),
      site.rest.delete('/roles/technical-project-manager/jsonld'),
      site.rest.post('/roles', { body: { title: 'Anonymous role' } }),
      site.rest.patch(`/roles/${ids['project-manager']}`, { body: { title: 'x' } }),
      site.rest.patch(`/roles?where[slug][equals]=project-manager`, { body: { title: 'x' } }),
      site.rest.delete(`/roles/${ids['project-manager']}`),
      site.rest.delete(`/skills?where[slug][equals]=leadership`),
      site.rest.post(`/roles/${ids['project-manager']}/versions`, { body: {} }),
      site.rest.post('/roles/search?text=manager', { body: {} }),
      site.rest.delete('/roles/suggest?prefix=man'),
    ]
    const statuses = (await Promise.all(attempts)).map((response) => response.status)
    for (const status of statuses) {
      expect(status).toBeGreaterThanOrEqual(400)
      expect(status).toBeLessThan(500)
    }
    const graphql = await site.graphql(`mutation {
      updateRole(id: ${ids['project-manager']}, data: { title: "x" }) { id }
      deleteSkill(id: ${ids.leadership}) { id }
      createCertification(data: { name: "Fake" }) { id }
    }`)
    expect(graphql.body.errors!.map((error: any) => error.extensions.statusCode)).toEqual([403, 403, 403])
    expect(await catalogRowCounts(site)).toEqual(before)
  })
})
