/**
 * A host may give the catalogue's collections any slug of up to 30 characters: every table, enum,
 * index and key name Payload makes for them fits PostgreSQL's 63 characters, so Payload neither
 * refuses to start nor warns that names will be truncated, the database holds exactly the names of
 * the schema, and the tuned reads (which look tables up through the adapter) still answer what
 * Payload's generic path answers.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MAX_SLUG_LENGTH } from '../src/plugin/databaseNames.js'
import { getCatalogConfig } from '../src/plugin/catalogConfig.js'
import { resolveOptions } from '../src/plugin/options.js'
import { certificationsCollection } from '../src/collections/certifications.js'
import { responsibilitiesCollection } from '../src/collections/responsibilities.js'
import { rolesCollection } from '../src/collections/roles.js'
import { skillsCollection } from '../src/collections/skills.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { recordStatements } from './helpers/sqlCounter.js'

const slugs = {
  certifications: 'organisation-certification-reg',
  responsibilities: 'organisation-responsibility-ls',
  roles: 'organisation-job-role-profiles',
  skills: 'organisation-skills-catalogues',
}

type RawTable = {
  columns: Record<string, { name: string }>
  foreignKeys?: Record<string, { name: string }>
  indexes?: Record<string, { name: string }>
  name: string
}

const ROLE_QUERY = `query ($slug: String!) { roleBySlug(slug: $slug) {
  title slug summary alternateNames
  responsibilities { requirement note responsibility { title slug } }
  skills { requirement skill { name slug kind } }
  certifications { requirement certification { name slug } }
  qualifications { level requirement fieldsOfStudy { name slug } }
  experience { area kind requirement }
  externalCodes { scheme code label match }
  buildsOn { slug }
} }`

// With locales, Payload adds a `_locales` table (and query alias) to every array; without them,
// the tuned reads (off under localization) answer roleBySlug.
describe.each([
  { localized: true, name: 'long_slugs_l10n' },
  { localized: false, name: 'long_slugs' },
])('slugs of 30 characters (localized: $localized)', ({ localized, name }) => {
  let site: TestSite
  const logged: { level: number; msg: string }[] = []

  beforeAll(async () => {
    for (const slug of Object.values(slugs)) expect(slug).toHaveLength(MAX_SLUG_LENGTH)
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line))
        done()
      },
    })
    site = await startSite({
      config: {
        ...(localized ? { localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } } : {}),
        logger: { destination, options: { level: process.env.LONG_SLUG_DEBUG ? 'debug' : 'warn' } },
      },
      name,
      plugin: {
        overrides: Object.fromEntries(Object.entries(slugs).map(([name, slug]) => [name, { slug }])),
      },
    })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => {
    if (process.env.LONG_SLUG_DEBUG) console.log(logged.filter((entry) => entry.level >= 20 && /role catalog|rror/.test(JSON.stringify(entry))).map((entry) => JSON.stringify(entry)))
    await site?.stop()
  })

  it('start Payload without a warning about identifier length', () => {
    expect(logged.filter((entry) => /identifier|63-character/i.test(entry.msg))).toEqual([])
  })

  it('name every table, column, index, key and enum in at most 63 characters, as the database holds them', async () => {
    const adapter = site.payload.db as unknown as {
      enums: Record<string, { enumName: string }>
      rawTables: Record<string, RawTable>
      tableNameMap: Map<string, string>
    }
    const names = Object.values(adapter.rawTables).flatMap((table) => [
      table.name,
      ...Object.values(table.columns).map((column) => column.name),
      ...Object.values(table.indexes ?? {}).map((index) => index.name),
      ...Object.values(table.foreignKeys ?? {}).map((key) => key.name),
    ])
    const enums = Object.values(adapter.enums).map((value) => value.enumName)
    expect([...names, ...enums].filter((name) => name.length > 63)).toEqual([])
    // The schema Payload pushed is the one it reads: every table and enum it names exists.
    const tables = await site.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public'`)
    const types = await site.query<{ name: string }>(`select typname as name from pg_type where typtype = 'e'`)
    const existing = new Set([...tables, ...types].map((row) => row.name))
    const rawTableNames = Object.values(adapter.rawTables).map((table) => table.name)
    expect([...rawTableNames, ...enums].filter((name) => !existing.has(name))).toEqual([])
    // The roles' table is shortened (its query aliases would be cut); it keeps the slug's start.
    expect(rawTableNames).toContain(adapter.tableNameMap.get('organisation_job_role_profiles'))
    expect(adapter.tableNameMap.get('organisation_job_role_profiles')).toMatch(/^organisation_\w+$/)
  })

  it('read roles and their versions, and save drafts, over GraphQL and REST', async () => {
    const token = await site.login()
    const { body } = await site.graphql(ROLE_QUERY, { slug: 'technical-project-manager' })
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
    const role = body.data.roleBySlug
    expect(role.skills.length).toBeGreaterThan(0)
    expect(role.qualifications.flatMap((row: { fieldsOfStudy: unknown[] }) => row.fieldsOfStudy).length).toBeGreaterThan(0)
    const found = await site.rest.get(`/${slugs.roles}?where[slug][equals]=technical-project-manager&depth=0`, { token })
    const id = found.body.docs[0].id
    const draft = await site.rest.patch(`/${slugs.roles}/${id}?draft=true`, { body: { summary: 'A draft.' }, token })
    expect(draft.status, JSON.stringify(draft.body)).toBe(200)
    const versions = await site.rest.get(`/${slugs.roles}/versions?where[parent][equals]=${id}&depth=0`, { token })
    expect(versions.status, JSON.stringify(versions.body)).toBe(200)
    expect(versions.body.docs[0].version.qualifications[0].fieldsOfStudy.length).toBeGreaterThan(0)
  })

  it.skipIf(localized)('answer roleBySlug the same on the tuned path as on the generic one', async () => {
    const settings = getCatalogConfig(site.payload.config) as { tunedReads?: boolean }
    const answers = []
    for (const tuned of [true, false]) {
      settings.tunedReads = tuned
      const { result, statements } = await recordStatements(site.databaseUrl, () =>
        site.graphql(ROLE_QUERY, { slug: 'technical-project-manager' }),
      )
      expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined()
      expect(statements.some((sql) => sql.startsWith('with target as'))).toBe(tuned)
      answers.push(result.body.data)
    }
    settings.tunedReads = true
    expect(answers[0]).toEqual(answers[1])
  })
})

describe('the slug option', () => {
  it('refuses a slug over 30 characters, naming the option and the limit', () => {
    expect(() => resolveOptions({ overrides: { roles: { slug: 'organisation-job-role-profiles-x' } } })).toThrow(
      /`overrides\.roles\.slug`: must be at most 30 characters/,
    )
    expect(resolveOptions({ overrides: { roles: { slug: slugs.roles } } }).slugs.roles).toBe(slugs.roles)
  })

  it('names nothing itself for the default slugs and job-roles, so those schemas stay as they were', () => {
    const named: string[] = []
    const walk = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(walk)
      if (!value || typeof value !== 'object') return
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'dbName' || key === 'enumName') && typeof inner === 'string') named.push(inner)
        else if (key === 'fields' || key === 'tabs' || Array.isArray(inner)) walk(inner)
      }
    }
    for (const roles of ['roles', 'job-roles']) {
      const options = resolveOptions({ overrides: { roles: { slug: roles } } })
      for (const collection of [rolesCollection, responsibilitiesCollection, certificationsCollection, skillsCollection]) {
        const config = collection(options)
        walk(config.fields)
        if (config.dbName) named.push(String(config.dbName))
      }
    }
    // job-roles: only the versions' fields-of-study table, whose index names passed 63 characters.
    expect(named).toEqual(['job_roles_qualifications_fields_of_study'])
  })
})
