/**
 * Read replicas (issue 10, part 5): with `readReplicas` on the PostgreSQL adapter, every anonymous
 * read of the plugin (tuned reads and batched joins included, which use `drizzle.execute` and so
 * would always reach the primary) goes to the replica, while editors' reads, reads inside a
 * transaction and reads right after this instance's write go to the primary. Where the statements
 * ran is read from each server's own pg_stat_statements, on a real streaming replica started by
 * tests/helpers/replica.ts.
 */
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { ROLE_PAGE_QUERY, SKILLS_WITH_ROLES_QUERY } from '../dev/app/(frontend)/_lib/queryText.js'
import { readContextFor } from '../src/read/readContext.js'
import { markChangeSeen, withinWriteWindow } from '../src/replicas/routing.js'
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
      plugin: { seed: true },
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
})
