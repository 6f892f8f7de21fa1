import type { CollectionSlug, SanitizedConfig } from 'payload'

import { createPayloadRequest, getPayload, headersWithCors } from 'payload'
import { isNumber } from 'payload/shared'

import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { readContextFor, readContextKey } from '../read/readContext.js'
import { catalogScopeOf } from './catalogScope.js'
import { answerBeforePayload, corsHeaders, rememberShape, requestShape } from './beforePayload.js'
import { recordWhile } from './dependencies.js'
import { answerResponse, carriedHeaders, carriesCredentials, headAsGet, withCacheControl } from './httpCaching.js'
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

/**
 * The query parameters Payload's REST reads and the plugin's endpoints take (by name, before any
 * `[`: `where[title][equals]`); any other parameter changes nothing they answer.
 */
// Payload reads `fallbackLocale` beside `fallback-locale` (createPayloadRequest), and `data` and
// `flattenLocales` by ID (findByIDHandler): dropping one would answer differently from Payload.
const READ_PARAMETERS = new Set([
  'a', 'b', 'data', 'depth', 'draft', 'fallback-locale', 'fallbackLocale', 'flattenLocales', 'joins', 'limit', 'locale',
  'page', 'pagination', 'populate', 'select', 'sort', 'trash', 'where',
])

/** Payload's own GET paths of a collection and the plugin's endpoints: the parameters they take are known. */
const KNOWN_PATHS = new Set(['/', '/:id', '/count', '/compare', '/:slug/jsonld'])
/** Payload's own reads (find, findByID, count): they take their parameters through its parseParams. */
const PAYLOAD_READS = new Set(['/', '/:id', '/count'])
/** As Payload's parseParams parses them: `Number()` where its own `isNumber` (payload/shared) says so, ... */
const NUMBER_PARAMETERS = new Set(['depth', 'limit', 'page'])
/** ... and 'true' / 'false' only, anything else undefined (as if absent). */
const BOOLEAN_PARAMETERS = new Set(['draft', 'flattenLocales', 'pagination', 'trash'])
/** Read by createPayloadRequest into `req.locale` / `req.fallbackLocale` (sanitizeLocales): keyed as resolved. */
const LOCALE_PARAMETERS = new Set(['fallback-locale', 'fallbackLocale', 'locale'])


const matches = (path: string, rest: string[]): boolean => {
  const segments = path.split('/').filter(Boolean)
  return segments.length === rest.length && segments.every((segment, index) => segment.startsWith(':') || segment === rest[index])
}

/**
 * The GET endpoint Payload will run for this path (the first that matches: a site's own endpoints
 * come before Payload's), by its path pattern (`/`, `/:id`, `/:slug/jsonld`, a site's `/search`).
 */
const endpointPath = (endpoints: unknown, rest: string[]): string => {
  const gets = (Array.isArray(endpoints) ? endpoints : []) as { method?: string; path?: string }[]
  const endpoint = gets.find((each) => each.method?.toLowerCase() === 'get' && typeof each.path === 'string' && matches(each.path, rest))
  return endpoint?.path ?? (rest.length === 0 ? '/' : rest.length === 1 ? '/:id' : `/${rest.map(() => '*').join('/')}`)
}

/**
 * The read's query string as the cache keys it and Payload then executes it: parameters sorted by
 * name (`?depth=1&limit=5` and `?limit=5&depth=1` share an answer) with repeated ones kept in their
 * order (`?sort=a&sort=b` is not `?sort=b&sort=a`). For Payload's own reads and the plugin's
 * endpoints, parameters none of them takes are left out; for Payload's own reads, a value is
 * written as Payload parses it (`depth=01`, `depth=+1`, `depth=1.0` → `depth=1`; `draft=yes`, which
 * Payload reads as absent, left out): junk does not buy an entry and a database read each. A
 * parameter given more than once, or with brackets, is left as sent (qs makes an array or object
 * of it, which Payload does not parse the same way).
 */
