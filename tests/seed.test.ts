import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedTranslationProblems } from '../seed/schema.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { articleSeedGerman } from '../seed/translations/de.js'
import { catalogRowCounts as countRows } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

describe('seedRoleCatalog', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'seed' })
  })
  afterAll(async () => site?.stop())

  it('creates every article item once, published, with its source', async () => {
    const lines: string[] = []
    const report = await seedRoleCatalog({ log: (line) => lines.push(line), payload: site.payload })
    expect(report.created.roles).toEqual(articleSeed.roles.map((role) => role.slug))
    expect(report.created.skills).toHaveLength(articleSeed.skills.length)
    expect(report.created.responsibilities).toHaveLength(articleSeed.responsibilities.length)
    expect(report.created.certifications).toHaveLength(articleSeed.certifications.length)
    expect(lines.join('\n')).toMatch(/roles: created 2 \(project-manager, technical-project-manager\)/)
    // A site without localization gets no translation.
    expect(report.translated).toEqual({})

    const counts = await countRows(site)
    expect(counts).toMatchObject({ certifications: 3, responsibilities: 11, roles: 2, skills: 7 })
    const statuses = await site.query<{ _status: string }>(
      `select _status::text from roles union all select _status::text from skills union all select _status::text from certifications union all select _status::text from responsibilities`,
    )
    expect(new Set(statuses.map((row) => row._status))).toEqual(new Set(['published']))
    const sources = await site.query<{ source_title: string }>(
      `select distinct source_title from roles union select distinct source_title from skills union select distinct source_title from certifications union select distinct source_title from responsibilities`,
    )
    expect(sources).toEqual([{ source_title: articleSeed.sourceTitle }])
  })

  it('a second run creates nothing and yields identical counts', async () => {
    const before = await countRows(site)
    const report = await seedRoleCatalog({ log: () => {}, payload: site.payload })
    expect(Object.values(report.created).flat()).toEqual([])
    expect(report.existing.roles).toEqual(['project-manager', 'technical-project-manager'])
    expect(await countRows(site)).toEqual(before)
  })

  it("never overwrites an editor's change", async () => {
    const { docs } = await site.payload.find({ collection: 'skills', where: { slug: { equals: 'leadership' } } })
    await site.payload.update({ collection: 'skills', data: { name: 'Team leadership' }, id: docs[0]!.id })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    const after = await site.payload.findByID({ collection: 'skills', id: docs[0]!.id })
    expect(after.name).toBe('Team leadership')
  })
})

describe('seedRoleCatalog when a write fails', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'seed_failure',
      plugin: {
        overrides: {
          roles: {
            hooks: {
              beforeChange: [
                ({ data }) => {
                  if (data.slug === 'technical-project-manager') throw new Error('host hook refused the role')
                  return data
                },
              ],
            },
          },
        },
      },
    })
  })
  afterAll(async () => site?.stop())

  it('leaves the database as it was', async () => {
    await expect(seedRoleCatalog({ log: () => {}, payload: site.payload })).rejects.toThrow(
      'host hook refused the role',
    )
    const counts = await countRows(site)
    expect(Object.values(counts).every((n) => n === 0)).toBe(true)
  })
})

/** A role, skill … as a reader of one locale gets it, with no fallback: null where the locale has no text. */
const ownText = async (site: TestSite, collection: string, slug: string, locale: string) => {
  const { docs } = await site.payload.find({
    collection: collection as 'roles',
    depth: 1,
    fallbackLocale: 'none' as never,
    limit: 1,
    locale: locale as never,
    where: { slug: { equals: slug } },
  })
  expect(docs, `${collection} ${slug}`).toHaveLength(1)
  return docs[0] as unknown as Record<string, any>
}

const versionCounts = async (site: TestSite) =>
  Object.fromEntries(
    await Promise.all(
      ['roles', 'skills', 'certifications', 'responsibilities'].map(async (name) => {
        const [row] = await site.query<{ n: number }>(`select count(*)::int as n from "_${name}_v"`)
        return [name, row!.n] as const
      }),
    ),
  )

const withGerman = { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] }

