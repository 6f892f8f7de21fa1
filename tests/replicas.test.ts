/**
 * Read replicas (issue 10, part 5): with `readReplicas` on the PostgreSQL adapter, every anonymous
 * read of the plugin (tuned reads and batched joins included, which use `drizzle.execute` and so
 * would always reach the primary) goes to the replica, while editors' reads, reads inside a
 * transaction and reads right after this instance's write go to the primary. Where the statements
 * ran is read from each server's own pg_stat_statements, on a real streaming replica started by
 * tests/helpers/replica.ts. While the replica's replay is paused (`pg_wal_replay_pause()`), a change
 * this instance knows of (its own, or another instance's) sends reads to the primary however long
 * after the write, so no cached answer comes from a replica that has not replayed it (issue 20, part 3).
 */
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { ROLE_PAGE_QUERY, SKILLS_WITH_ROLES_QUERY } from '../dev/app/(frontend)/_lib/queryText.js'
import { catalogGraphQLRoute } from '../src/exports/routes.js'
import { readContextFor } from '../src/read/readContext.js'
import { lastAppliedChange } from '../src/changes/changeFeed.js'
import { markChangeSeen, withinWriteWindow } from '../src/replicas/routing.js'
import { withDatabaseName } from '../scripts/database.js'
import { startReplicatedCluster, type ReplicatedCluster } from './helpers/replica.js'
import { startSite, type TestSite } from './helpers/setup.js'

const PM = 'project-manager'
const TUNED = 'with target as%'
const BATCHED_JOIN = 'select x.parent, x.id from%'

