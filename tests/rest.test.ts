/** What a frontend gets over REST (/api/<collection> through Payload's route handlers). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

describe('REST', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'rest' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it('returns a role by slug with populated links in stored order', async () => {
    const query = new URLSearchParams({ depth: '1', 'where[slug][equals]': 'project-manager' })
    const { body, status } = await site.rest.get(`/roles?${query}`)
    expect(status).toBe(200)
    expect(body.totalDocs).toBe(1)
    const role = body.docs[0]
    const expected = articleSeed.roles[0]!
    expect(role.responsibilities.map((link: any) => [link.responsibility.slug, link.requirement])).toEqual(
      expected.responsibilities.map((link) => [link.slug, link.requirement]),
    )
    expect(role.skills.map((link: any) => [link.skill.name, link.requirement])).toEqual([
      ['Leadership', 'required'],
      ['Communication', 'required'],
      ['Organizational skills', 'required'],
    ])
    expect(role.certifications[0]).toMatchObject({
      certification: { abbreviation: 'PMP', slug: 'pmp' },
      requirement: 'required',
    })
    expect(role.source).toMatchObject({ section: 'The Role of a Project Manager', title: articleSeed.sourceTitle })
  })

  it('exposes the roles that use a skill through its join field', async () => {
    const query = new URLSearchParams({ depth: '1', 'where[slug][equals]': 'communication' })
    const { body } = await site.rest.get(`/skills?${query}`)
    const skill = body.docs[0]
    expect(skill.roles.docs.map((role: any) => role.slug).sort()).toEqual([
      'project-manager',
      'technical-project-manager',
    ])
    const byId = await site.rest.get(`/skills/${skill.id}?depth=0`)
    expect(byId.status).toBe(200)
    expect(byId.body.roles.docs).toHaveLength(2)
  })

  it('filters roles by a linked skill', async () => {
    const query = new URLSearchParams({ depth: '0', 'where[skills.skill.slug][equals]': 'problem-solving' })
    const { body } = await site.rest.get(`/roles?${query}`)
    expect(body.docs.map((role: any) => role.slug)).toEqual(['technical-project-manager'])
  })

  it('lets a logged-in editor update a link flag, and readers see it', async () => {
    const token = await site.login()
    const { docs } = await site.payload.find({ collection: 'roles', where: { slug: { equals: 'technical-project-manager' } } })
    const tpm = docs[0]!
    const skills = tpm.skills!.map((link: any) => ({
      note: link.note,
      requirement: link.skill.slug === 'adaptability-to-change' ? 'recommended' : link.requirement,
      skill: link.skill.id,
    }))
    const { status } = await site.rest.patch(`/roles/${tpm.id}`, { body: { skills }, token })
    expect(status).toBe(200)
    const after = await site.rest.get(`/roles/${tpm.id}?depth=1`)
    const link = after.body.skills.find((row: any) => row.skill.slug === 'adaptability-to-change')
    expect(link.requirement).toBe('recommended')
  })
})
