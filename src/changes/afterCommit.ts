import type { Payload, PayloadRequest } from 'payload'

import { APIError } from 'payload'

type TransactionID = number | string
type Adapter = {
  commitTransaction: (id: Promise<TransactionID | null> | TransactionID) => Promise<void>
  /** The drizzle adapters' raw SQL runner (@payloadcms/drizzle `execute`). */
  execute?: (args: { db: unknown; raw: string }) => Promise<unknown>
  rollbackTransaction: (id: Promise<TransactionID | null> | TransactionID) => Promise<void>
  /** The drizzle adapters' open transactions, by id (`db` is the transaction's drizzle handle). */
  sessions?: Record<string, { db: unknown } | undefined>
}

/** Runs one SQL statement inside the transaction being committed. */
export type TransactionSql = (raw: string) => Promise<unknown>

/** Work tied to one transaction's end. */
export type CommitWork = {
  /**
   * Inside the transaction, right before COMMIT (drizzle adapters only). A failure rolls the
   * transaction back and fails the commit, so what it writes (a NOTIFY, an outbox row) and the
   * transaction's own writes are never separated.
   */
  beforeCommit?: (sql: TransactionSql) => Promise<void>
  /** After COMMIT, before the operation returns. */
  afterCommit?: () => void
  /** When the transaction rolled back (after `beforeCommit` ran or not). */
  afterRollback?: () => void
}

/** Work waiting for a transaction's end, per Payload instance and transaction id. */
const pendingByPayload = new WeakMap<Payload, Map<string, CommitWork[]>>()

const runEach = (work: CommitWork[], pick: (each: CommitWork) => (() => void) | undefined) => {
  for (const each of work) pick(each)?.()
}

/**
 * Payload has no "after commit" hook: collection hooks run inside the operation's transaction,
 * which Payload commits (or rolls back) afterwards through `payload.db.commitTransaction` /
 * `rollbackTransaction` (payload's commitTransaction/killTransaction utilities, and the
 * seed and import, all go through them). So the adapter's two methods are wrapped once per
 * instance: before COMMIT, the `beforeCommit` work runs inside the transaction; after a commit
 * resolves, the `afterCommit` work; after a rollback, `afterRollback`. All of it runs before the
 * operation returns, so before the HTTP response.
 */
const pendingOf = (payload: Payload): Map<string, CommitWork[]> => {
  let pending = pendingByPayload.get(payload)
  if (pending) return pending
  pending = new Map()
  pendingByPayload.set(payload, pending)
  const adapter = payload.db as unknown as Adapter
  const commit = adapter.commitTransaction.bind(adapter)
  const rollback = adapter.rollbackTransaction.bind(adapter)
  const queue = pending
  adapter.commitTransaction = async (incoming) => {
    const id = await incoming
    const key = id === null || id === undefined ? undefined : String(id)
    const work = key === undefined ? undefined : queue.get(key)
    if (key !== undefined) queue.delete(key)
    const session = key === undefined ? undefined : adapter.sessions?.[key]
    if (work && session && adapter.execute) {
      const sql: TransactionSql = (raw) => adapter.execute!({ db: session.db, raw })
      try {
        for (const each of work) if (each.beforeCommit) await each.beforeCommit(sql)
      } catch (error) {
        await rollback(id as TransactionID).catch(() => {})
        runEach(work, (each) => each.afterRollback)
        payload.logger.error({ err: error, msg: 'role catalog: a write could not be announced inside its transaction; rolled back' })
        // 503: nothing was saved, and trying again later may work (the database connection failed).
        throw new APIError('The change could not be announced to the other instances of the site; nothing was saved. Try again.', 503, undefined, true)
      }
    }
    try {
      await commit(id as TransactionID)
    } finally {
      // Drizzle's commit swallows a failed COMMIT (it rolls back instead): running the work anyway
      // costs at most a needless cache clear, never a stale answer.
      if (work) runEach(work, (each) => each.afterCommit)
    }
  }
  adapter.rollbackTransaction = async (incoming) => {
    const id = await incoming
    const key = id === null || id === undefined ? undefined : String(id)
    const work = key === undefined ? undefined : queue.get(key)
    if (key !== undefined) queue.delete(key)
    try {
      await rollback(id as TransactionID)
    } finally {
      if (work) runEach(work, (each) => each.afterRollback)
    }
  }
  return pending
}

/**
 * Ties `work` to the request's transaction (see CommitWork), or runs its `afterCommit` now when the
 * request has none (the write then committed on its own; `beforeCommit` has no transaction to run
 * in and is skipped). Returns whether the work was queued on a transaction.
 */
export const onTransactionEnd = async (req: PayloadRequest, work: CommitWork): Promise<boolean> => {
  const pending = pendingOf(req.payload)
  const id = await req.transactionID
  if (id === undefined || id === null) {
    work.afterCommit?.()
    return false
  }
  const key = String(id)
  const list = pending.get(key)
  if (list) list.push(work)
  else pending.set(key, [work])
  return true
}

/**
 * Runs `work` once the request's transaction has committed, or now when the request has none (the
 * write then committed on its own). Dropped if the transaction rolls back.
 */
export const afterCommit = async (req: PayloadRequest, work: () => void): Promise<void> => {
  await onTransactionEnd(req, { afterCommit: work })
}

/** Wraps the adapter now (a site's start-up), so no transaction's commit can slip past. */
export const watchCommits = (payload: Payload): void => void pendingOf(payload)