describe('read replicas', () => {
  let cluster: ReplicatedCluster
  let site: TestSite
  let database: string

  beforeAll(async () => {
    cluster = await startReplicatedCluster()
    site = await startSite({
      name: 'replicas',
      // The response cache serves the plugin's route (catalogGraphQLRoute); site.graphql is Payload's own, uncached.
      plugin: { responseCache: true, seed: true },
      // Payload's default window; the tests wait for it to close by polling, not by sleeping a guessed time.
      replica: { afterWriteInterval: 2000, serverUrl: cluster.replicaUrl, waitForReplay: cluster.waitForReplay },
      serverUrl: cluster.primaryUrl,
    })
    database = new URL(site.databaseUrl).pathname.slice(1)
  })
  afterAll(async () => {
    await site?.stop()
    await cluster?.stop()
  })

  /** The seed's writes replayed on the replica and this instance's read-your-writes window closed. */
  const settle = async () => {
    await cluster.waitForReplay()
    await vi.waitFor(() => expect(withinWriteWindow(site.payload)).toBe(false), { interval: 25, timeout: 10_000 })
    await cluster.resetStatements()
  }

  it('anonymous roleBySlug (the tuned statement) and the roles joins are answered by the replica', async () => {
    await settle()
    for (let index = 0; index < 3; index++) {
      const { body } = await site.graphql(ROLE_PAGE_QUERY, { slug: PM })
      expect(body.data.roleBySlug.title).toBe('Project Manager')
    }
    const { body } = await site.graphql(SKILLS_WITH_ROLES_QUERY)
    expect(body.data.Skills.docs.find((skill: { slug: string }) => skill.slug === 'leadership').roles.docs.length).toBeGreaterThan(0)

    expect(await cluster.calls('replica', database, TUNED)).toBeGreaterThanOrEqual(3)
    expect(await cluster.calls('primary', database, TUNED)).toBe(0)
    expect(await cluster.calls('replica', database, BATCHED_JOIN)).toBeGreaterThanOrEqual(1)
    expect(await cluster.calls('primary', database, BATCHED_JOIN)).toBe(0)
  })

  it('the REST comparison and JSON-LD endpoints read the replica for anonymous callers', async () => {
    await settle()
    const compared = await site.rest.get(`/roles/compare?a=${PM}&b=technical-project-manager`)
    expect(compared.status).toBe(200)
    const jsonld = await site.rest.get(`/roles/${PM}/jsonld`)
    expect(jsonld.status).toBe(200)
    expect(await cluster.calls('replica', database, TUNED)).toBeGreaterThanOrEqual(2)
    expect(await cluster.calls('primary', database, TUNED)).toBe(0)
  })

  it("an editor's roleBySlug reads the primary", async () => {
    const token = await site.login()
    await settle()
    const { body } = await site.graphql(ROLE_PAGE_QUERY, { slug: PM }, token)
    expect(body.data.roleBySlug.title).toBe('Project Manager')
    expect(await cluster.calls('primary', database, TUNED)).toBeGreaterThanOrEqual(1)
    expect(await cluster.calls('replica', database, TUNED)).toBe(0)
  })

  it('right after a write, anonymous reads go to the primary and see it', async () => {
    await settle()
    const role = (await site.payload.find({ collection: 'roles', where: { slug: { equals: PM } } })).docs[0]!
    await site.payload.update({ collection: 'roles', data: { title: 'Project Manager (renamed)' }, id: role.id })
    expect(withinWriteWindow(site.payload)).toBe(true)
    // No waiting for the replica: the window sends this read to the primary.
    const { body } = await site.graphql(ROLE_PAGE_QUERY, { slug: PM })
    expect(body.data.roleBySlug.title).toBe('Project Manager (renamed)')
    expect(await cluster.calls('primary', database, TUNED)).toBeGreaterThanOrEqual(1)
    expect(await cluster.calls('replica', database, TUNED)).toBe(0)

    // Once the window closes (and the replica has replayed the write), reads go back to the replica.
    await settle()
    const again = await site.graphql(ROLE_PAGE_QUERY, { slug: PM })
    expect(again.body.data.roleBySlug.title).toBe('Project Manager (renamed)')
    expect(await cluster.calls('replica', database, TUNED)).toBeGreaterThanOrEqual(1)
  })

  it('after a change announced by another instance, anonymous reads go to the primary for the window', async () => {
    await settle()
    // What the transport (src/changes/transport.ts) does when a change from another instance arrives.
    markChangeSeen(site.payload)
    const { body } = await site.graphql(ROLE_PAGE_QUERY, { slug: PM })
    expect(body.data.roleBySlug.slug).toBe(PM)
    expect(await cluster.calls('primary', database, TUNED)).toBeGreaterThanOrEqual(1)
    expect(await cluster.calls('replica', database, TUNED)).toBe(0)
  })

  it('search and suggestions: anonymous ones from the replica (named statements there too), a just-written role from the primary', async () => {
    const SEARCH_STATEMENT = 'WITH typed AS%'
    const search = async (text: string, token?: string) => {
      const { body } = await site.graphql(`query ($text: String!) { searchCatalog(text: $text, limit: 3) { totalDocs docs { slug } } }`, { text }, token)
      expect(body.errors).toBeUndefined()
      return body.data.searchCatalog.docs.map((doc: { slug: string }) => doc.slug) as string[]
    }
    await settle()
    for (let index = 0; index < 8; index++) expect(await search('technical project managers')).toContain('technical-project-manager')
    expect((await site.rest.get('/roles/suggest?prefix=tech%20proj')).body.suggestions[0].slug).toBe('technical-project-manager')
    expect(await cluster.calls('replica', database, SEARCH_STATEMENT)).toBeGreaterThanOrEqual(9)
    expect(await cluster.calls('primary', database, SEARCH_STATEMENT)).toBe(0)
    // A write: found at once (the primary answers inside the window), and by the replica once it has replayed it.
    const created = await site.payload.create({ collection: 'roles', data: { _status: 'published', slug: 'replica-lamplighter', title: 'Replica Lamplighter' } })
    expect(await search('replica lamplighter')).toEqual(['replica-lamplighter'])
    expect(await cluster.calls('primary', database, SEARCH_STATEMENT)).toBeGreaterThanOrEqual(1)
    await settle()
    expect(await search('replica lamplighter')).toEqual(['replica-lamplighter'])
    expect(await cluster.calls('replica', database, SEARCH_STATEMENT)).toBeGreaterThanOrEqual(1)
    // An editor's search reads the primary.
    await cluster.resetStatements()
    expect(await search('replica lamplighter', await site.login())).toEqual(['replica-lamplighter'])
    expect(await cluster.calls('replica', database, SEARCH_STATEMENT)).toBe(0)
    await site.payload.delete({ collection: 'roles', id: created.id })
  })

  it('a read inside a transaction, or for a user, is routed to the primary', async () => {
    await settle()
    const slugs = { certifications: 'certifications', responsibilities: 'responsibilities', roles: 'roles', skills: 'skills' }
    const anonymous = await createLocalReq({}, site.payload)
    expect((await readContextFor(anonymous, { slugs })).database).toBe('replica')
    await initTransaction(anonymous)
    try {
      expect((await readContextFor(anonymous, { slugs })).database).toBe('primary')
    } finally {
      await killTransaction(anonymous)
    }
    const user = (await site.payload.find({ collection: 'users', limit: 1 })).docs[0]
    const signedIn = await createLocalReq({ user: user as never }, site.payload)
    expect((await readContextFor(signedIn, { slugs })).database).toBe('primary')
  })

  describe('with replay paused on the replica', () => {
    let replica: pg.Client
    let replicaDatabase: pg.Client
    const route = () => catalogGraphQLRoute(site.config)
    /** An anonymous roleBySlug through the plugin's cached route. */
    const cachedRead = async () => {
      const response = await route().POST(
        new Request('http://localhost/api/graphql', {
          body: JSON.stringify({ query: ROLE_PAGE_QUERY, variables: { slug: PM } }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )
      return ((await response.json()) as { data: { roleBySlug: { summary: string } } }).data.roleBySlug.summary
    }
    const tunedCalls = async () => ({
      primary: await cluster.calls('primary', database, TUNED),
      replica: await cluster.calls('replica', database, TUNED),
    })
    /** Pauses replay, runs `write` (returning the new summary), waits for the read-your-writes window to close. */
    const whilePaused = async (write: () => Promise<string>, check: (text: string) => Promise<void>) => {
      await replica.query('select pg_wal_replay_pause()')
      try {
        const text = await write()
        // Payload's window closes; the replica still has not replayed the write.
        await vi.waitFor(() => expect(withinWriteWindow(site.payload)).toBe(false), { interval: 25, timeout: 10_000 })
        // The replica really lags: it still holds the summary from before the write.
        const { rows } = await replicaDatabase.query<{ summary: string }>('select summary from roles where slug = $1', [PM])
        expect(rows[0]!.summary).not.toBe(text)
        await check(text)
      } finally {
        await replica.query('select pg_wal_replay_resume()')
      }
    }

    beforeAll(async () => {
      replica = new pg.Client({ connectionString: cluster.replicaUrl })
      replica.on('error', () => {})
      await replica.connect()
      replicaDatabase = new pg.Client({ connectionString: withDatabaseName(cluster.replicaUrl, database) })
      replicaDatabase.on('error', () => {})
      await replicaDatabase.connect()
    })
    afterAll(async () => {
      await replica?.query('select pg_wal_replay_resume()').catch(() => {})
      await replica?.end()
      await replicaDatabase?.end()
    })

    const rename = async (on: typeof site.payload, summary: string) => {
      const role = (await on.find({ collection: 'roles', where: { slug: { equals: PM } } })).docs[0]!
      await on.update({ collection: 'roles', data: { summary }, id: role.id })
      return summary
    }

    const readsThePrimaryAndCaches = async (text: string) => {
      await cluster.resetStatements()
      expect(await cachedRead()).toBe(text)
      const first = await tunedCalls()
      expect(first.replica).toBe(0)
      expect(first.primary).toBeGreaterThanOrEqual(1)
      // The primary's answer is current: cached (no statement on either server the second time).
      expect(await cachedRead()).toBe(text)
      expect(await tunedCalls()).toEqual(first)
    }

    it("after this instance's own write: reads go to the primary, and its answer is cached", async () => {
      await settle()
      expect(await cachedRead()).not.toBe('Written while replay was paused')
      await whilePaused(() => rename(site.payload, 'Written while replay was paused'), readsThePrimaryAndCaches)
      // Replayed: anonymous reads use the replica again.
      await settle()
      const { body } = await site.graphql(ROLE_PAGE_QUERY, { slug: PM })
      expect(body.data.roleBySlug.summary).toBe('Written while replay was paused')
      expect((await tunedCalls()).replica).toBeGreaterThanOrEqual(1)
    })

    it("after another instance's write: reads go to the primary, and its answer is cached", async () => {
      const other = await site.anotherInstance()
      await settle()
      expect(await cachedRead()).not.toBe('Written on another instance while replay was paused')
      await whilePaused(async () => {
        const before = lastAppliedChange(site.payload)
        const text = await rename(other, 'Written on another instance while replay was paused')
        // This instance has taken the change in (announced through PostgreSQL).
        await vi.waitFor(() => expect(lastAppliedChange(site.payload)).not.toEqual(before), { interval: 10, timeout: 10_000 })
        return text
      }, readsThePrimaryAndCaches)
    })
  })
})
