import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import type { CatalogChange } from '../changes/catalogChange.js'

import { onCatalogChange, onCatalogResync } from '../changes/changeFeed.js'
import { catalogHearing } from '../changes/hearing.js'
import { type AnswerDependencies, changeAffects } from './dependencies.js'

/**
 * One cached answer: the body exactly as sent (its bytes: the one copy kept, and what a hit writes),
 * its content type, its strong ETag and the headers its miss carried.
 */
export type CachedAnswer = {
  body: Uint8Array<ArrayBuffer>
  contentType: string
  etag: string
  /** Headers of the answer that hits must carry too (e.g. JSON-LD's `Content-Language`). */
  headers?: [string, string][]
}

/** A read in progress: it may store its answer only if no change that affects it arrived since it began. */
export type ReadTicket = { generation: number }

type Segment = 'probation' | 'protected'
type Entry = { answer: CachedAnswer; bytes: number; dependencies: AnswerDependencies; group: string; segment: Segment }
/** A change or resync the cache applied, kept for the reads in flight when it arrived. */
type Applied = { change: CatalogChange | undefined; generation: number }
/** The answers of one operation (a GraphQL operation, a REST path pattern), per segment, least recently used first. */
type Group = Record<Segment, Set<string>>

/** How many applied changes are remembered for reads in flight; a read older than that stores nothing. */
const APPLIED_KEPT = 1024
/** The share of `maxBytes` that answers hit since they were stored may take; the rest is for new answers. */
const PROTECTED_SHARE = 0.8

/** The limits the cache reads on every store (the plugin's `responseCache` option, read live). */
export type ResponseCacheLimits = { maxBytes: number; maxVariants: number }

/**
 * The in-memory cache of anonymous answers of one Payload instance (GraphQL queries over the
 * catalogue, the REST reads of its collections and endpoints), bounded in bytes.
 *
 * Each answer is kept with what it depends on (src/cache/dependencies.ts, recorded by the reads that
 * made it). A change anonymous readers could see (the change feed's non-draft changes, local or from
 * another instance) drops the answers it affects (`changeAffects`); a resync drops everything. A read
 * that began before a change and ends after it stores its answer only if that change does not
 * affect it (by the same rule): every change is numbered, and the ones applied since the read's
 * ticket are checked when it stores.
 *
 * What is evicted when memory or an operation's share runs out (issue 20, part 1: junk values must
 * not push good answers out):
 * - Segmented LRU: a new answer starts on probation; one that is hit is protected (up to
 *   PROTECTED_SHARE of `maxBytes`, the least recently used protected answers go back on probation
 *   beyond that). Memory is freed from probation first, least recently used first: a flood of
 *   requests that are each asked once (distinct junk values, crafted operations) displaces
 *   answers nobody asked for again, never one that was hit while the answers that were hit fit in
 *   PROTECTED_SHARE of `maxBytes`.
 * - Per operation (`group`: the GraphQL operation as executed, or the REST collection and
 *   endpoint path pattern, e.g. `roles /:slug/jsonld`): at most `maxVariants` answers; storing
 *   one more evicts that operation's least recently used answer on probation, or, when all of
 *   them were hit, its least recently used one. A flood of values of one operation's parameters
 *   thus takes at most `maxVariants` entries, and only from that operation.
 */
export class ResponseCache {
  private readonly applied: Applied[] = []
  /** Least recently used first (a Map keeps insertion order; a use deletes and re-inserts). */
  private readonly probation = new Map<string, Entry>()
  private readonly protected = new Map<string, Entry>()
  private readonly groups = new Map<string, Group>()
  private probationBytes = 0
  private protectedBytes = 0
  private generation = 0
  private readonly unsubscribe: (() => void)[]
  /** Answers evicted for room (not dropped by changes), for tests and probes. */
  evictions = 0

  constructor(
    private readonly payload: Payload,
    private readonly limits: ResponseCacheLimits,
  ) {
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
    const entry = this.protected.get(key) ?? this.probation.get(key)
    if (!entry) return undefined
    this.unlink(key, entry)
    this.link(key, entry, 'protected')
    this.fit()
    return entry.answer
  }

  /**
   * Stores the answer with what its read recorded, under its operation's `group`, unless a change
   * that affects it (or a resync) arrived since `ticket` was taken, or the instance cannot prove it
   * hears (src/changes/hearing.ts). Returns whether it did.
   */
  store(key: string, answer: CachedAnswer, ticket: ReadTicket, dependencies: AnswerDependencies, group: string): boolean {
    if (!catalogHearing(this.payload).serve) return false
    if (ticket.generation !== this.generation) {
      const oldest = this.applied[0]
      if (!oldest || oldest.generation > ticket.generation + 1) return false
      for (const { change, generation } of this.applied) {
        if (generation > ticket.generation && (!change || changeAffects(change, dependencies))) return false
      }
    }
    // The body's bytes; the key is a string (UTF-16 in memory: two bytes a character); dependencies by count.
    const bytes = answer.body.byteLength + 2 * key.length + 200 + 64 * (dependencies.documents.size + dependencies.roleSlugs.size)
    if (bytes > this.limits.maxBytes) return false
    const previous = this.protected.get(key) ?? this.probation.get(key)
    if (previous) this.unlink(key, previous)
    const members = this.groupOf(group)
    // The operation's share: its least recently used answer nobody asked for again goes first.
    while (members.probation.size + members.protected.size >= Math.max(1, this.limits.maxVariants)) {
      const victim = first(members.probation) ?? first(members.protected)!
      this.evict(victim)
    }
    this.link(key, { answer, bytes, dependencies, group, segment: 'probation' }, 'probation')
    this.fit()
    return true
  }

