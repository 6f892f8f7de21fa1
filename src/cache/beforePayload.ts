import type { Payload } from 'payload'

import { LRUCache } from 'lru-cache'
import { headersWithCors } from 'payload'

import type { StoredCatalogConfig } from '../plugin/catalogConfig.js'

import { answerResponse, carriesCredentials } from './httpCaching.js'
import { existingResponseCache } from './responseCache.js'

/**
 * Hits answered before Payload builds its request (issue 20, part 5). Building a PayloadRequest
 * (i18n, locale, authentication, the body) costs more than answering from memory, so a request
 * without credentials is first looked up by its raw shape: the route and method, its `Accept` and
 * `Content-Type`, its path and query string and (POST) its body, exactly as sent (what graphql-http's and
 * Payload's parsing read). The path is what names the document on REST (`/api/skills/7` and
 * `/api/roles/3` share a query string, not an answer). That shape maps to the answer's
 * cache key when a request of the same shape was answered through the full path (the key is a
 * function of it there: parameters, locale and fallback from the URL and body, no user), so the hit
 * is the same answer, with the same headers, that the full path would give.
 *
 * Only where nothing but the request decides the key: no `draft` parameter (whether a caller may
 * read drafts is an access decision), and no custom auth strategies on the site (those can
 * authenticate a request without an Authorization header or Payload's cookie).
 */

/** Raw request shapes → cache keys, per instance; bounded (a shape is a few hundred bytes). */
const shapes = new WeakMap<Payload, LRUCache<string, string>>()
const shapesOf = (payload: Payload): LRUCache<string, string> => {
  let found = shapes.get(payload)
  if (!found) shapes.set(payload, (found = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (key, shape) => 2 * (key.length + shape.length) + 64 })))
  return found
}

/**
 * Whether any auth collection has strategies of its own, per config: Payload's reload (a config
 * change in development) gives the same Payload a new config, which may add or drop them.
 */
const customStrategies = new WeakMap<Payload['config'], boolean>()
const hasCustomStrategies = (payload: Payload): boolean => {
  let found = customStrategies.get(payload.config)
  if (found === undefined) {
    found = payload.config.collections.some((collection) => Boolean(collection.auth && collection.auth.strategies?.length))
    customStrategies.set(payload.config, found)
  }
  return found
}

/**
 * The path and query string of a request's URL, as sent (a request URL is absolute and has no
 * fragment). Sliced rather than parsed: parsing a GraphQL GET's long query string on every hit
 * costs more than the rest of the lookup.
 */
const pathAndSearch = (url: string): [pathname: string, search: string] => {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start < 0) return ['/', '']
  const query = url.indexOf('?', start)
  return query < 0 ? [url.slice(start), ''] : [url.slice(start, query), url.slice(query)]
}

/**
 * Whether the query string's first `draft` parameter is there and not `false`, as
 * `URLSearchParams.get('draft')` says; only parameter names are decoded (a GraphQL GET's long,
 * percent-encoded `query` value is not).
 */
const asksForDraft = (search: string): boolean => {
  if (!search.includes('draft') && !search.includes('%')) return false
  for (const part of search.slice(1).split('&')) {
    const equals = part.indexOf('=')
    const rawName = equals < 0 ? part : part.slice(0, equals)
    const name = rawName.includes('%') || rawName.includes('+') ? new URLSearchParams(`${rawName}=`).keys().next().value : rawName
    if (name === 'draft') return new URLSearchParams(part).values().next().value !== 'false'
  }
  return false
}

/**
 * The request's raw shape, when its answer may come from the cache before Payload's request is
 * built; undefined otherwise. `body` is the body as sent (POST), one character a byte.
 */
export const requestShape = (payload: Payload, request: Request, route: string, body = ''): string | undefined => {
  if (carriesCredentials(request.headers, payload) || hasCustomStrategies(payload)) return undefined
  const [pathname, search] = pathAndSearch(request.url)
  if (asksForDraft(search)) return undefined
  const headers = request.headers
  // The path too: REST paths of one query string (`/roles/a/jsonld`, `/roles/b/jsonld`) are different reads.
  return [route, request.method, pathname, headers.get('accept') ?? '', headers.get('content-type') ?? '', search, body].join('\u0000')
}

/** After the full path answered (or stored) under `key`: requests of this shape get that answer. */
export const rememberShape = (payload: Payload, shape: string | undefined, key: string): void => {
  if (shape !== undefined) shapesOf(payload).set(shape, key)
}

/**
 * The CORS headers Payload's `headersWithCors` sets for a request from `origin` (none: no Origin
 * header), made once per origin: they depend on the site's `cors` setting and the origin only.
 * The table is kept for one `cors` value: Payload's reload (a config change in development) gives
 * the same Payload a new config, and its origins must be judged again. Bounded: past MAX_ORIGINS
 * distinct origins (most of them refused, so without a header of their own) the table starts again.
 */
const MAX_ORIGINS = 256
type CorsTable = { cors: unknown; headers: Map<string, [string, string][]> }
const corsByOrigin = new WeakMap<Payload, CorsTable>()
export const corsHeaders = (payload: Payload, origin: null | string): [string, string][] => {
  let current = corsByOrigin.get(payload)
  if (!current || current.cors !== payload.config.cors) corsByOrigin.set(payload, (current = { cors: payload.config.cors, headers: new Map() }))
  const table = current.headers
  const key = origin ?? '\u0000none'
  let found = table.get(key)
  if (!found) {
    const requestHeaders = new Headers(origin === null ? undefined : { Origin: origin })
    found = [...headersWithCors({ headers: new Headers(), req: { headers: requestHeaders, payload } as never }).entries()]
    if (table.size >= MAX_ORIGINS) table.clear()
    table.set(key, found)
  }
  return found
}

/** The cached answer for a request of this shape, as a response (CORS as Payload sets it), or undefined. */
export const answerBeforePayload = (
  payload: Payload,
  shape: string | undefined,
  request: Request,
  options: StoredCatalogConfig['responseCache'],
): Response | undefined => {
  if (shape === undefined || !options.enabled) return undefined
  const key = shapes.get(payload)?.get(shape)
  if (key === undefined) return undefined
  const answer = existingResponseCache(payload)?.get(key)
  if (!answer) return undefined
  return answerResponse({ answer, extra: corsHeaders(payload, request.headers.get('origin')), kind: 'public', options, request })
}
