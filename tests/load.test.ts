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
  query: `{ roleBySlug(slug: "technical-project-manager") { title summary skills { requirement skill { name } } certifications { requirement certification { name } } } }`,
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
    const pool = (site.payload.db as unknown as { pool: { totalCount: number; waitingCount: number } }).pool

    // warm up, then measure the heap the server settles at
    await autocannon({ body: ROLE_QUERY, connections: 10, duration: 2, headers: { 'content-type': 'application/json' }, method: 'POST', url: `${served.url}/api/graphql` })
    const heapBefore = heapAfterGc()

    // Open loop: a write every 100 ms whatever the reads are doing (an editor does not wait for
    // readers), each creating its own skill so every one can be found afterwards.
    const writes: Promise<{ name: string; status: number }>[] = []
    const started = Date.now()
    const write = () => {
      const name = `Load skill ${writes.length + 1}`
      writes.push(
        fetch(`${served.url}/api/skills`, {
          body: JSON.stringify({ _status: 'published', kind: 'soft', name }),
          headers: { Authorization: `JWT ${token}`, 'content-type': 'application/json' },
          method: 'POST',
        }).then(async (response) => {
          await response.arrayBuffer()
          return { name, status: response.status }
        }),
      )
    }
    // A busy event loop delays timers: each tick also sends the writes it fell behind on.
    const writer = setInterval(() => {
      while (writes.length < Math.floor((Date.now() - started) / 100)) write()
    }, 100)

    const result = await autocannon({
      body: ROLE_QUERY,
      connections: 50,
      duration: DURATION_SECONDS,
      // What this test asserts is that every request is answered, not how fast (tests never assert
      // wall-clock times): autocannon's default 10 s timeout turned a busy 2-core machine's slow
      // answers into "timeouts". A request that hangs for good still fails at this bound.
      timeout: 120,
      headers: { 'content-type': 'application/json' },
      method: 'POST',
      url: `${served.url}/api/graphql`,
    })
    clearInterval(writer)
    const written = await Promise.all(writes)

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
      writeFailures: written.filter((write) => write.status !== 201).length,
      writes: written.length,
      writesPerSecond: +(written.length / DURATION_SECONDS).toFixed(1),
    }
    console.log(`[load] ${JSON.stringify(figures)}`)

    expect(result.errors + result.timeouts + result.non2xx).toBe(0)
    expect(written.filter((write) => write.status !== 201)).toEqual([])
    expect(written.length).toBeGreaterThanOrEqual(DURATION_SECONDS * 10)
    expect(pool.waitingCount).toBe(0)
    expect(heapAfter / heapBefore).toBeLessThanOrEqual(1.2)

    const stored = await site.query<{ name: string }>(`select name from skills where name like 'Load skill %'`)
    expect(stored.map((row) => row.name).sort()).toEqual(written.map((write) => write.name).sort())
  }, 120_000)
})