describe('seedRoleCatalog on a site with German', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { localization: withGerman }, name: 'seed_german' })
  })
  afterAll(async () => site?.stop())

  it('translates every text of the article seed, and marks the German as a translation of the English article', () => {
    expect(seedTranslationProblems(articleSeed, articleSeedGerman)).toEqual({ missing: [], unknown: [] })
    expect(articleSeedGerman.translationOf).toMatchObject({ language: 'en', title: articleSeed.sourceTitle })
    // Names as issued stay; the article's generic groups of certifications are translated.
    expect(articleSeedGerman.certifications.pmp!.name).toBe('Project Management Professional')
    expect(articleSeedGerman.certifications['salesforce-certifications']!.name).toBe('Salesforce-Zertifizierungen')
  })

  it('writes the English text in en and the German translation in de, links and rows included', async () => {
    const lines: string[] = []
    const report = await seedRoleCatalog({ log: (line) => lines.push(line), payload: site.payload })
    expect(report.translated.de!.roles).toEqual(['project-manager', 'technical-project-manager'])
    expect(report.translated.de!.skills).toHaveLength(articleSeed.skills.length)
    expect(report.translated.de!.responsibilities).toHaveLength(articleSeed.responsibilities.length)
    expect(report.translated.de!.certifications).toHaveLength(articleSeed.certifications.length)
    expect(lines.join('\n')).toMatch(/de: filled in missing text of 2 roles, 11 responsibilities, 3 certifications, 7 skills/)

    // What the database holds, per locale.
    const titles = await site.query<{ locale: string; title: string }>(
      `select _locale::text as locale, title from roles_locales order by 1, 2`,
    )
    expect(titles).toEqual([
      { locale: 'de', title: 'Projektmanager/in' },
      { locale: 'de', title: 'Technische/r Projektmanager/in' },
      { locale: 'en', title: 'Project Manager' },
      { locale: 'en', title: 'Technical Project Manager' },
    ])
    const qa = await site.query<{ locale: string; title: string }>(
      `select l._locale::text as locale, l.title from responsibilities_locales l join responsibilities r on r.id = l._parent_id where r.slug = 'risk-assessment' or r.slug = 'quality-assurance' order by 1, 2`,
    )
    expect(qa).toEqual([
      { locale: 'de', title: 'Qualitätssicherung' },
      { locale: 'de', title: 'Risikobewertung' },
      { locale: 'en', title: 'Quality Assurance' },
      { locale: 'en', title: 'Risk Assessment' },
    ])

    for (const role of articleSeed.roles) {
      const german = articleSeedGerman.roles[role.slug]!
      const de = await ownText(site, 'roles', role.slug, 'de')
      const en = await ownText(site, 'roles', role.slug, 'en')
      expect(de).toMatchObject({ abbreviation: german.abbreviation, focus: german.focus, summary: german.summary, title: german.title })
      expect(de.alternateNames).toEqual(german.alternateNames)
      expect(en).toMatchObject({ abbreviation: role.abbreviation, focus: role.focus, summary: role.summary, title: role.title })
      for (const dimension of ['skills', 'certifications'] as const) {
        const item = dimension === 'skills' ? 'skill' : 'certification'
        expect(Object.fromEntries(de[dimension].map((row: any) => [row[item].slug, row.note]))).toEqual(german[dimension])
        expect(en[dimension].map((row: any) => row.note)).toEqual(role[dimension].map((link) => link.note))
        // The same links, in the same order, with the same requirements, in both languages.
        expect(de[dimension].map((row: any) => [row[item].slug, row.requirement])).toEqual(
          role[dimension].map((link) => [link.slug, link.requirement]),
        )
      }
      expect(de.qualifications.map((row: any) => ({ fieldsOfStudy: Object.fromEntries(row.fieldsOfStudy.map((field: any) => [field.slug, field.name])), note: row.note }))).toEqual(
        german.qualifications,
      )
      expect(en.qualifications.map((row: any) => row.fieldsOfStudy.map((field: any) => field.name))).toEqual(
        role.qualifications.map((row) => row.fieldsOfStudy.map((field) => field.name)),
      )
      expect(Object.fromEntries(de.experience.map((row: any) => [row.slug, { area: row.area, note: row.note }]))).toEqual(german.experience)
      expect(en.experience.map((row: any) => row.area)).toEqual(role.experience.map((row) => row.area))
    }
    for (const skill of articleSeed.skills) {
      expect(await ownText(site, 'skills', skill.slug, 'de')).toMatchObject({ name: articleSeedGerman.skills[skill.slug]!.name })
      expect(await ownText(site, 'skills', skill.slug, 'en')).toMatchObject({ name: skill.name })
    }
    for (const certification of articleSeed.certifications) {
      const german = articleSeedGerman.certifications[certification.slug]!
      expect(await ownText(site, 'certifications', certification.slug, 'de')).toMatchObject({ description: german.description ?? null, name: german.name })
    }
    for (const responsibility of articleSeed.responsibilities) {
      const german = articleSeedGerman.responsibilities[responsibility.slug]!
      expect(await ownText(site, 'responsibilities', responsibility.slug, 'de')).toMatchObject(german)
    }

    // The admin's "Without German text" counts (its filter: no title in de) are zero.
    for (const [collection, title] of [
      ['roles', 'title'],
      ['responsibilities', 'title'],
      ['certifications', 'name'],
      ['skills', 'name'],
    ] as const) {
      const { totalDocs } = await site.payload.count({ collection, locale: 'de', where: { [title]: { exists: false } } })
      expect(totalDocs, collection).toBe(0)
    }
  })

  it('a second run writes nothing: same rows, no new versions', async () => {
    const before = { rows: await countRows(site), versions: await versionCounts(site) }
    const lines: string[] = []
    const report = await seedRoleCatalog({ log: (line) => lines.push(line), payload: site.payload })
    expect(Object.values(report.created).flat()).toEqual([])
    expect(Object.values(report.translated.de!).flat()).toEqual([])
    expect(lines.join('\n')).toMatch(/de: every text already there, left alone/)
    expect({ rows: await countRows(site), versions: await versionCounts(site) }).toEqual(before)
  })

  it("keeps an editor's German text and fills in German text that went missing", async () => {
    const pm = await ownText(site, 'roles', 'project-manager', 'de')
    const leadership = await ownText(site, 'skills', 'leadership', 'de')
    // The editor renames the skill in German, rewrites a German link note and empties the German summary.
    await site.payload.update({ collection: 'skills', data: { name: 'Menschenführung' }, id: leadership.id, locale: 'de' })
    await site.payload.update({
      collection: 'roles',
      data: {
        skills: pm.skills.map((row: any) => ({ ...row, note: row.skill.slug === 'leadership' ? 'Unverzichtbar.' : row.note, skill: row.skill.id })),
        summary: null,
      } as never,
      id: pm.id,
      locale: 'de',
    })
    const report = await seedRoleCatalog({ log: () => {}, payload: site.payload })
    expect(report.translated.de).toMatchObject({ roles: ['project-manager'], skills: [] })

    const after = await ownText(site, 'roles', 'project-manager', 'de')
    expect(after.summary).toBe(articleSeedGerman.roles['project-manager']!.summary)
    expect(after.skills.find((row: any) => row.skill.slug === 'leadership').note).toBe('Unverzichtbar.')
    expect(after.skills.find((row: any) => row.skill.slug === 'leadership').skill.name).toBe('Menschenführung')
    // English untouched.
    const english = await ownText(site, 'roles', 'project-manager', 'en')
    expect(english.summary).toBe(articleSeed.roles[0]!.summary)
    expect(english.skills.map((row: any) => row.note)).toEqual(articleSeed.roles[0]!.skills.map((link) => link.note))
  })
})

