/** Default access: anonymous readers see published content and can change nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

describe('default access', () => {
  let site: TestSite
  let tpmId: number
  let skillId: number

  beforeAll(async () => {
    site = await startSite({
      collections: [{ slug: 'customers', auth: true, fields: [] }],
      name: 'access',
    })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    tpmId = (await site.payload.find({ collection: 'roles', where: { slug: { equals: 'technical-project-manager' } } })).docs[0]!.id as number
    skillId = (await site.payload.find({ collection: 'skills', where: { slug: { equals: 'leadership' } } })).docs[0]!.id as number
  })
  afterAll(async () => site?.stop())

  it('refuses anonymous REST create, update and delete and changes nothing', async () => {
    const before = await catalogRowCounts(site)
    const created = await site.rest.post('/roles', { body: { title: 'Intruder' } })
    const updated = await site.rest.patch(`/roles/${tpmId}`, { body: { title: 'Defaced' } })
    const deleted = await site.rest.delete(`/skills/${skillId}`)
    const bulkDeleted = await site.rest.delete(`/skills?where[id][exists]=true`)
    expect([created.status, updated.status, deleted.status]).toEqual([403, 403, 403])
    expect(created.body.errors[0].message).toMatch(/not allowed/i)
    expect(bulkDeleted.status).toBe(403)
    expect(await catalogRowCounts(site)).toEqual(before)
    const tpm = await site.payload.findByID({ collection: 'roles', id: tpmId })
    expect(tpm.title).toBe('Technical Project Manager')
  })

  it('refuses anonymous GraphQL mutations and changes nothing', async () => {
    const before = await catalogRowCounts(site)
    const { body } = await site.graphql(`mutation {
      createSkill(data: { name: "Intrusion", kind: soft }) { id }
      updateRole(id: ${tpmId}, data: { title: "Defaced" }) { id }
      deleteSkill(id: ${skillId}) { id }
    }`)
    expect(body.errors!.map((error: any) => error.extensions.statusCode)).toEqual([403, 403, 403])
    expect(body.errors!.map((error: any) => error.path[0]).sort()).toEqual(['createSkill', 'deleteSkill', 'updateRole'])
    expect(await catalogRowCounts(site)).toEqual(before)
  })

  it('refuses writes from users of an auth collection other than the admin one', async () => {
    await site.payload.create({ collection: 'customers', data: { email: 'c@example.com', password: 'customer-pass' } })
    const { token } = await site.payload.login({ collection: 'customers', data: { email: 'c@example.com', password: 'customer-pass' } })
    const created = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Customer skill' }, token })
    expect(created.status).toBe(403)
  })

  it('hides drafts from anonymous readers and shows them to editors', async () => {
    const token = await site.login()
    const draft = await site.rest.post('/roles?draft=true', { body: { _status: 'draft', title: 'Delivery Manager' }, token })
    expect(draft.status).toBe(201)
    expect(draft.body.doc.slug).toBe('delivery-manager')

    const anonymous = await site.rest.get('/roles?depth=0&draft=true')
    expect(anonymous.body.docs.map((role: any) => role.slug).sort()).toEqual(['project-manager', 'technical-project-manager'])
    const anonymousById = await site.rest.get(`/roles/${draft.body.doc.id}`)
    expect(anonymousById.status).toBe(404)
    const graphql = await site.graphql(`{ Roles(draft: true) { docs { slug } } }`)
    expect(graphql.body.data.Roles.docs.map((role: any) => role.slug)).not.toContain('delivery-manager')

    const editor = await site.rest.get('/roles?depth=0&draft=true', { token })
    expect(editor.body.docs.map((role: any) => role.slug)).toContain('delivery-manager')
  })

  it('lets a logged-in editor create, update and delete', async () => {
    const token = await site.login()
    const created = await site.rest.post('/skills', { body: { _status: 'published', kind: 'technical', name: 'Agile delivery' }, token })
    expect(created.status).toBe(201)
    const updated = await site.rest.patch(`/skills/${created.body.doc.id}`, { body: { description: 'Iterative delivery.' }, token })
    expect(updated.status).toBe(200)
    expect(updated.body.doc.slug).toBe('agile-delivery')
    const deleted = await site.rest.delete(`/skills/${created.body.doc.id}`, { token })
    expect(deleted.status).toBe(200)
    expect((await site.query('select count(*)::int as n from skills where slug = $1', ['agile-delivery']))[0].n).toBe(0)
  })
})

describe('access passed through overrides', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'access_override',
      plugin: {
        overrides: {
          skills: {
            access: {
              // e.g. a host where only users flagged as catalogue editors may add skills
              create: ({ req }) => Boolean(req.user && (req.user as { email?: string }).email?.endsWith('@catalogue.example')),
              read: () => true,
            },
          },
        },
      },
    })
  })
  afterAll(async () => site?.stop())

  it("applies the host's function instead of the default and keeps the other defaults", async () => {
    const token = await site.login()
    const refused = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Tact' }, token })
    expect(refused.status).toBe(403)
    await site.payload.create({ collection: 'users', data: { email: 'lead@catalogue.example', password: 'lead-password' } })
    const { token: leadToken } = await site.payload.login({ collection: 'users', data: { email: 'lead@catalogue.example', password: 'lead-password' } })
    const allowed = await site.rest.post('/skills', { body: { _status: 'draft', kind: 'soft', name: 'Tact' }, token: leadToken })
    expect(allowed.status).toBe(201)
    // read: () => true from the host also shows drafts to anonymous readers
    const anonymous = await site.rest.get('/skills?draft=true')
    expect(anonymous.body.docs.map((skill: any) => skill.slug)).toEqual(['tact'])
    // update keeps the plugin's default: anonymous refused
    const update = await site.rest.patch(`/skills/${allowed.body.doc.id}`, { body: { name: 'x' } })
    expect(update.status).toBe(403)
  })
})
