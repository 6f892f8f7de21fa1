/** Slugs: derived when empty, validated when given, unique, stable across renames. */
import type { TextField } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toSlug } from '../src/fields/slug.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

describe('toSlug', () => {
  it.each([
    ['Technical Project Manager', 'technical-project-manager'],
    ['Bachelor’s degree', 'bachelors-degree'],
    ['  Café & Crème  ', 'cafe-creme'],
    ['Problem-solving abilities', 'problem-solving-abilities'],
    ['C++ / C#', 'c-c'],
    ['!!!', undefined],
    // Letters Unicode does not decompose: spelled out as their languages do, never a dash in a word.
    ['Straßenbau', 'strassenbau'],
    ['Æbleskiver Œuvre', 'aebleskiver-oeuvre'],
    ['Øresund Łódź Đakovo Þór', 'oresund-lodz-dakovo-thor'],
  ])('%s → %s', (input, expected) => {
    expect(toSlug(input)).toBe(expected)
  })
})

describe('slug field', () => {
  let site: TestSite
  let token: string
  beforeAll(async () => {
    site = await startSite({ name: 'slugs' })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  it('derives the slug from the name when left empty, over REST and GraphQL', async () => {
    const rest = await site.rest.post('/certifications', { body: { name: 'Certified ScrumMaster®' }, token })
    expect(rest.status).toBe(201)
    expect(rest.body.doc.slug).toBe('certified-scrummaster')
    const graphql = await site.graphql(`mutation { createSkill(data: { name: "Stakeholder Empathy", kind: soft }) { slug } }`, {}, token)
    expect(graphql.body.data.createSkill.slug).toBe('stakeholder-empathy')
  })

  it('rejects a malformed slug with a 400 naming the field, writing nothing', async () => {
    const before = await catalogRowCounts(site)
    for (const slug of ['Bad Slug', 'ends-with-dash-', 'x'.repeat(121), 'ümlaut']) {
      const { body, status } = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Anything', slug }, token })
      expect(status, slug).toBe(400)
      expect(body.errors[0].data.errors[0].path).toBe('slug')
    }
    const graphql = await site.graphql(`mutation { createSkill(data: { name: "Anything", kind: soft, slug: "Not OK" }) { slug } }`, {}, token)
    expect(graphql.body.errors![0].extensions.statusCode).toBe(400)
    expect(graphql.body.errors![0].extensions.data.errors[0].path).toBe('slug')
    expect(graphql.body.errors![0].extensions.data.errors[0].message).toMatch(/lower-case letters/)
    expect(await catalogRowCounts(site)).toEqual(before)
  })

  it('rejects a duplicate slug with a 400 naming the field (REST and GraphQL), in drafts too', async () => {
    const first = await site.rest.post('/responsibilities', { body: { title: 'Vendor Management' }, token })
    expect(first.status).toBe(201)
    const duplicate = await site.rest.post('/responsibilities', { body: { title: 'Vendor management' }, token })
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.errors[0].data.errors[0]).toMatchObject({ path: 'slug' })
    const draft = await site.rest.post('/responsibilities?draft=true', {
      body: { _status: 'draft', slug: 'vendor-management', title: 'Another' },
      token,
    })
    expect(draft.status).toBe(400)
    expect(draft.body.errors[0].data.errors[0].path).toBe('slug')
    const graphql = await site.graphql(
      `mutation { createResponsibility(data: { title: "Vendor Management" }) { slug } }`,
      {},
      token,
    )
    expect(graphql.status).toBe(200)
    expect(graphql.body.errors![0].extensions.statusCode).toBe(400)
    expect(graphql.body.errors![0].extensions.data.errors[0].path).toBe('slug')
    expect((await site.query(`select count(*)::int as n from responsibilities where slug = 'vendor-management'`))[0].n).toBe(1)
  })

  it('keeps the slug when the title changes, so URLs stay stable', async () => {
    const created = await site.rest.post('/roles', { body: { title: 'Scrum Master' }, token })
    const renamed = await site.rest.patch(`/roles/${created.body.doc.id}`, { body: { title: 'Agile Coach' }, token })
    expect(renamed.body.doc).toMatchObject({ slug: 'scrum-master', title: 'Agile Coach' })
    const explicit = await site.rest.patch(`/roles/${created.body.doc.id}`, { body: { slug: 'agile-coach' }, token })
    expect(explicit.body.doc.slug).toBe('agile-coach')
  })

  it('is refused in the admin’s form state while it is taken, as the save would refuse it (shown beside the field)', async () => {
    const taken = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Form State Check' }, token })
    expect(taken.status).toBe(201)
    const own = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Another Skill Entirely' }, token })
    const field = site.payload.collections.skills.config.flattenedFields.find((each) => each.name === 'slug') as TextField
    const check = field.validate as (value: string, options: never) => Promise<string | true> | string | true
    const user = (await site.payload.find({ collection: 'users', limit: 1 })).docs[0]
    const req = await createLocalReq({ user: user as never }, site.payload)
    // As Payload's form state (buildFormState) validates a field while the editor edits.
    const validate = (value: string, id?: number, previousValue?: string) =>
      check(value, { ...field, collectionSlug: 'skills', data: {}, event: 'onChange', id, operation: id ? 'update' : 'create', path: ['slug'], preferences: { fields: {} }, previousValue, req, siblingData: {} } as never)

    const refusal = 'The slug "form-state-check" is already used by the skill "Form State Check". Choose another slug.'
    expect(await validate('form-state-check')).toBe(refusal)
    expect(await validate('form-state-check', own.body.doc.id, 'another-skill-entirely')).toBe(refusal)
    expect(await validate('form-state-check-2')).toBe(true)
    // The document's own slug is not taken from itself; the format rule still applies.
    expect(await validate('form-state-check', taken.body.doc.id, 'form-state-check')).toBe(true)
    expect(await validate('Not OK')).toMatch(/lower-case letters/)
    // On a save (event 'submit') the collection's hook refuses it; the field checks the format only.
    expect(await check('form-state-check', { ...field, collectionSlug: 'skills', event: 'submit', req } as never)).toBe(true)
  })
})
