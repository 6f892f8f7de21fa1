import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  generateEscoCatalogue,
  OCCUPATION_COLUMNS,
  RELATION_COLUMNS,
  SKILL_COLUMNS,
} from '../scripts/bench/generateEscoCatalogue.js'
import { DEFAULT_MAX_LENGTH } from '../src/fields/maxLengths.js'
import { DEFAULT_SOURCE_TITLE, importEscoFolder, type ImportReport } from '../src/import/index.js'
import { startSite, type TestSite } from './helpers/setup.js'

type CsvRow = Record<string, string>

const readCsv = async (file: string): Promise<CsvRow[]> => parse(await readFile(file), { bom: true, columns: true })

/** Line (1-based) on which the record holding `needle` starts: URIs come before the multi-line altLabels. */
const lineOf = async (file: string, needle: string) => {
  const lines = (await readFile(file, 'utf8')).split('\n')
  const index = lines.findIndex((line) => line.includes(needle))
  if (index < 0) throw new Error(`${needle} not in ${file}`)
  return index + 1
}

const lineCount = async (file: string) => (await readFile(file, 'utf8')).split('\n').length - 1

const appendRows = async (file: string, columns: readonly string[], rows: Partial<CsvRow>[]) => {
  await appendFile(file, stringify(rows, { columns: [...columns] }))
}

const catalogueTables = async (site: TestSite) =>
  (
    await site.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public'
       and (tablename like 'roles%' or tablename like '\\_roles\\_v%' or tablename like 'skills%' or tablename like '\\_skills\\_v%')
       order by 1`,
    )
  ).map((row) => row.name)

const truncateCatalogue = async (site: TestSite) => {
  const tables = await catalogueTables(site)
  await site.query(`truncate ${tables.map((name) => `"${name}"`).join(', ')} restart identity cascade`)
}

const TIMESTAMPS = new Set(['created_at', 'updated_at', 'version_created_at', 'version_updated_at'])

/**
 * Every row of every roles/skills table (main, _locales, _texts, _rels, arrays and their version
 * counterparts), with what differs by nature between two runs normalised: timestamps become
 * "set", array row IDs (random ObjectIds) become parent#order, and a version row's `_uuid` the
 * token of the array row it copies.
 */
const dumpTables = async (site: TestSite) => {
  const dump: Record<string, unknown[]> = {}
  const rowTokens = new Map<string, string>()
  const tables = await catalogueTables(site)
  // Main tables first, so version rows can refer to the array rows' tokens.
  tables.sort((a, b) => Number(a.startsWith('_')) - Number(b.startsWith('_')) || a.localeCompare(b))
  for (const table of tables) {
    const rows = await site.query<Record<string, unknown>>(`select * from "${table}"`)
    const normalised = rows.map((row) => {
      const out: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(row)) {
        if (TIMESTAMPS.has(key)) out[key] = value === null ? null : 'set'
        else out[key] = value
      }
      if ('_order' in row && typeof row.id === 'string') {
        expect(row.id).toMatch(/^[0-9a-f]{24}$/)
        const token = `${String(row._parent_id)}#${String(row._order)}`
        rowTokens.set(row.id, token)
        out.id = token
      }
      // The `_locales` rows of an array row refer to its ObjectId.
      if ('_locale' in row && typeof row._parent_id === 'string' && rowTokens.has(row._parent_id)) {
        out._parent_id = rowTokens.get(row._parent_id)
      }
      if ('_uuid' in row) {
        expect(rowTokens.has(String(row._uuid)), `${table}._uuid ${String(row._uuid)}`).toBe(true)
        out._uuid = rowTokens.get(String(row._uuid))
      }
      return out
    })
    normalised.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    dump[table] = normalised
  }
  return dump
}

/** Drops what two identical imports cannot share: timestamps and random array row IDs. */
const normaliseDoc = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(normaliseDoc)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'createdAt' && key !== 'updatedAt')
        .map(([key, inner]) => [key, key === 'id' && typeof inner === 'string' && /^[0-9a-f]{24}$/.test(inner) ? 'row' : normaliseDoc(inner)]),
    )
  }
  return value
}

