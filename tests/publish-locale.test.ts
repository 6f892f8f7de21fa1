/**
 * "Publish in English" (issue 19, part 3): Payload's per-locale publishing (`publishSpecificLocale`,
 * what the admin's "Publish in <language>" button sends) on a bilingual site with the response cache,
 * read through the plugin's route helpers as the demo mounts them. An editor has drafts in both
 * languages (titles, a new link); publishing one language must show anonymous readers that
 * language's new text and the new link, keep the other language's published text (never its draft),
 * keep the draft for the editor, and leave the links (delete guard), the untranslated counts and the
 * caches right. Then the same the other way round (German first).
 */
import type { BeforeListTableServerProps, CollectionSlug, SanitizedCollectionConfig } from 'payload'

import { REST_GET } from '@payloadcms/next/routes'
import { initI18n } from '@payloadcms/translations'
import { de as payloadDe } from '@payloadcms/translations/languages/de'
import { en as payloadEn } from '@payloadcms/translations/languages/en'
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { UntranslatedFilter } from '../src/components/UntranslatedFilter.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../src/exports/routes.js'
import { bySlug, create, latest, namedCollections, type ID } from './helpers/catalog.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const PM = 'project-manager'

const ROLE = /* GraphQL */ `
  query Role($slug: String!, $locale: LocaleInputType) {
    roleBySlug(slug: $slug, locale: $locale) { slug title skills { skill { slug name } } jsonLd }
  }
`

let site: TestSite
let graphqlRoute: ReturnType<typeof catalogGraphQLRoute>
let restGet: ReturnType<typeof withCatalogRestCache>
let pmID: ID
let executions = 0

