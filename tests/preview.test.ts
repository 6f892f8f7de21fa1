/**
 * Previews on the host's frontend (`preview` option) and draft comparisons, on a site with the
 * roles collection renamed (`job-roles`) and localization on: the URLs the admin's live preview and
 * Preview buttons get, and what `compareRoles(draft:)` answers to editors and everyone else.
 */
import type { CollectionConfig, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { RolePreviewURLArgs } from '../src/index.js'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { roleCatalogPlugin } from '../src/index.js'
import { create, type ID, save } from './helpers/catalog.js'
import { editor, startSite, type TestSite } from './helpers/setup.js'

const ROLES = 'job-roles'

/** A second auth collection: its users are logged in but are not the admin's editors. */
const Members: CollectionConfig = { slug: 'members', auth: true, fields: [] }

/** The host's frontend in this test: the role page through a draft-mode route, with the locale. */
const previewURL = ({ doc, locale }: RolePreviewURLArgs) =>
  doc.slug ? `https://frontend.example/preview?path=/roles/${doc.slug}&locale=${locale ?? ''}` : null

const COMPARE = /* GraphQL */ `
  query ($a: String!, $b: String!, $draft: Boolean) {
    compareRoles(a: $a, b: $b, draft: $draft) {
      a { slug title }
      b { slug title }
      skills { shared { slug } onlyA { slug label requirement } onlyB { slug } }
    }
  }
`

let site: TestSite
let editorReq: PayloadRequest
let tpm: { id: ID }
let memberToken: string

const collection = (slug: string): SanitizedCollectionConfig => site.payload.collections[slug as 'users']!.config

/*
 * Documents as the editor has them (latest drafts), read without their join fields: Payload 3.90
 * fails to read a join sorted by a localized field from versions (the roles' `builtOnBy`, the
 * items' `roles`) on a localized site.
 */
const find = async (slug: string, where: object) => {
  const { docs } = await site.payload.find({ collection: slug as 'users', depth: 0, draft: true, joins: false, where: where as never })
  expect(docs).toHaveLength(1)
  return docs[0] as unknown as Record<string, any> & { id: ID }
}
const bySlug = (slug: string, value: string) => find(slug, { slug: { equals: value } })
const latest = (slug: string, id: ID) => find(slug, { id: { equals: id } })

const roleURL = (slug: string, locale = 'de') => `https://frontend.example/preview?path=/roles/${slug}&locale=${locale}`

beforeAll(async () => {
  site = await startSite({
    collections: [Members],
    config: { localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } },
    name: 'preview',
    plugin: { overrides: { roles: { slug: ROLES } }, preview: { url: previewURL } },
  })
  // English only (no German translation): the locale test below starts from a role without German.
  await seedRoleCatalog({ log: () => {}, payload: site.payload, translations: [] })
  await site.login()
  const { docs } = await site.payload.find({ collection: 'users', where: { email: { equals: editor.email } } })
  editorReq = await createLocalReq({ locale: 'de', user: { ...docs[0]!, collection: 'users' } as never }, site.payload)
  tpm = await bySlug(ROLES, 'technical-project-manager')
  await site.payload.create({ collection: 'members' as 'users', data: { email: 'member@example.com', password: 'member-password' } })
  const login = await site.rest.post('/members/login', { body: { email: 'member@example.com', password: 'member-password' } })
  memberToken = login.body.token
})
afterAll(async () => site?.stop())

describe('the edit screens the previews live on, on a localized site', () => {
  it('open: the editor’s draft reads of a role and an item, with their join fields, answer 200', async () => {
    const token = await site.login()
    const skill = await bySlug('skills', 'leadership')
    for (const path of [`/${ROLES}/${tpm.id}?depth=0&draft=true&locale=de`, `/skills/${skill.id}?depth=0&draft=true&locale=en`]) {
      const response = await site.rest.get(path, { token })
      expect(response.status, `${path}: ${JSON.stringify(response.body).slice(0, 200)}`).toBe(200)
    }
    const role = await site.rest.get(`/skills/${skill.id}?depth=0&draft=true`, { token })
    expect(role.body.roles.docs.length).toBeGreaterThan(0)
  })
})

