/**
 * A site with `localization.fallback: false`: Payload (3.90) leaves the locale of a REST or GraphQL
 * request that names none unset there, and answers its reads with a 500. The plugin has a catalogue
 * collection's reads and writes without a locale use the default locale, as Payload documents, on
 * every path (lists, documents, counts, versions, drafts, writes, GraphQL). A host collection is
 * left exactly as Payload answers it without the plugin.
 */
import type { CollectionConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSite, type TestSite } from './helpers/setup.js'

const localization = { defaultLocale: 'en', fallback: false, locales: ['en', 'de'] }

/** A host collection of the site's own, localized and with drafts. */
const Posts: CollectionConfig = {
  slug: 'posts',
  access: { read: () => true },
  fields: [{ name: 'title', type: 'text', localized: true }],
  versions: { drafts: true },
}

const HOST_READS = ['/posts', '/posts?locale=en', '/posts/count', '/posts/versions', '/posts?draft=true', '/posts?locale=']
const HOST_GRAPHQL = ['{ Posts { docs { title } } }', '{ countPosts { totalDocs } }', '{ versionsPosts { docs { id } } }']
const withoutPlugin = new Map<string, unknown>()

/** What a host read answers: its status and what it found (titles, counts); for GraphQL, its data and errors. */
const hostAnswers = async (site: TestSite, token: string) => {
  const answers = new Map<string, unknown>()
  for (const path of HOST_READS) {
    const { body, status } = await site.rest.get(path, { token })
    answers.set(path, [status, body.totalDocs, body.docs?.map((doc: any) => doc.title ?? doc.version?.title)])
  }
  for (const query of HOST_GRAPHQL) {
    const { body } = await site.graphql(query, {}, token)
    answers.set(query, (body.errors ?? []).map((error: any) => error.message))
    answers.set(`${query} data`, query.includes('versions') ? Object.keys(body.data ?? {}) : body.data?.[Object.keys(body.data ?? {})[0]!])
  }
  return answers
}

describe('a site with fallback: false, without the plugin (what Payload answers for a host collection)', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'no_fallback_host', collections: [Posts], config: { localization }, plugin: false })
    await site.payload.create({ collection: 'posts' as never, data: { _status: 'published', title: 'First' } as never, locale: 'en' })
  })
  afterAll(async () => {
    await site?.stop()
  })

  it('answers the host collection’s reads', async () => {
    for (const [key, value] of await hostAnswers(site, await site.login())) withoutPlugin.set(key, value)
    expect(withoutPlugin.get('/posts?locale=en')).toEqual([200, 1, ['First']])

  })
})

