/**
 * Attacks on the seed's German translation (issue 21): what editors, operators and host sites do that
 * could make the seed overwrite an editor's text, publish a draft, write half a seed, or write German
 * where the site has none. Each case asserts what the database holds and what readers get per locale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { articleSeedGerman } from '../seed/translations/de.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

type Doc = Record<string, any>
const quiet = () => {}
const withGerman = { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] }
const PM = 'project-manager'
const TPM = 'technical-project-manager'
const germanPM = articleSeedGerman.roles[PM]!
const germanTPM = articleSeedGerman.roles[TPM]!

/** One document as a reader of `locale` gets it with no fallback (null where that locale has no text). */
const ownText = async (site: TestSite, collection: string, slug: string, locale: string, draft = false): Promise<Doc> => {
  const { docs } = await site.payload.find({
    collection: collection as 'roles',
    depth: 1,
    draft,
    fallbackLocale: 'none' as never,
    limit: 1,
    locale: locale as never,
    where: { slug: { equals: slug } },
  })
  expect(docs, `${collection} ${slug}`).toHaveLength(1)
  return docs[0] as unknown as Doc
}

/** What an anonymous GraphQL reader gets for a role in one locale, without fallback. */
const graphqlRole = async (site: TestSite, slug: string, locale: string, type = 'Roles') => {
  const { body, status } = await site.graphql(
    `query ($slug: String) { ${type}(locale: ${locale}, fallbackLocale: none, where: { slug: { equals: $slug } }) { docs { title summary skills { note skill { slug } } } } }`,
    { slug },
  )
  expect(status).toBe(200)
  expect(body.errors).toBeUndefined()
  return (body.data as any)[type].docs[0] as { skills: { note: string | null; skill: { slug: string } }[]; summary: string | null; title: string | null }
}

/** Rows per locale in the four collections' `_locales` tables and the role links' notes. */
const localeRows = async (site: TestSite, prefix = { roles: 'roles', skills: 'skills' }) => {
  const tables = [`${prefix.roles}_locales`, `${prefix.skills}_locales`, 'certifications_locales', 'responsibilities_locales', `${prefix.roles}_skills_locales`]
  const counts: Record<string, Record<string, number>> = {}
  for (const table of tables.map((name) => name.replace(/-/g, '_'))) {
    const rows = await site.query<{ locale: string; n: number }>(`select _locale::text as locale, count(*)::int as n from "${table}" group by 1 order by 1`)
    counts[table] = Object.fromEntries(rows.map((row) => [row.locale, row.n]))
  }
  return counts
}

const versionCount = async (site: TestSite, table: string) => {
  const [row] = await site.query<{ n: number }>(`select count(*)::int as n from "${table}"`)
  return row!.n
}

