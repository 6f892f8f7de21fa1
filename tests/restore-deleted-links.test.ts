/**
 * Restoring a role's old version that links an item deleted since: the rest of the version comes
 * back, the link to the deleted item is left out (not an empty row that fails validation and
 * blocks every later publish), and the response's message (the admin's toast) says which link was
 * dropped. Through the real REST handler, roles under `job-roles`, localization on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CatalogChange, onCatalogChange } from '../src/changes/index.js'
import { create } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const ROLES = 'job-roles'

describe('restoring a version that links a deleted item', () => {
  let site: TestSite
  let token: string
  const ids: Record<string, number> = {}
  let oldVersion: string
  const feed: CatalogChange[] = []

  beforeAll(async () => {
    site = await startSite({
      config: { localization: { defaultLocale: 'en', locales: ['en', 'de'] } },
      name: 'restore_deleted_links',
      plugin: { overrides: { roles: { slug: ROLES } } },
    })
    token = await site.login()
    for (const [key, name] of [
      ['legacy', 'Legacy Mainframe Operation'],
      ['cloud', 'Cloud Operations'],
    ] as const) {
      ids[key] = (await create(site, 'skills', { kind: 'technical', name }, { draft: false })).body.doc.id
    }
    ids.cert = (await create(site, 'certifications', { name: 'Old Vendor Certificate' }, { draft: false })).body.doc.id

    // The old version: both skills and the certificate, notes in English and German.
    const role = await create(
      site,
      ROLES,
      {
        certifications: [{ certification: ids.cert, requirement: 'recommended' }],
        skills: [
          { note: 'Keeps the old batch jobs running.', requirement: 'required', skill: ids.legacy },
          { note: 'Runs the new platform.', requirement: 'recommended', skill: ids.cloud },
        ],
        summary: 'Runs the computing platforms.',
        title: 'Operations Engineer',
      },
      { draft: false },
    )
    ids.role = role.body.doc.id
    const rows = role.body.doc.skills as { id: string; requirement: string; skill: number }[]
    const german = await site.rest.patch(`/${ROLES}/${ids.role}?locale=de&depth=0`, {
      body: {
        _status: 'published',
        skills: rows.map((row) => ({ ...row, note: row.skill === ids.cloud ? 'Betreibt die neue Plattform.' : 'Alte Stapeljobs.' })),
        title: 'Betriebsingenieur',
      },
      token,
    })
    expect(german.status).toBe(200)
    const versions = await site.rest.get(`/${ROLES}/versions?where[parent][equals]=${ids.role}&sort=-createdAt&limit=1&depth=0`, { token })
    oldVersion = versions.body.docs[0].id

    // Later: the legacy skill and the certificate are removed from the role, then deleted.
    const later = await site.rest.patch(`/${ROLES}/${ids.role}?locale=en&depth=0`, {
      body: { _status: 'published', certifications: [], skills: rows.filter((row) => row.skill === ids.cloud), summary: 'Runs the cloud platform.' },
      token,
    })
    expect(later.status).toBe(200)
    expect((await site.rest.delete(`/skills/${ids.legacy}`, { token })).status).toBe(200)
    expect((await site.rest.delete(`/certifications/${ids.cert}`, { token })).status).toBe(200)
  })
  afterAll(async () => site?.stop())

  it('restores the rest, leaves the deleted links out and says so in the message', async () => {
    const stop = onCatalogChange(site.payload, (change) => feed.push(change))
    const response = await site.rest.post(`/${ROLES}/versions/${oldVersion}?locale=en&depth=0`, { token })
    expect(response.status).toBe(200)
    expect(response.body.message).toBe(
      'Restored Successfully. Left out 2 links to items deleted since this version: ' +
        'Skills row 1 (Required, note "Keeps the old batch jobs running."), Certifications row 1 (Recommended). ' +
        'Everything else is as in the version.',
    )
    expect(response.body.summary).toBe('Runs the computing platforms.')
    expect(response.body.skills).toEqual([
      expect.objectContaining({ note: 'Runs the new platform.', requirement: 'recommended', skill: ids.cloud }),
    ])
    expect(response.body.certifications).toEqual([])

    // Published as the version was: anonymous readers get it, in both languages, with no empty row.
    const en = await site.rest.get(`/${ROLES}/${ids.role}?locale=en&depth=0`)
    expect(en.body.summary).toBe('Runs the computing platforms.')
    expect(en.body.skills.map((row: { skill: number }) => row.skill)).toEqual([ids.cloud])
    const de = await site.rest.get(`/${ROLES}/${ids.role}?locale=de&depth=0`)
    expect(de.body.title).toBe('Betriebsingenieur')
    expect(de.body.skills).toEqual([expect.objectContaining({ note: 'Betreibt die neue Plattform.', skill: ids.cloud })])
    expect(await site.query(`select count(*)::int as n from job_roles_skills where skill_id is null`)).toEqual([{ n: 0 }])
    // The change feed (response cache, notifications) heard of the restore.
    stop()
    expect(feed).toEqual([expect.objectContaining({ collection: 'roles', draftOnly: false, operation: 'restore', roleSlugs: ['operations-engineer'] })])
  })

  it('leaves the links out when restoring as a draft too, and the draft can be published as it is', async () => {
    const response = await site.rest.post(`/${ROLES}/versions/${oldVersion}?draft=true&locale=en&depth=0`, { token })
    expect(response.status).toBe(200)
    expect(response.body.message).toMatch(/^Restored Successfully\. Left out 2 links to items deleted since this version/)
    expect(response.body._status).toBe('draft')
    const publish = await site.rest.patch(`/${ROLES}/${ids.role}?locale=en&depth=0`, { body: { _status: 'published' }, token })
    expect(publish.status).toBe(200)
    expect(publish.body.doc.skills.map((row: { skill: number }) => row.skill)).toEqual([ids.cloud])
  })

  it('says nothing extra when every linked item still exists', async () => {
    const versions = await site.rest.get(`/${ROLES}/versions?where[parent][equals]=${ids.role}&sort=-createdAt&limit=1&depth=0`, { token })
    const response = await site.rest.post(`/${ROLES}/versions/${versions.body.docs[0].id}?depth=0`, { token })
    expect(response.status).toBe(200)
    expect(response.body.message).toBe('Restored Successfully.')
  })

  it('refuses anonymous callers, as Payload does', async () => {
    const response = await site.rest.post(`/${ROLES}/versions/${oldVersion}`)
    expect(response.status).toBe(403)
  })
})
