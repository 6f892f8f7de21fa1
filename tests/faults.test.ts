/**
 * Database faults, on an embedded PostgreSQL of this file's own (never the shared server):
 * connections killed under load, the server stopped and started again.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { projectRoot, type RunningDatabase, startEmbeddedPostgres } from '../scripts/database.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const ROLE_QUERY = `{ Roles(where: { slug: { equals: "technical-project-manager" } }) { docs { title skills { skill { name } } } } }`
// The run's mark in the name: the end of the run finds the data folder if it is left (tests/helpers/leftovers.ts).
const name = `faults-${process.env.ROLE_CATALOG_TEST_RUN ?? 'norun'}-${process.pid}`

describe('database faults', () => {
  let server: RunningDatabase
  let site: TestSite

  const readRole = async () => {
    const { body } = await site.graphql(ROLE_QUERY)
    if (body.errors) return { status: body.errors[0].extensions?.statusCode as number, message: body.errors[0].message as string }
    return { status: 200, title: body.data!.Roles.docs[0].title as string }
  }
  const restRole = () => site.rest.get('/roles?where[slug][equals]=project-manager&depth=1')

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ database: 'postgres', name, persistent: true })
    site = await startSite({
      name: 'faults',
      pool: { connectionTimeoutMillis: 2000, max: 5 },
      serverUrl: server.url,
    })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })

  afterAll(async () => {
    await site?.stop().catch(() => {})
    await server?.stop().catch(() => {})
    rmSync(path.join(projectRoot, '.data', name), { force: true, recursive: true })
  })

  it('survives connections terminated under load: 200 or 503, never 500, then 200 again', async () => {
    const statuses: number[] = []
    let running = true
    const load = Array.from({ length: 8 }, async () => {
      while (running) statuses.push((await readRole()).status, (await restRole()).status)
    })
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setTimeout(resolve, 150))
      await site.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      ).catch(() => {})
    }
    running = false
    await Promise.all(load)

    expect(statuses.length).toBeGreaterThan(20)
    expect(new Set(statuses.filter((status) => status !== 200))).toEqual(
      new Set(statuses.filter((status) => status === 503)),
    )
    expect(await readRole()).toEqual({ status: 200, title: 'Technical Project Manager' })
    expect((await restRole()).status).toBe(200)
  })

  it('answers 503 while PostgreSQL is down and recovers when it is back', async () => {
    await server.stop()
    const during = await readRole()
    expect(during).toEqual({ message: 'The database is unavailable. Try again shortly.', status: 503 })
    const rest = await restRole()
    expect(rest.status).toBe(503)
    expect(rest.body.errors[0].message).toBe('The database is unavailable. Try again shortly.')

    await server.start!()
    expect(await readRole()).toEqual({ status: 200, title: 'Technical Project Manager' })
    expect((await restRole()).status).toBe(200)
  })

  it('fails start-up with a clear message when the database is down', () => {
    const result = spawnSync('npx', ['tsx', 'scripts/withDatabase.ts', 'node', '-e', 'process.exit(0)'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:9/catalog' },
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(
      'Cannot connect to PostgreSQL at postgres://postgres:***@127.0.0.1:9/catalog (ECONNREFUSED)',
    )
  })
})
