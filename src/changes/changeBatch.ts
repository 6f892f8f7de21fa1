import type { Payload, PayloadRequest } from 'payload'

import type { CatalogCollection } from '../plugin/options.js'
import type { CatalogChange, UnstampedChange } from './catalogChange.js'

import { publishLocalChange } from './changeFeed.js'
import { stageLocalChange } from './inTransaction.js'

/**
 * A bulk write (the seed, the import) publishes one change per collection it wrote, not one per
 * document: its `req.context` carries a batch that the collection hooks add to instead of
 * publishing, and the writer publishes the batch after its own commit.
 */
export const CHANGE_BATCH_KEY = 'roleCatalogChangeBatch'

type Entry = { documents: CatalogChange['documents']; roleSlugs: Set<string> }

export class ChangeBatch {
  private readonly entries = new Map<CatalogCollection, Entry>()

  constructor(readonly operation: 'import' | 'seed') {}

  add(collection: CatalogCollection, documents: CatalogChange['documents'], roleSlugs: Iterable<string>): void {
    let entry = this.entries.get(collection)
    if (!entry) this.entries.set(collection, (entry = { documents: [], roleSlugs: new Set() }))
    entry.documents.push(...documents)
    for (const slug of roleSlugs) entry.roleSlugs.add(slug)
  }

  /** Call inside the batch's transaction, before its commit (the webhook outbox, ./inTransaction.ts). */
  async stage(req: PayloadRequest): Promise<void> {
    for (const change of this.changes()) await stageLocalChange(req, change)
  }

  private changes(): UnstampedChange[] {
    return [...this.entries]
      .filter(([, entry]) => entry.documents.length > 0)
      .map(([collection, entry]) => ({
        collection,
        documents: entry.documents,
        draftOnly: false,
        operation: this.operation,
        roleSlugs: [...entry.roleSlugs],
      }))
  }

  /** Call after the batch's transaction committed. Returns the changes published. */
  publish(payload: Payload): CatalogChange[] {
    const published = this.changes().map((change) => publishLocalChange(payload, change))
    this.entries.clear()
    return published
  }
}

export const changeBatchOf = (req: PayloadRequest): ChangeBatch | undefined => {
  const batch = req.context?.[CHANGE_BATCH_KEY]
  return batch instanceof ChangeBatch ? batch : undefined
}