/** Anonymous GraphQL through the cached route. */
const graphql = async (variables: Record<string, unknown>) => {
  const response = await graphqlRoute.POST(
    new Request('http://localhost/api/graphql', {
      body: JSON.stringify({ query: ROLE, variables }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    }),
  )
  const body = (await response.json()) as any
  expect(body.errors).toBeUndefined()
  return { role: body.data.roleBySlug }
}

/** Anonymous REST through the cached route. */
const rest = async (path: string) => {
  const url = new URL(`http://localhost/api${path}`)
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  const response = await restGet(new Request(url), { params: Promise.resolve({ slug }) })
  return { body: (await response.json()) as any, status: response.status }
}

/** What an anonymous reader gets in a language, over every public path (cached GraphQL and REST, Payload's REST). */
const anonymousView = async (locale: 'de' | 'en') => {
  const { role } = await graphql({ locale, slug: PM })
  const jsonLd = await rest(`/roles/${PM}/jsonld?locale=${locale}`)
  const document = await rest(`/roles/${pmID}?locale=${locale}&depth=1`)
  const list = await rest(`/roles?locale=${locale}&depth=0&where[slug][equals]=${PM}`)
  return {
    graphqlTitle: role.title,
    jsonLdName: jsonLd.body.name,
    listTitles: list.body.docs.map((doc: any) => doc.title),
    restTitle: document.body.title,
    skills: role.skills.map((link: any) => link.skill.slug).sort(),
    restSkills: document.body.skills.map((link: any) => link.skill.slug).sort(),
  }
}

/** The admin's "Publish in <locale>": PATCH with `publishSpecificLocale` and the form's whole data. */
const publishIn = async (locale: 'de' | 'en', data: Record<string, unknown>) =>
  site.rest.patch(`/roles/${pmID}?depth=0&locale=${locale}&publishSpecificLocale=${locale}`, {
    body: { ...data, _status: 'published' },
    token: await site.login(),
  })

const saveDraft = async (locale: 'de' | 'en', data: Record<string, unknown>) => {
  const response = await site.rest.patch(`/roles/${pmID}?depth=0&draft=true&locale=${locale}`, {
    body: { ...data, _status: 'draft' },
    token: await site.login(),
  })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
}

/** The "Without German text: N" line above the roles list, as the admin renders it. */
const untranslatedLine = async () => {
  const collectionConfig = site.payload.collections.roles.config as SanitizedCollectionConfig
  const i18n = await initI18n({ config: site.payload.config.i18n, context: 'client', language: 'en' })
  const user = (await site.payload.find({ collection: 'users', limit: 1 })).docs[0]
  const element = await UntranslatedFilter({
    collectionConfig,
    i18n,
    payload: site.payload,
    searchParams: {},
    user: { ...user, collection: 'users' },
  } as unknown as BeforeListTableServerProps)
  return /Without German text: (\d+)/.exec(renderToStaticMarkup(element as React.ReactElement))?.[1]
}

/** The roles the admin's filtered list shows (drafts, German, no fallback), as the filter's link opens it. */
const listedWithoutGerman = async () =>
  (
    await site.payload.find({
      collection: 'roles',
      draft: true,
      fallbackLocale: false,
      locale: 'de',
      overrideAccess: false,
      user: { ...(await site.payload.find({ collection: 'users', limit: 1 })).docs[0], collection: 'users' } as never,
      where: { title: { exists: false } },
    })
  ).docs.map((doc) => doc.slug)

beforeAll(async () => {
  site = await startSite({
    name: 'publish_locale',
    config: {
      i18n: { supportedLanguages: { de: payloadDe, en: payloadEn } },
      localization: {
        defaultLocale: 'en',
        fallback: true,
        locales: [
          { code: 'en', label: { de: 'Englisch', en: 'English' } },
          { code: 'de', label: { de: 'Deutsch', en: 'German' } },
        ],
      },
    },
    plugin: { responseCache: true },
  })
  // The article in English only (no seeded German): the TPM stays without a German title.
  await seedRoleCatalog({ log: () => {}, payload: site.payload, translations: [] })
  graphqlRoute = catalogGraphQLRoute(site.config)
  restGet = withCatalogRestCache(REST_GET(site.config), site.config)
  // Payload calls `extensions` once per executed operation: it counts GraphQL executions.
  site.payload.extensions = async ({ result }) => {
    executions++
    return result
  }
  await site.login()
  pmID = (await bySlug(site, 'roles', PM)).id
  // The role's German title, published.
  await site.payload.update({ collection: 'roles', data: { _status: 'published', title: 'Projektmanager' } as never, id: pmID, locale: 'de' })
})
afterAll(async () => site?.stop())

describe('publishing one locale of a role with drafts in both', () => {
  let newSkill: ID
  let englishData: Record<string, unknown>

  it('before: anonymous readers see the published role in both languages (and the caches hold it)', async () => {
    const created = await create(site, 'skills', { kind: 'technical', name: 'Stakeholder mapping' }, { draft: false })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    newSkill = created.body.doc.id
    const published = await latest(site, 'roles', pmID)
    // Drafts in both languages; the English draft also links the new skill (links are not localized).
    await saveDraft('de', { title: 'Projektmanager (Entwurf)' })
    englishData = {
      skills: [...published.skills.map((row: any) => ({ ...row, id: undefined })), { requirement: 'required', skill: newSkill }],
      title: 'Project Manager (revised)',
    }
    await saveDraft('en', englishData)

    for (let read = 0; read < 2; read++) {
      expect(await anonymousView('en')).toMatchObject({ graphqlTitle: 'Project Manager', jsonLdName: 'Project Manager', listTitles: ['Project Manager'], restTitle: 'Project Manager' })
      expect(await anonymousView('de')).toMatchObject({ graphqlTitle: 'Projektmanager', jsonLdName: 'Projektmanager', listTitles: ['Projektmanager'], restTitle: 'Projektmanager' })
    }
    // Read again, it comes from the cache (no GraphQL execution): what "the caches hold it" means.
    const before = executions
    await graphql({ locale: 'de', slug: PM })
    expect(executions).toBe(before)
    expect((await anonymousView('en')).skills).not.toContain('stakeholder-mapping')
  })

  it('"Publish in English" shows the English text and the new link, never the German draft', async () => {
    const published = await publishIn('en', englishData)
    expect(published.status, JSON.stringify(published.body)).toBe(200)

    const english = await anonymousView('en')
    expect(english).toMatchObject({ graphqlTitle: 'Project Manager (revised)', jsonLdName: 'Project Manager (revised)', listTitles: ['Project Manager (revised)'], restTitle: 'Project Manager (revised)' })
    expect(english.skills).toContain('stakeholder-mapping')
    expect(english.restSkills).toEqual(english.skills)

    const german = await anonymousView('de')
    // The German published title, not the draft, on every path (cached ones included).
    expect(german).toMatchObject({ graphqlTitle: 'Projektmanager', jsonLdName: 'Projektmanager', listTitles: ['Projektmanager'], restTitle: 'Projektmanager' })
    // The links are the role's, whatever the language: the German page links the new skill too.
    expect(german.skills).toEqual(english.skills)
    // Nothing anonymous finds the German draft's words.
    const search = await rest(`/roles?locale=de&where[title][like]=Entwurf`)
    expect(search.body.docs).toEqual([])
    const bySearch = await site.graphql(`{ Roles(locale: de, where: { title: { like: "Entwurf" } }) { docs { slug } } }`)
    expect(bySearch.body.data?.Roles.docs).toEqual([])
  })

  it('keeps the German draft for the editor: nothing is lost', async () => {
    const token = await site.login()
    const draft = await site.rest.get(`/roles/${pmID}?depth=0&draft=true&locale=de`, { token })
    expect(draft.body.title).toBe('Projektmanager (Entwurf)')
    const english = await site.rest.get(`/roles/${pmID}?depth=0&draft=true&locale=en`, { token })
    expect(english.body.title).toBe('Project Manager (revised)')
  })

  it('the published link counts as a link: the skill cannot be deleted while the role links it', async () => {
    const response = await site.rest.delete(`/skills/${newSkill}`, { token: await site.login() })
    expect(response.status).toBe(409)
    expect(JSON.stringify(response.body)).toContain('Project Manager')
    expect(await site.payload.count({ collection: 'skills', where: { id: { equals: newSkill } } })).toEqual({ totalDocs: 1 })
  })

  it('the untranslated count agrees with the list it links to', async () => {
    // Every seeded role has a German title only where one was given: the PM has one (published and draft).
    const listed = await listedWithoutGerman()
    expect(listed).not.toContain(PM)
    expect(listed).toContain('technical-project-manager')
    expect(await untranslatedLine()).toBe(String(listed.length))
  })

  it('"Publish in German" then publishes the German draft, and English stays as published', async () => {
    const germanDraft = await latest(site, 'roles', pmID)
    const response = await publishIn('de', { skills: germanDraft.skills, title: 'Projektmanager (Entwurf)' })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(await anonymousView('de')).toMatchObject({ graphqlTitle: 'Projektmanager (Entwurf)', jsonLdName: 'Projektmanager (Entwurf)', restTitle: 'Projektmanager (Entwurf)' })
    expect(await anonymousView('en')).toMatchObject({ graphqlTitle: 'Project Manager (revised)', jsonLdName: 'Project Manager (revised)', restTitle: 'Project Manager (revised)' })
  })
})

describe('publishing German while English has a draft', () => {
  it('never shows the English draft to English (or German fallback) readers', async () => {
    const { id } = (
      await create(site, 'roles', { title: 'Quality Engineer' }, { draft: false })
    ).body.doc as { id: ID }
    await site.rest.patch(`/roles/${id}?depth=0&draft=true&locale=en`, {
      body: { _status: 'draft', summary: 'Draft summary, not for readers.', title: 'Quality Engineer (draft)' },
      token: await site.login(),
    })
    const response = await site.rest.patch(`/roles/${id}?depth=0&locale=de&publishSpecificLocale=de`, {
      body: { _status: 'published', title: 'Qualitätsingenieur' },
      token: await site.login(),
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const slug = 'quality-engineer'
    const english = (await graphql({ locale: 'en', slug })).role
    expect(english.title).toBe('Quality Engineer')
    const german = (await graphql({ locale: 'de', slug })).role
    expect(german.title).toBe('Qualitätsingenieur')
    for (const locale of ['en', 'de']) {
      const document = await rest(`/roles/${id}?locale=${locale}&depth=0`)
      expect(JSON.stringify(document.body)).not.toContain('draft')
      const jsonLd = await rest(`/roles/${slug}/jsonld?locale=${locale}`)
      expect(JSON.stringify(jsonLd.body)).not.toMatch(/draft/i)
    }
  })
})

describe('publishing German while English has a draft: every anonymous read', () => {
  it('search, suggestions, comparison, matching, similar roles, lists and JSON-LD never show the English draft', async () => {
    const token = await site.login()
    const skill = await bySlug(site, 'skills', 'leadership')
    const created = await create(site, 'roles', { skills: [{ requirement: 'required', skill: skill.id }], title: 'Audit Lead' }, { draft: false })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const { id } = created.body.doc as { id: ID }
    const draft = await site.rest.patch(`/roles/${id}?depth=0&draft=true&locale=en`, {
      body: { _status: 'draft', summary: 'Quuxdraft summary for nobody.', title: 'Audit Lead Quuxdraft' },
      token,
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(200)
    const published = await site.rest.patch(`/roles/${id}?depth=0&locale=de&publishSpecificLocale=de`, {
      body: { _status: 'published', title: 'Auditleitung' },
      token,
    })
    expect(published.status, JSON.stringify(published.body)).toBe(200)

    const slug = 'audit-lead'
    const answers: unknown[] = []
    for (const locale of ['en', 'de'] as const) {
      for (const query of [
        `{ searchCatalog(text: "quuxdraft", locale: ${locale}) { totalDocs docs { slug title highlight } } }`,
        `{ searchCatalog(text: "audit lead", locale: ${locale}) { totalDocs docs { slug title highlight } } }`,
        `{ suggestCatalog(prefix: "audit", locale: ${locale}) { suggestions { slug text title } } }`,
        `{ compareRoles(a: "${slug}", b: "${PM}", locale: ${locale}) { a { title summary jsonLd } skills { shared { slug label } } } }`,
        `{ matchRoles(skills: ["leadership"], locale: ${locale}) { docs { role { slug title summary } } } }`,
        `{ similarRoles(slug: "${slug}", locale: ${locale}) { role { title summary } docs { role { title } } } }`,
        `{ Roles(locale: ${locale}, where: { slug: { equals: "${slug}" } }) { docs { title summary jsonLd } } }`,
        `{ roleBySlug(slug: "${slug}", locale: ${locale}) { title summary jsonLd } }`,
      ]) {
        const { body } = await site.graphql(query)
        expect(body.errors, query).toBeUndefined()
        answers.push(body.data)
      }
      for (const path of [
        `/roles/search?text=quuxdraft&locale=${locale}`,
        `/roles/search?text=audit%20lead&locale=${locale}`,
        `/roles/compare?a=${slug}&b=${PM}&locale=${locale}`,
        `/roles/match?skills=leadership&locale=${locale}`,
        `/roles/${slug}/similar?locale=${locale}`,
        `/roles/${slug}/jsonld?locale=${locale}`,
        `/roles?locale=${locale}&depth=1&where[slug][equals]=${slug}`,
        `/roles/${id}?locale=${locale}&depth=1`,
      ]) {
        const response = await rest(path)
        expect(response.status, path).toBe(200)
        answers.push(response.body)
      }
    }
    const everything = JSON.stringify(answers)
    expect(everything).not.toMatch(/quuxdraft/i)
    // The published texts are there: the sweep read the role, in both languages.
    expect(everything).toContain('Audit Lead')
    expect(everything).toContain('Auditleitung')
    // And the draft is there to leak: an editor asking for drafts finds it.
    const editorSearch = await site.graphql(`{ searchCatalog(text: "quuxdraft", draft: true, locale: en) { docs { slug } } }`, {}, token)
    expect(editorSearch.body.data?.searchCatalog.docs.map((doc: any) => doc.slug)).toContain(slug)
  })
})

describe('a document created in German as a draft, then "Publish in German"', () => {
  const collections = namedCollections

  for (const collection of collections) {
    it(`${collection.slug}: never leaves English readers a published document without a name`, async () => {
      const token = await site.login()
      const german = `Prüfstelle ${collection.slug}`
      const created = await site.rest.post(`/${collection.slug}?depth=0&locale=de&draft=true`, {
        body: { ...collection.data, [collection.name]: german, _status: 'draft' },
        token,
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      const { id } = created.body.doc
      // The admin's "Publish in German" of a document that was never published: English has no
      // published name to keep, so publishing German alone would publish it nameless in English.
      const germanOnly = await site.rest.patch(`/${collection.slug}/${id}?depth=0&locale=de&publishSpecificLocale=de`, {
        body: { ...collection.data, [collection.name]: german, _status: 'published' },
        token,
      })
      const english = await site.rest.get(`/${collection.slug}/${id}?depth=0&locale=en&fallback-locale=none`)
      // Refused, naming the field and saying what to do; nothing was published.
      expect(germanOnly.status, JSON.stringify(germanOnly.body)).toBe(400)
      expect(germanOnly.body.errors[0].data.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^Publish in English first/), path: collection.name }),
      ])
      // An editor working in the German interface reads it in German.
      const inGerman = await site.rest.patch(`/${collection.slug}/${id}?depth=0&locale=de&publishSpecificLocale=de`, {
        body: { ...collection.data, [collection.name]: german, _status: 'published' },
        headers: { 'Accept-Language': 'de' },
        token,
      })
      expect(inGerman.status).toBe(400)
      expect(inGerman.body.errors[0].data.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^Veröffentlichen Sie zuerst auf Englisch oder alle Sprachen: .*„(Titel|Name)“/), path: collection.name }),
      ])
      expect(english.status).toBe(404)
      // Publishing every language works, and English readers get the name.
      const all = await site.rest.patch(`/${collection.slug}/${id}?depth=0&locale=de`, {
        body: { ...collection.data, [collection.name]: german, _status: 'published' },
        token,
      })
      expect(all.status, JSON.stringify(all.body)).toBe(200)
      expect((await site.rest.get(`/${collection.slug}/${id}?depth=0&locale=en&fallback-locale=none`)).body[collection.name]).toBe(german)
      // Once English has a published name, "Publish in German" is German's alone again.
      const again = await site.rest.patch(`/${collection.slug}/${id}?depth=0&locale=de&publishSpecificLocale=de`, {
        body: { ...collection.data, [collection.name]: `${german} (neu)`, _status: 'published' },
        token,
      })
      expect(again.status, JSON.stringify(again.body)).toBe(200)
      expect((await site.rest.get(`/${collection.slug}/${id}?depth=0&locale=en&fallback-locale=none`)).body[collection.name]).toBe(german)
      expect((await site.rest.get(`/${collection.slug}/${id}?depth=0&locale=de`)).body[collection.name]).toBe(`${german} (neu)`)
    })
  }
})
