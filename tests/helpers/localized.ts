/**
 * A localized host site for the locale tests (tests/locales.test.ts, tests/tuned-reads.test.ts):
 * English (default), German, and French, whose own fallback chain is German then English; the
 * article seeded in English, then part of it translated, so every way text can be missing is there:
 * translated, untranslated (no row for the locale), emptied (''), translated in the middle of a
 * fallback chain only, lists (alternate names) in one language only, link notes and fields of study
 * (localized text inside array rows).
 */
import type { Payload } from 'payload'

import type { RoleCatalogPluginOptions } from '../../src/index.js'

import { seedRoleCatalog } from '../../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './setup.js'

export const localization = {
  defaultLocale: 'en',
  fallback: true,
  locales: [
    { code: 'en', label: 'English' },
    { code: 'de', label: 'Deutsch' },
    { code: 'fr', fallbackLocale: ['de', 'en'], label: 'Français' },
  ],
}

export const PM = 'project-manager'
export const TPM = 'technical-project-manager'

/** What the translation below writes, for assertions. */
export const german = {
  communication: 'Kommunikation',
  leadership: 'Führung',
  pmTitle: 'Projektmanager',
  pmSummary: 'Plant, steuert und verantwortet Projekte von Anfang bis Ende.',
  tpmTitle: 'Technischer Projektmanager',
  note: 'Entscheidend für den Erfolg in dieser Rolle.',
}
export const french = { leadership: 'Direction', pmFocus: 'Le projet dans son ensemble.' }

type Doc = Record<string, any> & { id: number | string }

const one = async (payload: Payload, collection: string, slug: string): Promise<Doc> => {
  const { docs } = await payload.find({ collection: collection as 'roles', depth: 0, limit: 1, locale: 'en', where: { slug: { equals: slug } } })
  if (!docs[0]) throw new Error(`no ${collection} ${slug}`)
  return docs[0] as unknown as Doc
}

/** Translates part of the seeded article into German and a little into French (published). */
export const translateArticle = async (payload: Payload, slugs: { roles: string; skills: string } = { roles: 'roles', skills: 'skills' }) => {
  const skills = slugs.skills as 'skills'
  const roles = slugs.roles as 'roles'
  const leadership = await one(payload, skills, 'leadership')
  const communication = await one(payload, skills, 'communication')
  await payload.update({ collection: skills, data: { name: german.leadership } as never, id: leadership.id, locale: 'de' })
  await payload.update({ collection: skills, data: { name: german.communication } as never, id: communication.id, locale: 'de' })
  // Alternate names in English only: German and French readers get them through their fallbacks.
  await payload.update({ collection: skills, data: { alternateNames: ['Leading people', 'People leadership'] } as never, id: leadership.id, locale: 'en' })

  const pm = await one(payload, roles, PM)
  await payload.update({
    collection: roles,
    data: {
      _status: 'published',
      // An empty abbreviation counts as missing: the English one shows through (unless no fallback).
      abbreviation: '',
      alternateNames: ['Projektleiter'],
      // The first field of study and the leadership link's note in German; the rest falls back.
      qualifications: pm.qualifications.map((row: Doc, index: number) => ({
        ...row,
        fieldsOfStudy: row.fieldsOfStudy.map((field: Doc, at: number) => ({ ...field, name: index === 0 && at === 0 ? 'Betriebswirtschaft' : undefined })),
        note: undefined,
      })),
      skills: pm.skills.map((row: Doc) => ({ ...row, note: row.skill === leadership.id ? german.note : undefined })),
      summary: german.pmSummary,
      title: german.pmTitle,
    } as never,
    id: pm.id,
    locale: 'de',
  })
  const tpm = await one(payload, roles, TPM)
  await payload.update({ collection: roles, data: { _status: 'published', title: german.tpmTitle } as never, id: tpm.id, locale: 'de' })
  await translateArticleFrench(payload, slugs)
}

/** A little French: the leadership skill's name and the PM's focus (published). */
export const translateArticleFrench = async (payload: Payload, slugs: { roles: string; skills: string } = { roles: 'roles', skills: 'skills' }) => {
  const leadership = await one(payload, slugs.skills, 'leadership')
  await payload.update({ collection: slugs.skills as 'skills', data: { name: french.leadership } as never, id: leadership.id, locale: 'fr' })
  const pm = await one(payload, slugs.roles, PM)
  await payload.update({ collection: slugs.roles as 'roles', data: { _status: 'published', focus: french.pmFocus } as never, id: pm.id, locale: 'fr' })
}

/**
 * A site with English, German and French, seeded as the demo is: the article in English and its
 * German translation (seed/translations/de.ts), plus a little French (falling back to German).
 */
export const startSiteWithGermanSeed = async (name: string): Promise<TestSite> => {
  const site = await startSite({ name, config: { localization }, plugin: { seed: false } })
  await seedRoleCatalog({ log: () => {}, payload: site.payload })
  await translateArticleFrench(site.payload)
  return site
}

/**
 * A localized site with the article seeded in English and partly translated. Seeded without the
 * article's German (seed/translations/de.ts), which would leave no text missing in German: these
 * tests are about what readers get when text is missing.
 */
export const startLocalizedSite = async (
  name: string,
  plugin: RoleCatalogPluginOptions = {},
  { adapter }: { adapter?: 'postgres' | 'sqlite' } = {},
): Promise<TestSite> => {
  const site = await startSite({ adapter, name, config: { localization }, plugin: { ...plugin, seed: false } })
  await seedRoleCatalog({ log: () => {}, payload: site.payload, translations: [] })
  const slugs = { roles: plugin.overrides?.roles?.slug ?? 'roles', skills: plugin.overrides?.skills?.slug ?? 'skills' }
  await translateArticle(site.payload, slugs)
  return site
}