describe('editors: German changed, German drafts, English drafts, on a site seeded in English first', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { localization: withGerman }, name: 'seed_attack_editors' })
    await seedRoleCatalog({ log: quiet, payload: site.payload, translations: [] })
  })
  afterAll(async () => site?.stop())

  it("fills the German around an editor's German skill name and link note, and leaves drafts (German or English) unpublished", async () => {
    // An editor's German name for a skill (nothing else in German).
    const leadership = await ownText(site, 'skills', 'leadership', 'de')
    await site.payload.update({ collection: 'skills', data: { name: 'Menschenführung' }, id: leadership.id, locale: 'de' })
    // An editor's German note on one of TPM's links, and no other German on the role.
    const tpm = await ownText(site, 'roles', TPM, 'de')
    const firstSkill = tpm.skills[0].skill.slug as string
    await site.payload.update({
      collection: 'roles',
      data: { skills: tpm.skills.map((row: Doc, index: number) => ({ ...row, note: index === 0 ? 'Eigene Notiz.' : row.note, skill: row.skill.id })) } as never,
      id: tpm.id,
      locale: 'de',
    })
    // A German draft pending on PM (its published German stays empty), and an English draft on a skill.
    const pm = await ownText(site, 'roles', PM, 'de')
    await site.payload.update({ collection: 'roles', data: { _status: 'draft', summary: 'Entwurf der Redaktion.' } as never, draft: true, id: pm.id, locale: 'de' })
    const communication = await ownText(site, 'skills', 'communication', 'en')
    await site.payload.update({ collection: 'skills', data: { _status: 'draft', description: 'An English draft.' } as never, draft: true, id: communication.id, locale: 'en' })
    const pmVersions = await site.query<{ n: number }>(`select count(*)::int as n from _roles_v where parent_id = $1`, [pm.id])

    const lines: string[] = []
    const report = await seedRoleCatalog({ log: (line) => lines.push(line), payload: site.payload })
    expect(report.translated.de!.roles).toEqual([TPM])
    expect(report.translated.de!.skills).toContain('leadership')
    expect(report.translated.de!.skills).not.toContain('communication')
    expect(lines.join('\n')).toContain(`de: roles/${PM}`)
    expect(lines.join('\n')).toContain('de: skills/communication')

    // The editor's German name stays; its alternate names (missing in German) are filled.
    const leadershipAfter = await ownText(site, 'skills', 'leadership', 'de')
    expect(leadershipAfter.name).toBe('Menschenführung')
    expect(leadershipAfter.alternateNames).toEqual(articleSeedGerman.skills.leadership!.alternateNames)

    // TPM: the editor's note stays, the other German notes and texts are filled; English untouched.
    const tpmGraphQL = await graphqlRole(site, TPM, 'de')
    expect(tpmGraphQL.title).toBe(germanTPM.title)
    expect(tpmGraphQL.summary).toBe(germanTPM.summary)
    const notes = Object.fromEntries(tpmGraphQL.skills.map((row) => [row.skill.slug, row.note]))
    expect(notes).toEqual({ ...germanTPM.skills, [firstSkill]: 'Eigene Notiz.' })
    const tpmEnglish = await graphqlRole(site, TPM, 'en')
    const seedTPM = articleSeed.roles.find((role) => role.slug === TPM)!
    expect(tpmEnglish.title).toBe(seedTPM.title)
    expect(Object.fromEntries(tpmEnglish.skills.map((row) => [row.skill.slug, row.note]))).toEqual(
      Object.fromEntries(seedTPM.skills.map((link) => [link.slug, link.note ?? null])),
    )

    // PM: skipped. No new version; readers get no German; the editor's draft is still the newest, a draft.
    expect(await site.query(`select count(*)::int as n from _roles_v where parent_id = $1`, [pm.id])).toEqual(pmVersions)
    const pmPublic = await graphqlRole(site, PM, 'de')
    expect(pmPublic.title).toBeNull()
    expect(pmPublic.summary).toBeNull()
    expect(await ownText(site, 'roles', PM, 'de', true)).toMatchObject({ _status: 'draft', summary: 'Entwurf der Redaktion.' })
    // The skill with an English draft: still a draft, its published English is the seed's, no German.
    expect(await ownText(site, 'skills', 'communication', 'en', true)).toMatchObject({ _status: 'draft', description: 'An English draft.' })
    const communicationPublic = await ownText(site, 'skills', 'communication', 'de')
    expect(communicationPublic.name ?? null).toBeNull()
  })

  it('a deleted seeded skill comes back on re-seed in English and German, without being linked again', async () => {
    // The editor drops the certification link and deletes the certification (a leaf nobody else uses).
    const roles = await Promise.all([PM, TPM].map((slug) => ownText(site, 'roles', slug, 'en')))
    for (const role of roles) {
      await site.payload.update({
        collection: 'roles',
        data: { certifications: role.certifications.filter((row: Doc) => row.certification.slug !== 'pmp').map((row: Doc) => ({ ...row, certification: row.certification.id })) } as never,
        id: role.id,
      })
    }
    const pmp = await ownText(site, 'certifications', 'pmp', 'en', true)
    await site.payload.delete({ collection: 'certifications', id: pmp.id })

    const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
    expect(report.created.certifications).toEqual(['pmp'])
    expect(report.translated.de!.certifications).toContain('pmp')
    const again = await ownText(site, 'certifications', 'pmp', 'de')
    expect(again.description).toBe(articleSeedGerman.certifications.pmp!.description)
    expect((await ownText(site, 'certifications', 'pmp', 'en')).name).toBe('Project Management Professional')
    for (const slug of [PM, TPM]) {
      const role = await ownText(site, 'roles', slug, 'de')
      expect(role.certifications.map((row: Doc) => row.certification.slug)).not.toContain('pmp')
    }
  })
})