describe('a site with fallback: false and the plugin', () => {
  let site: TestSite
  let token: string
  let skillID: number
  let roleID: number
  let english: { name: string }
  beforeAll(async () => {
    site = await startSite({ name: 'no_fallback_plugin', collections: [Posts], config: { localization }, plugin: { seed: true } })
    await site.payload.create({ collection: 'posts' as never, data: { _status: 'published', title: 'First' } as never, locale: 'en' })
    token = await site.login()
    const skill = (await site.payload.find({ collection: 'skills', limit: 1, locale: 'en', sort: 'slug' })).docs[0] as unknown as { id: number; name: string }
    skillID = skill.id
    english = { name: skill.name }
    roleID = (await site.payload.find({ collection: 'roles', limit: 1, sort: 'slug' })).docs[0]!.id as number
  })
  afterAll(async () => {
    await site?.stop()
  })

  it('REST reads that name no locale (or an empty one) read the default locale', async () => {
    for (const path of [
      `/skills/${skillID}?depth=0`,
      `/skills?depth=0&where[id][equals]=${skillID}`,
      `/skills/count?where[id][equals]=${skillID}`,
      `/roles/${roleID}?depth=1`,
      `/roles/${roleID}?depth=1&draft=true`,
      `/roles/versions?depth=0&where[parent][equals]=${roleID}`,
      `/roles/count`,
    ]) {
      const { body, status } = await site.rest.get(path, { token })
      expect([path, status], JSON.stringify(body)).toEqual([path, 200])
    }
    // An empty locale is an unknown one there (as the cached route refuses it): a 400, not a 500.
    expect((await site.rest.get(`/skills?depth=0&locale=&where[id][equals]=${skillID}`)).status).toBe(400)
    expect((await site.rest.get(`/skills/${skillID}?depth=0`)).body.name).toBe(english.name)
    expect((await site.rest.get(`/skills?depth=0&where[id][equals]=${skillID}`)).body.docs[0].name).toBe(english.name)
    const versions = await site.rest.get(`/skills/versions?depth=0&where[parent][equals]=${skillID}`, { token })
    expect(versions.status).toBe(200)
    expect(versions.body.docs[0].version.name).toBe(english.name)
    // One version by ID: Payload's findVersionByID takes the request's locale before any hook runs,
    // so the plugin cannot give it the default one (without a locale it answers the version without
    // its localized text, Payload's own behaviour there). Naming the locale reads it.
    const version = await site.rest.get(`/skills/versions/${versions.body.docs[0].id}?depth=0&locale=en`, { token })
    expect([version.status, version.body.version?.name]).toEqual([200, english.name])
  })

  it('locale=all and * still read every locale', async () => {
    for (const locale of ['all', '*']) {
      const { body, status } = await site.rest.get(`/skills/${skillID}?depth=0&locale=${locale}`)
      expect([locale, status]).toEqual([locale, 200])
      expect(body.name).toMatchObject({ en: english.name })
    }
  })

  it('GraphQL reads that name no locale read the default locale', async () => {
    for (const query of [
      `{ Skill(id: ${skillID}) { name } }`,
      `{ Skills(where: { id: { equals: ${skillID} } }) { docs { name } } }`,
      `{ Roles(draft: true, limit: 1) { docs { title skills { skill { name } } } } }`,
      `{ versionsSkills(where: { parent: { equals: ${skillID} } }) { docs { version { name } } } }`,
      `{ countRoles { totalDocs } }`,
    ]) {
      const { body } = await site.graphql(query, {}, token)
      expect([query, body.errors]).toEqual([query, undefined])
    }
    const { body } = await site.graphql(`{ Skill(id: ${skillID}) { name } }`)
    expect(body.data.Skill.name).toBe(english.name)
  })

  it('writes that name no locale write the default locale', async () => {
    const german = ((await site.payload.findByID({ collection: 'skills', depth: 0, id: skillID, locale: 'all' })) as unknown as { name: Record<string, string> }).name.de
    const patched = await site.rest.patch(`/skills/${skillID}?depth=0`, { body: { name: 'Renamed in English' }, token })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    const created = await site.rest.post(`/skills?depth=0`, { body: { kind: 'soft', name: 'Made without a locale', slug: 'made-without-a-locale' }, token })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    for (const [id, name, inGerman] of [
      [skillID, 'Renamed in English', german],
      [created.body.doc.id, 'Made without a locale', undefined],
    ] as const) {
      const stored = (await site.payload.findByID({ collection: 'skills', depth: 0, id, locale: 'all' })) as unknown as { name: Record<string, string> }
      expect(stored.name).toEqual({ de: inGerman, en: name })
    }
    // A GraphQL mutation too.
    const mutation = await site.graphql(`mutation { updateSkill(id: ${skillID}, data: { name: "Renamed over GraphQL" }) { name } }`, {}, token)
    expect([mutation.body.errors, mutation.body.data?.updateSkill?.name]).toEqual([undefined, 'Renamed over GraphQL'])
    const stored = (await site.payload.findByID({ collection: 'skills', depth: 0, id: skillID, locale: 'all' })) as unknown as { name: Record<string, string> }
    expect(stored.name).toEqual({ de: german, en: 'Renamed over GraphQL' })
  })

  it('the plugin’s own endpoints and a delete that name no locale answer in the default locale', async () => {
    const pm = 'project-manager'
    for (const path of [
      `/roles/${pm}/jsonld`,
      `/roles/compare?a=${pm}&b=technical-project-manager`,
      `/roles/${pm}/similar`,
      `/roles/search?text=project`,
      `/roles/suggest?prefix=proj`,
      `/roles/match?skills=communication`,
    ]) {
      const { body, status } = await site.rest.get(path)
      expect([path, status], JSON.stringify(body).slice(0, 300)).toEqual([path, 200])
    }
    expect((await site.rest.get(`/roles/${pm}/jsonld`)).body.name).toBe((await site.rest.get(`/roles/${pm}/jsonld?locale=en`)).body.name)
    const doomed = await site.payload.create({ collection: 'skills', data: { kind: 'soft', name: 'Doomed', slug: 'doomed' } as never, locale: 'en' })
    const deleted = await site.rest.delete(`/skills/${doomed.id}?depth=0`, { token })
    expect([deleted.status, deleted.body.doc?.name]).toEqual([200, 'Doomed'])
  })

  it('a host collection is answered exactly as without the plugin', async () => {
    expect(withoutPlugin.size).toBe(HOST_READS.length + 2 * HOST_GRAPHQL.length)
    expect(await hostAnswers(site, token)).toEqual(withoutPlugin)
    // Next to a catalogue query in one GraphQL request too (the plugin gives only its own reads a locale).
    const mixed = await site.graphql('{ Skills(limit: 1) { docs { name } } Posts { docs { title } } }', {}, token)
    expect(mixed.body.data.Posts).toEqual(withoutPlugin.get('{ Posts { docs { title } } } data'))
  })
})
