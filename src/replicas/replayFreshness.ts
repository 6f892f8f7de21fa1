/**
 * Replicas without stale caching (issue 20, part 3). Payload's read-your-writes window
 * (`readReplicasAfterWriteInterval`) is a guess: a replica that lags longer (replay paused, a long
 * query holding it back, a slow network) would still be read after it, and the answer cached until
 * the next change. So an instance with read replicas also compares WAL positions:
 *
 * - it keeps a position on the primary at or after the commit of every change it knows of: after
 *   each change it learns (its own, after COMMIT; another instance's, on arrival; a resync) it reads
 *   `pg_current_wal_lsn()` on the primary, and until that answer is in, it knows no position;
 * - a read may use the replicas only if each of them has replayed that position
 *   (`pg_last_wal_replay_lsn()`, asked only while a replica is not known to be there yet);
 * - otherwise the read goes to the primary (and Payload's own reads too: the read-your-writes window
 *   is reopened), so the answer is current and may be cached.
 *
 * A read that began before a change arrived never stores its answer anyway (the response cache's
 * generation counter); this closes the other case, a change known before the read began.
 */
import type { Payload } from 'payload'

import { onCatalogChange, onCatalogResync } from '../changes/changeFeed.js'

type Queryable = { query: (text: string) => Promise<{ rows: { lsn: null | string }[] }> }
type ReplicaAdapter = {
  drizzle?: { $replicas?: { $client?: Queryable }[] }
  pool?: Queryable
}

type Freshness = {
  /** The primary's WAL position at or after every change known; undefined while it is being read. */
  required: bigint | undefined
  /** A read of the primary's position in flight, and whether another change came in meanwhile. */
  reading: boolean
  stale: boolean
  /** What each replica was last seen to have replayed, and a question to it in flight. */
  replayed: (bigint | undefined)[]
  asking: (Promise<bigint | undefined> | undefined)[]
}

const states = new WeakMap<Payload, Freshness>()

/** A pg_lsn as text (`16/B374D848`) as a number. */
export const parseLsn = (text: null | string | undefined): bigint | undefined => {
  const match = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text ?? '')
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : undefined
}

const replicasOf = (payload: Payload): (Queryable | undefined)[] =>
  ((payload.db as unknown as ReplicaAdapter).drizzle?.$replicas ?? []).map((replica) => replica.$client)

/** Reads the primary's position after a change; a change arriving meanwhile reads it again. */
const refresh = (payload: Payload, state: Freshness) => {
  state.required = undefined
  if (state.reading) {
    state.stale = true
    return
  }
  state.reading = true
  state.stale = false
  const pool = (payload.db as unknown as ReplicaAdapter).pool
  void (pool ? pool.query('select pg_current_wal_lsn()::text as lsn') : Promise.reject(new Error('no primary pool')))
    .then(
      ({ rows }) => parseLsn(rows[0]?.lsn),
      (error: Error) => {
        payload.logger.warn(`role catalog: could not read the primary's WAL position (${error.message}); reads use the primary meanwhile`)
        return undefined
      },
    )
    .then((lsn) => {
      state.reading = false
      if (state.stale) refresh(payload, state)
      else state.required = lsn
    })
}

/**
 * Starts tracking, for a site whose adapter has read replicas (call once, at start-up, before
 * anything writes): from now on `replicasHaveReplayed` knows what they must have replayed.
 */
export const watchReplicaFreshness = (payload: Payload): void => {
  if (states.has(payload)) return
  const state: Freshness = { asking: [], reading: false, replayed: [], required: undefined, stale: false }
  states.set(payload, state)
  onCatalogChange(payload, (change) => {
    if (!change.draftOnly) refresh(payload, state)
  })
  onCatalogResync(payload, () => refresh(payload, state))
  // Whatever was written before this instance started counts as known too.
  refresh(payload, state)
}

const replayedBy = (state: Freshness, index: number, replica: Queryable): Promise<bigint | undefined> => {
  let asking = state.asking[index]
  if (!asking) {
    asking = replica
      .query('select pg_last_wal_replay_lsn()::text as lsn')
      .then(
        ({ rows }) => parseLsn(rows[0]?.lsn),
        () => undefined,
      )
      .then((lsn) => {
        state.asking[index] = undefined
        // Replay only moves forward; keep the furthest seen.
        if (lsn !== undefined && (state.replayed[index] === undefined || lsn > state.replayed[index]!)) state.replayed[index] = lsn
        return state.replayed[index]
      })
    state.asking[index] = asking
  }
  return asking
}

/**
 * Whether a read may use the replicas now: each has replayed every change this instance knows of.
 * False while the primary's position after the latest change is still being read, or a replica
 * cannot tell its position (not a streaming standby). True when the site is not tracked (no replicas).
 */
export const replicasHaveReplayed = async (payload: Payload): Promise<boolean> => {
  const state = states.get(payload)
  if (!state) return true
  const required = state.required
  if (required === undefined) return false
  const replicas = replicasOf(payload)
  for (let index = 0; index < replicas.length; index++) {
    const replica = replicas[index]
    if (!replica) return false
    const known = state.replayed[index]
    if (known !== undefined && known >= required) continue
    const replayed = await replayedBy(state, index, replica)
    if (replayed === undefined || replayed < required) return false
  }
  return true
}