describe('the preview option', () => {
  it('gives the role edit screen a live preview of the frontend page, in the editor’s locale', async () => {
    const { livePreview } = collection(ROLES).admin
    expect(typeof livePreview?.url).toBe('function')
    const url = (livePreview!.url as Function)({
      collectionConfig: collection(ROLES),
      data: { id: tpm.id, slug: 'technical-project-manager', title: 'Technical Project Manager' },
      locale: { code: 'de', label: 'Deutsch' },
      payload: site.payload,
      req: editorReq,
    })
    expect(await url).toBe(roleURL('technical-project-manager'))
    // A new role has no slug yet: no preview rather than a broken page.
    expect(await (livePreview!.url as Function)({ data: {}, locale: { code: 'en' }, req: editorReq })).toBeNull()
  })

  it('gives roles a Preview button that opens the role page', async () => {
    const doc = await latest(ROLES, tpm.id)
    expect(await collection(ROLES).admin.preview!(doc, { locale: 'de', req: editorReq, token: null })).toBe(
      roleURL('technical-project-manager'),
    )
  })

  it('gives skills, certifications and responsibilities a Preview button that opens a role linking them', async () => {
    for (const [slug, item, field] of [
      ['skills', 'leadership', 'skills.skill'],
      ['certifications', 'pmp', 'certifications.certification'],
      ['responsibilities', 'risk-management', 'responsibilities.responsibility'],
    ] as const) {
      const doc = await bySlug(slug, item)
      const url = await collection(slug).admin.preview!(doc, { locale: 'de', req: editorReq, token: null })
      const linking = await site.payload.find({ collection: ROLES as 'users', joins: false, where: { [field]: { equals: doc.id } } })
      expect(linking.docs.length, slug).toBeGreaterThan(0)
      expect(linking.docs.map((role: any) => roleURL(role.slug)), slug).toContain(url)
    }
  })

  it('finds a role that links the item only in a draft, and none for an item no role links', async () => {
    const skill = (await create(site, 'skills', { name: 'Budget Forecasting', kind: 'technical' }, { draft: true })).body.doc
    const preview = collection('skills').admin.preview!
    expect(await preview(skill, { locale: 'en', req: editorReq, token: null })).toBeNull()
    const role = await latest(ROLES, tpm.id)
    const saved = await save(site, ROLES, tpm.id, { skills: [...role.skills, { requirement: 'required', skill: skill.id }] }, { draft: true })
    expect(saved.status).toBe(200)
    expect(await preview(skill, { locale: 'en', req: editorReq, token: null })).toBe(roleURL('technical-project-manager', 'en'))
  })

  it('is validated, naming the option', () => {
    const apply = (preview: unknown) => roleCatalogPlugin({ preview } as never)({ collections: [] } as never)
    expect(() => apply({ url: '/preview' })).toThrow(/invalid option `preview\.url`: must be a function/)
    expect(() => apply({})).toThrow(/invalid option `preview\.url`/)
    expect(() => apply({ url: previewURL, livePreview: 'yes' })).toThrow(/`preview\.livePreview`/)
    expect(() => apply({ url: previewURL, breakpoints: [{ name: 'phone', label: 'Phone', width: 0, height: 800 }] })).toThrow(
      /`preview\.breakpoints\.0\.width`/,
    )
  })

  it('adds no preview when not given, or when the plugin is disabled, and the live preview can be left out', () => {
    const admins = (options: object) =>
      roleCatalogPlugin(options)({ collections: [] } as never).collections!.map((c) => c.admin ?? {})
    for (const admin of [...admins({}), ...admins({ disabled: true, preview: { url: previewURL } })]) {
      expect(admin.preview).toBeUndefined()
      expect(admin.livePreview).toBeUndefined()
    }
    const [roles, ...items] = admins({ preview: { livePreview: false, url: previewURL } })
    expect(roles!.livePreview).toBeUndefined()
    expect(typeof roles!.preview).toBe('function')
    for (const admin of items) expect(typeof admin.preview).toBe('function')
  })
})