const canonicalSearch = (url: URL, path: string): string => {
  const known = KNOWN_PATHS.has(path)
  const payloadRead = PAYLOAD_READS.has(path)
  const entries = [...url.searchParams.entries()]
  const count = new Map<string, number>()
  for (const [name] of entries) count.set(name.split('[')[0]!, (count.get(name.split('[')[0]!) ?? 0) + 1)
  return entries
    .filter(([name]) => !known || READ_PARAMETERS.has(name.split('[')[0]!))
    .flatMap(([name, value]): [string, string][] => {
      if (!payloadRead || count.get(name) !== 1) return [[name, value]]
      if (NUMBER_PARAMETERS.has(name)) return [[name, isNumber(value) ? String(Number(value)) : value]]
      if (BOOLEAN_PARAMETERS.has(name)) return value === 'true' || value === 'false' ? [[name, value]] : []
      return [[name, value]]
    })
    .map(([name, value], index) => ({ index, name, value }))
    .sort((x, y) => (x.name === y.name ? x.index - y.index : x.name < y.name ? -1 : 1))
    .map(({ name, value }) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&')
}

/**
 * The key's form of the query string: for Payload's own reads, `locale`, `fallback-locale` and
 * `fallbackLocale` given once each as plain values are left out, because the key carries them as
 * Payload resolved them (`req.locale`, `req.fallbackLocale`, in the read context): Payload reads
 * an unknown `?locale=zz1` as the default locale (with `localization.fallback`), so `zz1`, `zz2`
 * ... share the default locale's answer instead of buying one each. The plugin's endpoints refuse
 * an unknown locale (400): there the parameters stay in the key, so a hit never answers what the
 * endpoint would refuse.
 */
const keyedSearch = (search: string, path: string): string => {
  if (!PAYLOAD_READS.has(path)) return search
  const params = new URLSearchParams(search)
  const plain = (name: string) => params.getAll(name).length <= 1 && ![...params.keys()].some((each) => each !== name && each.split('[')[0] === name)
  if (![...LOCALE_PARAMETERS].every(plain)) return search
  for (const name of LOCALE_PARAMETERS) params.delete(name)
  return params.toString()
}

/**
 * On a site without `localization.fallback`, Payload keeps an unknown `?locale=` as given
 * (createPayloadRequest's sanitizeLocales takes the first value) and its read then fails in the
 * database (PostgreSQL refuses the value for the locale column: a 400 after a failed statement).
 * The same 400, naming the parameter, before any statement: junk locales buy no database round
 * trip. With `fallback`, Payload reads an unknown locale as the default one (keyed so, see keyedSearch).
 */
const unknownLocale = (localization: unknown, url: URL): string | undefined => {
  const config = localization as { fallback?: boolean; localeCodes: string[] } | false | undefined
  if (!config || config.fallback) return undefined
  const locale = url.searchParams.get('locale')
  if (locale === null || locale === 'all' || locale === '*' || config.localeCodes.includes(locale)) return undefined
  const shown = locale.length > 40 ? `${locale.slice(0, 40)}…` : locale
  return `"locale" must be one of ${[...config.localeCodes, 'all'].join(', ')}, not ${JSON.stringify(shown)}`
}

/**
 * Wraps Payload's REST GET route so anonymous reads of the catalogue (see isCatalogueRead) are
 * answered from the instance's response cache when the plugin's `responseCache` option is on, with
 * ETag/304 and Cache-Control on every answer about the catalogue. Everything else (other
 * collections, other methods) passes through untouched. `HEAD` is answered as `GET` without a body.
 *
 * ```ts
 * // app/(payload)/api/[...slug]/route.ts
 * export const GET = withCatalogRestCache(REST_GET(config), config)
 * ```
 */
export const withCatalogRestCache = (handler: RestRouteHandler, config: ConfigArg): RestRouteHandler => {
  const serve: RestRouteHandler = async (request, args) => {
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
    // A request without credentials whose answer is cached is answered before Payload's request is built.
    const shape = options.enabled ? requestShape(payload, request, 'rest') : undefined
    const early = answerBeforePayload(payload, shape, request, options)
    if (early) return early

    // What is keyed is what Payload executes: the request with its canonical query string.
    const url = new URL(request.url)
    const endpoints = payload.collections[collection as CollectionSlug]?.config.endpoints
    const path = endpointPath(endpoints, rest)
    const search = canonicalSearch(url, path)
    url.search = search
    const executed = new Request(url, { headers: request.headers, method: 'GET', signal: request.signal })
    // The read's context (locale, fallback locale, drafts) as Payload will make it for this request.
    const req = await createPayloadRequest({ config, request: executed.clone() })
    if (req.user) return withCacheControl(await handler(executed, args), 'private', options)
    const refused = PAYLOAD_READS.has(path) ? unknownLocale(payload.config.localization, url) : undefined
    if (refused) {
      const response = Response.json({ errors: [{ message: refused }] }, { headers: headersWithCors({ headers: new Headers(), req }), status: 400 })
      return withCacheControl(response, 'error', options)
    }
    const context = await readContextFor(req, { slugs: catalog.slugs })
    const shared = context.cacheScope === 'public' && options.enabled && !scope.uncacheable
    const key = ['rest', url.pathname, keyedSearch(search, path), readContextKey(context)].join('\u0000')
    const cache = shared ? responseCacheOf(payload, options) : undefined

    const hit = cache?.get(key)
    if (hit) {
      rememberShape(payload, shape, key)
      return answerResponse({ answer: hit, extra: corsHeaders(payload, request.headers.get('origin')), kind: 'public', options, request })
    }

    const ticket = cache?.begin()
    // Payload builds its own request for the handler: its reads record through the call's async context.
    const { dependencies, result: response } = await recordWhile(() => handler(executed, args))
    if (response.status !== 200) return withCacheControl(response, 'error', options)
    if (context.cacheScope !== 'public') return withCacheControl(response, 'private', options)
    const body = new Uint8Array(await response.arrayBuffer())
    const contentType = response.headers.get('content-type') ?? 'application/json'
    const answer = { body, contentType, etag: strongETag(body, contentType), headers: carriedHeaders(response.headers) }
    if (cache && ticket && cache.store(key, answer, ticket, dependencies, `rest ${collection} ${path}`)) rememberShape(payload, shape, key)
    const extra = new Headers(response.headers)
    extra.delete('content-type')
    extra.delete('content-length')
    return answerResponse({ answer, extra, kind: shared ? 'public' : 'revalidate', options, request })
  }
  return (request, args) => headAsGet(request, (asked) => serve(asked, args))
}