describe('editors: a seeded skill renamed (new slug) before the German seed', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { localization: withGerman }, name: 'seed_attack_renamed' })
    await seedRoleCatalog({ log: quiet, payload: site.payload, translations: [] })
  })
  afterAll(async () => site?.stop())

  it("leaves the renamed skill, the roles' links to it and a link note rewritten in English untranslated, and translates the rest", async () => {
    const leadership = await ownText(site, 'skills', 'leadership', 'en')
    await site.payload.update({ collection: 'skills', data: { slug: 'people-leadership' } as never, id: leadership.id })
    const renamedVersions = await site.query(`select count(*)::int as n from _skills_v where parent_id = $1`, [leadership.id])
    // And rewrites the English note of TPM's last skill link: its German stays empty (it would translate other words).
    const tpm = await ownText(site, 'roles', TPM, 'en')
    const rewritten = tpm.skills.at(-1).skill.slug as string
    await site.payload.update({
      collection: 'roles',
      data: { skills: tpm.skills.map((row: Doc, index: number) => ({ ...row, note: index === tpm.skills.length - 1 ? 'Rewritten by the editor.' : row.note, skill: row.skill.id })) } as never,
      id: tpm.id,
      locale: 'en',
    })

    await seedRoleCatalog({ log: quiet, payload: site.payload })
    // The editor's slug and text stand, no version was added to it.
    expect(await ownText(site, 'skills', 'people-leadership', 'en')).toMatchObject({ id: leadership.id, name: 'Leadership' })
    expect(await site.query(`select count(*)::int as n from _skills_v where parent_id = $1`, [leadership.id])).toEqual(renamedVersions)
    for (const role of articleSeed.roles) {
      const german = articleSeedGerman.roles[role.slug]!
      const de = await graphqlRole(site, role.slug, 'de')
      expect(de.title).toBe(german.title)
      // Still linked to the renamed skill, not to anything the seed made; every other link's note in German.
      const notes = Object.fromEntries(de.skills.map((row) => [row.skill.slug, row.note]))
      expect(notes['leadership']).toBeUndefined()
      const { leadership: _renamed, ...others } = german.skills
      if (role.slug === TPM) {
        expect(notes[rewritten]).toBeNull()
        delete others[rewritten]
      }
      expect(notes).toMatchObject(others)
      expect(Object.keys(notes)).toEqual(expect.arrayContaining(role.skills.map((link) => (link.slug === 'leadership' ? 'people-leadership' : link.slug))))
    }
  })
})

describe('operators: two seeds at once on PostgreSQL', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ config: { localization: withGerman }, name: 'seed_attack_concurrent' })
  })
  afterAll(async () => site?.stop())

  it('two instances seeding at once write every document and every German text exactly once', async () => {
    const other = await site.anotherInstance()
    const [first, second] = await Promise.all([
      seedRoleCatalog({ log: quiet, payload: site.payload }),
      seedRoleCatalog({ log: quiet, payload: other }),
    ])
    const created = [first, second].map((report) => Object.values(report.created).flat().length)
    const translated = [first, second].map((report) => Object.values(report.translated.de!).flat().length)
    expect(created.sort()).toEqual([0, 23])
    expect(translated.sort()).toEqual([0, 23])
    expect(await catalogRowCounts(site)).toMatchObject({ certifications: 3, responsibilities: 11, roles: 2, skills: 7 })
    // One row per document and locale, and two versions per document (created, then its German).
    expect(await localeRows(site)).toMatchObject({
      certifications_locales: { de: 3, en: 3 },
      responsibilities_locales: { de: 11, en: 11 },
      roles_locales: { de: 2, en: 2 },
      skills_locales: { de: 7, en: 7 },
    })
    expect(await versionCount(site, '_roles_v')).toBe(4)
    expect(await versionCount(site, '_skills_v')).toBe(14)
    expect((await graphqlRole(site, PM, 'de')).title).toBe(germanPM.title)
  })
})