  /** Drops every answer (a resync: changes may have been missed). */
  invalidate(): void {
    this.remember(undefined)
    this.probation.clear()
    this.protected.clear()
    this.groups.clear()
    this.probationBytes = 0
    this.protectedBytes = 0
  }

  /** Drops the answers the change affects. */
  private drop(change: CatalogChange): void {
    this.remember(change)
    const affected: [string, Entry][] = []
    for (const segment of [this.probation, this.protected]) {
      for (const [key, entry] of segment) if (changeAffects(change, entry.dependencies)) affected.push([key, entry])
    }
    for (const [key, entry] of affected) this.unlink(key, entry)
  }

  private remember(change: CatalogChange | undefined): void {
    this.applied.push({ change, generation: ++this.generation })
    if (this.applied.length > APPLIED_KEPT) this.applied.shift()
  }

  private groupOf(group: string): Group {
    let members = this.groups.get(group)
    if (!members) this.groups.set(group, (members = { probation: new Set(), protected: new Set() }))
    return members
  }

  /** Puts the entry at the most recently used end of `segment` (and of its group's). */
  private link(key: string, entry: Entry, segment: Segment): void {
    entry.segment = segment
    if (segment === 'protected') {
      this.protected.set(key, entry)
      this.protectedBytes += entry.bytes
    } else {
      this.probation.set(key, entry)
      this.probationBytes += entry.bytes
    }
    this.groupOf(entry.group)[segment].add(key)
  }

  private unlink(key: string, entry: Entry): void {
    if (entry.segment === 'protected') {
      this.protected.delete(key)
      this.protectedBytes -= entry.bytes
    } else {
      this.probation.delete(key)
      this.probationBytes -= entry.bytes
    }
    const members = this.groups.get(entry.group)
    if (!members) return
    members[entry.segment].delete(key)
    if (members.probation.size === 0 && members.protected.size === 0) this.groups.delete(entry.group)
  }

  private evict(key: string): void {
    const entry = this.protected.get(key) ?? this.probation.get(key)
    if (!entry) return
    this.unlink(key, entry)
    this.evictions++
  }

  /** Within the memory bound: protected answers beyond their share go back on probation; probation is emptied first. */
  private fit(): void {
    const protectedMax = this.limits.maxBytes * PROTECTED_SHARE
    while (this.protectedBytes > protectedMax) {
      const key = first(this.protected.keys())!
      const entry = this.protected.get(key)!
      this.unlink(key, entry)
      this.link(key, entry, 'probation')
    }
    while (this.probationBytes + this.protectedBytes > this.limits.maxBytes) {
      this.evict(first(this.probation.keys()) ?? first(this.protected.keys())!)
    }
  }

  /** Answers held. */
  get size(): number {
    return this.probation.size + this.protected.size
  }

  /** Memory the answers take, as counted against `maxBytes`. */
  get bytes(): number {
    return this.probationBytes + this.protectedBytes
  }

  close(): void {
    for (const stop of this.unsubscribe) stop()
    this.invalidate()
  }
}

const first = <T>(items: Iterable<T>): T | undefined => {
  for (const item of items) return item
  return undefined
}

/**
 * A strong ETag of a representation: two answers with the same media type and bytes share it, on
 * any instance; the same bytes as `application/json` and `application/graphql-response+json` do not.
 */
export const strongETag = (body: Uint8Array, contentType: string): string =>
  `"${createHash('sha256').update(contentType.toLowerCase()).update('\u0000').update(body).digest('base64url').slice(0, 32)}"`

/** A short fixed-length key part for a long text (query documents, variables). */
export const digest = (text: string): string => createHash('sha256').update(text).digest('base64url')

const caches = new WeakMap<Payload, ResponseCache>()

/**
 * The instance's response cache, made on first use when the plugin's `responseCache` option is on.
 * `limits` is the option itself, read on every store (a site may tune it at run time).
 */
export const responseCacheOf = (payload: Payload, limits: ResponseCacheLimits): ResponseCache => {
  let cache = caches.get(payload)
  if (!cache) caches.set(payload, (cache = new ResponseCache(payload, limits)))
  return cache
}

/** The cache if one was made for this instance (tests and probes). */
export const existingResponseCache = (payload: Payload): ResponseCache | undefined => caches.get(payload)
