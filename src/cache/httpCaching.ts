import type { Payload } from 'payload'

import type { StoredCatalogConfig } from '../plugin/catalogConfig.js'
import type { CachedAnswer } from './responseCache.js'

/**
 * Whether a request presents credentials Payload would authenticate: an `Authorization` header
 * (a JWT, or `<collection> API-Key <key>`) or Payload's auth cookie. Such requests always take the
 * uncached path, even when the credentials turn out to be invalid.
 */
export const carriesCredentials = (headers: Headers, payload: Payload): boolean => {
  if (headers.has('authorization')) return true
  const cookie = headers.get('cookie')
  if (!cookie) return false
  const name = `${payload.config.cookiePrefix || 'payload'}-token=`
  return cookie.split(';').some((part) => part.trim().startsWith(name))
}

/**
 * How an answer may be kept by browsers and CDNs:
 * - `public`: an anonymous answer from the catalogue with the response cache on: shared caches
 *   may serve it for `s-maxage` seconds, then stale for `stale-while-revalidate` while refetching;
 * - `revalidate`: an anonymous answer the plugin cannot promise about (cache off, or a query that
 *   reads the host's own collections): kept, but checked (ETag → 304) on every use;
 * - `private`: an answer for a caller with credentials: never stored;
 * - `error`: never stored.
 */
export type AnswerKind = 'error' | 'private' | 'public' | 'revalidate'

export const cacheControl = (kind: AnswerKind, options: StoredCatalogConfig['responseCache']): string => {
  switch (kind) {
    case 'public':
      return `public, s-maxage=${options.sMaxAge}, stale-while-revalidate=${options.staleWhileRevalidate}`
    case 'revalidate':
      return 'no-cache'
    case 'private':
      return 'private, no-store'
    case 'error':
      return 'no-store'
  }
}

/** Whether the request's `If-None-Match` names this ETag (weak comparison, as RFC 9110 asks for it). */
export const matchesIfNoneMatch = (headers: Headers, etag: string): boolean => {
  const header = headers.get('if-none-match')
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

// Answers differ by the media type asked for; shared caches must also keep apart requests with
// credentials (they get `private` answers) from anonymous ones, and requests from different
// origins: Payload's CORS echoes an allow-listed Origin and sends nothing for a request without
// one, so an answer stored for a server-side fetch (no Origin) would be refused by the browsers
// of every allowed origin if a CDN handed it to them.
const VARY = ['Accept', 'Authorization', 'Cookie', 'Origin']
const VARY_VALUE = VARY.join(', ')

/**
 * Sets `Vary` to what the response already varies by (a host's or Payload's own) plus the plugin's,
 * `Origin` always (see VARY): a shared cache must neither hand one origin's
 * `Access-Control-Allow-Origin` to another nor an answer without one to an allowed origin.
 */
export const mergeVary = (headers: Headers): void => {
  const names = new Map<string, string>()
  const add = (name: string) => {
    const trimmed = name.trim()
    if (trimmed && !names.has(trimmed.toLowerCase())) names.set(trimmed.toLowerCase(), trimmed)
  }
  for (const name of (headers.get('vary') ?? '').split(',')) add(name)
  if (names.has('*')) return headers.set('Vary', '*')
  for (const name of VARY) add(name)
  headers.set('Vary', [...names.values()].join(', '))
}

/** Headers made per request or per representation, never carried from a miss to the hits after it. */
const PER_REQUEST = new Set(['cache-control', 'content-length', 'content-type', 'date', 'etag', 'set-cookie', 'vary'])

/** The headers of a miss that its hits must carry too (e.g. JSON-LD's `Content-Language`), CORS left to each request. */
export const carriedHeaders = (headers: Headers): [string, string][] =>
  [...headers.entries()].filter(([name]) => !PER_REQUEST.has(name) && !name.startsWith('access-control-'))

/** Only GET and HEAD are conditional requests (RFC 9110 13.1.2): anything else gets its answer. */
const conditional = (request: Request) => request.method === 'GET' || request.method === 'HEAD'

/**
 * What every response of one cached answer shares, made once per answer (and Cache-Control value,
 * which follows the live `responseCache` option): the headers its miss carried with Cache-Control
 * and ETag. Hits are most of a cached site's traffic; building these per request was most of what
 * a hit cost.
 */
type PreparedAnswer = { cacheControl: string; headers: [string, string][] }
const prepared = new WeakMap<CachedAnswer, PreparedAnswer>()
const prepare = (answer: CachedAnswer, cacheControlValue: string): PreparedAnswer => {
  let found = prepared.get(answer)
  if (!found || found.cacheControl !== cacheControlValue) {
    found = { cacheControl: cacheControlValue, headers: [...(answer.headers ?? []), ['Cache-Control', cacheControlValue], ['ETag', answer.etag]] }
    prepared.set(answer, found)
  }
  return found
}

/**
 * The response for an answer (from the cache or just made): 304 when the client already holds it,
 * else the body, with its ETag and Cache-Control and the headers its miss carried. `extra` carries
 * headers made per request (CORS): a `Headers` (a miss's own headers) or name/value pairs.
 */
export const answerResponse = ({
  answer,
  extra,
  kind,
  options,
  request,
  status = 200,
}: {
  answer: CachedAnswer
  extra?: [string, string][] | Headers
  kind: AnswerKind
  options: StoredCatalogConfig['responseCache']
  request: Request
  status?: number
}): Response => {
  const ready = prepare(answer, cacheControl(kind, options))
  const headers = new Headers(extra)
  for (const [name, value] of ready.headers) {
    // The miss's own headers win over carried ones; Cache-Control and ETag are the answer's.
    if (name === 'Cache-Control' || name === 'ETag' || !headers.has(name)) headers.set(name, value)
  }
  if (headers.has('vary')) mergeVary(headers)
  else headers.set('Vary', VARY_VALUE)
  if (conditional(request) && matchesIfNoneMatch(request.headers, answer.etag)) return new Response(null, { headers, status: 304 })
  headers.set('Content-Type', answer.contentType)
  return new Response(answer.body, { headers, status })
}

/** A response passed through with only its Cache-Control (and Vary) set: errors, private answers. */
export const withCacheControl = (response: Response, kind: AnswerKind, options: StoredCatalogConfig['responseCache']): Response => {
  const headers = new Headers(response.headers)
  headers.set('Cache-Control', cacheControl(kind, options))
  mergeVary(headers)
  return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
}

/**
 * HEAD answered as GET without a body (RFC 9110 9.3.2): `answer` is the route for GET; its
 * response's headers (ETag, Content-Type, Cache-Control...) are kept, the body is not sent.
 */
export const headAsGet = async (request: Request, answer: (request: Request) => Promise<Response>): Promise<Response> => {
  if (request.method !== 'HEAD') return answer(request)
  const response = await answer(new Request(request.url, { headers: request.headers, method: 'GET', signal: request.signal }))
  await response.body?.cancel()
  return new Response(null, { headers: response.headers, status: response.status, statusText: response.statusText })
}
