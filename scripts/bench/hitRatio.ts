/**
 * cacheHitRatioUnderWrites: a steady anonymous read load over the imported catalogue, through the
 * plugin's routes as a site mounts them (catalogGraphQLRoute, withCatalogRestCache(REST_GET)), with
 * the response cache on and a publish every 2 s (a role's summary, then a skill's description, in
 * turn). The reads are a Zipf-like mix (exponent 1 over a shuffled order, so popularity does not
 * follow IDs): 70% role pages (the example frontend's query), 15% comparisons of two such roles,
 * 15% list pages (REST pages of roles and skills, the frontend's role list in GraphQL).
 *
 * Measured twice on the same sequence (same seed, same publishes): with the plugin's rule (a change
 * drops the answers that depend on it, src/cache/dependencies.ts) and with the clear-everything
 * rule (every change clears the cache). After a warm-up, hit ratio = 1 − answers executed ÷ requests,
 * counting executions (GraphQL: Payload's `extensions` call per executed operation; REST: calls of
 * Payload's handler).
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

type Phase = { executions: number; publishes: number; requests: number }

export const measureHitRatioUnderWrites = async (
  site: BenchSite,
  { measureSeconds = 20, seed = 20_2612, warmUpSeconds = 10, workers = 4 } = {},
): Promise<HitRatioFigures> => {
  const { payload } = site
  const catalog = getCatalogConfig(payload.config)
  const client = await site.sql()
  const roleSlugs = (await client.query<{ slug: string }>(`select slug from roles where _status = 'published' order by id`)).rows.map((row) => row.slug)
  const roleIDs = (await client.query<{ id: number }>(`select id from roles where _status = 'published' order by id`)).rows.map((row) => row.id)
  const skillIDs = (await client.query<{ id: number }>(`select id from skills where _status = 'published' order by id`)).rows.map((row) => row.id)

  let executions = 0
  const previousExtensions = payload.extensions
  payload.extensions = async (args) => {
    executions++
    return previousExtensions ? previousExtensions(args) : args.result
  }
  const graphql = catalogGraphQLRoute(site.config)
  const restGet = withCatalogRestCache(async (request, args) => {
    executions++
    return REST_GET(site.config)(request, args)
  }, site.config)
  const wasEnabled = catalog.responseCache.enabled
  catalog.responseCache.enabled = true

  const run = async (rule: 'clearEverything' | 'dependencies'): Promise<Phase> => {
    const random = prng(seed)
    const pickRole = zipf(shuffled(roleSlugs, random), random)
    const pickPage = zipf(Array.from({ length: 50 }, (_, i) => i + 1), random)
    // Two different roles (comparing a role with itself is a 400 by design).
    const comparedPair = () => {
      const a = pickRole()
      let b = pickRole()
      while (b === a) b = pickRole()
      return { a, b }
    }
    const read = async () => {
      const kind = random()
      let response: Response
      if (kind < 0.7) {
        response = await graphql.POST(
          new Request('http://localhost/api/graphql', {
            body: JSON.stringify({ query: ROLE_PAGE_QUERY, variables: { slug: pickRole() } }),
            headers: { 'Content-Type': 'application/json' },
            method: 'POST',
          }),
        )
      } else if (kind < 0.85) {
        response = await graphql.POST(
          new Request('http://localhost/api/graphql', {
            body: JSON.stringify({ query: COMPARE_QUERY, variables: comparedPair() }),
            headers: { 'Content-Type': 'application/json' },
            method: 'POST',
          }),
        )
      } else {
        const list = random()
        if (list < 0.2) {
          response = await graphql.POST(
            new Request('http://localhost/api/graphql', {
              body: JSON.stringify({ query: ROLE_LIST_QUERY }),
              headers: { 'Content-Type': 'application/json' },
              method: 'POST',
            }),
          )
        } else {
          const collection = list < 0.6 ? catalog.slugs.roles : catalog.slugs.skills
          const url = `http://localhost/api/${collection}?depth=0&limit=20&page=${pickPage()}`
          response = await restGet(new Request(url), { params: Promise.resolve({ slug: [collection] }) })
        }
      }
      const body = await response.text()
      if (response.status !== 200) throw new Error(`cacheHitRatioUnderWrites: a read answered ${response.status}: ${body.slice(0, 200)}`)
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
      write.catch((error: Error) => payload.logger.error(`cacheHitRatioUnderWrites: publish failed (${error.message})`))
    }, 2000)

    const counted: Phase = { executions: 0, publishes: 0, requests: 0 }
    let measuring = false
    const deadline = performance.now() + (warmUpSeconds + measureSeconds) * 1000
    setTimeout(() => {
      measuring = true
      counted.executions = -executions
      counted.publishes = -publishes
    }, warmUpSeconds * 1000).unref()
    try {
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (performance.now() < deadline) {
            const wasMeasuring = measuring
            await read()
            if (wasMeasuring) counted.requests++
          }
        }),
      )
    } finally {
      clearInterval(publisher)
      stopRule()
    }
    counted.executions += executions
    counted.publishes += publishes
    return counted
  }

  try {
    const dependencies = await run('dependencies')
    const clearEverything = await run('clearEverything')
    const ratio = (phase: Phase) => Math.max(0, 1 - phase.executions / phase.requests)
    return {
      clearEverything: ratio(clearEverything),
      dependencies: ratio(dependencies),
      details: { clearEverything, dependencies, measureSeconds, roles: roleSlugs.length, warmUpSeconds, workers },
    }
  } finally {
    catalog.responseCache.enabled = wasEnabled
    payload.extensions = previousExtensions as Payload['extensions']
  }
}
