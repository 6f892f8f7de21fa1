/**
 * The demo site's shipped migrations (dev/migrations) build the schema its config describes,
 * without any schema push: a fresh database gets `payload migrate`, is seeded in production mode,
 * and then neither `payload migrate:create` nor drizzle-kit's push diff finds anything to change.
 *
 * When this fails after a change to the collections, regenerate the migration:
 *   npm run migrate:create -- <name>      (see docs/site-owners.md, "Upgrading")
 */
import type { Payload } from 'payload'

import { execFile } from 'node:child_process'
import { cp, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { adminQuery } from '../scripts/database.js'
import { testDatabaseName } from './helpers/databaseName.js'
import { scratchFolder } from './helpers/scratch.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const shippedMigrations = path.join(root, 'dev/migrations')

/**
 * Statements drizzle-kit's push proposes against any database that Payload's own migrations built,
 * every time, whatever the plugin does. Each is named with the reason it is noise.
 */
const knownPayloadNoise = (statements: string[]): ((statement: string) => boolean) => {
  // 1. PostgreSQL cuts identifiers at 63 bytes. Payload names a foreign key
  //    `<table>_<column>_<target>_id_fk`; when that is longer, the database holds the cut name and
  //    drizzle-kit, comparing it with the full one, proposes to drop and re-add the same constraint.
  const longConstraints = statements
    .map((statement) => statement.match(/ADD CONSTRAINT "([^"]{64,})" FOREIGN KEY/)?.[1])
    .filter((name): name is string => Boolean(name))
  const truncated = new Set(longConstraints.map((name) => name.slice(0, 63)))
  const isTruncatedConstraint = (statement: string) => {
    const dropped = statement.match(/DROP CONSTRAINT "([^"]+)";\s*$/)?.[1]
    if (dropped) return truncated.has(dropped)
    const added = statement.match(/ADD CONSTRAINT "([^"]{64,})" FOREIGN KEY/)?.[1]
    return Boolean(added && statements.some((other) => other.includes(`DROP CONSTRAINT "${added.slice(0, 63)}"`)))
  }
  // 2. Payload's auth collections declare `login_attempts numeric DEFAULT 0`, its jobs collection
  //    `total_tried numeric DEFAULT 0`; drizzle-kit reads the database's default back as
  //    '0'::numeric and proposes to set it again.
  const isLoginAttemptsDefault = (statement: string) =>
    /^ALTER TABLE "(users|payload_jobs)" ALTER COLUMN "(login_attempts|total_tried)" SET DEFAULT 0;$/.test(statement.trim())
  return (statement) => isTruncatedConstraint(statement) || isLoginAttemptsDefault(statement)
}

type Step = { code: number; output: string }

const run = (command: string, args: string[], env: Record<string, string>) =>
  new Promise<Step>((resolve) => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
    )
    execFile(
      command,
      args,
      { cwd: root, env: { ...inherited, ...env } as NodeJS.ProcessEnv, maxBuffer: 32 * 1024 * 1024, timeout: 180_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    )
  })

const tail = (text: string) => text.split('\n').slice(-40).join('\n')

/** A new, empty database of this file's on the test server (dropped first if a run left one). */
const emptyDatabase = async (serverUrl: string, name: string) => {
  const database = testDatabaseName(serverUrl, name)
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await adminQuery(serverUrl, `CREATE DATABASE "${database}"`)
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return { database, url: url.toString() }
}

