/**
 * cacheHitRatioUnderWrites: a steady anonymous read load over the imported catalogue, through the
 * plugin's routes as a site mounts them (catalogGraphQLRoute, withCatalogRestCache(REST_GET)), with
 * the response cache on and a publish every 2 s (a role's summary, then a skill's description, in
 * turn). The reads are a Zipf-like mix (exponent 1 over a shuffled order, so popularity does not
 * follow IDs): 70% role pages (the example frontend's query), 15% comparisons of related roles (each
 * with the next in popularity, popular pairs most),
 * 15% list pages (REST pages of roles and skills, the frontend's role list in GraphQL).
 *
 * Measured twice on the same sequence (same seed, same publishes): with the plugin's rule (a change
 * drops the answers that depend on it, src/cache/dependencies.ts) and with the clear-everything
 * rule (every change clears the cache). Eight readers send request after request (each request
 * tagged, so its execution is its own); after a warm-up,
 * hit ratio = 1 − requests answered by executing ÷ requests, counting executions (GraphQL: Payload's
 * `extensions` call per executed operation; REST: calls of Payload's handler). A request for an
 * answer never asked for before in the run is a cold cache's miss, whatever the rule: it is counted
 * apart (`firstAsked`), not in the ratio.
 */
import type { Payload } from 'payload'

import { REST_GET } from '@payloadcms/next/routes'

import { COMPARE_QUERY, ROLE_LIST_QUERY, ROLE_PAGE_QUERY } from '../../dev/app/(frontend)/_lib/queryText.js'
import { existingResponseCache } from '../../src/cache/responseCache.js'
import { onCatalogChange } from '../../src/changes/changeFeed.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../../src/exports/routes.js'
import { getCatalogConfig } from '../../src/plugin/catalogConfig.js'
import type { BenchSite } from './benchSite.js'

export type HitRatioFigures = { clearEverything: number; dependencies: number; details: Record<string, unknown> }

/** mulberry32: reproducible from its seed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** Picks from `items` with probability ∝ 1/rank. */
const zipf = <T>(items: T[], random: () => number) => {
  const cumulative: number[] = []
  let total = 0
  for (let rank = 1; rank <= items.length; rank++) cumulative.push((total += 1 / rank))
  return () => {
    const target = random() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return items[low]!
  }
}

