/**
 * Links from the item's side: a skill's Roles table (the admin component) reads each role's
 * requirement and note from `GET /api/skills/:id/role-links` and changes them, or adds the skill to
 * a role, with `POST` to the same path: a new version of the role, a draft or published as the
 * editor chooses, with the editor's access, in one transaction; bad input is a 400 naming the field
 * and writes nothing. Roles under `job-roles`, localization on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CatalogChange, onCatalogChange } from '../src/changes/index.js'
import { catalogRowCounts, create } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const ROLES = 'job-roles'
const viewer = { email: 'viewer@example.com', password: 'viewer-password' }

describe("a skill's Roles table", () => {
  let site: TestSite
  let token: string
  let viewerToken: string
  const ids: Record<string, number> = {}
  const feed: CatalogChange[] = []

  beforeAll(async () => {
    site = await startSite({
      config: { localization: { defaultLocale: 'en', locales: ['en', 'de'] } },
      name: 'item_role_links',
      plugin: {
        overrides: {
          roles: {
            // The host lets this one user read roles but change none.
            access: { update: ({ req }) => Boolean(req.user) && req.user?.email !== viewer.email },
            slug: ROLES,
          },
        },
      },
    })
    onCatalogChange(site.payload, (change) => feed.push(change))
    token = await site.login()
    await site.payload.create({ collection: 'users', data: viewer })
    viewerToken = (await site.payload.login({ collection: 'users', data: viewer })).token!

    ids.skill = (await create(site, 'skills', { kind: 'soft', name: 'Facilitation' }, { draft: false })).body.doc.id
    ids.other = (await create(site, 'skills', { kind: 'soft', name: 'Coaching' }, { draft: false })).body.doc.id
    ids.coach = (
      await create(
        site,
        ROLES,
        {
          skills: [
            { requirement: 'recommended', skill: ids.other },
            { note: 'Runs the retrospectives.', requirement: 'required', skill: ids.skill },
          ],
          title: 'Agile Coach',
        },
        { draft: false },
      )
    ).body.doc.id
    ids.owner = (await create(site, ROLES, { title: 'Product Owner' }, { draft: false })).body.doc.id
  })
  afterAll(async () => site?.stop())

  const links = (locale = 'en', auth = token) => site.rest.get(`/skills/${ids.skill}/role-links?locale=${locale}`, { token: auth })
  const change = (body: unknown, locale = 'en', auth = token) =>
    site.rest.post(`/skills/${ids.skill}/role-links?locale=${locale}`, { body, token: auth })
  const publicRole = async (id: number, locale = 'en') => (await site.rest.get(`/${ROLES}/${id}?depth=0&locale=${locale}`)).body
  const versionCount = async (id: number) =>
    (await site.query<{ n: number }>(`select count(*)::int as n from _job_roles_v where parent_id = $1`, [id]))[0]!.n

  it("lists each role that links the skill, with the link's requirement and note", async () => {
    const response = await links()
    expect(response.status).toBe(200)
    expect(response.body.roles).toEqual([
      {
        id: ids.coach,
        links: [{ id: expect.any(String), note: 'Runs the retrospectives.', requirement: 'required' }],
        slug: 'agile-coach',
        status: 'published',
        title: 'Agile Coach',
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ])
  })

  it('changes the requirement as a draft of the role: the published role is untouched until published', async () => {
    const versions = await versionCount(ids.coach)
    const response = await change({ note: 'Runs the retrospectives.', publish: false, requirement: 'recommended', role: ids.coach })
    expect(response.status).toBe(200)
    expect(response.body.message).toBe('Changed the link on the role "Agile Coach" as a draft of the role.')
    expect(await versionCount(ids.coach)).toBe(versions + 1)
    expect((await publicRole(ids.coach)).skills.map((row: any) => [row.skill, row.requirement])).toEqual([
      [ids.other, 'recommended'],
      [ids.skill, 'required'],
    ])
    const listed = await links()
    expect(listed.body.roles[0]).toMatchObject({ links: [{ requirement: 'recommended' }], status: 'draft' })

    // Publishing from here publishes the role's draft with it.
    const published = await change({ publish: true, requirement: 'recommended', role: ids.coach })
    expect(published.status).toBe(200)
    expect((await publicRole(ids.coach)).skills.map((row: any) => [row.skill, row.requirement, row.note])).toEqual([
      [ids.other, 'recommended', null],
      [ids.skill, 'recommended', 'Runs the retrospectives.'],
    ])
  })

  it('adds the skill to another role and publishes it; the note is in the editor\'s language only', async () => {
    feed.length = 0
    const response = await change({ note: 'Moderates the refinement.', publish: true, requirement: 'required', role: ids.owner })
    expect(response.status).toBe(200)
    expect(response.body.message).toBe('Added it to the role "Product Owner" and published the role.')
    // The role's change reached the change feed (response cache, notifications) once committed.
    expect(feed).toEqual([expect.objectContaining({ collection: 'roles', draftOnly: false, roleSlugs: ['product-owner'] })])
    expect((await publicRole(ids.owner)).skills).toEqual([
      expect.objectContaining({ note: 'Moderates the refinement.', requirement: 'required', skill: ids.skill }),
    ])
    // In German: the note is written for German, the English one stays.
    const german = await change({ note: 'Moderiert das Refinement.', publish: true, requirement: 'required', role: ids.owner }, 'de')
    expect(german.status).toBe(200)
    expect((await publicRole(ids.owner, 'de')).skills[0].note).toBe('Moderiert das Refinement.')
    expect((await publicRole(ids.owner, 'en')).skills[0].note).toBe('Moderates the refinement.')
    expect((await links('de')).body.roles.map((role: any) => [role.slug, role.links[0].note])).toEqual([
      ['agile-coach', null],
      ['product-owner', 'Moderiert das Refinement.'],
    ])
  })

  it('answers bad input with a 400 naming the field, and writes nothing', async () => {
    const before = await catalogRowCounts(site, ROLES)
    const cases: [unknown, string][] = [
      [{ publish: false, requirement: 'required' }, 'role'],
      [{ publish: false, requirement: 'required', role: 'abc' }, 'role'],
      [{ publish: false, requirement: 'required', role: 999_999 }, 'role'],
      [{ publish: false, requirement: 'sometimes', role: ids.owner }, 'requirement'],
      [{ note: 42, publish: false, requirement: 'required', role: ids.owner }, 'note'],
      [{ publish: 'yes', requirement: 'required', role: ids.owner }, 'publish'],
    ]
    for (const [body, field] of cases) {
      const response = await change(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.errors[0].data.errors[0].path, JSON.stringify(body)).toBe(field)
    }
    const tooLong = await change({ note: 'x'.repeat(6000), publish: true, requirement: 'required', role: ids.owner })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.errors[0].data.errors[0].path).toMatch(/^skills\.\d+\.note$/)
    const broken = await site.rest.post(`/skills/${ids.skill}/role-links`, { body: '{"role": ', token })
    expect(broken.status).toBe(400)
    expect(await catalogRowCounts(site, ROLES)).toEqual(before)
  })

  it("applies the caller's access: anonymous callers get 403, a user who may not change roles changes nothing", async () => {
    expect((await site.rest.get(`/skills/${ids.skill}/role-links`)).status).toBe(403)
    expect((await site.rest.post(`/skills/${ids.skill}/role-links`, { body: { publish: true, requirement: 'required', role: ids.owner } })).status).toBe(403)

    const before = await catalogRowCounts(site, ROLES)
    expect((await links('en', viewerToken)).status).toBe(200)
    const refused = await change({ publish: true, requirement: 'recommended', role: ids.owner }, 'en', viewerToken)
    expect(refused.status).toBe(403)
    expect(await catalogRowCounts(site, ROLES)).toEqual(before)
    expect((await publicRole(ids.owner)).skills[0].requirement).toBe('required')
  })

  it('answers 404 for a skill that does not exist', async () => {
    expect((await site.rest.get(`/skills/999999/role-links`, { token })).status).toBe(404)
    expect((await site.rest.post(`/skills/999999/role-links`, { body: { requirement: 'required', role: ids.owner }, token })).status).toBe(404)
  })
})