describe('compareRoles(draft:)', () => {
  let published: { skills: string[]; title: string }

  beforeAll(async () => {
    const { body } = await site.graphql(COMPARE, { a: 'technical-project-manager', b: 'project-manager' })
    published = { skills: body.data.compareRoles.skills.onlyA.map((row: any) => row.slug), title: body.data.compareRoles.a.title }
    // The editor drafts a new title and links a new draft skill (the previous test linked one too).
    const skill = (await create(site, 'skills', { name: 'Release Planning', kind: 'technical' }, { draft: true })).body.doc
    const role = await latest(ROLES, tpm.id)
    const saved = await save(
      site,
      ROLES,
      tpm.id,
      { skills: [...role.skills, { requirement: 'recommended', skill: skill.id }], title: 'Technical Program Manager' },
      { draft: true },
    )
    expect(saved.status).toBe(200)
  })

  it('gives editors the newest drafts of the roles and of the items they link', async () => {
    const { body } = await site.graphql(COMPARE, { a: 'technical-project-manager', b: 'project-manager', draft: true }, await site.login())
    expect(body.errors).toBeUndefined()
    const comparison = body.data.compareRoles
    expect(comparison.a.title).toBe('Technical Program Manager')
    expect(comparison.skills.onlyA.map((row: any) => row.slug)).toEqual([...published.skills, 'budget-forecasting', 'release-planning'])
    expect(comparison.skills.onlyA.at(-1)).toEqual({ label: 'Release Planning', requirement: 'recommended', slug: 'release-planning' })
  })

  it('gives the published roles to anonymous callers and to users who may not read versions', async () => {
    for (const token of [undefined, memberToken]) {
      const { body } = await site.graphql(COMPARE, { a: 'technical-project-manager', b: 'project-manager', draft: true }, token)
      expect(body.errors).toBeUndefined()
      expect(body.data.compareRoles.a.title).toBe(published.title)
      expect(body.data.compareRoles.skills.onlyA.map((row: any) => row.slug)).toEqual(published.skills)
    }
  })

  it('gives editors the published roles without draft: true', async () => {
    const { body } = await site.graphql(COMPARE, { a: 'technical-project-manager', b: 'project-manager' }, await site.login())
    expect(body.data.compareRoles.a.title).toBe(published.title)
  })

  it('answers REST ?draft=true the same way', async () => {
    const path = `/${ROLES}/compare?a=technical-project-manager&b=project-manager&draft=true`
    const asEditor = await site.rest.get(path, { token: await site.login() })
    expect(asEditor.status).toBe(200)
    expect(asEditor.body.a.title).toBe('Technical Program Manager')
    expect(asEditor.body.skills.onlyA.map((row: any) => row.slug)).toContain('release-planning')
    const anonymous = await site.rest.get(path)
    expect(anonymous.body.a.title).toBe(published.title)
    expect(anonymous.body.skills.onlyA.map((row: any) => row.slug)).toEqual(published.skills)
  })

  it('reads the drafts in the requested locale, falling back to the default one', async () => {
    const path = `/${ROLES}/compare?a=technical-project-manager&b=project-manager&draft=true&locale=de`
    // No German title yet: the English draft's, by fallback.
    expect((await site.rest.get(path, { token: await site.login() })).body.a.title).toBe('Technical Program Manager')
    const saved = await site.rest.patch(`/${ROLES}/${tpm.id}?depth=0&draft=true&locale=de`, {
      body: { _status: 'draft', title: 'Technischer Programm-Manager' },
      token: await site.login(),
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect((await site.rest.get(path, { token: await site.login() })).body.a.title).toBe('Technischer Programm-Manager')
    expect((await site.rest.get(path)).body.a.title).toBe(published.title)
  })
})