const shuffled = <T>(items: T[], random: () => number): T[] => {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

type Kind = 'compare' | 'list' | 'page'

type Phase = {
  /** Counted requests and misses by kind of read (role pages, comparisons, lists). */
  byKind: Record<Kind, { misses: number; requests: number }>
  /** Answers the cache evicted for room during the phase (memory or an operation's share), not dropped by a change. */
  evictions: number
  /** Requests for an answer never asked for before in the run (a cold cache's misses, not counted in the ratio). */
  firstAsked: number
  /** What the cache held when the phase ended: answers, and bytes as counted against `maxBytes`. */
  heldAtEnd: { answers: number; bytes: number }
  /** Counted requests answered by executing (GraphQL execution, or Payload's REST handler). */
  misses: number
  publishes: number
  /** Requests counted: inside the window, for an answer asked for before. */
  requests: number
}

export const measureHitRatioUnderWrites = async (
  site: BenchSite,
  { measureSeconds = 30, readers = 8, seed = 20_2612, warmUpSeconds = 20 } = {},
): Promise<HitRatioFigures> => {
  const { payload } = site
  const catalog = getCatalogConfig(payload.config)
  const client = await site.sql()
  const roleSlugs = (await client.query<{ slug: string }>(`select slug from roles where _status = 'published' order by id`)).rows.map((row) => row.slug)
  const roleIDs = (await client.query<{ id: number }>(`select id from roles where _status = 'published' order by id`)).rows.map((row) => row.id)
  const skillIDs = (await client.query<{ id: number }>(`select id from skills where _status = 'published' order by id`)).rows.map((row) => row.id)

  // Each request carries a tag of its own (a header no cache key includes): the requests answered by
  // executing are known by tag, whatever else runs at the same time.
  const TAG = 'x-bench-request'
  const executed = new Set<string>()
  const previousExtensions = payload.extensions
  payload.extensions = async (args) => {
    const tag = (args.args.contextValue as { req?: { headers?: Headers } } | undefined)?.req?.headers?.get(TAG)
    if (tag) executed.add(tag)
    return previousExtensions ? previousExtensions(args) : args.result
  }
  const graphql = catalogGraphQLRoute(site.config)
  const restGet = withCatalogRestCache(async (request, args) => {
    const tag = request.headers.get(TAG)
    if (tag) executed.add(tag)
    return REST_GET(site.config)(request, args)
  }, site.config)
  let tags = 0
  const wasEnabled = catalog.responseCache.enabled
  catalog.responseCache.enabled = true

  const post = (body: Record<string, unknown>, tag: string) =>
    graphql.POST(
      new Request('http://localhost/api/graphql', { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', [TAG]: tag }, method: 'POST' }),
    )

  const run = async (rule: 'clearEverything' | 'dependencies'): Promise<Phase> => {
    const random = prng(seed)
    const order = shuffled(roleSlugs, random)
    const pickRole = zipf(order, random)
    // Comparisons of related roles (each with the next in popularity), popular pairs asked for most.
    const pickPair = zipf(order.slice(0, -1).map((a, i) => ({ a, b: order[i + 1]! })), random)
    const pickPage = zipf(Array.from({ length: 50 }, (_, i) => i + 1), random)
    /** One read: whether it executed, and whether its answer was asked for for the first time. */
    const read = async (): Promise<{ executed: boolean; first: boolean; kind: Kind }> => {
      const tag = String(++tags)
      const kind = random()
      let asked: string
      let kindOf: Kind = 'list'
      let send: () => Promise<Response>
      if (kind < 0.7) {
        const slug = pickRole()
        asked = `page ${slug}`
        kindOf = 'page'
        send = () => post({ query: ROLE_PAGE_QUERY, variables: { slug } }, tag)
      } else if (kind < 0.85) {
        const pair = pickPair()
        asked = `compare ${pair.a} ${pair.b}`
        kindOf = 'compare'
        send = () => post({ query: COMPARE_QUERY, variables: pair }, tag)
      } else if (random() < 0.2) {
        asked = 'role list'
        send = () => post({ query: ROLE_LIST_QUERY }, tag)
      } else {
        const collection = random() < 0.5 ? catalog.slugs.roles : catalog.slugs.skills
        const url = `http://localhost/api/${collection}?depth=0&limit=20&page=${pickPage()}`
        asked = url
        send = () => restGet(new Request(url, { headers: { [TAG]: tag } }), { params: Promise.resolve({ slug: [collection] }) })
      }
      const first = !seen.has(asked)
      seen.add(asked)
      const response = await send()
      const body = await response.text()
      if (response.status !== 200) throw new Error(`cacheHitRatioUnderWrites: ${asked} answered ${response.status}: ${body.slice(0, 200)}`)
      return { executed: executed.delete(tag), first, kind: kindOf }
    }

    existingResponseCache(payload)?.invalidate()
    const stopRule =
      rule === 'clearEverything'
        ? onCatalogChange(payload, (change) => {
            if (!change.draftOnly) existingResponseCache(payload)?.invalidate()
          })
        : () => {}
    const writes = prng(seed + 1)
    let publishes = 0
    /** Publishes in flight: awaited before the phase ends (the site may stop right after). */
    const writing = new Set<Promise<void>>()
    const publisher = setInterval(() => {
      const n = ++publishes
      const write =
        n % 2 === 1
          ? payload.update({
              collection: catalog.slugs.roles as 'users',
              data: { _status: 'published', summary: `Summary, edit ${n}` } as never,
              id: roleIDs[Math.floor(writes() * roleIDs.length)]!,
            })
          : payload.update({
              collection: catalog.slugs.skills as 'users',
              data: { _status: 'published', description: `Description, edit ${n}` } as never,
              id: skillIDs[Math.floor(writes() * skillIDs.length)]!,
            })
      const pending = write.then(
        () => undefined,
        (error: Error) => payload.logger.error(`cacheHitRatioUnderWrites: publish failed (${error.message})`),
      )
      writing.add(pending)
      void pending.finally(() => writing.delete(pending))
    }, 2000)

    const phase: Phase = {
      byKind: { compare: { misses: 0, requests: 0 }, list: { misses: 0, requests: 0 }, page: { misses: 0, requests: 0 } },
      evictions: 0,
      firstAsked: 0,
      heldAtEnd: { answers: 0, bytes: 0 },
      misses: 0,
      publishes: 0,
      requests: 0,
    }
    const seen = new Set<string>()
    const started = performance.now()
    const measureFrom = started + warmUpSeconds * 1000
    const deadline = measureFrom + measureSeconds * 1000
    let publishesAtStart: number | undefined
    let evictionsAtStart: number | undefined
    try {
      // `readers` readers, request after request each, as concurrent visitors are.
      await Promise.all(
        Array.from({ length: readers }, async () => {
          while (performance.now() < deadline) {
            const measuring = performance.now() >= measureFrom
            if (measuring && publishesAtStart === undefined) {
              publishesAtStart = publishes
              evictionsAtStart = existingResponseCache(payload)?.evictions ?? 0
            }
            const { executed: wasExecuted, first, kind } = await read()
            if (measuring) {
              if (first) phase.firstAsked++
              else {
                phase.requests++
                phase.byKind[kind].requests++
                if (wasExecuted) {
                  phase.misses++
                  phase.byKind[kind].misses++
                }
              }
            }
          }
        }),
      )
    } finally {
      clearInterval(publisher)
      await Promise.all([...writing])
      stopRule()
    }
    phase.publishes = publishes - (publishesAtStart ?? publishes)
    phase.evictions = (existingResponseCache(payload)?.evictions ?? 0) - (evictionsAtStart ?? 0)
    phase.heldAtEnd = { answers: existingResponseCache(payload)?.size ?? 0, bytes: existingResponseCache(payload)?.bytes ?? 0 }
    return phase
  }

  try {
    const dependencies = await run('dependencies')
    const clearEverything = await run('clearEverything')
    const ratio = (phase: Phase) => 1 - phase.misses / phase.requests
    return {
      clearEverything: ratio(clearEverything),
      dependencies: ratio(dependencies),
      details: { clearEverything, dependencies, measureSeconds, readers, roles: roleSlugs.length, warmUpSeconds },
    }
  } finally {
    catalog.responseCache.enabled = wasEnabled
    payload.extensions = previousExtensions as Payload['extensions']
  }
}
