/**
 * Two editors, one role (issue 19, part 7): one edits the role (its form in the admin, or a save of
 * the role), the other the same role's links from a skill's Roles table
 * (`POST /api/skills/:id/role-links`). Neither change may silently replace the other: the item-side
 * change is refused with a message naming the role while the other editor has the role open
 * (Payload's document lock: 423) or when the role was saved since the table was read (409), and the
 * role then holds exactly the other editor's change; after reloading, the change goes through and
 * both are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { create, type ID, latest } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const second = { email: 'second-editor@example.com', password: 'second-editor-password' }

describe('two editors changing one role’s links at once', () => {
  let site: TestSite
  let first: string
  let other: string
  let secondUser: { id: ID }
  let firstUser: { id: ID }
  const ids: Record<string, ID> = {}

  beforeAll(async () => {
    site = await startSite({ name: 'two_editors' })
    first = await site.login()
    firstUser = (await site.payload.find({ collection: 'users', limit: 1 })).docs[0] as { id: ID }
    secondUser = (await site.payload.create({ collection: 'users', data: second })) as { id: ID }
    other = (await site.payload.login({ collection: 'users', data: second })).token!
    ids.facilitation = (await create(site, 'skills', { kind: 'soft', name: 'Facilitation' }, { draft: false })).body.doc.id
    ids.coaching = (await create(site, 'skills', { kind: 'soft', name: 'Coaching' }, { draft: false })).body.doc.id
    ids.negotiation = (await create(site, 'skills', { kind: 'soft', name: 'Negotiation' }, { draft: false })).body.doc.id
    ids.role = (await create(site, 'roles', { skills: [{ requirement: 'required', skill: ids.coaching }], title: 'Agile Coach' }, { draft: false })).body.doc.id
  })
  afterAll(async () => site?.stop())

  /** The second editor's Roles table on a skill, and a change sent from it. */
  const table = async (skill: ID) => (await site.rest.get(`/skills/${skill}/role-links`, { token: other })).body.roles as any[]
  const changeFromItem = (skill: ID, body: Record<string, unknown>) =>
    site.rest.post(`/skills/${skill}/role-links`, { body: { requirement: 'required', role: ids.role, ...body }, token: other })
  /** The role's links as the editors see it (its latest version), as [skill, requirement]. */
  const roleLinks = async () => ((await latest(site, 'roles', ids.role)).skills as any[]).map((row) => [row.skill, row.requirement])

  it('the table gives each role the time it was saved, to send back with a change', async () => {
    const [row] = await table(ids.coaching)
    expect(row).toMatchObject({ id: ids.role, title: 'Agile Coach' })
    expect(Date.parse(row.updatedAt)).not.toBeNaN()
    expect(row.updatedAt).toBe((await latest(site, 'roles', ids.role)).updatedAt)
  })

  it('a change from the item based on an older role is refused with 409 naming the role; the other change stays', async () => {
    const [seen] = await table(ids.coaching)
    // The first editor saves the role meanwhile: Coaching recommended, Negotiation added.
    const saved = await site.rest.patch(`/roles/${ids.role}?depth=0&draft=true`, {
      body: {
        _status: 'draft',
        skills: [
          { requirement: 'recommended', skill: ids.coaching },
          { requirement: 'required', skill: ids.negotiation },
        ],
      },
      token: first,
    })
    expect(saved.status).toBe(200)
    const before = await roleLinks()

    const refused = await changeFromItem(ids.coaching, { note: 'Coaches the teams.', roleUpdatedAt: seen.updatedAt })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toMatch(/^The role "Agile Coach" was changed by someone else since you loaded this list: your change was not saved\./)
    expect(await roleLinks()).toEqual(before)

    // Reloaded, the second editor sees the first one's change, and theirs goes through on top of it.
    const [now] = await table(ids.coaching)
    expect(now.links).toEqual([expect.objectContaining({ requirement: 'recommended' })])
    const accepted = await changeFromItem(ids.facilitation, { roleUpdatedAt: now.updatedAt })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    expect(await roleLinks()).toEqual([
      [ids.coaching, 'recommended'],
      [ids.negotiation, 'required'],
      [ids.facilitation, 'required'],
    ])
  })

  it('refuses with 423 while the other editor has the role open in the admin, and keeps their lock', async () => {
    // What the admin's edit view records when the first editor opens the role.
    const lock = await site.payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'roles', value: ids.role }, user: { relationTo: 'users', value: firstUser.id } } as never,
    })
    const before = await roleLinks()
    const [seen] = await table(ids.facilitation)
    const refused = await changeFromItem(ids.facilitation, { requirement: 'recommended', roleUpdatedAt: seen.updatedAt })
    expect(refused.status).toBe(423)
    expect(refused.body.errors[0].message).toMatch(/^The role "Agile Coach" is open in the admin by another editor: your change was not saved/)
    expect(await roleLinks()).toEqual(before)
    // The first editor still holds the lock: their form is not saved over.
    expect((await site.payload.count({ collection: 'payload-locked-documents', where: { id: { equals: lock.id } } })).totalDocs).toBe(1)

    // Once they have left it, the change goes through.
    await site.payload.delete({ collection: 'payload-locked-documents', id: lock.id })
    const accepted = await changeFromItem(ids.facilitation, { requirement: 'recommended', roleUpdatedAt: seen.updatedAt })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    expect((await roleLinks()).find(([skill]) => skill === ids.facilitation)).toEqual([ids.facilitation, 'recommended'])
  })

  it('the editor’s own lock does not stop their own change from the item', async () => {
    await site.payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'roles', value: ids.role }, user: { relationTo: 'users', value: secondUser.id } } as never,
    })
    const [seen] = await table(ids.facilitation)
    const accepted = await changeFromItem(ids.facilitation, { note: 'Runs the workshops.', roleUpdatedAt: seen.updatedAt })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
  })

  it('roleUpdatedAt that is not a date is a 400 naming it', async () => {
    const response = await changeFromItem(ids.facilitation, { roleUpdatedAt: 'yesterday' })
    expect(response.status).toBe(400)
    expect(JSON.stringify(response.body)).toContain('roleUpdatedAt')
  })
})

