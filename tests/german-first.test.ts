/**
 * Creating a document while editing in another language than the site's default (issue 19, part 2):
 * an editor whose admin is in German creates a role, skill, certification or responsibility with a
 * German name only. English (the default locale, which falls back to nothing) must not be left
 * without a name: the document gets the same text in English until someone translates it; the slug
 * comes from it; editing the German name later leaves the English one alone; a document created in
 * English gets nothing copied into German (German falls back to English as configured).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { namedCollections } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const collections = namedCollections

describe('creating a document in German on a site whose default language is English', () => {
  let site: TestSite
  let token: string

  beforeAll(async () => {
    site = await startSite({
      config: { localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } },
      name: 'german_first',
    })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  const read = async (slug: string, id: unknown, locale: string, draft = false) =>
    (await site.rest.get(`/${slug}/${id}?depth=0&locale=${locale}&fallback-locale=none${draft ? '&draft=true' : ''}`, { token })).body

  for (const collection of collections) {
    it(`${collection.slug}: the German name is the English one too until translated, published or draft`, async () => {
      for (const draft of [false, true]) {
        const german = `Kollaborative Moderation ${collection.slug} ${draft ? 'Entwurf' : 'veröffentlicht'}`
        const created = await site.rest.post(`/${collection.slug}?depth=0&locale=de${draft ? '&draft=true' : ''}`, {
          body: { ...collection.data, [collection.name]: german, _status: draft ? 'draft' : 'published' },
          token,
        })
        expect(created.status, JSON.stringify(created.body)).toBe(201)
        const { id, slug } = created.body.doc
        expect(slug).toBe(german.toLowerCase().replace(/ö/g, 'o').replace(/ /g, '-'))
        expect((await read(collection.slug, id, 'en', draft))[collection.name]).toBe(german)
        expect((await read(collection.slug, id, 'de', draft))[collection.name]).toBe(german)
        // Anonymous English readers of a published one get the name (no fallback to German needed).
        if (!draft) expect((await site.rest.get(`/${collection.slug}/${id}?depth=0&locale=en`)).body[collection.name]).toBe(german)

        // Renamed in German later: the English text is its own now and stays.
        const renamed = await site.rest.patch(`/${collection.slug}/${id}?depth=0&locale=de${draft ? '&draft=true' : ''}`, {
          body: { [collection.name]: `${german} (neu)`, _status: draft ? 'draft' : 'published' },
          token,
        })
        expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
        expect((await read(collection.slug, id, 'en', draft))[collection.name]).toBe(german)
        expect((await read(collection.slug, id, 'de', draft))[collection.name]).toBe(`${german} (neu)`)
      }
    })
  }

  it('over GraphQL too (`locale: de` on the mutation), with a slug spelled from umlauts and ß', async () => {
    const mutations = [
      ['createSkill', 'kind: soft, name'],
      ['createCertification', 'name'],
      ['createResponsibility', 'title'],
      ['createRole', 'title'],
    ] as const
    for (const [mutation, fields] of mutations) {
      const german = `Straßenbau Führung ${mutation}`
      const nameField = fields.endsWith('title') ? 'title' : 'name'
      const { body } = await site.graphql(
        `mutation { ${mutation}(data: { ${fields}: "${german}", _status: published }, locale: de) { id slug } }`,
        {},
        token,
      )
      expect(body.errors, mutation).toBeUndefined()
      const { id, slug } = body.data[mutation]
      expect(slug).toBe(`strassenbau-fuhrung-${mutation.toLowerCase()}`)
      const collection = { createCertification: 'certifications', createResponsibility: 'responsibilities', createRole: 'roles', createSkill: 'skills' }[mutation]
      expect((await read(collection, id, 'en'))[nameField]).toBe(german)
      // What an English reader sees over GraphQL: the name, not null.
      const type = { createCertification: 'Certification', createResponsibility: 'Responsibility', createRole: 'Role', createSkill: 'Skill' }[mutation]
      const english = await site.graphql(`{ ${type}(id: ${id}, locale: en, fallbackLocale: none) { ${nameField} } }`)
      expect(english.body.data?.[type]?.[nameField]).toBe(german)
    }
  })

  it('a document created in English gets no German copy: German readers fall back as configured', async () => {
    const created = await site.rest.post('/skills?depth=0&locale=en', { body: { kind: 'soft', name: 'Facilitation', _status: 'published' }, token })
    expect(created.status).toBe(201)
    expect((await read('skills', created.body.doc.id, 'de')).name ?? null).toBeNull()
    expect((await site.rest.get(`/skills/${created.body.doc.id}?depth=0&locale=de`)).body.name).toBe('Facilitation')
  })

  it('the database holds one row per locale: the copy is a real English row, not a fallback', async () => {
    const rows = await site.query<{ locale: string; name: string }>(
      `select l._locale::text as locale, l.name from skills_locales l join skills s on s.id = l._parent_id
        where s.slug = 'kollaborative-moderation-skills-veroffentlicht' order by l._locale::text`,
    )
    expect(rows).toEqual([
      { locale: 'de', name: 'Kollaborative Moderation skills veröffentlicht (neu)' },
      { locale: 'en', name: 'Kollaborative Moderation skills veröffentlicht' },
    ])
  })
})

describe('a site whose default language is German: the same rules the other way round', () => {
  let site: TestSite
  let token: string
  beforeAll(async () => {
    site = await startSite({
      config: { localization: { defaultLocale: 'de', fallback: true, locales: ['de', 'en'] } },
      name: 'german_default',
    })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  it('a role created in English gets the name in German too; published in English alone before German, refused', async () => {
    const created = await site.rest.post('/roles?depth=0&locale=en&draft=true', { body: { _status: 'draft', title: 'Road Works Lead' }, token })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const { id, slug } = created.body.doc
    expect(slug).toBe('road-works-lead')
    const german = await site.rest.get(`/roles/${id}?depth=0&locale=de&fallback-locale=none&draft=true`, { token })
    expect(german.body.title).toBe('Road Works Lead')

    const englishOnly = await site.rest.patch(`/roles/${id}?depth=0&locale=en&publishSpecificLocale=en`, { body: { _status: 'published', title: 'Road Works Lead' }, token })
    expect(englishOnly.status).toBe(400)
    expect(englishOnly.body.errors[0].data.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Publish in German first/), path: 'title' })])
    const all = await site.rest.patch(`/roles/${id}?depth=0&locale=en`, { body: { _status: 'published', title: 'Road Works Lead' }, token })
    expect(all.status, JSON.stringify(all.body)).toBe(200)
    // German readers (the default language, no fallback) get a name.
    expect((await site.graphql(`{ roleBySlug(slug: "${slug}", locale: de, fallbackLocale: none) { title } }`)).body.data.roleBySlug.title).toBe('Road Works Lead')
  })
})
