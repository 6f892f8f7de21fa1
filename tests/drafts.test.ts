/**
 * Drafts as editors use them, through the real REST and GraphQL handlers: what anonymous readers
 * (and logged-in users who are not editors) see while a change is a draft, and slug uniqueness on
 * draft saves.
 */
import type { CollectionConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { bySlug, create, type ID, latest, linkSkill, save, skillIDs } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

/** A second auth collection: its users are logged in but are not the admin's editors. */
const Members: CollectionConfig = { slug: 'members', auth: true, fields: [] }

const ROLE_SKILLS = /* GraphQL */ `
  query ($slug: String!) {
    Roles(where: { slug: { equals: $slug } }) {
      docs { id title skills { requirement skill { id slug name } } buildsOn { id slug } }
    }
  }
`

let site: TestSite
let memberToken: string
let tpm: { id: ID }
let pm: { id: ID }

const anonymousRole = async (id: ID, depth: number) => {
  const response = await site.rest.get(`/roles/${id}?depth=${depth}`)
  expect(response.status).toBe(200)
  return response.body
}

const graphqlRole = async (slug: string, token?: string) => {
  const { body } = await site.graphql(ROLE_SKILLS, { slug }, token)
  expect(body.errors).toBeUndefined()
  return body.data.Roles.docs[0]
}

beforeAll(async () => {
  site = await startSite({ name: 'drafts', collections: [Members] })
  await seedRoleCatalog({ log: () => {}, payload: site.payload })
  await site.payload.create({ collection: 'members' as 'users', data: { email: 'member@example.com', password: 'member-password' } })
  const login = await site.rest.post('/members/login', { body: { email: 'member@example.com', password: 'member-password' } })
  expect(login.status).toBe(200)
  memberToken = login.body.token
  tpm = await bySlug(site, 'roles', 'technical-project-manager')
  pm = await bySlug(site, 'roles', 'project-manager')
})
afterAll(async () => site?.stop())

describe('a draft of a published role', () => {
  let skill: { id: ID }
  let publishedSkillIDs: ID[]

  beforeAll(async () => {
    const created = await create(site, 'skills', { name: 'Vendor Negotiation', kind: 'soft' }, { draft: false })
    expect(created.status).toBe(201)
    skill = created.body.doc
    publishedSkillIDs = skillIDs(await anonymousRole(tpm.id, 0))
    await linkSkill(site, tpm.id, skill.id, { draft: true })
  })

  it('is visible to the editor, with the new link', async () => {
    const draft = await latest(site, 'roles', tpm.id)
    expect(draft._status).toBe('draft')
    expect(skillIDs(draft)).toEqual([...publishedSkillIDs, skill.id])
  })

  it('leaves what anonymous REST and GraphQL readers see unchanged', async () => {
    expect(skillIDs(await anonymousRole(tpm.id, 0))).toEqual(publishedSkillIDs)
    expect(skillIDs(await anonymousRole(tpm.id, 1))).toEqual(publishedSkillIDs)
    const drafted = await site.rest.get(`/roles/${tpm.id}?depth=0&draft=true`)
    expect(skillIDs(drafted.body)).not.toContain(skill.id)
    const role = await graphqlRole('technical-project-manager')
    expect(role.skills.map((row: any) => row.skill.id)).toEqual(publishedSkillIDs)
  })

  it('is what anonymous readers see once published', async () => {
    const published = await save(site, 'roles', tpm.id, {}, { draft: false })
    expect(published.status).toBe(200)
    expect(skillIDs(await anonymousRole(tpm.id, 0))).toEqual([...publishedSkillIDs, skill.id])
    const role = await graphqlRole('technical-project-manager')
    expect(role.skills.at(-1)).toEqual({
      requirement: 'required',
      skill: { id: skill.id, name: 'Vendor Negotiation', slug: 'vendor-negotiation' },
    })
  })
})

describe('a draft skill linked from a published role', () => {
  let draftSkill: { id: ID }
  let readableSkillIDs: ID[]

  beforeAll(async () => {
    const created = await create(site, 'skills', { name: 'Secret Roadmapping', kind: 'technical' }, { draft: true })
    expect(created.status).toBe(201)
    draftSkill = created.body.doc
    readableSkillIDs = skillIDs(await anonymousRole(pm.id, 0))
    const role = await linkSkill(site, pm.id, draftSkill.id, { draft: false, requirement: 'recommended' })
    expect(role._status).toBe('published')
  })

  it('is linked for the editor', async () => {
    const response = await site.rest.get(`/roles/${pm.id}?depth=1`, { token: await site.login() })
    expect(skillIDs(response.body)).toEqual([...readableSkillIDs, draftSkill.id])
    const role = await graphqlRole('project-manager', await site.login())
    expect(role.skills.at(-1).skill).toMatchObject({ id: draftSkill.id, slug: 'secret-roadmapping' })
  })

  it('is itself not readable anonymously', async () => {
    expect((await site.rest.get(`/skills/${draftSkill.id}`)).status).toBe(404)
    const { body } = await site.graphql(`{ Skills(where: { slug: { equals: "secret-roadmapping" } }) { totalDocs } }`)
    expect(body.data.Skills.totalDocs).toBe(0)
  })

  it('is neither populated nor an ID in anonymous REST, at any depth, one role or a list', async () => {
    for (const depth of [0, 1, 2]) {
      const role = await anonymousRole(pm.id, depth)
      expect(skillIDs(role), `depth ${depth}`).toEqual(readableSkillIDs)
      expect(JSON.stringify(role)).not.toMatch(/secret-roadmapping|Secret Roadmapping/)
    }
    const list = await site.rest.get('/roles?depth=0&limit=10')
    const listed = list.body.docs.find((doc: { id: ID }) => doc.id === pm.id)
    expect(skillIDs(listed)).toEqual(readableSkillIDs)
  })

  it('is not in anonymous GraphQL, not even as an empty row', async () => {
    const role = await graphqlRole('project-manager')
    expect(role.skills.map((row: any) => row.skill?.id)).toEqual(readableSkillIDs)
    const byID = await site.graphql(`query ($id: Int!) { Role(id: $id) { skills { skill { id } } } }`, { id: pm.id })
    expect(byID.body.data.Role.skills.map((row: any) => row.skill?.id)).toEqual(readableSkillIDs)
  })

  it('is not in a role reached through a join field (REST and GraphQL)', async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const viaJoin = await site.rest.get(`/skills/${leadership.id}?depth=2`)
    expect(viaJoin.status).toBe(200)
    const pmThere = viaJoin.body.roles.docs.find((role: { id: ID }) => role.id === pm.id)
    expect(pmThere, 'the published role is in the join').toBeDefined()
    expect(skillIDs(pmThere)).toEqual(readableSkillIDs)

    const { body } = await site.graphql(
      `{ Skills(where: { slug: { equals: "leadership" } }) { docs { roles { docs { id skills { skill { id } } } } } } }`,
    )
    expect(body.errors).toBeUndefined()
    const joined = body.data.Skills.docs[0].roles.docs.find((role: { id: ID }) => role.id === pm.id)
    expect(joined.skills.map((row: any) => row.skill?.id)).toEqual(readableSkillIDs)
  })

  it('is hidden from logged-in users who are not editors too', async () => {
    const response = await site.rest.get(`/roles/${pm.id}?depth=0`, { token: memberToken })
    expect(skillIDs(response.body)).toEqual(readableSkillIDs)
    const role = await graphqlRole('project-manager', memberToken)
    expect(role.skills.map((row: any) => row.skill?.id)).toEqual(readableSkillIDs)
  })

  it('appears for everyone once the skill is published', async () => {
    expect((await save(site, 'skills', draftSkill.id, {}, { draft: false })).status).toBe(200)
    expect(skillIDs(await anonymousRole(pm.id, 0))).toEqual([...readableSkillIDs, draftSkill.id])
  })
})

