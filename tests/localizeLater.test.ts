/**
 * A site installs the catalogue without localization, migrates and seeds, then turns localization
 * on. Payload's generated migration would drop every title, name and description; docs/site-owners.md's
 * recipe (keepTextWhenLocalizing before the generated SQL, restore() after) keeps all of it, as the
 * default locale's text. Run here exactly as a site owner would: `payload migrate:create` (its
 * create-or-rename questions answered "create", the default), the recipe's edits, `payload migrate`.
 */
import { execFile, spawn } from 'node:child_process'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { applyKeepTextRecipe } from '../scripts/keepTextRecipe.js'
import { testDatabaseName } from './helpers/databaseName.js'
import { scratchFolder } from './helpers/scratch.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

type Step = { code: number; output: string }

const childEnv = (env: Record<string, string>) =>
  ({
    ...Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'LOCALIZED'),
    ),
    ...env,
  }) as NodeJS.ProcessEnv

const run = (command: string, args: string[], env: Record<string, string>) =>
  new Promise<Step>((resolve) => {
    execFile(command, args, { cwd: root, env: childEnv(env), maxBuffer: 32 * 1024 * 1024, timeout: 180_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    )
  })

/** Runs a command that asks questions, answering each with Enter (the default) until it exits. */
const answeringDefaults = (command: string, args: string[], env: Record<string, string>) =>
  new Promise<Step>((resolve) => {
    const child = spawn(command, args, { cwd: root, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const enter = setInterval(() => child.stdin.write('\r'), 100)
    const timeout = setTimeout(() => child.kill('SIGKILL'), 180_000)
    child.on('exit', (code) => {
      clearInterval(enter)
      clearTimeout(timeout)
      resolve({ code: code ?? 1, output })
    })
    child.stdin.on('error', () => {})
  })

const tail = (text: string) => text.split('\n').slice(-40).join('\n')

type Rows = Record<string, Record<string, unknown>[]>

describe('turning localization on after installing', () => {
  let serverUrl: string
  let database: string
  let client: pg.Client
  let migrationDir: string
  let env: Record<string, string>
  let before: Rows
  /** Per parent table, the columns the localization migration moved into `<table>_locales`. */
  const movedColumns: Record<string, string[]> = {}

  beforeAll(async () => {
    serverUrl = inject('databaseUrl')
    database = testDatabaseName(serverUrl, 'localize_later')
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${database}"`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${database}`
    client = new pg.Client({ connectionString: url.toString() })
    client.on('error', () => {})
    await client.connect()
    // Inside the repository (.tmp/ is ignored) so the migrations resolve its packages.
    migrationDir = path.join(await scratchFolder('localize-later-'), 'migrations')
    env = {
      DATABASE_URL: url.toString(),
      PAYLOAD_CONFIG_PATH: 'tests/fixtures/localize-later/payload.config.ts',
      ROLE_CATALOG_MIGRATION_DIR: migrationDir,
    }
  }, 60_000)

  afterAll(async () => {
    await client?.end()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await admin.end()
    if (migrationDir) await rm(path.dirname(migrationDir), { force: true, recursive: true })
  })

  const tables = async () =>
    (
      await client.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
      )
    ).rows.map((row) => row.table_name)

  it('installs, migrates and seeds without localization', async () => {
    for (const [name, step] of [
      ['migrate:create', () => run('node_modules/.bin/payload', ['migrate:create', 'initial'], env)],
      ['migrate', () => run('node_modules/.bin/payload', ['migrate'], env)],
      ['seed', () => run('node_modules/.bin/tsx', ['tests/fixtures/localize-later/seed.ts'], { ...env, NODE_ENV: 'production' })],
    ] as const) {
      const result = await step()
      expect(result.code, `${name}:\n${tail(result.output)}`).toBe(0)
    }
    before = {}
    for (const table of await tables()) before[table] = (await client.query(`select * from "${table}"`)).rows
    expect(before.roles!.map((row) => row.title).sort()).toEqual(['Project Manager', 'Technical Project Manager'])
    // Three versions of roles: two published, one later draft of the PM.
    expect(before._roles_v).toHaveLength(3)
  }, 240_000)

  it('keeps every title, name and description through the generated migration plus the recipe', async () => {
    const localized = { ...env, LOCALIZED: 'true' }
    const create = await answeringDefaults('node_modules/.bin/payload', ['migrate:create', 'localize'], localized)
    expect(create.code, tail(create.output)).toBe(0)
    const file = (await readdir(migrationDir)).find((name) => name.endsWith('_localize.ts'))!
    const generated = await readFile(path.join(migrationDir, file), 'utf8')
    // What the recipe is for: Payload's own migration drops the text.
    expect(generated).toContain('CREATE TABLE "roles_locales"')
    expect(generated).toContain('ALTER TABLE "roles" DROP COLUMN "title";')
    expect(generated).toMatch(/DROP TABLE "roles_locales" CASCADE/)
    const edited = applyKeepTextRecipe(generated)
    expect(edited.match(/keepTextWhenLocalizing\(/g)).toHaveLength(2)
    await writeFile(path.join(migrationDir, file), edited)

    const migrate = await run('node_modules/.bin/payload', ['migrate'], localized)
    expect(migrate.code, tail(migrate.output)).toBe(0)

    const after = await tables()
    const localesTables = after.filter((table) => table.endsWith('_locales'))
    expect(localesTables).toEqual(expect.arrayContaining(['roles_locales', 'skills_locales', '_roles_v_locales']))
    expect(after.filter((table) => table.startsWith('_keep_text'))).toEqual([])

    let moved = 0
    for (const locales of localesTables) {
      const parent = locales.slice(0, -'_locales'.length)
      const rows = (await client.query(`select * from "${locales}"`)).rows
      expect(new Set(rows.map((row) => row._locale))).toEqual(rows.length ? new Set(['en']) : new Set())
      const columns = (
        await client.query(`select column_name from information_schema.columns where table_name = $1`, [locales])
      ).rows
        .map((row) => row.column_name as string)
        .filter((column) => !['_locale', '_parent_id', 'id'].includes(column))
      movedColumns[parent] = columns
      for (const old of before[parent] ?? []) {
        const now = rows.find((row) => String(row._parent_id) === String(old.id))
        for (const column of columns) {
          if (old[column] === null || old[column] === undefined) continue
          expect(now?.[column], `${locales}.${column} of ${parent} ${old.id}`).toBe(old[column])
          moved++
        }
      }
      // The columns are gone from the parent table: the text lives only in the locales table now.
      const parentColumns = (
        await client.query(`select column_name from information_schema.columns where table_name = $1`, [parent])
      ).rows.map((row) => row.column_name)
      for (const column of columns) expect(parentColumns).not.toContain(column)
    }
    const roles = (await client.query(`select title, summary from roles_locales order by title`)).rows
    expect(roles.map((row) => row.title)).toEqual(['Project Manager', 'Technical Project Manager'])
    const drafts = (await client.query(`select version_summary from _roles_v_locales`)).rows
    expect(drafts.map((row) => row.version_summary)).toContain('A draft summary, saved after publishing.')
    const fields = (await client.query(`select count(*)::int as n from roles_qualifications_fields_of_study_locales`)).rows
    expect(fields[0].n).toBeGreaterThan(0)
    expect(moved).toBeGreaterThan(100)
  }, 300_000)

  it('leaves the schema matching the localized config', async () => {
    const files = await readdir(migrationDir)
    const step = await run('node_modules/.bin/payload', ['migrate:create', 'after', '--skip-empty'], { ...env, LOCALIZED: 'true' })
    expect(step.code, tail(step.output)).toBe(0)
    expect((await readdir(migrationDir)).filter((file) => !files.includes(file))).toEqual([])
  }, 180_000)

  it('serves the catalogue in every locale afterwards: locale arguments, tuned reads, JSON-LD', async () => {
    const step = await run('node_modules/.bin/tsx', ['tests/fixtures/localize-later/readInLocales.ts'], { ...env, LOCALIZED: 'true', NODE_ENV: 'production' })
    expect(step.code, tail(step.output)).toBe(0)
    const line = step.output.split('\n').find((each) => each.startsWith('ANSWERS '))
    expect(line, tail(step.output)).toBeDefined()
    const answers = JSON.parse(line!.slice('ANSWERS '.length))
    // The tuned path answers the localized site (one statement), and exactly what the generic path answers.
    for (const name of ['compare', 'de', 'en', 'jsonld']) {
      expect(answers.tuned[name].tuned, name).toBe(true)
      expect(answers.generic[name].tuned, name).toBe(false)
      expect(answers.tuned[name].result, name).toEqual(answers.generic[name].result)
    }
    const de = answers.tuned.de.result.data.roleBySlug
    const en = answers.tuned.en.result.data.roleBySlug
    expect(answers.tuned.de.result.errors).toBeUndefined()
    expect(de.title).toBe('Technischer Projektmanager')
    expect(en.title).toBe('Technical Project Manager')
    // The text kept by the recipe (English) is what German falls back to.
    expect(de.summary).toBe(en.summary)
    expect(de.summary).toBe(before.roles!.find((row) => row.slug === 'technical-project-manager')!.summary)
    expect(de.skills.map((link: { skill: { name: string } }) => link.skill.name)).toEqual(en.skills.map((link: { skill: { name: string } }) => link.skill.name))
    expect(de.buildsOn).toEqual([{ title: 'Project Manager' }])
    expect(de.jsonLd).toMatchObject({ '@context': ['https://schema.org', { '@language': 'de' }], name: 'Technischer Projektmanager' })
    expect(en.jsonLd).toMatchObject({ '@context': ['https://schema.org', { '@language': 'en' }], name: 'Technical Project Manager' })
    expect(answers.tuned.jsonld.result).toMatchObject({ body: { '@context': ['https://schema.org', { '@language': 'de' }], name: 'Technischer Projektmanager' }, language: 'de', status: 200 })
    expect(answers.tuned.compare.result.data.compareRoles.skills.shared.length).toBeGreaterThan(0)
    expect(answers.tuned.unknown.result.status).toBe(400)
    expect(answers.tuned.unknown.result.body.errors[0].message).toContain('"locale"')
    // Search finds the moved English text and the German one (the index is on the locales tables).
    expect(answers.search.en.data.searchCatalog.docs[0]).toEqual({ slug: 'technical-project-manager', title: 'Technical Project Manager' })
    expect(answers.search.de.data.searchCatalog.docs[0]).toEqual({ slug: 'technical-project-manager', title: 'Technischer Projektmanager' })
  }, 180_000)

  it("rolls back with the recipe's down: the default locale's text returns to its columns", async () => {
    const down = await run('node_modules/.bin/payload', ['migrate:down'], { ...env, LOCALIZED: 'true' })
    expect(down.code, tail(down.output)).toBe(0)
    const remaining = await tables()
    expect(remaining.filter((table) => table.endsWith('_locales') || table.startsWith('_keep_text'))).toEqual([])
    let restored = 0
    for (const [parent, columns] of Object.entries(movedColumns)) {
      const rows = (await client.query(`select * from "${parent}"`)).rows
      for (const old of before[parent] ?? []) {
        const now = rows.find((row) => String(row.id) === String(old.id))
        for (const column of columns) {
          if (old[column] === null || old[column] === undefined) continue
          expect(now?.[column], `${parent}.${column} of ${old.id}`).toBe(old[column])
          restored++
        }
      }
    }
    expect(restored).toBeGreaterThan(100)
  }, 180_000)
})