describe('the shipped migrations', () => {
  let serverUrl: string
  let database: string
  let databaseUrl: string
  let migrationDir: string
  let env: Record<string, string>
  let payload: Payload | undefined

  beforeAll(async () => {
    serverUrl = inject('databaseUrl')
    ;({ database, url: databaseUrl } = await emptyDatabase(serverUrl, 'migrations'))
    // A copy, so a `migrate:create` that finds changes never writes into dev/migrations. It lives in
    // the repository's .tmp/ (ignored by git) so the migrations resolve @payloadcms/db-postgres.
    migrationDir = path.join(await scratchFolder('migrations-'), 'migrations')
    await cp(shippedMigrations, migrationDir, { recursive: true })
    env = {
      DATABASE_URL: databaseUrl,
      // Payload regenerates types when it starts in development; keep dev/payload-types.ts as it is.
      PAYLOAD_TS_OUTPUT_PATH: path.join(path.dirname(migrationDir), 'payload-types.ts'),
      PAYLOAD_CONFIG_PATH: 'dev/payload.config.ts',
      ROLE_CATALOG_MIGRATION_DIR: migrationDir,
    }
  }, 60_000)

  afterAll(async () => {
    await payload?.destroy()
    delete process.env.PAYLOAD_TS_OUTPUT_PATH
    if (database) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    if (migrationDir) await rm(path.dirname(migrationDir), { force: true, recursive: true })
  })

  it('exist, and `payload migrate` applies them all to an empty database', async () => {
    const files = (await readdir(shippedMigrations)).filter((file) => /^\d{8}_\d{6}_.+\.ts$/.test(file))
    expect(files.length).toBeGreaterThan(0)
    const step = await run('node_modules/.bin/payload', ['migrate'], env)
    expect(step.code, tail(step.output)).toBe(0)
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const { rows } = await client.query('select name, batch from payload_migrations order by name')
      expect(rows.map((row) => row.name)).toEqual(files.map((file) => file.replace(/\.ts$/, '')).sort())
      // No `dev` row (batch -1): nothing was pushed.
      expect(rows.every((row) => row.batch > 0)).toBe(true)
      const { rows: tables } = await client.query(
        `select table_name from information_schema.tables where table_schema = 'public' and table_name in ('roles', 'skills', '_roles_v', 'roles_skills')`,
      )
      expect(tables).toHaveLength(4)
    } finally {
      await client.end()
    }
  }, 180_000)

  it('seed the migrated database in production mode (no push at all)', async () => {
    const step = await run('node_modules/.bin/tsx', ['scripts/seed.ts'], { ...env, NODE_ENV: 'production' })
    expect(step.code, tail(step.output)).toBe(0)
    expect(step.output).toMatch(/seed done: [1-9]\d* created/)
  }, 180_000)

  it('match the config: `payload migrate:create --skip-empty` writes no migration', async () => {
    const before = (await readdir(migrationDir)).sort()
    const step = await run('node_modules/.bin/payload', ['migrate:create', 'stale_check', '--skip-empty'], env)
    expect(step.code, tail(step.output)).toBe(0)
    const created = (await readdir(migrationDir)).filter((file) => !before.includes(file))
    expect(created, 'dev/migrations is stale: run `npm run migrate:create -- <name>` and commit the files').toEqual([])
  }, 180_000)

  it("match the database: drizzle-kit's push finds nothing to change", async () => {
    const previousUrl = process.env.DATABASE_URL
    process.env.DATABASE_URL = databaseUrl
    process.env.ROLE_CATALOG_MIGRATION_DIR = migrationDir
    process.env.ROLE_CATALOG_SEED = 'false'
    process.env.PAYLOAD_TS_OUTPUT_PATH = env.PAYLOAD_TS_OUTPUT_PATH!
    // Connect without pushing: only the migrations made this schema.
    process.env.PAYLOAD_MIGRATING = 'true'
    try {
      const { getPayload } = await import('payload')
      const { default: config } = await import('../dev/payload.config.js')
      ;(globalThis as { _payload?: Map<string, unknown> })._payload?.clear()
      payload = await getPayload({ config, disableOnInit: true })
      ;(payload.db as unknown as { pool: pg.Pool }).pool.on('error', () => {})
    } finally {
      process.env.DATABASE_URL = previousUrl
      delete process.env.PAYLOAD_MIGRATING
      delete process.env.ROLE_CATALOG_MIGRATION_DIR
      delete process.env.ROLE_CATALOG_SEED
    }
    const db = payload.db as unknown as {
      drizzle: unknown
      requireDrizzleKit: () => {
        pushSchema: (
          schema: unknown,
          drizzle: unknown,
          schemaFilters?: string[],
          tablesFilter?: string[],
          extensionsFilters?: string[],
        ) => Promise<{ hasDataLoss: boolean; statementsToExecute: string[]; warnings: string[] }>
      }
      schema: unknown
      tablesFilter?: string[]
    }
    const { hasDataLoss, statementsToExecute, warnings } = await db
      .requireDrizzleKit()
      .pushSchema(db.schema, db.drizzle, undefined, db.tablesFilter, undefined)
    const isNoise = knownPayloadNoise(statementsToExecute)
    const unexpected = statementsToExecute.filter((statement) => !isNoise(statement))
    expect(unexpected).toEqual([])
    expect(warnings).toEqual([])
    expect(hasDataLoss).toBe(false)
    // The seeded content is there, read through the migrated schema.
    const roles = await payload.find({ collection: 'roles', depth: 0, overrideAccess: true })
    expect(roles.docs.map((role) => role.slug).sort()).toEqual(['project-manager', 'technical-project-manager'])
  }, 180_000)
})