const catalogueQuery = (locale?: string) => `{
  Roles(limit: 0, sort: "slug"${locale ? `, locale: ${locale}` : ''}) { totalDocs docs { id title slug alternateNames summary _status
    source { title section quote uri }
    skills { requirement note skill { id name slug kind skillType reuseLevel alternateNames description source { uri } } } } }
  Skills(limit: 0, sort: "slug"${locale ? `, locale: ${locale}` : ''}) { totalDocs docs { id name slug alternateNames kind skillType reuseLevel description _status
    source { title section quote uri } roles { docs { slug } } } }
}`

const readBack = async (site: TestSite, { latestVersions = false } = {}) => {
  const locale = site.config.localization ? 'all' : undefined
  const roles = await site.payload.find({ collection: 'roles', depth: 1, draft: false, locale, pagination: false, sort: 'slug' })
  const skills = await site.payload.find({ collection: 'skills', depth: 0, draft: false, locale, pagination: false, sort: 'slug' })
  const versions = await site.payload.findVersions({
    collection: 'roles',
    limit: 0,
    locale,
    pagination: false,
    sort: 'parent',
    where: latestVersions ? { latest: { equals: true } } : undefined,
  })
  // Anonymous: only published documents are visible; in every locale, with and without fallback.
  const graphql: Record<string, unknown> = {}
  for (const code of site.config.localization ? site.config.localization.localeCodes : [undefined]) {
    const answer = await site.graphql(catalogueQuery(code))
    expect(answer.body.errors).toBeUndefined()
    graphql[code ?? 'default'] = answer.body.data
  }
  return normaliseDoc({
    graphql,
    roles: roles.docs,
    skills: skills.docs,
    versions: versions.docs.map(({ id: _id, ...version }) => version),
  })
}

const expectNoFailure = (report: ImportReport) => expect(report.failed).toBeUndefined()

/**
 * With more than one language the Local API writes each document with a create (default locale)
 * and an update per further locale, so it leaves one version per step and renumbers the rows it
 * rewrites; the bulk writer writes the final state as one version. What readers and editors get is
 * compared as it is: the documents and their latest version, every locale, row for row, with the
 * serial IDs and the superseded versions left out.
 */
const latestOnly = (dump: Record<string, unknown[]>) => {
  const out: Record<string, unknown[]> = {}
  // Version IDs → the document they belong to, for the latest version of each.
  const latest = new Map<string, string>()
  for (const [table, rows] of Object.entries(dump)) {
    if (/^_\w+_v$/.test(table)) {
      for (const row of rows as Record<string, unknown>[]) if (row.latest) latest.set(`${table}:${String(row.id)}`, `v(${String(row.parent_id)})`)
    }
  }
  const versionOf = (table: string) => /^(_[a-z]+_v)/.exec(table)?.[1]
  const arrayRowTokens = new Map<string, string>()
  const tables = Object.keys(dump).sort((a, b) => a.length - b.length)
  for (const table of tables) {
    const version = versionOf(table)
    const rows = (dump[table] as Record<string, unknown>[]).flatMap((row) => {
      const copy: Record<string, unknown> = { ...row }
      if (version) {
        if (table === version) {
          const token = latest.get(`${table}:${String(row.id)}`)
          if (!token) return []
          copy.id = token
        } else {
          const parentKey = '_parent_id' in row ? '_parent_id' : 'parent_id'
          // An array's `_locales` rows belong to an array row; every other child table to the version.
          const ofArrayRow = table.endsWith('_locales') && table !== `${version}_locales`
          const parent = ofArrayRow
            ? arrayRowTokens.get(`${table.replace(/_locales$/, '')}:${String(row[parentKey])}`)
            : latest.get(`${version}:${String(row[parentKey])}`)
          if (!parent) return []
          copy[parentKey] = parent
          if ('_order' in row && typeof row.id === 'number') {
            const token = `${parent}#${String(row._order)}`
            arrayRowTokens.set(`${table}:${String(row.id)}`, token)
            copy.id = token
          }
        }
      }
      if (/_(locales|texts|rels)$/.test(table) && typeof copy.id === 'number') delete copy.id
      return [copy]
    })
    rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    out[table] = rows
  }
  return out
}

