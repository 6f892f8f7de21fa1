/**
 * Drafts never reach anonymous readers: not through filters or sorts on link paths, not through
 * `draft=true`, not as bare IDs in populated links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const slugsOf = (body: any) => body.docs.map((doc: any) => doc.slug).sort()

describe('draft leaks', () => {
  let site: TestSite
  let draftSkillId: number
  let pmId: number

  beforeAll(async () => {
    site = await startSite({ name: 'draft_leaks' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    const token = await site.login()
    const draft = await site.rest.post('/skills?draft=true', {
      body: { _status: 'draft', kind: 'technical', name: 'Secret Stack Expertise' },
      token,
    })
    expect(draft.status).toBe(201)
    draftSkillId = draft.body.doc.id
    pmId = (await site.query<{ id: number }>(`select id from roles where slug = 'project-manager'`))[0]!.id
    const pm = await site.rest.get(`/roles/${pmId}?depth=0`, { token })
    // The published PM links the draft skill...
    const linked = await site.rest.patch(`/roles/${pmId}`, {
      body: { _status: 'published', skills: [...pm.body.skills, { requirement: 'required', skill: draftSkillId }] },
      token,
    })
    expect(linked.status, JSON.stringify(linked.body)).toBe(200)
    // ...and has unpublished edits of its own.
    const drafted = await site.rest.patch(`/roles/${pmId}?draft=true`, {
      body: { _status: 'draft', title: 'Project Manager (unpublished rename)' },
      token,
    })
    expect(drafted.status).toBe(200)
  })
  afterAll(async () => site?.stop())

  it('does not find a published role by the name, slug or ID of a draft skill it links', async () => {
    for (const [key, value] of [
      ['where[skills.skill.name][equals]', 'Secret Stack Expertise'],
      ['where[skills.skill.name][like]', 'Secret'],
      ['where[skills.skill.slug][equals]', 'secret-stack-expertise'],
      ['where[skills.skill][equals]', String(draftSkillId)],
      ['where[skills.skill][in]', String(draftSkillId)],
      ['where[or][0][skills.skill.name][equals]', 'Secret Stack Expertise'],
      // Payload reads `__` in a path as a dot (GraphQL's spelling of nested paths).
      ['where[skills__skill__name][equals]', 'Secret Stack Expertise'],
      ['where[skills.skill__name][like]', 'Secret'],
      ['where[OR][0][skills__skill__slug][equals]', 'secret-stack-expertise'],
    ] as const) {
      const { body, status } = await site.rest.get(`/roles?depth=0&${new URLSearchParams({ [key]: value })}`)
      expect(status, key).toBe(200)
      expect(body.docs, key).toEqual([])
    }
    const graphql = await site.graphql(`{ Roles(where: { skills__skill__name: { equals: "Secret Stack Expertise" } }) { docs { slug } } }`)
    const viaGraphql = graphql.body.data?.Roles?.docs ?? []
    expect(viaGraphql).toEqual([])
  })

  it('still filters through links to published items, for anonymous readers too', async () => {
    const { body } = await site.rest.get(`/roles?depth=0&${new URLSearchParams({ 'where[skills.skill.name][equals]': 'Leadership' })}`)
    expect(slugsOf(body)).toEqual(['project-manager', 'technical-project-manager'])
    const underscored = await site.rest.get(`/roles?depth=0&${new URLSearchParams({ 'where[skills__skill__name][equals]': 'Leadership' })}`)
    expect(slugsOf(underscored.body)).toEqual(['project-manager', 'technical-project-manager'])
    const both = await site.rest.get(
      `/roles?depth=0&${new URLSearchParams({ 'where[skills.skill.name][equals]': 'Problem-solving', 'where[skills.skill.kind][equals]': 'soft' })}`,
    )
    expect(slugsOf(both.body)).toEqual(['technical-project-manager'])
  })

  it('finds the role by the draft skill for the editor', async () => {
    const token = await site.login()
    const { body } = await site.rest.get(`/roles?depth=0&${new URLSearchParams({ 'where[skills.skill.name][equals]': 'Secret Stack Expertise' })}`, { token })
    expect(slugsOf(body)).toEqual(['project-manager'])
  })

  it('refuses sorting through a link', async () => {
    const { body, status } = await site.rest.get('/roles?sort=skills.skill.name')
    expect(status).toBe(400)
    expect(body.errors[0].message).toMatch(/sort.*skills\.skill\.name/)
    const underscored = await site.rest.get('/roles?sort=-skills__skill__name')
    expect(underscored.status).toBe(400)
    expect(underscored.body.errors[0].message).toMatch(/sort.*skills__skill__name/)
  })

  it('shows published content, never the draft, to anonymous draft=true', async () => {
    const rest = await site.rest.get(`/roles/${pmId}?draft=true&depth=1`)
    expect(rest.body.title).toBe('Project Manager')
    const list = await site.rest.get('/roles?draft=true&depth=0')
    expect(list.body.docs.map((doc: any) => doc.title).sort()).toEqual(['Project Manager', 'Technical Project Manager'])
    const graphql = await site.graphql(`{ Roles(draft: true) { docs { title } } Role(id: ${pmId}, draft: true) { title } }`)
    expect(graphql.body.data.Roles.docs.map((doc: any) => doc.title).sort()).toEqual(['Project Manager', 'Technical Project Manager'])
    expect(graphql.body.data.Role.title).toBe('Project Manager')
  })

  it('never returns the draft skill, populated or as a bare ID', async () => {
    for (const depth of [0, 1, 2]) {
      const { body } = await site.rest.get(`/roles/${pmId}?depth=${depth}`)
      expect(JSON.stringify(body.skills), `depth ${depth}`).not.toMatch(new RegExp(`Secret|"skill":${draftSkillId}\\b`))
      expect(body.skills.map((row: any) => (typeof row.skill === 'object' ? row.skill.id : row.skill))).not.toContain(draftSkillId)
    }
    const graphql = await site.graphql(`{ Role(id: ${pmId}) { skills { skill { id name } } } }`)
    expect(graphql.body.data.Role.skills.map((row: any) => row.skill?.id)).not.toContain(draftSkillId)
    const join = await site.graphql(`{ Skills { docs { slug roles { docs { slug } } } } }`)
    expect(join.body.data.Skills.docs.map((doc: any) => doc.slug)).not.toContain('secret-stack-expertise')
  })
})
