/**
 * Where the plugin's own SQL runs when the site's PostgreSQL adapter has `readReplicas`.
 *
 * The adapter wraps drizzle in `withReplicas`, which sends `select` to a replica but `execute` (the
 * plugin's tuned reads, src/read/tunedReads.ts, and batched joins, src/graphql/batchedJoins.ts) to
 * the primary. The plugin therefore picks the connection itself, following the read context's
 * `database` (src/read/readContext.ts), with the same rules Payload applies to its own reads:
 * - anonymous, published reads outside a transaction go to a replica;
 * - everything else (editors, drafts, reads inside a transaction) goes to the primary;
 * - for `readReplicasAfterWriteInterval` after this instance's own write (Payload marks it on the
 *   adapter) or after a change another instance wrote (src/changes/transport.ts marks it the same
 *   way), every read goes to the primary, so nobody is answered from a replica that has not yet
 *   replayed the change they are reading about.
 */
import type { Payload, PayloadRequest } from 'payload'

type Executor = { execute: (query: unknown) => Promise<{ rows: unknown[] }> }

/** What db-postgres keeps on its adapter when `readReplicas` is set (dist/connect.js). */
type ReplicaAdapter = {
  drizzle?: Executor & { $primary?: Executor; $replicas?: Executor[] }
  lastWriteTimestamp?: number
  primaryDrizzle?: Executor
  readReplicasAfterWriteInterval?: number
}

const adapterOf = (payload: Payload) => payload.db as unknown as ReplicaAdapter

/** True when the site's adapter has read replicas. */
export const hasReadReplicas = (payload: Payload): boolean => {
  const replicas = adapterOf(payload).drizzle?.$replicas
  return Array.isArray(replicas) && replicas.length > 0
}

/**
 * Inside Payload's read-your-writes window: a write (this instance's, or one another instance
 * announced) happened less than `readReplicasAfterWriteInterval` ago.
 */
export const withinWriteWindow = (payload: Payload): boolean => {
  const adapter = adapterOf(payload)
  if (!adapter.lastWriteTimestamp) return false
  return Date.now() - adapter.lastWriteTimestamp < (adapter.readReplicasAfterWriteInterval ?? 2000)
}

/**
 * Opens the read-your-writes window for a change this instance did not write itself (received from
 * another instance): Payload's generic reads (src/…/getTransaction in @payloadcms/drizzle) and the
 * plugin's own reads then use the primary until the replicas have had the interval to replay it.
 */
export const markChangeSeen = (payload: Payload): void => {
  const adapter = adapterOf(payload)
  if (adapter.primaryDrizzle) adapter.lastWriteTimestamp = Date.now()
}

/** The database a read with this cache scope may use, from the request it runs for. */
export const readDatabaseFor = (req: PayloadRequest, cacheScope: 'private' | 'public'): 'primary' | 'replica' =>
  cacheScope === 'public' && !req.transactionID && !withinWriteWindow(req.payload) ? 'replica' : 'primary'

/**
 * The drizzle instance to `execute` a read on: one of the replicas (chosen at random, as
 * `withReplicas` does for selects) when the read may use one and the site has some; the primary
 * otherwise.
 */
export const executorFor = (payload: Payload, database: 'primary' | 'replica'): Executor => {
  const drizzle = adapterOf(payload).drizzle!
  const replicas = drizzle.$replicas
  if (database === 'replica' && replicas && replicas.length > 0) {
    return replicas[Math.floor(Math.random() * replicas.length)]!
  }
  return drizzle.$primary ?? drizzle
}
