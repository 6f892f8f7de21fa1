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
// credentials (they get `private` answers) from anonymous ones.
const VARY = 'Accept, Authorization, Cookie'

/**
 * The response for an answer (from the cache or just made): 304 when the client already holds it,
 * else the body, with its ETag and Cache-Control. `extra` carries headers made per request (CORS).
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
  extra?: Headers
  kind: AnswerKind
  options: StoredCatalogConfig['responseCache']
  request: Request
  status?: number
}): Response => {
  const headers = new Headers(extra)
  headers.set('Cache-Control', cacheControl(kind, options))
  headers.set('ETag', answer.etag)
  headers.set('Vary', VARY)
  if (matchesIfNoneMatch(request.headers, answer.etag)) return new Response(null, { headers, status: 304 })
  headers.set('Content-Type', answer.contentType)
  return new Response(answer.body, { headers, status })
}

/** A response passed through with only its Cache-Control (and Vary) set: errors, private answers. */
export const withCacheControl = (response: Response, kind: AnswerKind, options: StoredCatalogConfig['responseCache']): Response => {
  const headers = new Headers(response.headers)
  headers.set('Cache-Control', cacheControl(kind, options))
  headers.set('Vary', VARY)
  return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
}
