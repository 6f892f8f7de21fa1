import type { Payload, PayloadRequest } from 'payload'

import { randomUUID } from 'node:crypto'

import type { CatalogChange, UnstampedChange } from './catalogChange.js'

import { onTransactionEnd, type TransactionSql } from './afterCommit.js'

type ChangeListener = (change: CatalogChange, source: 'local' | 'remote') => void
type ResyncListener = (reason: string) => void

/**
 * Announces changes inside the transaction that makes them (the cross-instance transport's
 * in-transaction NOTIFY): PostgreSQL delivers a NOTIFY at COMMIT, and only then, so the change and
 * its announcement commit or fail together.
 */
export type CommitAnnouncer = {
  /** Inside the writing transaction, right before COMMIT. Throwing rolls the write back. */
  announce: (changes: CatalogChange[], sql: TransactionSql) => Promise<void>
  /** After the transaction ended: committed, or rolled back after `announce` ran. */
  settled: (changes: CatalogChange[], committed: boolean) => void
}

type Feed = {
  announcers: Set<CommitAnnouncer>
  changeListeners: Set<ChangeListener>
  last: undefined | { origin: string; sequence: number }
  /** Random per process and Payload instance: tells a transport's echo of our own change from others'. */
  origin: string
  resyncListeners: Set<ResyncListener>
  sequence: number
}

// One feed per Payload instance (a test process may run several sites; each has its own caches).
const feeds = new WeakMap<Payload, Feed>()

const feedOf = (payload: Payload): Feed => {
  let feed = feeds.get(payload)
  if (!feed) {
    feed = { announcers: new Set(), changeListeners: new Set(), last: undefined, origin: randomUUID(), resyncListeners: new Set(), sequence: 0 }
    feeds.set(payload, feed)
  }
  return feed
}

// A listener that throws must neither stop the others nor fail the editor's save, which has
// already committed: it is logged.
const callEach = <A extends unknown[]>(payload: Payload, listeners: Set<(...args: A) => void>, ...args: A) => {
  for (const listener of [...listeners]) {
    try {
      listener(...args)
    } catch (error) {
      payload.logger.error({ err: error, msg: 'role catalog: a change listener failed' })
    }
  }
}

/** This instance's origin id, as stamped on its own changes. */
export const catalogOrigin = (payload: Payload): string => feedOf(payload).origin

/**
 * Subscribe to changes of this Payload instance's catalogue, after their transaction committed
 * (local) or as received from another instance (remote). Returns an unsubscribe function.
 * Draft saves are delivered too, with `draftOnly: true`: listeners that serve anonymous readers
 * skip them.
 */
export const onCatalogChange = (payload: Payload, listener: ChangeListener): (() => void) => {
  const { changeListeners } = feedOf(payload)
  changeListeners.add(listener)
  return () => void changeListeners.delete(listener)
}

/**
 * Publishes a change this instance made, once its transaction committed (see ./afterCommit.ts):
 * stamps origin and the next sequence number and calls every listener synchronously, so caches
 * are cleared before the writer's response returns.
 */
export const publishLocalChange = (payload: Payload, change: UnstampedChange): CatalogChange => {
  const stamped = stampLocalChange(payload, change)
  deliverLocalChange(payload, stamped)
  return stamped
}

/** Gives a change of this instance its origin and next sequence number (not yet delivered). */
export const stampLocalChange = (payload: Payload, change: UnstampedChange): CatalogChange => {
  const feed = feedOf(payload)
  return { ...change, origin: feed.origin, sequence: ++feed.sequence }
}

/** Calls every listener with a stamped change of this instance that committed. */
export const deliverLocalChange = (payload: Payload, stamped: CatalogChange): void => {
  const feed = feedOf(payload)
  feed.last = { origin: stamped.origin, sequence: stamped.sequence }
  callEach(payload, feed.changeListeners, stamped, 'local')
}

/** Registers an announcer of changes inside their transaction (src/changes/transport.ts). */
export const onCommitAnnounce = (payload: Payload, announcer: CommitAnnouncer): (() => void) => {
  const { announcers } = feedOf(payload)
  announcers.add(announcer)
  return () => void announcers.delete(announcer)
}

/** Runs the announcers inside the transaction about to commit; a failure propagates (rolls back). */
export const announceInTransaction = async (payload: Payload, changes: CatalogChange[], sql: TransactionSql): Promise<void> => {
  for (const announcer of [...feedOf(payload).announcers]) await announcer.announce(changes, sql)
}

export const settleAnnounced = (payload: Payload, changes: CatalogChange[], committed: boolean): void => {
  for (const announcer of [...feedOf(payload).announcers]) announcer.settled(changes, committed)
}

/**
 * Publishes a change the request's write made: stamped and announced inside its transaction right
 * before COMMIT (see CommitAnnouncer), delivered to this instance's listeners after the COMMIT,
 * dropped on rollback. Without a transaction (the write committed on its own) it is published now,
 * and the transport announces it after the fact.
 */
export const publishOnCommit = async (req: PayloadRequest, change: UnstampedChange): Promise<void> => {
  const { payload } = req
  let stamped: CatalogChange | undefined
  let announced = false
  await onTransactionEnd(req, {
    beforeCommit: async (sql) => {
      stamped ??= stampLocalChange(payload, change)
      announced = true
      await announceInTransaction(payload, [stamped], sql)
    },
    afterCommit: () => {
      stamped ??= stampLocalChange(payload, change)
      deliverLocalChange(payload, stamped)
      if (announced) settleAnnounced(payload, [stamped], true)
    },
    afterRollback: () => {
      if (stamped && announced) settleAnnounced(payload, [stamped], false)
    },
  })
}

/**
 * What the cross-instance transport calls for a change received from another instance. A change
 * of this instance's own origin (a transport's echo) was applied when it was made and is ignored.
 */
export const receiveRemoteChange = (payload: Payload, change: CatalogChange): void => {
  const feed = feedOf(payload)
  if (change.origin === feed.origin) return
  feed.last = { origin: change.origin, sequence: change.sequence }
  callEach(payload, feed.changeListeners, change, 'remote')
}

/**
 * What the transport calls when it may have missed changes (notification connection dropped and
 * reconnected): every cache of this instance must drop everything.
 */
export const resyncCatalog = (payload: Payload, reason: string): void => {
  callEach(payload, feedOf(payload).resyncListeners, reason)
}

export const onCatalogResync = (payload: Payload, listener: ResyncListener): (() => void) => {
  const { resyncListeners } = feedOf(payload)
  resyncListeners.add(listener)
  return () => void resyncListeners.delete(listener)
}

/**
 * The last change this instance applied (local or remote): what a test or /healthz-like probe
 * reads to know, without sleeping, that a change has arrived.
 */
export const lastAppliedChange = (payload: Payload): undefined | { origin: string; sequence: number } => {
  const last = feedOf(payload).last
  return last && { ...last }
}
