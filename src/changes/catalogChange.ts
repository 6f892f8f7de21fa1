import type { CatalogCollection } from '../plugin/options.js'

/**
 * One committed change to the catalogue, as the change feed (./changeFeed.ts) hands it to its
 * listeners: the response cache of this instance, and the transports that carry it to other
 * instances and to frontends. Its shape is shared with them; keep it stable.
 */
export type CatalogChange = {
  /** The catalogue collection by its role in the catalogue (not its slug). */
  collection: CatalogCollection
  operation: 'create' | 'delete' | 'import' | 'publish' | 'restore' | 'seed' | 'unpublish' | 'update'
  /** The documents written, with their slugs (old and new slug both listed when a slug changed). */
  documents: { id: number | string; slug: null | string }[]
  /** Role slugs whose pages/answers the change can alter (the roles themselves, roles linking a changed item, old slugs). */
  roleSlugs: string[]
  /**
   * For an `update`: the top-level fields whose stored values it changed, in any locale (the
   * collection's own row before and after the write, as anonymous readers are served it). Lists
   * ordered and filtered by none of them keep their members and order. Absent when not known:
   * every field counts as changed.
   */
  fields?: string[]
  /** A draft save: changes nothing anonymous readers see (no cache invalidation, no notification). */
  draftOnly: boolean
  /** The instance that made the change (random id per process+payload) and its per-instance counter. */
  origin: string
  sequence: number
}

/** A change as its writer describes it; the feed stamps `origin` and `sequence` when it publishes it. */
export type UnstampedChange = Omit<CatalogChange, 'origin' | 'sequence'>
