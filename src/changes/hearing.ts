import type { Payload } from 'payload'

/**
 * Whether this instance may answer from its caches now: it can prove that it hears the other
 * instances' changes (src/changes/transport.ts), or it has no other instances to hear (the
 * `instanceSync: false` option, or a database without LISTEN/NOTIFY).
 */
export type CatalogHearing = {
  /** Cached answers may be served and stored. */
  serve: boolean
  /** Why not, when `serve` is false: starting, reconnecting, heartbeat overdue, ... */
  reason?: string
}

const providers = new WeakMap<Payload, () => CatalogHearing>()
const ALWAYS: CatalogHearing = { serve: true }

/** The transport reports its state here; returns a function that removes it. */
export const provideHearing = (payload: Payload, provider: () => CatalogHearing): (() => void) => {
  providers.set(payload, provider)
  return () => {
    if (providers.get(payload) === provider) providers.delete(payload)
  }
}

/**
 * May this instance serve and store cached answers now? A cache of anonymous answers asks before
 * each lookup and each store: while the instance cannot prove it hears changes made elsewhere (its
 * notification connection is starting, reconnecting, hung or deaf, its heartbeat overdue) it
 * answers from the database instead, so no cached answer is older than the transport's bound
 * (`instanceSync.maxStalenessMs`).
 */
export const catalogHearing = (payload: Payload): CatalogHearing => providers.get(payload)?.() ?? ALWAYS