describe('seedRoleCatalog on a site seeded in English before the German translation existed', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { localization: withGerman }, name: 'seed_german_later' })
    // The earlier seed: English only.
    await seedRoleCatalog({ log: () => {}, payload: site.payload, translations: [] })
  })
  afterAll(async () => site?.stop())

  it('fills in the German of existing documents, except where an editor was there first', async () => {
    const pm = await ownText(site, 'roles', 'project-manager', 'de')
    expect(pm.title ?? null).toBeNull()
    // An editor's own German title; an editor's English rewrite of a skill (its German is no
    // translation of the new English, so it is left alone); an editor's draft on a certification.
    await site.payload.update({ collection: 'roles', data: { _status: 'published', title: 'Projektleitung' } as never, id: pm.id, locale: 'de' })
    const organizing = await ownText(site, 'skills', 'organizational-skills', 'en')
    await site.payload.update({ collection: 'skills', data: { name: 'Planning and organizing' }, id: organizing.id, locale: 'en' })
    const pmp = await ownText(site, 'certifications', 'pmp', 'en')
    await site.payload.update({ collection: 'certifications', data: { description: 'A draft.' }, draft: true, id: pmp.id, locale: 'en' })

    const lines: string[] = []
    const report = await seedRoleCatalog({ log: (line) => lines.push(line), payload: site.payload })
    expect(Object.values(report.created).flat()).toEqual([])
    expect(report.translated.de!.roles).toEqual(['project-manager', 'technical-project-manager'])
    expect(lines.join('\n')).toContain("an editor's unpublished draft is newer: de: certifications/pmp")

    const after = await ownText(site, 'roles', 'project-manager', 'de')
    expect(after.title).toBe('Projektleitung')
    expect(after.summary).toBe(articleSeedGerman.roles['project-manager']!.summary)
    expect((await ownText(site, 'roles', 'technical-project-manager', 'de')).title).toBe('Technische/r Projektmanager/in')
    expect((await ownText(site, 'skills', 'organizational-skills', 'de')).name ?? null).toBeNull()
    expect((await ownText(site, 'skills', 'leadership', 'de')).name).toBe('Führungskompetenz')
    expect((await ownText(site, 'certifications', 'pmp', 'de')).description ?? null).toBeNull()
    // The editor's draft is still a draft, unpublished by nobody.
    const { docs } = await site.payload.find({ collection: 'certifications', draft: true, locale: 'en', where: { slug: { equals: 'pmp' } } })
    expect(docs[0]).toMatchObject({ _status: 'draft', description: 'A draft.' })
  })
})

describe('seedRoleCatalog on a site without German', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { localization: { defaultLocale: 'en', locales: ['en', 'fr'] } }, name: 'seed_no_german' })
  })
  afterAll(async () => site?.stop())

  it('writes the English only: no other locale gets text', async () => {
    const report = await seedRoleCatalog({ log: () => {}, payload: site.payload })
    expect(report.translated).toEqual({})
    for (const table of ['roles_locales', 'skills_locales', 'certifications_locales', 'responsibilities_locales', 'roles_skills_locales']) {
      const locales = await site.query<{ locale: string }>(`select distinct _locale::text as locale from ${table}`)
      expect(locales, table).toEqual([{ locale: 'en' }])
    }
  })
})
