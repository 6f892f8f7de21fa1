/**
 * The "Publish in English first" refusal (src/hooks/publishDefaultLocaleFirst.ts) in the caller's
 * interface language, on a site whose admin also speaks French (which the plugin has no text for),
 * whose German wording of the refusal is the host's own, and whose roles' title field carries the
 * host's own label: the message is one readable sentence in one language, never a raw key, and
 * names the field as the editor sees it.
 */
import type { Field } from 'payload'

import { de as payloadDe } from '@payloadcms/translations/languages/de'
import { en as payloadEn } from '@payloadcms/translations/languages/en'
import { fr as payloadFr } from '@payloadcms/translations/languages/fr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSite, type TestSite } from './helpers/setup.js'

const HOUSE_RULE = 'Hausregel: erst {{language}} veröffentlichen ({{field}} fehlt dort).'

let site: TestSite

beforeAll(async () => {
  site = await startSite({
    name: 'publish_locale_language',
    config: {
      i18n: {
        supportedLanguages: { de: payloadDe, en: payloadEn, fr: payloadFr },
        translations: { de: { roleCatalog: { error_publishDefaultLocaleFirst: HOUSE_RULE } } } as never,
      },
      localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] },
    },
    plugin: {
      seed: false,
      overrides: {
        roles: {
          // The host's own label for the roles' name field.
          fields: ({ defaultFields }: { defaultFields: Field[] }) => relabel(defaultFields),
        },
      },
    },
  })
})

afterAll(async () => {
  await site?.stop()
})

/** The roles' fields with the host's label on `title`, wherever it sits (tabs, rows). */
const relabel = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    if ('name' in field && field.name === 'title') return { ...field, label: { de: 'Berufsbezeichnung', en: 'Job title' } } as Field
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: relabel(tab.fields) })) }
    if ('fields' in field && Array.isArray(field.fields) && !('name' in field)) return { ...field, fields: relabel(field.fields) } as Field
    return field
  })

/** A document created in German as a draft, then "Publish in German" as an editor of the given interface language. */
const refusal = async (collection: 'roles' | 'skills', language: string) => {
  const token = await site.login()
  const name = collection === 'roles' ? 'title' : 'name'
  const data = { ...(collection === 'skills' ? { kind: 'soft' } : {}), [name]: `Entwurf ${collection} ${language}` }
  const created = await site.rest.post(`/${collection}?depth=0&locale=de&draft=true`, { body: { ...data, _status: 'draft' }, token })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const refused = await site.rest.patch(`/${collection}/${created.body.doc.id}?depth=0&locale=de&publishSpecificLocale=de`, {
    body: { ...data, _status: 'published' },
    headers: { 'Accept-Language': language },
    token,
  })
  expect(refused.status, JSON.stringify(refused.body)).toBe(400)
  const [error] = refused.body.errors[0].data.errors
  expect(error.path).toBe(name)
  expect(refused.body.errors[0].message).toBe(error.message)
  return error.message as string
}

describe('"Publish in German" of a document without a published English name', () => {
  it('a French interface (no plugin text) gets the English sentence, with English names in it, not a raw key', async () => {
    const message = await refusal('skills', 'fr')
    expect(message).toBe(
      "Publish in English first, or publish all languages: English, the site's default language, has no published “Name” yet, and its readers would get this document without one.",
    )
  })

  it('names the field by the host’s own label, in the interface language', async () => {
    expect(await refusal('roles', 'en')).toMatch(/^Publish in English first, .* no published “Job title” yet/)
    expect(await refusal('roles', 'fr')).toMatch(/^Publish in English first, .* no published “Job title” yet/)
  })

  it('a host’s own wording of the refusal is used', async () => {
    expect(await refusal('roles', 'de')).toBe('Hausregel: erst Englisch veröffentlichen (Berufsbezeichnung fehlt dort).')
    expect(await refusal('skills', 'de')).toBe('Hausregel: erst Englisch veröffentlichen (Name fehlt dort).')
  })
})
