/**
 * Invalidation that knows when it is deaf (issue 20, part 2): an instance serves cached answers only
 * while it can prove it hears the other instances' changes (its own heartbeat, NOTIFYed through
 * PostgreSQL, comes back within `instanceSync.maxStalenessMs`), and a change and its announcement
 * commit or fail together. Each failure is made real, between two instances over HTTP:
 * - B's notification connection frozen (a proxy that stops forwarding: a hung, half-open socket);
 * - B's notification connection answering queries but hearing nothing (a proxy that swallows
 *   notifications; and a real PgBouncer in transaction mode when the machine has it);
 * - the writer's change announcements lost on the way to B, its heartbeats not (a gap);
 * - the writer's in-transaction NOTIFY failing (its connection cut as it is sent).
 * What is asserted is what readers get: once B has said it cannot prove hearing (or found a gap),
 * no read of B returns the content a write replaced; B's reads that were answered from its cache
 * before then are within its promise. Whether an instance answers from its cache is seen from
 * outside: a change made behind Payload's back (never announced) shows only on uncached reads.
 *
 * A runs in this process (served over HTTP), B and the others in processes of their own.
 */
import { REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { changeTransportOf } from '../src/changes/transport.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../src/exports/routes.js'
import { resolveOptions } from '../src/plugin/options.js'
import { serveSite, type ServedSite } from './helpers/httpServer.js'
import { type Instance, type InstanceState, startInstance } from './helpers/instance.js'
import { type PgBouncer, pgbouncerBinary, startPgBouncer } from './helpers/pgbouncer.js'
import { type PgProxy, startPgProxy } from './helpers/pgProxy.js'
import { startSite, type TestSite } from './helpers/setup.js'

const PM = 'project-manager'
const TPM = 'technical-project-manager'
const ROLE = /* GraphQL */ `query ($slug: String!) { roleBySlug(slug: $slug) { slug summary } }`
const WAIT = { interval: 50, timeout: 20_000 }

describe('an instance that cannot prove it hears serves no cached answers', () => {
  let site: TestSite
  let a: ServedSite
  let b: Instance
  let proxy: PgProxy
  let token: string
  const ids: Record<string, number | string> = {}

  beforeAll(async () => {
    site = await startSite({ name: 'hearing', plugin: { responseCache: true, seed: true } })
    a = await serveSite(site, {
      graphql: catalogGraphQLRoute(site.config),
      restGet: withCatalogRestCache(REST_GET(site.config), site.config),
    })
    proxy = await startPgProxy(site.databaseUrl)
    // B listens through the proxy; its pool (its writes, its heartbeats) goes straight to PostgreSQL.
    b = await startInstance({ databaseUrl: site.databaseUrl, plugin: { instanceSync: { connectionString: proxy.url } } })
    token = await site.login()
    for (const slug of [PM, TPM]) ids[slug] = (await site.payload.find({ collection: 'roles', where: { slug: { equals: slug } } })).docs[0]!.id
  })
  afterAll(async () => {
    await b?.stop()
    await proxy?.close()
    await a?.close()
    await site?.stop()
  })

  const summaryOn = async (url: string, slug: string): Promise<string> => {
    const response = await fetch(`${url}/api/graphql`, {
      body: JSON.stringify({ query: ROLE, variables: { slug } }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const body = (await response.json()) as { data: { roleBySlug: { summary: string } } }
    return body.data.roleBySlug.summary
  }
  const publish = async (url: string, slug: string, summary: string) => {
    const response = await fetch(`${url}/api/roles/${ids[slug]}`, {
      body: JSON.stringify({ _status: 'published', summary }),
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      method: 'PATCH',
    })
    return response.status
  }
  const stored = async (slug: string) => (await site.query<{ summary: string }>('select summary from roles where slug = $1', [slug]))[0]!.summary

  /** Does the instance answer from its cache? A change behind Payload's back shows only on uncached reads. */
  const servesFromCache = async (url: string): Promise<boolean> => {
    const current = await stored(PM)
    await summaryOn(url, PM)
    await summaryOn(url, PM)
    await site.query('update roles set summary = $1 where slug = $2', [`${current} (behind Payload's back)`, PM])
    try {
      return (await summaryOn(url, PM)) === current
    } finally {
      await site.query('update roles set summary = $1 where slug = $2', [current, PM])
    }
  }

  /**
   * Reads `slug` on B, then B's state, until `done(state)`. Returns the reads, each with the state
   * read just before it: a read made after B declared the condition must show `fresh`.
   */
  const readsUntil = async (slug: string, done: (state: InstanceState) => boolean) => {
    const reads: { before: InstanceState; summary: string }[] = []
    let state = await b.state()
    await vi.waitFor(async () => {
      const summary = await summaryOn(b.url, slug)
      reads.push({ before: state, summary })
      state = await b.state()
      expect(done(state)).toBe(true)
    }, WAIT)
    // One more read after the condition held.
    reads.push({ before: state, summary: await summaryOn(b.url, slug) })
    return reads
  }

  it('hears: B proves it by its heartbeat and answers from its cache', async () => {
    await vi.waitFor(async () => expect((await b.state()).transport?.hearing.serve).toBe(true), WAIT)
    expect(await servesFromCache(b.url)).toBe(true)
    expect(await servesFromCache(a.url)).toBe(true)
    // A change arrives; the heartbeats that follow it find no gap: no resync, nothing dropped needlessly.
    const before = await b.state()
    const text = `Published on A: ${Date.now()}`
    expect(await publish(a.url, TPM, text)).toBe(200)
    await vi.waitFor(async () => expect(await summaryOn(b.url, TPM)).toBe(text), WAIT)
    await vi.waitFor(async () => expect((await b.state()).transport!.heartbeatsHeard).toBeGreaterThanOrEqual(before.transport!.heartbeatsHeard + 3), WAIT)
    const after = await b.state()
    expect(after.transport?.gaps).toBe(before.transport?.gaps)
    expect(after.resyncs).toBe(before.resyncs)
  })

  it('a frozen notification connection: B stops answering from its cache, sees the write, and serves cached answers again once it hears', async () => {
    const old = await summaryOn(b.url, PM)
    expect(await summaryOn(b.url, PM)).toBe(old) // cached on B
    proxy.set({ kind: 'freeze' })
    const text = `Written while B's connection hung: ${Date.now()}`
    expect(await publish(a.url, PM, text)).toBe(200)
    const reads = await readsUntil(PM, (state) => state.transport?.hearing.serve === false)
    for (const read of reads) if (read.before.transport?.hearing.serve === false) expect(read.summary).toBe(text)
    expect(reads.at(-1)!.summary).toBe(text)
    expect(await servesFromCache(b.url)).toBe(false)

    // B's own writes are announced inside their transaction, not behind its hung connection.
    const fromB = `Written on B while its connection hung: ${Date.now()}`
    expect(await publish(b.url, TPM, fromB)).toBe(200)
    await vi.waitFor(async () => expect(await summaryOn(a.url, TPM)).toBe(fromB), WAIT)

    // Thawed: either the held notifications arrive in order on the old connection, or its ping timed
    // out and a new one resynced; B hears again either way and shows the write.
    proxy.set({ kind: 'none' })
    await vi.waitFor(async () => expect((await b.state()).transport?.hearing.serve).toBe(true), WAIT)
    expect(await summaryOn(b.url, PM)).toBe(text)
    expect(await servesFromCache(b.url)).toBe(true)
  })

  it('a connection that answers but hears nothing (notifications swallowed, as behind a transaction-mode pooler): no cached answers', async () => {
    expect(await summaryOn(b.url, PM)).toBe(await stored(PM))
    proxy.set({ kind: 'dropNotifications', matching: () => true })
    const text = `Written while B was deaf: ${Date.now()}`
    expect(await publish(a.url, PM, text)).toBe(200)
    const reads = await readsUntil(PM, (state) => state.transport?.hearing.serve === false)
    for (const read of reads) if (read.before.transport?.hearing.serve === false) expect(read.summary).toBe(text)
    expect(await servesFromCache(b.url)).toBe(false)
    const state = await b.state()
    expect(state.transport?.hearing.reason).toMatch(/heartbeat|reconnecting|not listening/)

    proxy.set({ kind: 'none' })
    await vi.waitFor(async () => expect((await b.state()).transport?.hearing.serve).toBe(true), WAIT)
    expect(await summaryOn(b.url, PM)).toBe(text)
    expect(await servesFromCache(b.url)).toBe(true)
  })

  it("lost change announcements: the writer's next heartbeat shows B the gap, and B drops its cache", async () => {
    const old = await summaryOn(b.url, PM)
    expect(await summaryOn(b.url, PM)).toBe(old)
    const before = await b.state()
    expect(before.transport?.hearing.serve).toBe(true)
    // Changes are lost on the way to B; heartbeats still arrive, so B still proves it hears.
    proxy.set({ kind: 'dropNotifications', matching: (payload) => payload.includes('"change"') })
    const text = `Announced but lost on the way to B: ${Date.now()}`
    expect(await publish(a.url, PM, text)).toBe(200)
    const reads = await readsUntil(PM, (state) => (state.transport?.gaps ?? 0) > before.transport!.gaps)
    for (const read of reads) if (read.before.transport!.gaps > before.transport!.gaps) expect(read.summary).toBe(text)
    expect(proxy.dropped).toBeGreaterThan(0)
    expect(reads.at(-1)!.summary).toBe(text)
    proxy.set({ kind: 'none' })
    expect(await servesFromCache(b.url)).toBe(true)
  })

  it('announcements lost right after B listens again: the first word B hears from A is not taken on trust, no stale answer past the promise', async () => {
    // A's numbering is learnt from the first message B hears from it after a reconnect. Here that is
    // a heartbeat that already counts an announcement B never got.
    const promise = (resolveOptions({}).instanceSync as { maxStalenessMs: number }).maxStalenessMs
    const aOrigin = changeTransportOf(site.payload)!.origin
    let lostChanges = 0
    // Nothing of A's reaches B: neither its heartbeats nor its announcements.
    proxy.set({
      kind: 'dropNotifications',
      matching: (payload) => {
        if (!payload.includes(aOrigin)) return false
        if (payload.includes('"change"')) lostChanges++
        return true
      },
    })
    const before = await b.state()
    await site.query('select pg_terminate_backend($1)', [before.transport!.backendPid])
    await vi.waitFor(async () => {
      const state = await b.state()
      expect(state.transport!.reconnects).toBeGreaterThan(before.transport!.reconnects)
      expect(state.transport!.hearing.serve).toBe(true)
    }, WAIT)
    // B answers from its cache again (it proves it hears: its own heartbeats come back).
    expect(await servesFromCache(b.url)).toBe(true)
    const old = await summaryOn(b.url, PM)
    expect(await summaryOn(b.url, PM)).toBe(old)

    const text = `Announced right after B listened again, lost: ${Date.now()}`
    expect(await publish(a.url, PM, text)).toBe(200)
    const published = performance.now()
    await vi.waitFor(() => expect(lostChanges).toBeGreaterThan(0), WAIT)
    // A's heartbeats reach B again; the first says through the announcement B lost.
    proxy.set({ kind: 'none' })
    const reads: { at: number; summary: string }[] = []
    while (performance.now() - published < promise + 1500) {
      const at = performance.now() - published
      reads.push({ at, summary: await summaryOn(b.url, PM) })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const late = reads.filter((read) => read.at > promise)
    expect(late.length).toBeGreaterThan(0)
    for (const read of late) expect(read.summary, `a read ${Math.round(read.at)} ms after the write`).toBe(text)
    expect(await servesFromCache(b.url)).toBe(true)
  })

  it('a failed announcement fails the write: nothing is saved, every instance keeps serving what the database holds', async () => {
    // C's pool goes through a proxy that cuts the connection when a change is NOTIFYed in a transaction.
    const cutter = await startPgProxy(site.databaseUrl)
    const c = await startInstance({ databaseUrl: cutter.url, plugin: { instanceSync: { connectionString: site.databaseUrl } } })
    try {
      const old = await stored(PM)
      expect(await summaryOn(b.url, PM)).toBe(old)
      cutter.set({ kind: 'cutOnStatement', matching: (text) => text.includes('pg_notify') && text.includes('"change"') })
      const status = await publish(c.url, PM, `Never announced: ${Date.now()}`).catch((error) => {
        throw new Error(`${error}\n${c.output()}`)
      })
      expect(cutter.cut).toBe(1)
      expect(status).toBe(503)
      expect(await stored(PM)).toBe(old)
      for (const url of [a.url, b.url, c.url]) expect(await summaryOn(url, PM)).toBe(old)

      cutter.set({ kind: 'none' })
      const text = `Announced with its transaction: ${Date.now()}`
      expect(await publish(c.url, PM, text)).toBe(200)
      expect(await stored(PM)).toBe(text)
      await vi.waitFor(async () => {
        for (const url of [a.url, b.url, c.url]) expect(await summaryOn(url, PM)).toBe(text)
      }, WAIT)
    } finally {
      await c.stop()
      await cutter.close()
    }
  })

  it.skipIf(!pgbouncerBinary)('behind a real PgBouncer in transaction mode, LISTEN hears nothing: the instance never answers from its cache', async () => {
    const bouncer: PgBouncer = await startPgBouncer(site.databaseUrl)
    const d = await startInstance({ databaseUrl: site.databaseUrl, plugin: { instanceSync: { connectionString: bouncer.url(site.databaseUrl) } } })
    try {
      for (let round = 0; round < 3; round++) {
        const text = `Round ${round} behind PgBouncer: ${Date.now()}`
        expect(await publish(a.url, PM, text)).toBe(200)
        // No waiting: D answers from the database, so it shows the write at once.
        expect(await summaryOn(d.url, PM)).toBe(text)
        expect(await summaryOn(d.url, PM)).toBe(text)
        const state = await d.state()
        expect(state.transport?.hearing.serve).toBe(false)
        expect(state.transport?.hearing.reason).toMatch(/heartbeat|reconnecting|not listening/)
      }
      expect(await servesFromCache(d.url)).toBe(false)
    } finally {
      await d.stop()
      await bouncer.stop()
    }
  })
})
