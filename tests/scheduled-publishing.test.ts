/**
 * Scheduled publishing: an editor's draft goes public at the time they set, and a published role
 * goes private again, with nobody touching it; the site's own job runner (Payload's `jobs.autoRun`)
 * does it. Roles under `job-roles`, localization on. The job's publish passes the collection's
 * afterChange hooks (what the response cache and change notifications listen to) and the scheduling
 * editor's access.
 */
import type { CollectionAfterChangeHook } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CatalogChange, onCatalogChange } from '../src/changes/index.js'
import { create, save } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const ROLES = 'job-roles'

type Change = { operation: string; status: unknown; summary: unknown; user: unknown }

describe('scheduled publishing', () => {
  let site: TestSite
  let editorID: number | string
  const changes: Change[] = []
  /** What the change feed (response cache, change notifications, other instances) was told. */
  const feed: CatalogChange[] = []
  const recordChange: CollectionAfterChangeHook = ({ doc, operation, req }) => {
    changes.push({ operation, status: doc._status, summary: doc.summary, user: req.user?.id })
    return doc
  }

  beforeAll(async () => {
    site = await startSite({
      config: {
        // The site runs its queue itself, every second (the demo: every 5 s).
        jobs: { autoRun: [{ cron: '* * * * * *', queue: 'default' }] },
        localization: { defaultLocale: 'en', locales: ['en', 'de'] },
      },
      name: 'scheduled_publishing',
      plugin: { overrides: { roles: { hooks: { afterChange: [recordChange] }, slug: ROLES } } },
    })
    onCatalogChange(site.payload, (change) => feed.push(change))
    await site.login()
    const { docs } = await site.payload.find({ collection: 'users', limit: 1 })
    editorID = docs[0]!.id
  })
  afterAll(async () => site?.stop())

  /** What the admin's schedule drawer queues (@payloadcms/ui schedulePublishHandler). */
  const schedule = (type: 'publish' | 'unpublish', id: number | string, inSeconds: number) =>
    site.payload.jobs.queue({
      input: {
        type,
        doc: { relationTo: ROLES, value: String(id) },
        user: { relationTo: 'users', value: editorID },
      },
      task: 'schedulePublish',
      waitUntil: new Date(Date.now() + inSeconds * 1000),
    })

  const anonymous = async (id: number | string) => site.rest.get(`/${ROLES}/${id}?depth=0&locale=en`)

  it('offers scheduling on the four collections and keeps a queue for it', () => {
    for (const slug of [ROLES, 'skills', 'certifications', 'responsibilities'] as const) {
      const drafts = site.payload.collections[slug]!.config.versions?.drafts
      expect(drafts && drafts.schedulePublish, slug).toBeTruthy()
    }
    expect(site.payload.collections['payload-jobs']).toBeDefined()
  })

  it("publishes an editor's draft at the set time, with nobody touching it", async () => {
    const created = await create(site, ROLES, { summary: 'Published summary.', title: 'Release Manager' }, { draft: false })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const draft = await save(site, ROLES, id, { summary: 'Scheduled summary.' }, { draft: true })
    expect(draft.status).toBe(200)
    expect((await anonymous(id)).body.summary).toBe('Published summary.')

    changes.length = 0
    feed.length = 0
    const job = await schedule('publish', id, 3)
    // Not before its time: the runner leaves it alone while waitUntil is in the future.
    expect((await anonymous(id)).body.summary).toBe('Published summary.')

    await expect
      .poll(async () => (await anonymous(id)).body.summary, { interval: 250, timeout: 20_000 })
      .toBe('Scheduled summary.')
    // Done: Payload removes a job that completed without an error (jobs.deleteJobOnComplete).
    await expect.poll(async () => site.query(`select id from payload_jobs where id = $1`, [job.id])).toEqual([])

    // The publish went through the collection's afterChange hooks (where the response cache and the
    // change notifications hook in), as the scheduling editor.
    expect(changes).toContainEqual({ operation: 'update', status: 'published', summary: 'Scheduled summary.', user: editorID })
    // ...and reached the change feed as a publish anonymous readers see (caches drop the role).
    expect(feed).toContainEqual(
      expect.objectContaining({ collection: 'roles', draftOnly: false, operation: 'publish', roleSlugs: ['release-manager'] }),
    )
    // Published in the roles table itself, with a published version on top.
    const [table] = await site.query(`select summary, _status from job_roles_locales l join job_roles r on r.id = l._parent_id where r.id = $1 and l._locale = 'en'`, [id])
    expect(table).toEqual({ _status: 'published', summary: 'Scheduled summary.' })
  })

  it('unpublishes a published role at the set time', async () => {
    const created = await create(site, ROLES, { title: 'Interim Coordinator' }, { draft: false })
    const id = created.body.doc.id
    expect((await anonymous(id)).status).toBe(200)
    feed.length = 0
    await schedule('unpublish', id, 2)
    await expect.poll(async () => (await anonymous(id)).status, { interval: 250, timeout: 20_000 }).toBe(404)
    expect(feed).toContainEqual(
      expect.objectContaining({ collection: 'roles', draftOnly: false, operation: 'unpublish', roleSlugs: ['interim-coordinator'] }),
    )
    const list = await site.rest.get(`/${ROLES}?where[id][equals]=${id}`)
    expect(list.body.totalDocs).toBe(0)
  })

  it('publishes one language at the set time; a German-only schedule of a never-published document fails instead', async () => {
    const scheduleIn = (id: number | string, locale: string, user: unknown) =>
      site.payload.jobs.queue({
        input: { type: 'publish', doc: { relationTo: ROLES, value: String(id) }, locale, ...(user ? { user } : {}) },
        task: 'schedulePublish',
        waitUntil: new Date(Date.now() + 1000),
      })
    const editor = { relationTo: 'users', value: editorID }
    const read = async (id: number | string, locale: string) => site.rest.get(`/${ROLES}/${id}?depth=0&locale=${locale}&fallback-locale=none`)

    const created = await create(site, ROLES, { summary: 'English summary.', title: 'Release Coordinator' }, { draft: false })
    const id = created.body.doc.id
    await site.payload.update({ collection: ROLES, data: { summary: 'Deutsche Zusammenfassung.', title: 'Release-Koordination' } as never, draft: true, id, locale: 'de' })
    await site.payload.update({ collection: ROLES, data: { summary: 'English draft.' } as never, draft: true, id, locale: 'en' })
    await scheduleIn(id, 'de', editor)
    await expect.poll(async () => (await read(id, 'de')).body.title, { interval: 250, timeout: 20_000 }).toBe('Release-Koordination')
    expect((await read(id, 'en')).body.summary).toBe('English summary.')

    // Created in German as a draft: English has no published name. Scheduled in German alone, as an
    // editor or by a trusted caller with no user, it is refused like "Publish in German".
    for (const user of [editor, undefined]) {
      const german = await site.rest.post(`/${ROLES}?depth=0&locale=de&draft=true`, { body: { _status: 'draft', title: `Nachtprüfung ${user ? 'a' : 'b'}` }, token: await site.login() })
      expect(german.status, JSON.stringify(german.body)).toBe(201)
      const job = await scheduleIn(german.body.doc.id, 'de', user)
      await expect
        .poll(async () => (await site.query(`select has_error, error::text from payload_jobs where id = $1`, [job.id]))[0], { interval: 250, timeout: 20_000 })
        .toMatchObject({ error: expect.stringContaining('Publish in English first'), has_error: true })
      expect((await read(german.body.doc.id, 'en')).status).toBe(404)
      expect((await read(german.body.doc.id, 'de')).status).toBe(404)
    }
  })

  it('runs as the scheduling editor: when that account is gone, the job fails instead of publishing', async () => {
    const created = await create(site, ROLES, { title: 'Night Auditor' }, { draft: true })
    const id = created.body.doc.id
    // Payload's task looks the scheduling user up and publishes with overrideAccess: false as them.
    const stranger = await site.payload.create({ collection: 'users', data: { email: 'gone@example.com', password: 'gone-password' } })
    await site.payload.delete({ collection: 'users', id: stranger.id })
    const job = await site.payload.jobs.queue({
      input: { type: 'publish', doc: { relationTo: ROLES, value: String(id) }, user: { relationTo: 'users', value: stranger.id } },
      task: 'schedulePublish',
      waitUntil: new Date(Date.now() + 1000),
    })
    await expect
      .poll(async () => (await site.query(`select has_error from payload_jobs where id = $1`, [job.id]))[0]?.has_error, {
        interval: 250,
        timeout: 20_000,
      })
      .toBe(true)
    expect((await anonymous(id)).status).toBe(404)
  })
})