describe('draft roles and the links between roles', () => {
  let draftRole: { id: ID }

  beforeAll(async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const created = await create(
      site,
      'roles',
      { title: 'Delivery Lead', buildsOn: [pm.id], skills: [{ requirement: 'required', skill: leadership.id }] },
      { draft: true },
    )
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    draftRole = created.body.doc
    // A published role that builds on the draft one.
    const tpmNow = await latest(site, 'roles', tpm.id)
    const published = await save(site, 'roles', tpm.id, { buildsOn: [...tpmNow.buildsOn, draftRole.id] }, { draft: false })
    expect(published.status).toBe(200)
  })

  it('a draft role is not listed, nor in the join of the role it builds on', async () => {
    const list = await site.rest.get('/roles?depth=0')
    expect(list.body.docs.map((doc: { id: ID }) => doc.id)).not.toContain(draftRole.id)
    const pmDoc = await anonymousRole(pm.id, 0)
    expect(pmDoc.builtOnBy.docs).toEqual([tpm.id])
    const { body } = await site.graphql(`{ Roles(where: { slug: { equals: "project-manager" } }) { docs { builtOnBy { docs { id } } } } }`)
    expect(body.data.Roles.docs[0].builtOnBy.docs).toEqual([{ id: tpm.id }])
  })

  it("a draft role is not in a skill's roles join (REST and GraphQL)", async () => {
    const leadership = await bySlug(site, 'skills', 'leadership')
    const editorView = await site.rest.get(`/skills/${leadership.id}?depth=0`, { token: await site.login() })
    expect(editorView.body.roles.docs).toContain(draftRole.id)
    const rest = await site.rest.get(`/skills/${leadership.id}?depth=0`)
    expect(rest.body.roles.docs).not.toContain(draftRole.id)
    expect(rest.body.roles.docs.length).toBeGreaterThan(0)
    const { body } = await site.graphql(`{ Skills(where: { slug: { equals: "leadership" } }) { docs { roles { docs { id } } } } }`)
    const joined = body.data.Skills.docs[0].roles.docs.map((role: { id: ID }) => role.id)
    expect(joined).not.toContain(draftRole.id)
    expect(joined).toContain(pm.id)
  })

  it("a published role's buildsOn does not name a draft role", async () => {
    for (const depth of [0, 1]) {
      const role = await anonymousRole(tpm.id, depth)
      const ids = role.buildsOn.map((value: any) => (typeof value === 'object' ? value.id : value))
      expect(ids, `depth ${depth}`).toEqual([pm.id])
    }
    const role = await graphqlRole('technical-project-manager')
    expect(role.buildsOn).toEqual([{ id: pm.id, slug: 'project-manager' }])
    const editorView = await site.rest.get(`/roles/${tpm.id}?depth=0`, { token: await site.login() })
    expect(editorView.body.buildsOn).toEqual([pm.id, draftRole.id])
  })
})

