import type { Payload } from 'payload'

import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'

import { onCatalogChange, onCatalogResync } from '../changes/changeFeed.js'
import { catalogHearing } from '../changes/hearing.js'

/** One cached answer: the body exactly as sent, its content type and its strong ETag. */
export type CachedAnswer = {
  body: string
  contentType: string
  etag: string
}

/** A read in progress: it may store its answer only if no change arrived since it began. */
export type ReadTicket = { generation: number }

/**
 * The in-memory cache of anonymous answers of one Payload instance (GraphQL queries over the
 * catalogue, the REST reads of its collections and endpoints), bounded in bytes by lru-cache.
 *
 * Invalidation drops everything: any change anonymous readers could see (the change feed's
 * non-draft changes, local or from another instance) and any resync clear the whole cache. A
 * generation counter guards the race of a read that began before a change and ends after it: its
 * (possibly stale) answer is not stored.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedAnswer>
  private generation = 0
  private readonly unsubscribe: (() => void)[]

  constructor(
    private readonly payload: Payload,
    maxBytes: number,
  ) {
    this.entries = new LRUCache<string, CachedAnswer>({
      maxSize: maxBytes,
      // Strings are UTF-16 in memory: two bytes a character, key and body.
      sizeCalculation: (answer, key) => 2 * (answer.body.length + key.length) + 200,
    })
    this.unsubscribe = [
      onCatalogChange(payload, (change) => {
        if (!change.draftOnly) this.invalidate()
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
    return this.entries.get(key)
  }

  /** Stores the answer unless a change arrived since `ticket` was taken. Returns whether it did. */
  store(key: string, answer: CachedAnswer, ticket: ReadTicket): boolean {
    if (ticket.generation !== this.generation || !catalogHearing(this.payload).serve) return false
    this.entries.set(key, answer)
    return true
  }

  invalidate(): void {
    this.generation++
    this.entries.clear()
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

/** A strong ETag of a body: two answers with the same bytes share it, on any instance. */
export const strongETag = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`

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
