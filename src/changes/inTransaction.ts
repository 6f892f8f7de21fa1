import type { Payload, PayloadRequest } from 'payload'

import type { UnstampedChange } from './catalogChange.js'

/**
 * Work that must commit or roll back WITH a change (the webhook outbox, src/notify/outbox.ts): the
 * change feed's listeners (./changeFeed.ts) run after the commit, these run inside the write's
 * transaction, with its `req`, once the change is described (draft-only saves excluded). A listener
 * that throws fails the write: a change is never committed without what these record.
 */
type StagedListener = (req: PayloadRequest, change: UnstampedChange) => Promise<void>

const listenersByPayload = new WeakMap<Payload, Set<StagedListener>>()

export const onCatalogChangeInTransaction = (payload: Payload, listener: StagedListener): (() => void) => {
  let listeners = listenersByPayload.get(payload)
  if (!listeners) listenersByPayload.set(payload, (listeners = new Set()))
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** Called by the writers (collection hooks, the seed's and import's batches) before their commit. */
export const stageLocalChange = async (req: PayloadRequest, change: UnstampedChange): Promise<void> => {
  if (change.draftOnly) return
  for (const listener of listenersByPayload.get(req.payload) ?? []) await listener(req, change)
}
