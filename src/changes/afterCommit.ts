import type { Payload, PayloadRequest } from 'payload'

type TransactionID = number | string
type Adapter = {
  commitTransaction: (id: Promise<TransactionID | null> | TransactionID) => Promise<void>
  rollbackTransaction: (id: Promise<TransactionID | null> | TransactionID) => Promise<void>
}

/** Work waiting for a transaction to commit, per Payload instance and transaction id. */
const pendingByPayload = new WeakMap<Payload, Map<string, (() => void)[]>>()

/**
 * Payload has no "after commit" hook: collection hooks run inside the operation's transaction,
 * which Payload commits (or rolls back) afterwards through `payload.db.commitTransaction` /
 * `rollbackTransaction` (payload's commitTransaction/killTransaction utilities, and the
 * seed and import, all go through them). So the adapter's two methods are wrapped once per
 * instance: after a commit resolves, the work queued for that transaction runs; after a
 * rollback, it is dropped. Both run before the operation returns, so before the HTTP response.
 */
const pendingOf = (payload: Payload): Map<string, (() => void)[]> => {
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
    try {
      await commit(id as TransactionID)
    } finally {
      // Drizzle's commit swallows a failed COMMIT (it rolls back instead): running the work anyway
      // costs at most a needless cache clear, never a stale answer.
      const work = id === null || id === undefined ? undefined : queue.get(String(id))
      if (work) {
        queue.delete(String(id))
        for (const run of work) run()
      }
    }
  }
  adapter.rollbackTransaction = async (incoming) => {
    const id = await incoming
    if (id !== null && id !== undefined) queue.delete(String(id))
    await rollback(id as TransactionID)
  }
  return pending
}

/**
 * Runs `work` once the request's transaction has committed, or now when the request has none (the
 * write then committed on its own). Dropped if the transaction rolls back.
 */
export const afterCommit = async (req: PayloadRequest, work: () => void): Promise<void> => {
  const pending = pendingOf(req.payload)
  const id: unknown = await req.transactionID
  // A transaction's id is a string or a number. Without transactions (db-sqlite's default) the hooks
  // of an update were seen holding an empty object there: no transaction either, so run now.
  if (typeof id !== 'string' && typeof id !== 'number') {
    work()
    return
  }
  const key = String(id)
  const list = pending.get(key)
  if (list) list.push(work)
  else pending.set(key, [work])
}

/** Wraps the adapter now (a site's start-up), so no transaction's commit can slip past. */
export const watchCommits = (payload: Payload): void => void pendingOf(payload)
