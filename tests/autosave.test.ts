/**
 * Autosave: the admin saves drafts while the editor types (PATCH ?autosave=true&draft=true, what
 * @payloadcms/ui's Autosave sends). The catalogue's rules hold for autosaved drafts exactly as for
 * saved ones: slugs stay unique across them, and an item an autosaved draft links cannot be
 * deleted. Roles under `job-roles`, localization on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { create } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const ROLES = 'job-roles'

describe('autosaved drafts', () => {
  let site: TestSite
  let token: string

  beforeAll(async () => {
    site = await startSite({
      config: { localization: { defaultLocale: 'en', locales: ['en', 'de'] } },
      name: 'autosave',
      plugin: { overrides: { roles: { slug: ROLES } } },
    })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  /** The admin's autosave request. */
  const autosave = (collection: string, id: number | string, data: Record<string, unknown>, locale = 'en') =>
    site.rest.patch(`/${collection}/${id}?autosave=true&depth=0&draft=true&fallback-locale=null&locale=${locale}`, {
      body: { ...data, _status: 'draft' },
      token,
    })

  const autosavedVersions = async (id: number | string) =>
    site.query<{ slug: string | null }>(`select version_slug as slug from _job_roles_v where parent_id = $1 and autosave`, [id])

  it('is on for the four collections, at the default interval', () => {
    for (const slug of [ROLES, 'skills', 'certifications', 'responsibilities'] as const) {
      const drafts = site.payload.collections[slug]!.config.versions?.drafts
      expect(drafts && drafts.autosave, slug).toEqual({ interval: 1000 })
    }
  })

  it('keeps typing in one autosaved version, over the published role, until the editor publishes', async () => {
    const created = await create(site, ROLES, { summary: 'Published.', title: 'Data Steward' }, { draft: false })
    const id = created.body.doc.id
    for (const summary of ['D', 'Dr', 'Draft summary.']) {
      const response = await autosave(ROLES, id, { summary })
      expect(response.status).toBe(200)
    }
    // One autosaved version, rewritten in place, holding the last keystrokes; the public role is unchanged.
    expect(await autosavedVersions(id)).toHaveLength(1)
    const draft = await site.rest.get(`/${ROLES}/${id}?draft=true&depth=0&locale=en`, { token })
    expect(draft.body.summary).toBe('Draft summary.')
    expect((await site.rest.get(`/${ROLES}/${id}?depth=0&locale=en`)).body.summary).toBe('Published.')
    // The German text is its own: autosaving it leaves the English draft alone.
    expect((await autosave(ROLES, id, { summary: 'Entwurf.' }, 'de')).status).toBe(200)
    expect((await site.rest.get(`/${ROLES}/${id}?draft=true&depth=0&locale=en`, { token })).body.summary).toBe('Draft summary.')
  })

  it('saves a role whose new link row has no item picked yet without that row; Save Draft and Publish still refuse it', async () => {
    const skill = await create(site, 'skills', { kind: 'soft', name: 'Facilitation' }, { draft: false })
    const other = await create(site, 'skills', { kind: 'soft', name: 'Moderation' }, { draft: false })
    const role = await create(site, ROLES, { skills: [{ requirement: 'required', skill: skill.body.doc.id }], title: 'Workshop Lead' }, { draft: false })
    const id = role.body.doc.id
    const saved = (await site.rest.get(`/${ROLES}/${id}?draft=true&depth=0`, { token })).body
    // The editor has clicked "Add Skill" and changed the summary; the autosave comes before the pick.
    const halfPicked = [...saved.skills, { requirement: 'required' }]
    const response = await autosave(ROLES, id, { skills: halfPicked, summary: 'Runs the workshops.' })
    expect(response.status).toBe(200)
    const draft = (await site.rest.get(`/${ROLES}/${id}?draft=true&depth=0`, { token })).body
    expect(draft.summary).toBe('Runs the workshops.')
    expect(draft.skills.map((row: { skill: number }) => row.skill)).toEqual([skill.body.doc.id])
    // Picked: the next autosave saves the link.
    const picked = await autosave(ROLES, id, { skills: [...saved.skills, { requirement: 'recommended', skill: other.body.doc.id }] })
    expect(picked.status).toBe(200)
    const after = (await site.rest.get(`/${ROLES}/${id}?draft=true&depth=0`, { token })).body
    expect(after.skills.map((row: { requirement: string; skill: number }) => [row.skill, row.requirement])).toEqual([
      [skill.body.doc.id, 'required'],
      [other.body.doc.id, 'recommended'],
    ])
    // Saving a draft (not an autosave) or publishing with the unfinished row: a 400 naming its field.
    for (const path of [`/${ROLES}/${id}?draft=true&depth=0`, `/${ROLES}/${id}?depth=0`]) {
      const refused = await site.rest.patch(path, { body: { _status: path.includes('draft') ? 'draft' : 'published', skills: halfPicked }, token })
      expect(refused.status, path).toBe(400)
      expect(refused.body.errors[0].data.errors).toEqual([expect.objectContaining({ path: 'skills.1.skill' })])
    }
  })

  it('refuses an autosave that takes a slug another role has, naming the field', async () => {
    await create(site, ROLES, { title: 'Platform Owner' }, { draft: false })
    const other = await create(site, ROLES, { title: 'Platform Lead' }, { draft: false })
    const response = await autosave(ROLES, other.body.doc.id, { slug: 'platform-owner' })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].data.errors).toEqual([
      expect.objectContaining({
        message: 'The slug "platform-owner" is already used by the role "Platform Owner". Choose another slug.',
        path: 'slug',
      }),
    ])
    expect((await site.rest.get(`/${ROLES}/${other.body.doc.id}?draft=true&depth=0`, { token })).body.slug).toBe('platform-lead')
  })

  it('counts a slug that only an autosaved draft holds', async () => {
    const first = await create(site, ROLES, { title: 'Site Reliability Engineer' }, { draft: false })
    expect((await autosave(ROLES, first.body.doc.id, { slug: 'sre' })).status).toBe(200)
    expect(await autosavedVersions(first.body.doc.id)).toEqual([{ slug: 'sre' }])

    const second = await create(site, ROLES, { slug: 'sre', title: 'SRE' }, { draft: true })
    expect(second.status).toBe(400)
    expect(second.body.errors[0].data.errors[0]).toMatchObject({
      message: 'The slug "sre" is already used by the role "Site Reliability Engineer" (in a draft). Choose another slug.',
      path: 'slug',
    })
  })

  it('refuses to delete a skill that only an autosaved draft links, naming the role', async () => {
    const role = await create(site, ROLES, { title: 'Test Lead' }, { draft: false })
    const skill = await create(site, 'skills', { kind: 'technical', name: 'Exploratory Testing' }, { draft: false })
    const skillID = skill.body.doc.id
    expect((await autosave(ROLES, role.body.doc.id, { skills: [{ requirement: 'required', skill: skillID }] })).status).toBe(200)
    expect((await site.rest.get(`/${ROLES}/${role.body.doc.id}?depth=0`)).body.skills).toEqual([])

    const refused = await site.rest.delete(`/skills/${skillID}`, { token })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toBe(
      'This skill cannot be deleted: the role "Test Lead" (draft) still links it. Remove it from that role first.',
    )
    expect(await site.query(`select id from skills where id = $1`, [skillID])).toHaveLength(1)

    // Typing on: the next autosave drops the link, and the skill can go.
    expect((await autosave(ROLES, role.body.doc.id, { skills: [] })).status).toBe(200)
    expect((await site.rest.delete(`/skills/${skillID}`, { token })).status).toBe(200)
  })
})
