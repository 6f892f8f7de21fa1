/**
 * Deleting a skill, certification or responsibility that a role links is refused (409, naming the
 * roles) through the real REST and GraphQL handlers; unused items delete normally; with
 * `disabled: true` the plugin adds no such rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { bySlug, create, type ID, latest, linkSkill, save } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const linkRowCount = async (site: TestSite) => {
  const counts: Record<string, number> = {}
  for (const table of ['roles_skills', 'roles_responsibilities', 'roles_certifications', '_roles_v_version_skills']) {
    counts[table] = Number((await site.query<{ n: string }>(`select count(*) as n from "${table}"`))[0]!.n)
  }
  return counts
}

const exists = async (site: TestSite, table: string, id: ID) =>
  (await site.query(`select id from "${table}" where id = $1`, [id])).length === 1

describe('deleting an item that roles link', () => {
  let site: TestSite
  let token: string

  beforeAll(async () => {
    site = await startSite({ name: 'delete_guard' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  it('is refused with 409 naming the roles, and nothing is removed (REST)', async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const before = await linkRowCount(site)
    const response = await site.rest.delete(`/skills/${leadership.id}`, { token })
    expect(response.status).toBe(409)
    expect(response.body.errors![0].message).toBe(
      'This skill cannot be deleted: 2 roles "Project Manager", "Technical Project Manager" still link it. Remove it from those roles first.',
    )
    expect(await exists(site, 'skills', leadership.id)).toBe(true)
    expect(await linkRowCount(site)).toEqual(before)
  })

  it('covers responsibilities and certifications, one linking role', async () => {
    const risk = await bySlug(site, 'responsibilities', 'risk-assessment')
    const response = await site.rest.delete(`/responsibilities/${risk.id}`, { token })
    expect(response.status).toBe(409)
    expect(response.body.errors![0].message).toBe(
      'This responsibility cannot be deleted: the role "Technical Project Manager" still links it. Remove it from that role first.',
    )
    const pmp = await bySlug(site, 'certifications', 'pmp')
    const refused = await site.rest.delete(`/certifications/${pmp.id}`, { token })
    expect(refused.status).toBe(409)
    expect(refused.body.errors![0].message).toMatch(/^This certification cannot be deleted: .*"Technical Project Manager"/)
    expect(await exists(site, 'responsibilities', risk.id)).toBe(true)
    expect(await exists(site, 'certifications', pmp.id)).toBe(true)
  })

  it('is refused over GraphQL with extensions.statusCode 409', async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const { body } = await site.graphql(`mutation ($id: Int!) { deleteSkill(id: $id) { id } }`, { id: leadership.id }, token)
    expect(body.errors![0].message).toMatch(/^This skill cannot be deleted: 2 roles "Project Manager", "Technical Project Manager"/)
    expect(body.errors![0].extensions.statusCode).toBe(409)
    expect(await exists(site, 'skills', leadership.id)).toBe(true)
  })

  it('is refused in a bulk delete too, with the reason per item', async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const response = await site.rest.delete(`/skills?where[id][in]=${leadership.id}`, { token })
    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      expect.objectContaining({ id: leadership.id, message: expect.stringMatching(/still link it/) }),
    ])
    expect(await exists(site, 'skills', leadership.id)).toBe(true)
  })

  it('counts a link that only a draft of a published role holds', async () => {
    const created = await create(site, 'skills', { name: 'Estimation', kind: 'technical' }, { draft: false })
    const skill = created.body.doc
    const pm = await bySlug(site, 'roles', 'project-manager')
    await linkSkill(site, pm.id, skill.id, { draft: true })

    const response = await site.rest.delete(`/skills/${skill.id}`, { token })
    expect(response.status).toBe(409)
    expect(response.body.errors![0].message).toBe(
      'This skill cannot be deleted: the role "Project Manager" (draft) still links it. Remove it from that role first.',
    )
    expect(response.body.errors![0].data.roles).toEqual([{ draft: true, id: pm.id, title: 'Project Manager' }])

    // The editor takes the link out again (a new draft without it): now the skill is unused.
    const draft = await latest(site, 'roles', pm.id)
    const withoutIt = draft.skills.filter((row: { skill: ID }) => row.skill !== skill.id)
    expect((await save(site, 'roles', pm.id, { skills: withoutIt }, { draft: true })).status).toBe(200)
    const deleted = await site.rest.delete(`/skills/${skill.id}`, { token })
    expect(deleted.status).toBe(200)
    expect(await exists(site, 'skills', skill.id)).toBe(false)
  })

  it('counts a never-published draft role', async () => {
    const created = await create(site, 'skills', { name: 'Facilitation', kind: 'soft' }, { draft: false })
    const skill = created.body.doc
    const role = await create(
      site,
      'roles',
      { title: 'Scrum Master', skills: [{ requirement: 'recommended', skill: skill.id }] },
      { draft: true },
    )
    expect(role.status).toBe(201)
    const response = await site.rest.delete(`/skills/${skill.id}`, { token })
    expect(response.status).toBe(409)
    expect(response.body.errors![0].message).toContain('the role "Scrum Master" still links it')
  })

  it('deletes an unused item normally', async () => {
    const created = await create(site, 'certifications', { name: 'PRINCE2' }, { draft: false })
    expect(created.status).toBe(201)
    const response = await site.rest.delete(`/certifications/${created.body.doc.id}`, { token })
    expect(response.status).toBe(200)
    expect(await exists(site, 'certifications', created.body.doc.id)).toBe(false)
    const { body } = await site.graphql(
      `mutation ($id: Int!) { deleteResponsibility(id: $id) { id } }`,
      { id: (await create(site, 'responsibilities', { title: 'Vendor Management' }, { draft: true })).body.doc.id },
      token,
    )
    expect(body.errors).toBeUndefined()
  })

  it('is not open to anonymous users in any case (403)', async () => {
    const created = await create(site, 'skills', { name: 'Unused Skill', kind: 'soft' }, { draft: false })
    const response = await site.rest.delete(`/skills/${created.body.doc.id}`)
    expect(response.status).toBe(403)
    expect(await exists(site, 'skills', created.body.doc.id)).toBe(true)
  })
})

describe('with the plugin disabled', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'delete_guard_disabled', plugin: { disabled: true } })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it("adds no delete rule: Payload's default empties the roles' link rows", async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const response = await site.rest.delete(`/skills/${leadership.id}`, { token: await site.login() })
    expect(response.status).toBe(200)
    // ON DELETE SET NULL: both roles keep a row whose skill is gone.
    const rows = await site.query('select _parent_id from roles_skills where skill_id is null order by _parent_id')
    expect(rows).toHaveLength(2)
  })
})