describe('two changes to one role from two items at the same moment', () => {
  let site: TestSite
  const ids: Record<string, ID> = {}

  beforeAll(async () => {
    site = await startSite({ name: 'two_editors_race' })
    await site.login()
    ids.a = (await create(site, 'skills', { kind: 'soft', name: 'Mediation' }, { draft: false })).body.doc.id
    ids.b = (await create(site, 'skills', { kind: 'soft', name: 'Mentoring' }, { draft: false })).body.doc.id
    ids.role = (await create(site, 'roles', { title: 'Team Lead' }, { draft: false })).body.doc.id
  })
  afterAll(async () => site?.stop())

  it('one goes through and the other is refused with 409: never both written over each other', async () => {
    const token = await site.login()
    for (let round = 0; round < 3; round++) {
      const role = await latest(site, 'roles', ids.role)
      const send = (skill: ID) =>
        site.rest.post(`/skills/${skill}/role-links`, {
          body: { note: `round ${round}`, requirement: 'required', role: ids.role, roleUpdatedAt: role.updatedAt },
          token,
        })
      const answers = await Promise.all([send(ids.a), send(ids.b)])
      expect(answers.map((answer) => answer.status).sort(), JSON.stringify(answers.map((answer) => answer.body))).toEqual([200, 409])
      // The role holds exactly what the accepted change wrote on top of what was there.
      const accepted = answers[0]!.status === 200 ? ids.a : ids.b
      const notes = ((await latest(site, 'roles', ids.role)).skills as any[]).filter((row) => row.note === `round ${round}`)
      expect(notes.map((row) => row.skill)).toEqual([accepted])
    }
  })
})