const runEqualityCheck = async (site: TestSite, folder: string, { languages }: { languages?: string[] } = {}) => {
  const several = (languages?.length ?? 1) > 1
  await truncateCatalogue(site)
  const sqlReport = await importEscoFolder({ batchSize: 7, folder, languages, method: 'sql', payload: site.payload })
  expectNoFailure(sqlReport)
  const sqlRows = several ? latestOnly(await dumpTables(site)) : await dumpTables(site)
  const sqlRead = await readBack(site, { latestVersions: several })

  await truncateCatalogue(site)
  const apiReport = await importEscoFolder({ batchSize: 7, folder, languages, method: 'localApi', payload: site.payload })
  expectNoFailure(apiReport)
  const apiRows = several ? latestOnly(await dumpTables(site)) : await dumpTables(site)
  const apiRead = await readBack(site, { latestVersions: several })
  await truncateCatalogue(site)

  expect({ ...sqlReport, seconds: 0 }).toEqual({ ...apiReport, seconds: 0 })
  // The tables that hold data must actually have been compared.
  for (const table of ['roles', 'roles_skills', 'roles_texts', '_roles_v', '_roles_v_version_skills', '_roles_v_texts', 'skills', 'skills_texts', '_skills_v', '_skills_v_texts']) {
    expect(sqlRows[table]?.length, table).toBeGreaterThan(0)
  }
  expect(Object.keys(sqlRows)).toEqual(Object.keys(apiRows))
  for (const table of Object.keys(apiRows)) expect(sqlRows[table], table).toEqual(apiRows[table])
  expect(sqlRead).toEqual(apiRead)
  return sqlRows
}

