import type { CollectionConfig, Field, SanitizedConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { initI18n } from '@payloadcms/translations'
import { de as payloadDe } from '@payloadcms/translations/languages/de'
import { en as payloadEn } from '@payloadcms/translations/languages/en'
import { fr as payloadFr } from '@payloadcms/translations/languages/fr'
import { buildConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { roleCatalogPlugin } from '../src/index.js'
import { roleCatalogTranslations } from '../src/translations/index.js'
import { englishSingularLabel } from '../src/translations/index.js'

/** A host with a German admin, its own namespace, and its own wording for one plugin key. */
const hostConfig = (translations: Record<string, unknown> = {}) =>
  buildConfig({
    collections: [{ slug: 'users', auth: true, fields: [] }],
    // Built, never connected: labels need no database.
    db: postgresAdapter({ pool: { connectionString: 'postgres://unused@127.0.0.1:1/unused' } }),
    i18n: {
      supportedLanguages: { de: payloadDe, en: payloadEn, fr: payloadFr },
      translations: {
        de: { host: { greeting: 'Hallo' }, roleCatalog: { roles_plural: 'Berufsbilder' } },
        ...translations,
      },
    },
    plugins: [roleCatalogPlugin()],
    secret: 'translations-test',
    telemetry: false,
  })

type Label = ((args: { i18n: unknown; t: (key: string) => string }) => string) | string | undefined

const render = async (config: SanitizedConfig, language: string, label: unknown) => {
  const i18n = await initI18n({ config: config.i18n, context: 'client', language: language as 'en' })
  const value = label as Label
  return typeof value === 'function' ? value({ i18n, t: i18n.t as (key: string) => string }) : value
}

const collection = (config: SanitizedConfig, slug: string) =>
  config.collections.find((item) => item.slug === slug) as unknown as CollectionConfig

const findField = (fields: Field[], path: string[]): Field => {
  const [head, ...rest] = path
  for (const field of fields) {
    if ('name' in field && field.name === head) {
      if (rest.length === 0) return field
      return findField((field as { fields: Field[] }).fields, rest)
    }
    if (field.type === 'tabs' || !('name' in field)) {
      const nested =
        field.type === 'tabs'
          ? field.tabs.flatMap((tab) => tab.fields)
          : 'fields' in field
            ? (field.fields as Field[])
            : []
      try {
        return findField(nested, path)
      } catch {
        // not in this one
      }
    }
  }
  throw new Error(`no field ${path.join('.')}`)
}

describe('admin labels come from the plugin translations', () => {
  it('has a German text for every English key, and no empty text', () => {
    const en = roleCatalogTranslations.en.roleCatalog
    const de = roleCatalogTranslations.de.roleCatalog
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
    for (const text of [...Object.values(en), ...Object.values(de)]) expect(text.trim()).not.toBe('')
  })

  it('labels collections, fields, tabs and options in the admin language', async () => {
    const config = await hostConfig()
    const roles = collection(config, 'roles')
    expect(await render(config, 'en', roles.labels?.singular)).toBe('Role')
    expect(await render(config, 'de', roles.labels?.singular)).toBe('Rolle')
    expect(await render(config, 'de', collection(config, 'skills').labels?.plural)).toBe('Fähigkeiten')

    const title = findField(roles.fields, ['title']) as { label: unknown }
    expect(await render(config, 'en', title.label)).toBe('Title')
    expect(await render(config, 'de', title.label)).toBe('Titel')
    const fieldOfStudy = findField(roles.fields, ['qualifications', 'fieldsOfStudy', 'name']) as { label: unknown }
    expect(await render(config, 'de', fieldOfStudy.label)).toBe('Studienfach')
    const sourceTitle = findField(roles.fields, ['source', 'title']) as { label: unknown }
    expect(await render(config, 'de', sourceTitle.label)).toBe('Titel der Quelle')

    const level = findField(roles.fields, ['qualifications', 'level']) as {
      options: { label: unknown; value: string }[]
    }
    const bachelor = level.options.find((option) => option.value === 'bachelor')!
    expect(await render(config, 'en', bachelor.label)).toBe("Bachelor's degree")
    expect(await render(config, 'de', bachelor.label)).toBe('Bachelor-Abschluss')

    const tabs = roles.fields.find((field) => field.type === 'tabs') as { tabs: { label: unknown }[] }
    expect(await render(config, 'de', tabs.tabs[0]!.label)).toBe('Überblick')

    expect(roles.admin?.group).toEqual({ de: 'Rollenkatalog', en: 'Role Catalog', fr: 'Role Catalog' })
  })

  it("lets the host's own translations win and keeps its other namespaces", async () => {
    const config = await hostConfig()
    const translations = config.i18n.translations as Record<string, Record<string, Record<string, string>>>
    expect(translations.de!.host).toEqual({ greeting: 'Hallo' })
    expect(translations.de!.roleCatalog!.roles_plural).toBe('Berufsbilder')
    expect(translations.de!.roleCatalog!.roles_singular).toBe('Rolle')
    expect(await render(config, 'de', collection(config, 'roles').labels?.plural)).toBe('Berufsbilder')

    const renamedGroup = await hostConfig({ en: { roleCatalog: { adminGroup: 'Careers' } } })
    expect(collection(renamedGroup, 'skills').admin?.group).toEqual({ de: 'Rollenkatalog', en: 'Careers', fr: 'Role Catalog' })
  })

  it("words English API messages with the site's English label", async () => {
    const plain = await hostConfig()
    expect(englishSingularLabel(collection(plain, 'skills'), plain)).toBe('Skill')
    const renamed = await hostConfig({ en: { roleCatalog: { roles_singular: 'Job role' } } })
    expect(englishSingularLabel(collection(renamed, 'roles'), renamed)).toBe('Job role')
  })

  it('shows the English label in an admin language the plugin has no translations for', async () => {
    const config = await hostConfig()
    expect(await render(config, 'fr', collection(config, 'roles').labels?.singular)).toBe('Role')
  })

  it("keeps a host's own labels and admin group", async () => {
    const config = await buildConfig({
      collections: [{ slug: 'users', auth: true, fields: [] }],
      db: postgresAdapter({ pool: { connectionString: 'postgres://unused@127.0.0.1:1/unused' } }),
      plugins: [
        roleCatalogPlugin({
          adminGroup: 'Careers',
          overrides: {
            roles: {
              fields: ({ defaultFields }) => [...defaultFields, { name: 'band', type: 'text' }],
              labels: { plural: 'Jobs', singular: 'Job' },
            },
          },
        }),
      ],
      secret: 'translations-test',
      telemetry: false,
    })
    const roles = collection(config, 'roles')
    expect(roles.labels).toEqual({ plural: 'Jobs', singular: 'Job' })
    expect(roles.admin?.group).toBe('Careers')
    // The host's own field gets no plugin label.
    expect((findField(roles.fields, ['band']) as { label?: unknown }).label).toBe('Band')
  })
})
