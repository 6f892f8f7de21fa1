/**
 * The cross-instance transport (src/changes/transport.ts) on its own, between two Payload instances
 * on one real database: a change published on one arrives on the other (not back on itself), a
 * draft-only change is not sent, a change too big for NOTIFY turns into a resync, and when the
 * notification connection is killed (pg_terminate_backend) the instance resyncs, reconnects and
 * receives again. The change feed is a recording stand-in here; tests/instances.test.ts runs the
 * real one end to end.
 */
import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { type ChangeFeedPort, type ChangeTransport, startChangeTransport } from '../src/changes/transport.js'
import { startSite, type TestSite } from './helpers/setup.js'

type Change = { collection: string; draftOnly: boolean; origin: string; roleSlugs: string[]; sequence: number }

/** A stand-in feed: `publish` plays a committed local change; what the transport delivers is recorded. */
const recordingFeed = () => {
  const listeners = new Set<(change: Change, source: 'local' | 'remote') => void>()
  const received: Change[] = []
  const resyncs: string[] = []
  const port: ChangeFeedPort<Change> = {
    onCatalogChange: (_payload, listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    receiveRemoteChange: (_payload, change) => void received.push(change),
    resyncCatalog: (_payload, reason) => void resyncs.push(reason),
  }
  return { port, publish: (change: Change) => listeners.forEach((listener) => listener(change, 'local')), received, resyncs }
}

const options = { channel: 'role_catalog_test', heartbeatIntervalMs: 100, maxReconnectDelayMs: 200, maxStalenessMs: 1000 }

describe('change transport between instances', () => {
  let site: TestSite
  let other: Payload
  let feedA: ReturnType<typeof recordingFeed>
  let feedB: ReturnType<typeof recordingFeed>
  let transportA: ChangeTransport
  let transportB: ChangeTransport

  beforeAll(async () => {
    site = await startSite({ name: 'transport', plugin: { instanceSync: false } })
    other = await site.anotherInstance()
    feedA = recordingFeed()
    feedB = recordingFeed()
    transportA = startChangeTransport(site.payload, feedA.port, options)!
    transportB = startChangeTransport(other, feedB.port, options)!
    await vi.waitFor(() => expect(transportA.connected && transportB.connected).toBe(true))
  })
  afterAll(async () => {
    await transportA?.stop()
    await transportB?.stop()
    await site?.stop()
  })

  it('listens on a connection of its own, outside the pool, and proves it hears', async () => {
    await vi.waitFor(() => expect(transportA.hearing.serve && transportB.hearing.serve).toBe(true))
    // Per instance: the listening connection, and the one its heartbeats are sent from.
    const rows = await site.query<{ pid: number }>(
      `select pid from pg_stat_activity where application_name = 'role-catalog-changes' and datname = current_database()`,
    )
    expect(rows).toHaveLength(4)
    expect(rows.map((row) => row.pid)).toEqual(expect.arrayContaining([transportA.backendPid, transportB.backendPid]))
  })

  it('carries a committed change to the other instance, and not back to its origin', async () => {
    const change = { collection: 'roles', draftOnly: false, origin: 'instance-a', roleSlugs: ['project-manager'], sequence: 1 }
    feedA.publish(change)
    await vi.waitFor(() => expect(feedB.received).toContainEqual(change))
    // Something sent after it by B arrives at A, so A has certainly processed its own by then.
    const back = { ...change, origin: 'instance-b', sequence: 1 }
    feedB.publish(back)
    await vi.waitFor(() => expect(feedA.received).toContainEqual(back))
    expect(feedA.received.filter((each) => each.origin === 'instance-a')).toEqual([])
    expect(feedB.received.filter((each) => each.origin === 'instance-b')).toEqual([])
    // Heartbeats that follow (each says through which announcement its sender has committed) find no gap.
    const heard = { a: transportA.heartbeatsHeard, b: transportB.heartbeatsHeard }
    await vi.waitFor(() => expect(transportA.heartbeatsHeard >= heard.a + 2 && transportB.heartbeatsHeard >= heard.b + 2).toBe(true))
    expect(transportA.gaps + transportB.gaps).toBe(0)
    expect(feedA.resyncs.concat(feedB.resyncs)).toEqual([])
  })

  it('does not send a draft-only change', async () => {
    feedA.publish({ collection: 'roles', draftOnly: true, origin: 'instance-a', roleSlugs: ['project-manager'], sequence: 2 })
    const marker = { collection: 'roles', draftOnly: false, origin: 'instance-a', roleSlugs: [], sequence: 3 }
    feedA.publish(marker)
    await vi.waitFor(() => expect(feedB.received).toContainEqual(marker))
    expect(feedB.received.map((each) => each.sequence)).not.toContain(2)
  })

  it('turns a change too large for NOTIFY into a resync on the other instance', async () => {
    const before = feedB.resyncs.length
    const roleSlugs = Array.from({ length: 2000 }, (_, index) => `role-${index}`)
    feedA.publish({ collection: 'skills', draftOnly: false, origin: 'instance-a', roleSlugs, sequence: 4 })
    await vi.waitFor(() => expect(feedB.resyncs.length).toBeGreaterThan(before))
    expect(feedB.resyncs.at(-1)).toMatch(/too large/)
    expect(feedB.received.map((each) => each.sequence)).not.toContain(4)
  })

  it('after its notification connection is killed, resyncs, reconnects and receives again', async () => {
    const killed = transportB.backendPid!
    const resyncsBefore = feedB.resyncs.length
    await site.query('select pg_terminate_backend($1)', [killed])
    await vi.waitFor(() => expect(transportB.reconnects).toBe(1), { timeout: 10_000 })
    expect(transportB.connected).toBe(true)
    expect(transportB.backendPid).not.toBe(killed)
    const reasons = feedB.resyncs.slice(resyncsBefore)
    expect(reasons).toContain('the notification connection dropped')
    expect(reasons).toContain('the notification connection was re-established')

    const after = { collection: 'roles', draftOnly: false, origin: 'instance-a', roleSlugs: ['project-manager'], sequence: 5 }
    feedA.publish(after)
    await vi.waitFor(() => expect(feedB.received).toContainEqual(after))
  })

  it('stops with payload.destroy(): no connection left behind', async () => {
    const third = await site.anotherInstance()
    const feed = recordingFeed()
    const transport = startChangeTransport(third, feed.port, options)!
    await vi.waitFor(() => expect(transport.connected).toBe(true))
    const pid = transport.backendPid
    await third.destroy()
    expect(transport.connected).toBe(false)
    await vi.waitFor(async () =>
      expect(await site.query('select 1 from pg_stat_activity where pid = $1', [pid])).toEqual([]),
    )
  })
})
