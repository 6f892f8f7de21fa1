import type { Payload, PayloadRequest } from 'payload'

import type { CatalogCollection } from '../plugin/options.js'
import type { CatalogChange } from './catalogChange.js'

import { onTransactionEnd } from './afterCommit.js'
import { announceInTransaction, deliverLocalChange, publishLocalChange, settleAnnounced, stampLocalChange } from './changeFeed.js'

/**
 * A bulk write (the seed, the import) publishes one change per collection it wrote, not one per
 * document: its `req.context` carries a batch that the collection hooks add to instead of
 * publishing. Bound to the writer's transaction (the first hook to add binds it), the batch is
 * announced inside it right before COMMIT and published after it, like a single write's change;
 * without a transaction the writer publishes it after its writes (`publish`).
 */
export const CHANGE_BATCH_KEY = 'roleCatalogChangeBatch'

type Entry = { documents: CatalogChange['documents']; roleSlugs: Set<string> }

export class ChangeBatch {
  private readonly entries = new Map<CatalogCollection, Entry>()
  private bound = false

  constructor(readonly operation: 'import' | 'seed') {}

  add(collection: CatalogCollection, documents: CatalogChange['documents'], roleSlugs: Iterable<string>): void {
    let entry = this.entries.get(collection)
    if (!entry) this.entries.set(collection, (entry = { documents: [], roleSlugs: new Set() }))
    entry.documents.push(...documents)
    for (const slug of roleSlugs) entry.roleSlugs.add(slug)
  }

  /** The batch's changes, one per collection written, taken out of the batch. */
  private take() {
    const changes = [...this.entries]
      .filter(([, entry]) => entry.documents.length > 0)
      .map(([collection, entry]) => ({
        collection,
        documents: entry.documents,
        draftOnly: false,
        operation: this.operation,
        roleSlugs: [...entry.roleSlugs],
      }))
    this.entries.clear()
    return changes
  }

  /** Ties the batch to the request's transaction, once: announced before its COMMIT, published after. */
  async bindTo(req: PayloadRequest): Promise<void> {
    if (this.bound) return
    const id = await req.transactionID
    if (id === undefined || id === null) return
    this.bound = true
    const { payload } = req
    let stamped: CatalogChange[] | undefined
    let announced = false
    const stampAll = () => (stamped ??= this.take().map((change) => stampLocalChange(payload, change)))
    await onTransactionEnd(req, {
      beforeCommit: async (sql) => {
        announced = true
        await announceInTransaction(payload, stampAll(), sql)
      },
      afterCommit: () => {
        for (const change of stampAll()) deliverLocalChange(payload, change)
        if (announced) settleAnnounced(payload, stamped!, true)
      },
      afterRollback: () => {
        this.entries.clear()
        if (stamped && announced) settleAnnounced(payload, stamped, false)
      },
    })
  }

  /**
   * Call after the batch's transaction committed: publishes what no transaction carried (a batch
   * bound to its transaction was published at its COMMIT). Returns the changes published.
   */
  publish(payload: Payload): CatalogChange[] {
    if (this.bound) return []
    return this.take().map((change) => publishLocalChange(payload, change))
  }
}

export const changeBatchOf = (req: PayloadRequest): ChangeBatch | undefined => {
  const batch = req.context?.[CHANGE_BATCH_KEY]
  return batch instanceof ChangeBatch ? batch : undefined
}