describe('slugs stay unique on draft saves', () => {
  let leadership: { id: ID; slug: string }
  let communication: { id: ID }

  const versionCount = async () =>
    Number((await site.query<{ n: string }>('select count(*) as n from _skills_v'))[0]!.n)

  beforeAll(async () => {
    leadership = (await bySlug(site, 'skills', 'leadership')) as typeof leadership
    communication = await bySlug(site, 'skills', 'communication')
  })

  it("a draft may not take another document's published slug (REST 400 naming slug)", async () => {
    const before = await versionCount()
    const response = await save(site, 'skills', communication.id, { slug: 'leadership' }, { draft: true })
    expect(response.status).toBe(400)
    const [error] = response.body.errors
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe('The slug "leadership" is already used by the skill "Leadership". Choose another slug.')
    expect(error.data.errors).toEqual([
      { label: 'Slug', message: 'The slug "leadership" is already used by the skill "Leadership". Choose another slug.', path: 'slug' },
    ])
    expect(await versionCount()).toBe(before)
    expect((await latest(site, 'skills', communication.id)).slug).toBe('communication')
  })

  it('nor over GraphQL (extensions.statusCode 400)', async () => {
    const { body, status } = await site.graphql(
      `mutation ($id: Int!) { updateSkill(id: $id, draft: true, data: { slug: "leadership", _status: draft }) { id slug } }`,
      { id: communication.id },
      await site.login(),
    )
    expect(status).toBe(200)
    expect(body.errors![0].message).toMatch(/^The slug "leadership" is already used by the skill "Leadership"/)
    expect(body.errors![0].extensions).toMatchObject({ name: 'ValidationError', statusCode: 400 })
    expect(body.errors![0].extensions.data.errors[0]).toMatchObject({ path: 'slug' })
    expect(body.errors![0].extensions.data.errors[0].message).toMatch(/already used by the skill "Leadership"/)
  })

  it("nothing may take a slug that only another document's draft holds", async () => {
    const renamed = await save(site, 'skills', leadership.id, { slug: 'team-leadership' }, { draft: true })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    // The main table still says "leadership": only the draft holds the new slug.
    const [row] = await site.query<{ slug: string }>('select slug from skills where id = $1', [leadership.id])
    expect(row!.slug).toBe('leadership')

    const message = 'The slug "team-leadership" is already used by the skill "Leadership" (in a draft). Choose another slug.'
    for (const draft of [true, false]) {
      const response = await create(site, 'skills', { name: 'Team Leadership', kind: 'soft' }, { draft })
      expect(response.status, `draft: ${draft}`).toBe(400)
      expect(response.body.errors![0].data.errors).toEqual([{ label: 'Slug', message, path: 'slug' }])
    }
    const other = await save(site, 'skills', communication.id, { slug: 'team-leadership' }, { draft: true })
    expect(other.status).toBe(400)
    const [{ n }] = await site.query<{ n: string }>("select count(*) as n from skills where slug = 'team-leadership'")
    expect(Number(n)).toBe(0)
  })

  it('a document keeps its own slug across draft saves and publishing', async () => {
    const again = await save(site, 'skills', leadership.id, { description: 'Leading people.', slug: 'team-leadership' }, { draft: true })
    expect(again.status).toBe(200)
    const published = await save(site, 'skills', leadership.id, {}, { draft: false })
    expect(published.status).toBe(200)
    expect(published.body.doc.slug).toBe('team-leadership')
  })

  it("a draft's slug must be well-formed, though drafts skip other validation", async () => {
    const response = await save(site, 'skills', communication.id, { slug: 'Not A Slug' }, { draft: true })
    expect(response.status).toBe(400)
    expect(response.body.errors![0].data.errors[0]).toMatchObject({ path: 'slug' })
    expect(response.body.errors![0].data.errors[0].message).toMatch(/lower-case letters, digits and single dashes/)
  })

  it('applies to roles, responsibilities and certifications as well', async () => {
    const cases = [
      ['roles', 'project-manager', 'technical-project-manager', 'role "Project Manager"'],
      ['responsibilities', 'risk-management', 'risk-assessment', 'responsibility "Risk Management"'],
      ['certifications', 'pmp', 'salesforce-certifications', 'certification "Project Management Professional"'],
    ] as const
    for (const [collection, taken, other, named] of cases) {
      const doc = await bySlug(site, collection, other)
      const response = await save(site, collection, doc.id, { slug: taken }, { draft: true })
      expect(response.status, collection).toBe(400)
      expect(response.body.errors![0].data.errors[0].message).toBe(
        `The slug "${taken}" is already used by the ${named}. Choose another slug.`,
      )
    }
  })
})