describe('ESCO import', () => {
  let site: TestSite
  let work: string
  let main: string
  const counts = { links: 150, occupations: 12, skills: 40 }

  beforeAll(async () => {
    site = await startSite({ name: 'import' })
    work = await mkdtemp(path.join(tmpdir(), 'role-catalog-import-'))
    main = path.join(work, 'main')
    await generateEscoCatalogue(main, { ...counts, seed: 7 })
  })
  afterAll(async () => {
    await site?.stop()
    if (work) await rm(work, { force: true, recursive: true })
  })

  it('writes exactly the rows payload.create writes, and reads back identically', async () => {
    const small = path.join(work, 'equality')
    await generateEscoCatalogue(small, { links: 30, occupations: 4, seed: 3, skills: 12 })
    // A second skill with the first one's label: its slug gets the URI's suffix either way.
    const [first] = await readCsv(path.join(small, 'skills_en.csv'))
    await appendRows(path.join(small, 'skills_en.csv'), SKILL_COLUMNS, [
      { ...first, altLabels: 'duplicate label\nsecond line', conceptUri: 'urn:test:skill:0badc0de-0000-4000-8000-000000000001' },
    ])
    const rows = await runEqualityCheck(site, small)
    expect((rows.skills as { slug: string }[]).map((row) => row.slug)).toContain(`${(rows.skills as { slug: string }[])[0]!.slug.replace(/-0badc0de$/, '')}-0badc0de`)
  })

  it('imports every skill, occupation and link, published, with ESCO as the source', async () => {
    const report = await importEscoFolder({ batchSize: 5, folder: main, payload: site.payload })
    expectNoFailure(report)
    expect(report).toMatchObject({
      links: { created: counts.links },
      problems: [],
      roles: { created: counts.occupations, existing: 0 },
      skills: { created: counts.skills, existing: 0 },
    })
    const [row] = await site.query<Record<string, string>>(
      `select (select count(*) from skills) as skills, (select count(*) from roles) as roles,
              (select count(*) from roles_skills) as links, (select count(*) from _skills_v where latest) as skill_versions,
              (select count(*) from _roles_v where latest and version__status = 'published') as role_versions,
              (select count(*) from _roles_v_version_skills) as version_links,
              (select count(*) from skills where _status = 'published') as published_skills`,
    )
    expect(row).toEqual({
      links: String(counts.links),
      published_skills: String(counts.skills),
      role_versions: String(counts.occupations),
      roles: String(counts.occupations),
      skill_versions: String(counts.skills),
      skills: String(counts.skills),
      version_links: String(counts.links),
    })
  })

  it('maps ESCO fields: essential → required, optional → recommended, altLabels, skillType, reuseLevel', async () => {
    const skillsFile = path.join(main, 'skills_en.csv')
    const occupations = await readCsv(path.join(main, 'occupations_en.csv'))
    const skills = await readCsv(skillsFile)
    const relations = await readCsv(path.join(main, 'occupationSkillRelations_en.csv'))
    const occupation = occupations.find((candidate) => candidate.altLabels!.includes('\n'))!
    const expectedLinks = relations.filter((relation) => relation.occupationUri === occupation.conceptUri)
    expect(new Set(expectedLinks.map((link) => link.relationType))).toEqual(new Set(['essential', 'optional']))

    // Anonymous GraphQL, as a frontend reads it.
    const { body } = await site.graphql(
      `query ($uri: String) { Roles(where: { source__uri: { equals: $uri } }) { docs { title alternateNames summary
        source { title section quote uri }
        skills { requirement skill { name alternateNames kind skillType reuseLevel description source { uri section } } } } } }`,
      { uri: occupation.conceptUri },
    )
    expect(body.errors).toBeUndefined()
    const role = body.data.Roles.docs[0]
    expect(role.title).toBe(occupation.preferredLabel)
    expect(role.alternateNames).toEqual(occupation.altLabels!.split('\n'))
    expect(role.summary).toBe(occupation.description)
    expect(role.source).toEqual({
      quote: occupation.preferredLabel,
      section: `occupations_en.csv, line ${await lineOf(path.join(main, 'occupations_en.csv'), occupation.conceptUri!)}`,
      title: DEFAULT_SOURCE_TITLE,
      uri: occupation.conceptUri,
    })
    expect(role.skills.map((link: any) => [link.skill.source.uri, link.requirement])).toEqual(
      expectedLinks.map((link) => [link.skillUri, link.relationType === 'essential' ? 'required' : 'recommended']),
    )

    const skillTypes: Record<string, string> = { knowledge: 'knowledge', 'skill/competence': 'skill_competence' }
    for (const link of role.skills) {
      const csv = skills.find((skill) => skill.conceptUri === link.skill.source.uri)!
      expect(link.skill).toEqual({
        alternateNames: csv.altLabels ? csv.altLabels.split('\n') : [],
        description: csv.description,
        kind: csv.reuseLevel === 'transversal' ? 'soft' : 'technical',
        name: csv.preferredLabel,
        reuseLevel: csv.reuseLevel!.replace('-', '_'),
        skillType: skillTypes[csv.skillType!],
        source: { section: `skills_en.csv, line ${await lineOf(skillsFile, csv.conceptUri!)}`, uri: csv.conceptUri },
      })
    }
  })

  it('a second run imports nothing and changes nothing', async () => {
    const before = await dumpTables(site)
    const report = await importEscoFolder({ batchSize: 5, folder: main, payload: site.payload })
    expect(report).toMatchObject({
      links: { created: 0 },
      problems: [],
      roles: { created: 0, existing: counts.occupations },
      skills: { created: 0, existing: counts.skills },
    })
    expect(await dumpTables(site)).toEqual(before)
  })

  it('reports bad rows with file and line, skips them and imports the rest', async () => {
    const folder = path.join(work, 'bad')
    await generateEscoCatalogue(folder, { links: 10, occupations: 3, seed: 8, skills: 5 })
    const files = {
      occupations: path.join(folder, 'occupations_en.csv'),
      relations: path.join(folder, 'occupationSkillRelations_en.csv'),
      skills: path.join(folder, 'skills_en.csv'),
    }
    const skills = await readCsv(files.skills)
    const occupations = await readCsv(files.occupations)
    const relations = await readCsv(files.relations)
    // A skill imported by the earlier test: not in this folder, but in the database.
    const [known] = await readCsv(path.join(main, 'skills_en.csv'))

    const skillLine = (await lineCount(files.skills)) + 1
    await appendRows(files.skills, SKILL_COLUMNS, [
      { preferredLabel: 'no uri at all', reuseLevel: 'transversal', skillType: 'knowledge' },
      { conceptUri: 'urn:test:skill:no-label', preferredLabel: '  ' },
      { conceptUri: 'urn:test:skill:bad-reuse', preferredLabel: 'bad reuse level', reuseLevel: 'galactic' },
      { ...skills[0], altLabels: 'a\nb' },
      // Longer than the field allows: Payload would refuse it, so the bulk writer must too.
      { conceptUri: 'urn:test:skill:long', preferredLabel: 'x'.repeat(DEFAULT_MAX_LENGTH.text + 1) },
    ])
    const occupationLine = (await lineCount(files.occupations)) + 1
    await appendRows(files.occupations, OCCUPATION_COLUMNS, [
      { conceptUri: 'urn:test:occupation:no-label' },
      { conceptUri: 'urn:test:occupation:long', description: 'y'.repeat(DEFAULT_MAX_LENGTH.textarea + 1), preferredLabel: 'long description' },
    ])
    const relationLine = (await lineCount(files.relations)) + 1
    const occupationUri = occupations[0]!.conceptUri!
    await appendRows(files.relations, RELATION_COLUMNS, [
      { occupationUri, relationType: 'essential', skillUri: 'urn:test:skill:unknown' },
      { occupationUri: 'urn:test:occupation:unknown', relationType: 'essential', skillUri: skills[0]!.conceptUri },
      { occupationUri, relationType: 'mandatory', skillUri: skills[1]!.conceptUri },
      { ...relations[0] },
      { occupationUri, relationType: 'optional', skillUri: 'urn:test:skill:bad-reuse' },
      { occupationUri, relationType: 'optional', skillUri: known!.conceptUri },
      { occupationUri: '', relationType: 'optional', skillUri: known!.conceptUri },
    ])
    await appendFile(files.relations, `"${occupationUri},essential,knowledge,urn:test:never-closed\n`)

    const report = await importEscoFolder({ batchSize: 2, folder, payload: site.payload })
    expectNoFailure(report)
    expect(report.problems).toEqual([
      { file: 'skills_en.csv', kind: 'row', line: skillLine, message: 'missing conceptUri' },
      { file: 'skills_en.csv', kind: 'row', line: skillLine + 1, message: 'missing preferredLabel for urn:test:skill:no-label' },
      { file: 'skills_en.csv', kind: 'row', line: skillLine + 2, message: 'unknown reuseLevel "galactic" (expected cross-sector | occupation-specific | sector-specific | transversal)' },
      { file: 'skills_en.csv', kind: 'row', line: skillLine + 3, message: `repeated conceptUri ${skills[0]!.conceptUri} (first at skills_en.csv, line 2)` },
      // The repeated row above spans two lines (its altLabels).
      { file: 'skills_en.csv', kind: 'row', line: skillLine + 5, message: `name has ${DEFAULT_MAX_LENGTH.text + 1} characters, more than the ${DEFAULT_MAX_LENGTH.text} the field allows` },
      { file: 'occupations_en.csv', kind: 'row', line: occupationLine, message: 'missing preferredLabel for urn:test:occupation:no-label' },
      { file: 'occupations_en.csv', kind: 'row', line: occupationLine + 1, message: `summary has ${DEFAULT_MAX_LENGTH.textarea + 1} characters, more than the ${DEFAULT_MAX_LENGTH.textarea} the field allows` },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine, message: 'unknown skill urn:test:skill:unknown (not in skills_en.csv nor in the database)' },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine + 1, message: 'unknown occupation urn:test:occupation:unknown (not in occupations_en.csv nor in the database)' },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine + 2, message: 'bad relationType "mandatory" (expected essential | optional)' },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine + 3, message: `repeated relation between ${relations[0]!.occupationUri} and ${relations[0]!.skillUri}` },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine + 4, message: 'unknown skill urn:test:skill:bad-reuse (not in skills_en.csv nor in the database)' },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine + 6, message: 'missing occupationUri' },
      { file: 'occupationSkillRelations_en.csv', kind: 'row', line: relationLine + 7, message: `unreadable CSV: Quote Not Closed: the parsing is finished with an opening quote at line ${relationLine + 7}` },
    ])
    expect(report).toMatchObject({ roles: { created: 3 }, skills: { created: 5 } })

    // Nothing of the bad rows was written; the good rows of the same files were.
    const [bad] = await site.query<{ n: string }>(
      `select (select count(*) from skills where source_uri like 'urn:test:%' or name = 'no uri at all')
            + (select count(*) from roles where source_uri like 'urn:test:%') as n`,
    )
    expect(bad!.n).toBe('0')
    const { docs } = await site.payload.find({ collection: 'roles', depth: 1, where: { 'source.uri': { equals: occupationUri } } })
    const linked = docs[0]!.skills!.map((link: any) => link.skill.source.uri)
    expect(linked).toEqual([
      ...relations.filter((relation) => relation.occupationUri === occupationUri).map((relation) => relation.skillUri),
      known!.conceptUri,
    ])
  })

  it('rolls a failed batch back, reports it, and a re-run continues where it stopped', async () => {
    const folder = path.join(work, 'failing')
    await generateEscoCatalogue(folder, { links: 40, occupations: 6, seed: 9, skills: 20 })
    const countOf = async () =>
      (
        await site.query<Record<string, string>>(
          `select (select count(*) from skills) as skills, (select count(*) from _skills_v) as skill_versions, (select count(*) from skills_texts) as skill_texts,
                  (select count(*) from roles) as roles, (select count(*) from roles_skills) as links, (select count(*) from _roles_v) as role_versions,
                  (select count(*) from _roles_v_version_skills) as version_links, (select count(*) from roles_texts) as role_texts`,
        )
      )[0]!
    const before = await countOf()

    // The second skills batch fails after writing its rows.
    const first = await importEscoFolder({
      batchSize: 5,
      beforeCommit: (batch) => {
        if (batch.collection === 'skills' && batch.index === 2) throw new Error('simulated failure')
      },
      folder,
      payload: site.payload,
    })
    expect(first.failed).toEqual({
      batch: { collection: 'skills', first: expect.stringMatching(/^skills_en\.csv, line \d+$/), index: 2, last: expect.stringMatching(/^skills_en\.csv, line \d+$/), size: 5 },
      error: 'simulated failure',
    })
    expect(first).toMatchObject({ links: { created: 0 }, roles: { created: 0 }, skills: { created: 5 } })
    const afterFirst = await countOf()
    expect(Number(afterFirst.skills) - Number(before.skills)).toBe(5)
    expect(Number(afterFirst.skill_versions) - Number(before.skill_versions)).toBe(5)
    expect(afterFirst.roles).toBe(before.roles)

    // A role batch fails: no role, link, version or text of that batch remains.
    const second = await importEscoFolder({
      batchSize: 5,
      beforeCommit: (batch) => {
        if (batch.collection === 'roles') throw new Error('roles refused')
      },
      folder,
      payload: site.payload,
    })
    expect(second.failed?.batch.collection).toBe('roles')
    expect(second).toMatchObject({ roles: { created: 0 }, skills: { created: 15, existing: 5 } })
    const afterSecond = await countOf()
    for (const key of ['roles', 'links', 'role_versions', 'version_links', 'role_texts']) {
      expect(afterSecond[key], key).toBe(before[key])
    }

    const third = await importEscoFolder({ batchSize: 5, folder, payload: site.payload })
    expectNoFailure(third)
    expect(third).toMatchObject({ links: { created: 40 }, roles: { created: 6 }, skills: { created: 0, existing: 20 } })
    const afterThird = await countOf()
    expect(Number(afterThird.roles) - Number(before.roles)).toBe(6)
    expect(Number(afterThird.links) - Number(before.links)).toBe(40)
    expect(Number(afterThird.version_links) - Number(before.version_links)).toBe(40)
  })
})