describe('a demo database from before the German locale (dev/migrations/*_localize_demo)', () => {
  let serverUrl: string
  let database: string
  let client: pg.Client
  let migrationDir: string
  let env: Record<string, string>

  beforeAll(async () => {
    serverUrl = inject('databaseUrl')
    const created = await emptyDatabase(serverUrl, 'migrations_localize')
    database = created.database
    const url = created.url
    client = new pg.Client({ connectionString: url })
    client.on('error', () => {})
    await client.connect()
    migrationDir = path.join(await scratchFolder('migrations-'), 'migrations')
    env = {
      DATABASE_URL: url,
      PAYLOAD_CONFIG_PATH: 'dev/payload.config.ts',
      PAYLOAD_TS_OUTPUT_PATH: path.join(path.dirname(migrationDir), 'payload-types.ts'),
      ROLE_CATALOG_MIGRATION_DIR: migrationDir,
    }
  }, 60_000)

  afterAll(async () => {
    await client?.end()
    if (database) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    if (migrationDir) await rm(path.dirname(migrationDir), { force: true, recursive: true })
  })

  it('keeps its English titles, names and descriptions when the localization migration runs', async () => {
    const files = (await readdir(shippedMigrations)).filter((file) => /^\d{8}_\d{6}_.+\.(ts|json)$/.test(file)).sort()
    const localizing = files.filter((file) => /_localize_demo\.(ts|json)$/.test(file))
    expect(localizing).toHaveLength(2)
    const earlier = files.filter((file) => file < localizing[0]!)
    // The demo as it was before: every migration up to the localization one, then content.
    await cp(shippedMigrations, migrationDir, { filter: (source) => source === shippedMigrations || earlier.includes(path.basename(source)), recursive: true })
    const before = await run('node_modules/.bin/payload', ['migrate'], env)
    expect(before.code, tail(before.output)).toBe(0)
    await client.query(
      `insert into roles (title, slug, summary, focus, _status) values ('Release Manager', 'release-manager', 'Ships software.', 'Releases.', 'published')`,
    )
    await client.query(`insert into skills (name, slug, description, _status) values ('Risk management', 'risk-management', 'Seeing trouble early.', 'published')`)
    await client.query(
      `insert into _roles_v (parent_id, version_title, version_slug, version__status, latest) select id, 'Release Manager (draft)', slug, 'draft', true from roles`,
    )

    for (const file of localizing) await cp(path.join(shippedMigrations, file), path.join(migrationDir, file))
    const after = await run('node_modules/.bin/payload', ['migrate'], env)
    expect(after.code, tail(after.output)).toBe(0)

    const { rows: columns } = await client.query(
      `select column_name from information_schema.columns where table_schema = 'public' and table_name = 'roles' and column_name = 'title'`,
    )
    expect(columns).toEqual([])
    const { rows: roles } = await client.query(`select _locale, title, summary, focus from roles_locales`)
    expect(roles).toEqual([{ _locale: 'en', focus: 'Releases.', summary: 'Ships software.', title: 'Release Manager' }])
    const { rows: skills } = await client.query(`select _locale, name, description from skills_locales`)
    expect(skills).toEqual([{ _locale: 'en', description: 'Seeing trouble early.', name: 'Risk management' }])
    const { rows: versions } = await client.query(`select _locale, version_title from _roles_v_locales`)
    expect(versions).toEqual([{ _locale: 'en', version_title: 'Release Manager (draft)' }])
  }, 240_000)
})
