/**
 * The admin's view of what has no text in another locale yet: above each catalogue list (roles,
 * responsibilities, certifications, skills), per further locale, how many documents have no title
 * there, and a link that filters the list to exactly those. Rendered here as the admin renders it
 * (the server component with the list view's props) in English and German, on a site whose roles
 * slug is overridden; the link's filter is checked through the REST API it stands for.
 */
import type { BeforeListTableServerProps, CollectionSlug, SanitizedCollectionConfig } from 'payload'

import { initI18n } from '@payloadcms/translations'
import { de as payloadDe } from '@payloadcms/translations/languages/de'
import { en as payloadEn } from '@payloadcms/translations/languages/en'
import React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { UntranslatedFilter } from '../src/components/UntranslatedFilter.js'
import { localeName } from '../src/localization/localeName.js'
import { countUntranslated } from '../src/localization/untranslatedCounts.js'
import { startSite, type TestSite } from './helpers/setup.js'

const COMPONENT = 'payload-plugin-role-catalog/rsc#UntranslatedFilter'

describe('admin lists: documents without text in another locale', () => {
  let site: TestSite
  let editorUser: Record<string, unknown>

  beforeAll(async () => {
    site = await startSite({
      config: {
        i18n: { supportedLanguages: { de: payloadDe, en: payloadEn } },
        localization: {
          defaultLocale: 'en',
          locales: [
            { code: 'en', label: { de: 'Englisch', en: 'English' } },
            { code: 'de', label: { de: 'Deutsch', en: 'German' } },
          ],
        },
      },
      name: 'untranslated',
      plugin: { overrides: { roles: { slug: 'job-roles' } } },
    })
    editorUser = (await site.payload.create({ collection: 'users', data: { email: 'lists@example.com', password: 'lists-password' } })) as never
    for (const title of ['Project Manager', 'Data Engineer', 'Site Reliability Engineer']) {
      await site.payload.create({ collection: 'job-roles' as CollectionSlug, data: { _status: 'published', title } as never, locale: 'en' })
    }
    const [engineer] = (
      await site.payload.find({ collection: 'job-roles' as CollectionSlug, locale: 'en', where: { title: { equals: 'Data Engineer' } } })
    ).docs
    await site.payload.update({
      id: engineer!.id,
      collection: 'job-roles' as CollectionSlug,
      data: { title: 'Dateningenieur' } as never,
      locale: 'de',
    })
  })
  afterAll(async () => {
    await site?.stop()
  })

  const render = async (slug: string, language: 'de' | 'en', where?: Record<string, unknown>, locale?: string) => {
    const collectionConfig = site.payload.collections[slug as CollectionSlug]!.config as SanitizedCollectionConfig
    const i18n = await initI18n({ config: site.payload.config.i18n, context: 'client', language })
    const element = await UntranslatedFilter({
      collectionConfig,
      i18n,
      payload: site.payload,
      searchParams: { ...(where ? { where } : {}), ...(locale ? { locale } : {}) },
      user: { ...editorUser, collection: 'users' },
    } as unknown as BeforeListTableServerProps)
    return element ? renderToStaticMarkup(element as React.ReactElement) : ''
  }

  it('is above the list of every catalogue collection, under its overridden slug', () => {
    for (const slug of ['job-roles', 'responsibilities', 'certifications', 'skills']) {
      const { config } = site.payload.collections[slug as CollectionSlug]!
      expect(config.admin.components?.beforeListTable, slug).toContain(COMPONENT)
    }
  })

  it('counts the roles without a German title, in the editor’s language, and links to exactly those', async () => {
    const german = await render('job-roles', 'de')
    expect(german).toContain('Ohne Text auf Deutsch: 2')
    const href = /href="([^"]+)"/.exec(german)![1]!.replace(/&amp;/g, '&')
    expect(href).toBe('/admin/collections/job-roles?locale=de&where%5Btitle%5D%5Bexists%5D=false')
    expect(german).toContain('>Anzeigen</a>')
    expect(await render('job-roles', 'en')).toContain('Without German text: 2')

    // The list the link opens, queried as the admin's list view queries it (drafts, that locale, no fallback).
    const { docs } = await site.payload.find({
      collection: 'job-roles' as CollectionSlug,
      draft: true,
      fallbackLocale: false,
      locale: 'de',
      overrideAccess: false,
      sort: 'slug',
      user: { ...editorUser, collection: 'users' } as never,
      where: { title: { exists: 'false' } } as never,
    })
    expect(docs.map((doc) => [doc.slug, doc.title ?? null])).toEqual([
      ['project-manager', null],
      ['site-reliability-engineer', null],
    ])
  })

  it('with the filter on, offers the whole list again; nothing to show where every document is translated', async () => {
    expect(await render('job-roles', 'en', { title: { exists: 'false' } }, 'de')).toContain(
      '<a href="/admin/collections/job-roles?locale=en">Show all</a>',
    )
    // No skills at all: a count of 0 and no link.
    const skills = await render('skills', 'en')
    expect(skills).toContain('Without German text: 0')
    expect(skills).not.toContain('<a ')
  })

  it('counts what the list shows: a title translated in a draft (as autosave saves it) is no longer counted', async () => {
    const user = { ...editorUser, collection: 'users' } as never
    const listed = async () =>
      (
        await site.payload.find({
          collection: 'job-roles' as CollectionSlug,
          draft: true,
          fallbackLocale: false,
          locale: 'de',
          overrideAccess: false,
          sort: 'slug',
          user,
          where: { title: { exists: 'false' } } as never,
        })
      ).docs.map((doc) => doc.slug)
    expect(await listed()).toEqual(['project-manager', 'site-reliability-engineer'])
    const [sre] = (
      await site.payload.find({ collection: 'job-roles' as CollectionSlug, locale: 'en', where: { slug: { equals: 'site-reliability-engineer' } } })
    ).docs
    // A draft over the published role: the versions table has the German title, the roles table not.
    await site.payload.update({
      id: sre!.id,
      collection: 'job-roles' as CollectionSlug,
      data: { title: 'Site-Reliability-Ingenieur' } as never,
      draft: true,
      locale: 'de',
    })
    expect(await listed()).toEqual(['project-manager'])
    expect(await render('job-roles', 'en')).toContain('Without German text: 1')
  })

  it('counts exactly the total of the list it links to, for an editor and under read access that is a query', async () => {
    const editor = { ...editorUser, collection: 'users' } as never
    // Drafts never published (one with German, one without), a German title emptied again, skills with and without.
    await site.payload.create({ collection: 'job-roles' as CollectionSlug, data: { title: 'Draft Only Role' } as never, draft: true, locale: 'en' })
    const translatedDraft = await site.payload.create({ collection: 'job-roles' as CollectionSlug, data: { title: 'Draft Translated' } as never, draft: true, locale: 'en' })
    await site.payload.update({ id: translatedDraft.id, collection: 'job-roles' as CollectionSlug, data: { title: 'Entwurf übersetzt' } as never, draft: true, locale: 'de' })
    const emptied = await site.payload.create({ collection: 'skills', data: { _status: 'published', kind: 'soft', name: 'Listening' } as never, locale: 'en' })
    await site.payload.update({ id: emptied.id, collection: 'skills', data: { name: 'Zuhören' } as never, locale: 'de' })
    await site.payload.update({ id: emptied.id, collection: 'skills', data: { name: '' } as never, locale: 'de' })
    const translatedSkill = await site.payload.create({ collection: 'skills', data: { _status: 'published', kind: 'soft', name: 'Negotiation' } as never, locale: 'en' })
    await site.payload.update({ id: translatedSkill.id, collection: 'skills', data: { name: 'Verhandeln' } as never, locale: 'de' })
    await site.payload.create({ collection: 'skills', data: { _status: 'published', kind: 'soft', name: 'Writing' } as never, locale: 'en' })

    for (const slug of ['job-roles', 'skills', 'responsibilities']) {
      const collectionConfig = site.payload.collections[slug as CollectionSlug]!.config
      const titleField = collectionConfig.admin.useAsTitle!
      for (const user of [editor, null]) {
        const { totalDocs } = await site.payload.find({
          collection: slug as CollectionSlug,
          draft: true,
          fallbackLocale: false,
          limit: 1,
          locale: 'de',
          overrideAccess: false,
          user: user ?? undefined,
          where: { [titleField]: { exists: false } },
        })
        const counts = await countUntranslated({ collectionConfig, payload: site.payload, user })
        expect(counts, `${slug}, ${user ? 'editor' : 'anonymous'}`).toEqual([{ code: 'de', totalDocs }])
      }
    }
    // The editor's counts, as the list shows them: both unpublished drafts listed, one of them translated.
    const roles = await countUntranslated({ collectionConfig: site.payload.collections['job-roles' as CollectionSlug]!.config, payload: site.payload, user: editor })
    expect(roles).toEqual([{ code: 'de', totalDocs: 2 }])
    expect(await render('job-roles', 'en')).toContain('Without German text: 2')
  })

  it('is not there on a site with one locale', async () => {
    const { buildConfig } = await import('payload')
    const { roleCatalogPlugin } = await import('../src/index.js')
    const single = await buildConfig({
      collections: [{ slug: 'users', auth: true, fields: [] }],
      db: site.config.db,
      localization: { defaultLocale: 'en', locales: ['en'] },
      plugins: [roleCatalogPlugin({})],
      secret: 'single-locale',
    })
    const none = await buildConfig({
      collections: [{ slug: 'users', auth: true, fields: [] }],
      db: site.config.db,
      plugins: [roleCatalogPlugin({})],
      secret: 'no-localization',
    })
    for (const config of [single, none]) {
      const roles = config.collections.find((collection) => collection.slug === 'roles')!
      expect(roles.admin.components?.beforeListTable ?? []).not.toContain(COMPONENT)
    }
  })
})

describe("a locale's name in the filter's sentence", () => {
  it("is the host's label where it gives one for the editor's language", () => {
    expect(localeName({ code: 'de', label: { de: 'Deutsch', en: 'German (Germany)' } }, 'en')).toBe('German (Germany)')
  })

  it("is the language's name in the editor's language where the label is one string, as selectors show it", () => {
    // The demo site labels its locales so: "Without Deutsch text" would be neither English nor German.
    expect(localeName({ code: 'de', label: 'Deutsch' }, 'en')).toBe('German')
    expect(localeName({ code: 'en', label: 'English' }, 'de')).toBe('Englisch')
    expect(localeName({ code: 'de', label: { de: 'Deutsch' } }, 'en')).toBe('German')
  })

  it('is the label, or else the code, where the code names no language', () => {
    expect(localeName({ code: 'de_formal', label: 'Deutsch (Sie)' }, 'en')).toBe('Deutsch (Sie)')
    expect(localeName({ code: 'qaa', label: { de: 'Hausschrift' } }, 'en')).toBe('qaa')
  })
})