describe('ESCO import on a localized site', () => {
  let site: TestSite
  let work: string

  beforeAll(async () => {
    site = await startSite({
      config: { localization: { defaultLocale: 'en', locales: ['en', 'de'] } },
      name: 'import_localized',
    })
    work = await mkdtemp(path.join(tmpdir(), 'role-catalog-import-l10n-'))
  })
  afterAll(async () => {
    await site?.stop()
    if (work) await rm(work, { force: true, recursive: true })
  })

  it('writes the same locale, text and version rows as payload.create', async () => {
    await generateEscoCatalogue(work, { links: 25, occupations: 4, seed: 5, skills: 10 })
    const rows = await runEqualityCheck(site, work)
    expect(rows.skills_locales?.length).toBe(10)
    expect(rows._roles_v_locales?.length).toBe(4)
    expect((rows.roles_texts as { locale: string }[]).every((row) => row.locale === 'en')).toBe(true)
  })

  it('imports English and German in one pass: every locale holds the rows payload.create and update write', async () => {
    const folder = path.join(work, 'en-de')
    await generateEscoCatalogue(folder, { languages: ['en', 'de'], links: 25, occupations: 4, seed: 6, skills: 10 })
    const rows = await runEqualityCheck(site, folder, { languages: ['en', 'de'] })
    for (const table of ['skills_locales', 'roles_locales', '_skills_v_locales', '_roles_v_locales']) {
      const locales = (rows[table] as { _locale: string }[]).map((row) => row._locale)
      expect(locales.filter((code) => code === 'en').length, table).toBe(table.includes('skills') ? 10 : 4)
      expect(locales.filter((code) => code === 'de').length, table).toBe(table.includes('skills') ? 10 : 4)
    }
    expect((rows.skills_texts as { locale: string }[]).some((row) => row.locale === 'de')).toBe(true)
  })

  it('reads each language as readers ask for it; a row the German file lacks falls back to English and is reported', async () => {
    const folder = path.join(work, 'gaps')
    const generated = await generateEscoCatalogue(folder, { languages: ['en', 'de'], links: 12, occupations: 3, seed: 12, skills: 6 })
    const germanSkills = await readCsv(generated.translationFiles.de!.skills)
    const germanOccupations = await readCsv(generated.translationFiles.de!.occupations)
    // The German files lack one skill and one occupation, and another occupation has no German description.
    const [missingSkill, ...keptSkills] = germanSkills
    const [missingOccupation, noDescription, ...keptOccupations] = germanOccupations
    await writeFile(generated.translationFiles.de!.skills, stringify(keptSkills, { columns: [...SKILL_COLUMNS], header: true }))
    await writeFile(
      generated.translationFiles.de!.occupations,
      stringify([{ ...noDescription, description: '' }, ...keptOccupations], { columns: [...OCCUPATION_COLUMNS], header: true }),
    )
    const english = {
      occupations: await readCsv(generated.files.occupations),
      skills: await readCsv(generated.files.skills),
    }
    const englishLine = async (file: string, uri: string) => lineOf(file, uri)

    // Languages default to the site's locales, the default locale first.
    const report = await importEscoFolder({ folder, payload: site.payload })
    expectNoFailure(report)
    expect(report.problems).toEqual([
      {
        file: 'skills_de.csv',
        kind: 'text',
        line: 0,
        message: `no row for ${missingSkill!.conceptUri} (skills_en.csv, line ${await englishLine(generated.files.skills, missingSkill!.conceptUri!)}): its de text stays empty`,
      },
      {
        file: 'occupations_de.csv',
        kind: 'text',
        line: 0,
        message: `no row for ${missingOccupation!.conceptUri} (occupations_en.csv, line ${await englishLine(generated.files.occupations, missingOccupation!.conceptUri!)}): its de text stays empty`,
      },
    ])
    expect(report).toMatchObject({ roles: { created: 3 }, skills: { created: 6 } })

    const query = `query ($uris: [String], $locale: LocaleInputType, $fallback: FallbackLocaleInputType) {
      Roles(where: { source__uri: { in: $uris } }, locale: $locale, fallbackLocale: $fallback, limit: 0) { docs { title summary alternateNames source { uri } } }
      Skills(where: { source__uri: { in: $uris } }, locale: $locale, fallbackLocale: $fallback, limit: 0) { docs { name description source { uri } } }
    }`
    const uris = [...english.occupations, ...english.skills].map((row) => row.conceptUri)
    const read = async (locale: string, fallback?: string) => {
      const { body } = await site.graphql(query, { fallback, locale, uris })
      expect(body.errors).toBeUndefined()
      const byUri = new Map<string, Record<string, unknown>>()
      for (const doc of [...body.data.Roles.docs, ...body.data.Skills.docs]) byUri.set(doc.source.uri, doc)
      return byUri
    }
    const german = await read('de')
    const stored = await read('de', 'none')
    const englishRead = await read('en')

    const kept = germanOccupations.find((row) => row.conceptUri === keptOccupations[0]!.conceptUri)!
    expect(german.get(kept.conceptUri!)).toMatchObject({ summary: kept.description, title: kept.preferredLabel })
    expect(german.get(kept.conceptUri!)!.alternateNames).toEqual(kept.altLabels ? kept.altLabels.split('\n') : [])
    expect(englishRead.get(kept.conceptUri!)).toMatchObject({
      title: english.occupations.find((row) => row.conceptUri === kept.conceptUri)!.preferredLabel,
    })
    // The lacking occupation: German readers get English, German as stored is empty.
    const englishOccupation = english.occupations.find((row) => row.conceptUri === missingOccupation!.conceptUri)!
    expect(german.get(englishOccupation.conceptUri!)).toMatchObject({ summary: englishOccupation.description, title: englishOccupation.preferredLabel })
    expect(stored.get(englishOccupation.conceptUri!)).toMatchObject({ summary: null, title: null })
    // The occupation without a German description: German title, English description.
    expect(german.get(noDescription!.conceptUri!)).toMatchObject({
      summary: english.occupations.find((row) => row.conceptUri === noDescription!.conceptUri)!.description,
      title: noDescription!.preferredLabel,
    })
    expect(stored.get(noDescription!.conceptUri!)).toMatchObject({ summary: null, title: noDescription!.preferredLabel })
    const englishSkill = english.skills.find((row) => row.conceptUri === missingSkill!.conceptUri)!
    expect(german.get(englishSkill.conceptUri!)).toMatchObject({ name: englishSkill.preferredLabel })
    expect(stored.get(englishSkill.conceptUri!)).toMatchObject({ description: null, name: null })

    // Idempotent by URI: a second run in both languages writes nothing.
    const before = await dumpTables(site)
    const again = await importEscoFolder({ folder, payload: site.payload })
    expect(again).toMatchObject({ links: { created: 0 }, roles: { created: 0, existing: 3 }, skills: { created: 0, existing: 6 } })
    expect(await dumpTables(site)).toEqual(before)
  })

  it('refuses languages the site cannot hold, naming them, before writing anything', async () => {
    const folder = path.join(work, 'en-de')
    const before = await dumpTables(site)
    await expect(importEscoFolder({ folder, languages: ['en', 'fr'], payload: site.payload })).rejects.toThrow(
      'language(s) fr are not locales of this site (en, de)',
    )
    await expect(importEscoFolder({ folder, languages: ['de', 'en'], payload: site.payload })).rejects.toThrow(
      `the first language must be the site's default locale "en"`,
    )
    // A language asked for whose file is not there.
    await rm(path.join(folder, 'skills_de.csv'))
    await expect(importEscoFolder({ folder, languages: ['en', 'de'], payload: site.payload })).rejects.toThrow(
      /skills_de\.csv not found/,
    )
    expect(await dumpTables(site)).toEqual(before)
  })

  it("by default reads the site's locales, and reports a language whose file is not there", async () => {
    const folder = path.join(work, 'english-only')
    const generated = await generateEscoCatalogue(folder, { links: 2, occupations: 1, seed: 21, skills: 2 })
    const report = await importEscoFolder({ folder, payload: site.payload })
    expectNoFailure(report)
    expect(report.problems).toEqual([
      { file: 'skills_de.csv', kind: 'file', line: 0, message: `not found in ${folder}: that language's text stays empty` },
      { file: 'occupations_de.csv', kind: 'file', line: 0, message: `not found in ${folder}: that language's text stays empty` },
    ])
    expect(report).toMatchObject({ roles: { created: 1 }, skills: { created: 2 } })
    const [occupation] = await readCsv(generated.files.occupations)
    const { body } = await site.graphql(
      `query ($uri: String) { Roles(where: { source__uri: { equals: $uri } }, locale: de, fallbackLocale: none) { docs { title } } }`,
      { uri: occupation!.conceptUri },
    )
    expect(body.data.Roles.docs).toEqual([{ title: null }])
  })
})

