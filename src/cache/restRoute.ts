import type { SanitizedConfig } from 'payload'

import { createPayloadRequest, getPayload, headersWithCors } from 'payload'

import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { readContextFor, readContextKey } from '../read/readContext.js'
import { catalogScopeOf } from './catalogScope.js'
import { answerResponse, carriesCredentials, withCacheControl } from './httpCaching.js'
import { responseCacheOf, strongETag } from './responseCache.js'

type ConfigArg = Promise<SanitizedConfig> | SanitizedConfig
/** The shape of Payload's REST route handlers (`REST_GET(config)` of @payloadcms/next/routes). */
export type RestRouteHandler = (request: Request, args: { params: Promise<{ slug?: string[] }> }) => Promise<Response>

/** Sub-paths of a collection that are not reads of its published documents. */
const NOT_READS = new Set(['access', 'init', 'me', 'versions'])

/**
 * Reads an anonymous caller may get from the cache: a catalogue collection's list (`/api/skills`),
 * count and documents by id, the roles' comparison (`/api/roles/compare`), matches
 * (`/api/roles/match`), similar roles (`/api/roles/<slug>/similar`) and JSON-LD (`/api/roles/<slug>/jsonld`).
 */
const isCatalogueRead = (rest: string[], isRoles: boolean): boolean =>
  rest.length === 0 ||
  (rest.length === 1 && !NOT_READS.has(rest[0]!)) ||
  (rest.length === 2 && isRoles && (rest[1] === 'jsonld' || rest[1] === 'similar'))

/** Query parameters in one order, so `?depth=1&limit=5` and `?limit=5&depth=1` share an answer. */
const canonicalSearch = (url: URL): string =>
  [...url.searchParams.entries()]
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')

/**
 * Wraps Payload's REST GET route so anonymous reads of the catalogue (see isCatalogueRead) are
 * answered from the instance's response cache when the plugin's `responseCache` option is on, with
 * ETag/304 and Cache-Control on every answer about the catalogue. Everything else (other
 * collections, other methods) passes through untouched.
 *
 * ```ts
 * // app/(payload)/api/[...slug]/route.ts
 * export const GET = withCatalogRestCache(REST_GET(config), config)
 * ```
 */
export const withCatalogRestCache =
  (handler: RestRouteHandler, config: ConfigArg): RestRouteHandler =>
  async (request, args) => {
    if (request.method !== 'GET') return handler(request, args)
    const segments = (await args.params).slug ?? []
    const [collection, ...rest] = segments
    const payload = await getPayload({ config })
    const scope = catalogScopeOf(payload)
    if (!collection || !scope.slugs.has(collection)) return handler(request, args)

    const catalog = getCatalogConfig(payload.config)
    const options = catalog.responseCache
    if (carriesCredentials(request.headers, payload)) return withCacheControl(await handler(request, args), 'private', options)
    if (!isCatalogueRead(rest, collection === catalog.slugs.roles)) return handler(request, args)

    // The read's context (locale, fallback locale, drafts) as Payload will make it for this request.
    const req = await createPayloadRequest({ config, request: request.clone() })
    if (req.user) return withCacheControl(await handler(request, args), 'private', options)
    const context = await readContextFor(req, { slugs: catalog.slugs })
    const shared = context.cacheScope === 'public' && options.enabled && !scope.uncacheable
    const url = new URL(request.url)
    const key = ['rest', url.pathname, canonicalSearch(url), readContextKey(context)].join('\u0000')
    const cache = shared ? responseCacheOf(payload, options.maxBytes) : undefined

    const hit = cache?.get(key)
    if (hit) return answerResponse({ answer: hit, extra: headersWithCors({ headers: new Headers(), req }), kind: 'public', options, request })

    const ticket = cache?.begin()
    const response = await handler(request, args)
    if (response.status !== 200) return withCacheControl(response, 'error', options)
    if (context.cacheScope !== 'public') return withCacheControl(response, 'private', options)
    const body = await response.text()
    const answer = { body, contentType: response.headers.get('content-type') ?? 'application/json', etag: strongETag(body) }
    if (cache && ticket) cache.store(key, answer, ticket)
    const extra = new Headers(response.headers)
    extra.delete('content-type')
    extra.delete('content-length')
    return answerResponse({ answer, extra, kind: shared ? 'public' : 'revalidate', options, request })
  }
