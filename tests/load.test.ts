/**
 * Load: 50 connections for 30 s on the public role query while an editor writes 10 times a
 * second. Nothing fails, nothing leaks, every write is kept. The figures are printed, not asserted
 * against a clock.
 */
import autocannon from 'autocannon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { serveSite, type ServedSite } from './helpers/httpServer.js'
import { startSite, type TestSite } from './helpers/setup.js'

const DURATION_SECONDS = Number(process.env.LOAD_SECONDS ?? 30)
const ROLE_QUERY = JSON.stringify({
  query: `{ Roles(where: { slug: { equals: "technical-project-manager" } }) { docs { title summary skills { requirement skill { name } } certifications { certification { name } } } } }`,
})

const heapAfterGc = () => {
  globalThis.gc?.()
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

describe('load', () => {
  let site: TestSite
  let served: ServedSite
  beforeAll(async () => {
    site = await startSite({ name: 'load' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    served = await serveSite(site)
  })
  afterAll(async () => {
    await served?.close()
    await site?.stop()
  })

  it(`serves 50 connections for ${DURATION_SECONDS} s with 10 writes/s: no errors, no leak, every write kept`, async () => {
    expect(globalThis.gc, 'run with --expose-gc (vitest.config.ts execArgv)').toBeTypeOf('function')
    const token = await site.login()
    const pmId = (await site.query<{ id: number }>(`select id from roles where slug = 'project-manager'`))[0]!.id
    const pool = (site.payload.db as unknown as { pool: { totalCount: number; waitingCount: number } }).pool

    // warm up, then measure the heap the server settles at
    await autocannon({ body: ROLE_QUERY, connections: 10, duration: 2, headers: { 'content-type': 'application/json' }, method: 'POST', url: `${served.url}/api/graphql` })
    const heapBefore = heapAfterGc()
    const versionsBefore = (await site.query(`select count(*)::int as n from _roles_v where parent_id = $1`, [pmId]))[0].n

    let writes = 0
    let writeFailures = 0
    let lastSummary = ''
    let writing = true
    const writer = (async () => {
      while (writing) {
        const started = Date.now()
        const summary = `Load test write ${writes + writeFailures + 1}`
        const response = await fetch(`${served.url}/api/roles/${pmId}`, {
          body: JSON.stringify({ summary }),
          headers: { Authorization: `JWT ${token}`, 'content-type': 'application/json' },
          method: 'PATCH',
        })
        await response.arrayBuffer()
        if (response.status === 200) {
          writes++
          lastSummary = summary
        } else writeFailures++
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - started))))
      }
    })()

    const result = await autocannon({
      body: ROLE_QUERY,
      connections: 50,
      duration: DURATION_SECONDS,
      headers: { 'content-type': 'application/json' },
      method: 'POST',
      url: `${served.url}/api/graphql`,
    })
    writing = false
    await writer

    await new Promise((resolve) => setTimeout(resolve, 500))
    const heapAfter = heapAfterGc()
    const figures = {
      errors: result.errors,
      heapAfterMB: +(heapAfter / 2 ** 20).toFixed(1),
      heapBeforeMB: +(heapBefore / 2 ** 20).toFixed(1),
      heapRatio: +(heapAfter / heapBefore).toFixed(3),
      latencyP50ms: result.latency.p50,
      latencyP99ms: result.latency.p99,
      non2xx: result.non2xx,
      poolTotal: pool.totalCount,
      poolWaiting: pool.waitingCount,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      timeouts: result.timeouts,
      writeFailures,
      writes,
      writesPerSecond: +(writes / DURATION_SECONDS).toFixed(1),
    }
    console.log(`[load] ${JSON.stringify(figures)}`)

    expect(result.errors + result.timeouts + result.non2xx).toBe(0)
    expect(writeFailures).toBe(0)
    expect(writes).toBeGreaterThanOrEqual(DURATION_SECONDS * 5)
    expect(pool.waitingCount).toBe(0)
    expect(heapAfter / heapBefore).toBeLessThanOrEqual(1.2)

    const role = await site.payload.findByID({ collection: 'roles', id: pmId })
    expect(role.summary).toBe(lastSummary)
    const versionsAfter = (await site.query(`select count(*)::int as n from _roles_v where parent_id = $1`, [pmId]))[0].n
    // maxPerDoc keeps the newest 50 versions; every write made one
    expect(versionsAfter).toBe(Math.min(50, versionsBefore + writes))
  }, 120_000)
})