describe('ESCO import into collections with other slugs', () => {
  let site: TestSite
  let work: string

  beforeAll(async () => {
    // A host that renamed the catalogue's collections (slugs with a hyphen: job-roles → table job_roles).
    site = await startSite({ name: 'import_slugs', plugin: { overrides: { roles: { slug: 'job-roles' }, skills: { slug: 'abilities' } } } })
    work = await mkdtemp(path.join(tmpdir(), 'role-catalog-import-slugs-'))
  })
  afterAll(async () => {
    await site?.stop()
    if (work) await rm(work, { force: true, recursive: true })
  })

  it('imports into the renamed collections, with every link', async () => {
    await generateEscoCatalogue(work, { links: 25, occupations: 4, seed: 7, skills: 10 })
    const report = await importEscoFolder({ folder: work, payload: site.payload })
    expect(report.failed).toBeUndefined()
    expect([report.roles.created, report.skills.created, report.links.created]).toEqual([4, 10, 25])
    const roles = await site.payload.find({ collection: 'job-roles' as 'roles', depth: 1, limit: 10, overrideAccess: true })
    expect(roles.totalDocs).toBe(4)
    const links = roles.docs.flatMap((role) => (role.skills ?? []) as { skill: { name?: string; slug?: string } | number }[])
    expect(links).toHaveLength(25)
    expect(links.every((link) => typeof link.skill === 'object' && typeof link.skill.name === 'string')).toBe(true)
    expect((await site.payload.count({ collection: 'abilities' as 'skills', overrideAccess: true })).totalDocs).toBe(10)
  })
})