describe('operators: a German write that fails half way', () => {
  let site: TestSite
  let refuseGerman = false
  beforeAll(async () => {
    site = await startSite({
      config: { localization: withGerman },
      name: 'seed_attack_failure',
      plugin: {
        overrides: {
          roles: {
            hooks: {
              beforeChange: [
                ({ data, originalDoc, req }) => {
                  // The last German write of the seed (the second role) fails.
                  if (refuseGerman && req.locale === 'de' && (originalDoc?.slug ?? data.slug) === TPM) throw new Error('host hook refused the German')
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

  it('a first seed leaves nothing at all, English included', async () => {
    refuseGerman = true
    await expect(seedRoleCatalog({ log: quiet, payload: site.payload })).rejects.toThrow('host hook refused the German')
    expect(Object.values(await catalogRowCounts(site)).every((n) => n === 0)).toBe(true)
    expect(await localeRows(site)).toMatchObject({ roles_locales: {}, skills_locales: {} })
  })

  it('a re-seed of an English site leaves no German anywhere (skills filled earlier in the run included)', async () => {
    refuseGerman = false
    await seedRoleCatalog({ log: quiet, payload: site.payload, translations: [] })
    const before = { rows: await catalogRowCounts(site), locales: await localeRows(site) }
    refuseGerman = true
    await expect(seedRoleCatalog({ log: quiet, payload: site.payload })).rejects.toThrow('host hook refused the German')
    expect({ rows: await catalogRowCounts(site), locales: await localeRows(site) }).toEqual(before)
    expect(before.locales.skills_locales).toEqual({ en: 7 })
    expect((await ownText(site, 'skills', 'leadership', 'de')).name ?? null).toBeNull()
    expect((await graphqlRole(site, PM, 'de')).title).toBeNull()
  })
})

describe('host sites', () => {
  it('de as the default locale, en second: English goes into en, German into de (not English filed as German)', async () => {
    const site = await startSite({ config: { localization: { defaultLocale: 'de', fallback: true, locales: ['de', 'en'] } }, name: 'seed_attack_de_default' })
    try {
      const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(report.translated.de!.roles).toEqual([PM, TPM])
      expect(await site.query(`select _locale::text as locale, title from roles_locales order by 1, 2`)).toEqual([
        { locale: 'de', title: germanPM.title },
        { locale: 'de', title: germanTPM.title },
        { locale: 'en', title: 'Project Manager' },
        { locale: 'en', title: 'Technical Project Manager' },
      ])
      const de = await graphqlRole(site, PM, 'de')
      expect(de).toMatchObject({ summary: germanPM.summary, title: germanPM.title })
      expect(Object.fromEntries(de.skills.map((row) => [row.skill.slug, row.note]))).toEqual(germanPM.skills)
      const en = await graphqlRole(site, PM, 'en')
      expect(en).toMatchObject({ summary: articleSeed.roles[0]!.summary, title: 'Project Manager' })
      const pm = await ownText(site, 'roles', PM, 'de')
      expect(Object.fromEntries(pm.experience.map((row: Doc) => [row.slug, { area: row.area, note: row.note }]))).toEqual(germanPM.experience)
      expect((await ownText(site, 'skills', 'leadership', 'de')).name).toBe(articleSeedGerman.skills.leadership!.name)
      expect((await ownText(site, 'skills', 'leadership', 'en')).name).toBe('Leadership')

      // An editor's German title (the default locale) survives a re-run, which writes nothing else.
      await site.payload.update({ collection: 'roles', data: { title: 'Projektleitung' }, id: pm.id, locale: 'de' })
      const versions = await versionCount(site, '_roles_v')
      const again = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(Object.values(again.created).flat()).toEqual([])
      expect(Object.values(again.translated.de!).flat()).toEqual([])
      expect(await versionCount(site, '_roles_v')).toBe(versions)
      expect((await graphqlRole(site, PM, 'de')).title).toBe('Projektleitung')
    } finally {
      await site.stop()
    }
  })

  it('de as the default locale, seeded before with the English in de: a German re-seed replaces none of that text', async () => {
    const site = await startSite({ config: { localization: { defaultLocale: 'de', fallback: true, locales: ['de', 'en'] } }, name: 'seed_attack_de_default_old' })
    try {
      // An English-only seed writes into the default locale (de), as every seed before issue 21 did.
      await seedRoleCatalog({ log: quiet, payload: site.payload, translations: [] })
      const before = { locales: await localeRows(site), titles: await site.query(`select _locale::text as locale, title from roles_locales order by 1, 2`) }
      expect(before.titles).toEqual([
        { locale: 'de', title: 'Project Manager' },
        { locale: 'de', title: 'Technical Project Manager' },
      ])
      const versions = await versionCount(site, '_roles_v')
      const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(Object.values(report.created).flat()).toEqual([])
      expect({ locales: await localeRows(site), titles: await site.query(`select _locale::text as locale, title from roles_locales order by 1, 2`) }).toEqual(before)
      expect(await versionCount(site, '_roles_v')).toBe(versions)
    } finally {
      await site.stop()
    }
  })

  it('fr as the default locale, en and de besides: the English stays in the default locale, the German goes into de', async () => {
    const site = await startSite({ config: { localization: { defaultLocale: 'fr', fallback: true, locales: ['fr', 'en', 'de'] } }, name: 'seed_attack_fr_default' })
    try {
      const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(report.translated.de!.roles).toEqual([PM, TPM])
      // French readers (the default locale, where every fallback ends) keep the whole English text.
      const fr = await graphqlRole(site, PM, 'fr')
      expect(fr).toMatchObject({ summary: articleSeed.roles[0]!.summary, title: 'Project Manager' })
      expect(await graphqlRole(site, PM, 'de')).toMatchObject({ summary: germanPM.summary, title: germanPM.title })
      expect(Object.keys((await localeRows(site)).roles_locales)).toEqual(['de', 'fr'])
    } finally {
      await site.stop()
    }
  })

  it('en + de-DE: German is not guessed into a regional locale; nothing but English is written', async () => {
    const site = await startSite({ config: { localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de-DE'] } }, name: 'seed_attack_de_de' })
    try {
      const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(report.translated).toEqual({})
      const rows = await localeRows(site)
      for (const [table, counts] of Object.entries(rows)) expect(Object.keys(counts), table).toEqual(['en'])
      expect((await graphqlRole(site, PM, 'de_DE')).title).toBeNull()
    } finally {
      await site.stop()
    }
  })

  it('de without fallback: German readers get the German seed text, English readers the English', async () => {
    const site = await startSite({ config: { localization: { defaultLocale: 'en', fallback: false, locales: ['en', 'de'] } }, name: 'seed_attack_no_fallback' })
    try {
      const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(report.translated.de!.roles).toEqual([PM, TPM])
      const de = await graphqlRole(site, PM, 'de')
      expect(de).toMatchObject({ summary: germanPM.summary, title: germanPM.title })
      expect(Object.fromEntries(de.skills.map((row) => [row.skill.slug, row.note]))).toEqual(germanPM.skills)
      expect((await graphqlRole(site, PM, 'en')).title).toBe('Project Manager')
    } finally {
      await site.stop()
    }
  })

  it('renamed collection slugs and a host field on roles: German filled, the host field kept in both locales', async () => {
    const site = await startSite({
      config: { localization: withGerman },
      name: 'seed_attack_overrides',
      plugin: {
        overrides: {
          roles: {
            fields: ({ defaultFields }) => [
              ...defaultFields,
              { name: 'hostNote', type: 'text', defaultValue: 'host default', localized: true },
              { name: 'hostCode', type: 'text', defaultValue: 'H-1' },
            ],
            slug: 'job-roles',
          },
          skills: { slug: 'competencies' },
        },
      },
    })
    try {
      await seedRoleCatalog({ log: quiet, payload: site.payload, translations: [] })
      const role = await ownText(site, 'job-roles', PM, 'en')
      await site.payload.update({ collection: 'job-roles' as 'roles', data: { hostCode: 'H-42', hostNote: 'Host text' } as never, id: role.id })
      const report = await seedRoleCatalog({ log: quiet, payload: site.payload })
      expect(report.translated.de!.roles).toEqual([PM, TPM])
      expect(report.translated.de!.skills).toHaveLength(articleSeed.skills.length)

      const de = await graphqlRole(site, PM, 'de', 'JobRoles')
      expect(de).toMatchObject({ summary: germanPM.summary, title: germanPM.title })
      expect(Object.fromEntries(de.skills.map((row) => [row.skill.slug, row.note]))).toEqual(germanPM.skills)
      expect((await ownText(site, 'competencies', 'leadership', 'de')).name).toBe(articleSeedGerman.skills.leadership!.name)
      expect(await ownText(site, 'job-roles', PM, 'en')).toMatchObject({ hostCode: 'H-42', hostNote: 'Host text', title: 'Project Manager' })
      expect((await ownText(site, 'job-roles', PM, 'de')).hostCode).toBe('H-42')
      const locales = await localeRows(site, { roles: 'job-roles', skills: 'competencies' })
      expect(locales.job_roles_locales).toEqual({ de: 2, en: 2 })
    } finally {
      await site.stop()
    }
  })
})
