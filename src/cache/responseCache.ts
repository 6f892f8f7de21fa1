import type { Payload } from 'payload'

import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'

import type { CatalogChange } from '../changes/catalogChange.js'

import { onCatalogChange, onCatalogResync } from '../changes/changeFeed.js'
import { catalogHearing } from '../changes/hearing.js'
import { type AnswerDependencies, changeAffects } from './dependencies.js'

/** One cached answer: the body exactly as sent, its content type, its strong ETag and the headers its miss carried. */
export type CachedAnswer = {
  body: string
  contentType: string
  etag: string
  /** Headers of the answer that hits must carry too (e.g. JSON-LD's `Content-Language`). */
  headers?: [string, string][]
}

/** A read in progress: it may store its answer only if no change that affects it arrived since it began. */
export type ReadTicket = { generation: number }

type Entry = { answer: CachedAnswer; dependencies: AnswerDependencies }
/** A change or resync the cache applied, kept for the reads in flight when it arrived. */
type Applied = { change: CatalogChange | undefined; generation: number }

/** How many applied changes are remembered for reads in flight; a read older than that stores nothing. */
const APPLIED_KEPT = 1024

/**
 * The in-memory cache of anonymous answers of one Payload instance (GraphQL queries over the
 * catalogue, the REST reads of its collections and endpoints), bounded in bytes by lru-cache.
 *
 * Each answer is kept with what it depends on (src/cache/dependencies.ts, recorded by the reads that
 * made it). A change anonymous readers could see (the change feed's non-draft changes, local or from
 * another instance) drops the answers it affects (`changeAffects`); a resync drops everything. A read
 * that began before a change and ends after it stores its answer only if that change does not
 * affect it (by the same rule): every change is numbered, and the ones applied since the read's
 * ticket are checked when it stores.
 */
export class ResponseCache {
  private readonly applied: Applied[] = []
  private readonly entries: LRUCache<string, Entry>
  private generation = 0
  private readonly unsubscribe: (() => void)[]

  constructor(
    private readonly payload: Payload,
    maxBytes: number,
  ) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      // Strings are UTF-16 in memory: two bytes a character, key and body; dependencies by count.
      sizeCalculation: ({ answer, dependencies }, key) =>
        2 * (answer.body.length + key.length) + 200 + 64 * (dependencies.documents.size + dependencies.roleSlugs.size),
    })
    this.unsubscribe = [
      onCatalogChange(payload, (change) => {
        if (!change.draftOnly) this.drop(change)
      }),
      onCatalogResync(payload, () => this.invalidate()),
    ]
  }

  /** Call before reading what an answer is made of. */
  begin(): ReadTicket {
    return { generation: this.generation }
  }

  get(key: string): CachedAnswer | undefined {
    // Not while the instance cannot prove it hears other instances' changes (src/changes/hearing.ts).
    if (!catalogHearing(this.payload).serve) return undefined
    return this.entries.get(key)?.answer
  }

  /**
   * Stores the answer with what its read recorded, unless a change that affects it (or a resync)
   * arrived since `ticket` was taken, or the instance cannot prove it hears (src/changes/hearing.ts).
   * Returns whether it did.
   */
  store(key: string, answer: CachedAnswer, ticket: ReadTicket, dependencies: AnswerDependencies): boolean {
    if (!catalogHearing(this.payload).serve) return false
    if (ticket.generation !== this.generation) {
      const oldest = this.applied[0]
      if (!oldest || oldest.generation > ticket.generation + 1) return false
      for (const { change, generation } of this.applied) {
        if (generation > ticket.generation && (!change || changeAffects(change, dependencies))) return false
      }
    }
    this.entries.set(key, { answer, dependencies })
    return true
  }

  /** Drops every answer (a resync: changes may have been missed). */
  invalidate(): void {
    this.remember(undefined)
    this.entries.clear()
  }

  /** Drops the answers the change affects. */
  private drop(change: CatalogChange): void {
    this.remember(change)
    const affected: string[] = []
    for (const [key, { dependencies }] of this.entries.entries()) if (changeAffects(change, dependencies)) affected.push(key)
    for (const key of affected) this.entries.delete(key)
  }

  private remember(change: CatalogChange | undefined): void {
    this.applied.push({ change, generation: ++this.generation })
    if (this.applied.length > APPLIED_KEPT) this.applied.shift()
  }

  get size(): number {
    return this.entries.size
  }

  get bytes(): number {
    return this.entries.calculatedSize
  }

  close(): void {
    for (const stop of this.unsubscribe) stop()
    this.entries.clear()
  }
}

/**
 * A strong ETag of a representation: two answers with the same media type and bytes share it, on
 * any instance; the same bytes as `application/json` and `application/graphql-response+json` do not.
 */
export const strongETag = (body: string, contentType: string): string =>
  `"${createHash('sha256').update(contentType.toLowerCase()).update('\u0000').update(body).digest('base64url').slice(0, 32)}"`

/** A short fixed-length key part for a long text (query documents, variables). */
export const digest = (text: string): string => createHash('sha256').update(text).digest('base64url')

const caches = new WeakMap<Payload, ResponseCache>()

/** The instance's response cache, made on first use when the plugin's `responseCache` option is on. */
export const responseCacheOf = (payload: Payload, maxBytes: number): ResponseCache => {
  let cache = caches.get(payload)
  if (!cache) caches.set(payload, (cache = new ResponseCache(payload, maxBytes)))
  return cache
}

/** The cache if one was made for this instance (tests and probes). */
export const existingResponseCache = (payload: Payload): ResponseCache | undefined => caches.get(payload)
