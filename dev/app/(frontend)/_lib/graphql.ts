import { cookies, draftMode, headers } from 'next/headers.js'

import { CACHE_SECONDS } from './cacheTags.js'

/**
 * The example frontend's only data source: the site's GraphQL endpoint over HTTP, at request time.
 * No Local API, no database: a frontend on another server works the same way with
 * ROLE_CATALOG_GRAPHQL_URL set.
 */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
  ) {
    super(message)
    this.name = 'GraphQLRequestError'
  }
}

/** The cookie in which Payload keeps an admin user's session (`${cookiePrefix}-token`). */
export const SESSION_COOKIE = 'payload-token'

/**
 * The editor's session while the page is in Next.js draft mode (entered through /next/preview,
 * which checked it), to send along with the page's queries so that they may answer with drafts.
 * Outside draft mode: null, and every query is anonymous (public, published content).
 */
export const previewSession = async (): Promise<null | { token: null | string }> => {
  if (!(await draftMode()).isEnabled) return null
  return { token: (await cookies()).get(SESSION_COOKIE)?.value ?? null }
}

/**
 * The origin the reader asked for: the request's Host header (X-Forwarded-Proto for https behind a
 * proxy, which must forward Host). Pages use it for their absolute links (hreflang, canonical).
 */
export const siteOrigin = async (): Promise<string> => {
  const incoming = await headers()
  const host = incoming.get('host')
  if (!host) throw new GraphQLRequestError('Cannot tell this site\'s address: the request has no Host header')
  const protocol = incoming.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http'
  return `${protocol}://${host}`
}

/** ROLE_CATALOG_GRAPHQL_URL when set (set it in production); otherwise this same server. Also what the browser asks (the search box's suggestions). */
export const graphqlEndpoint = async (): Promise<string> => endpoint()
const endpoint = async (): Promise<string> => process.env.ROLE_CATALOG_GRAPHQL_URL || `${await siteOrigin()}/api/graphql`

/** The Payload server the frontend reads from: where the admin's live preview messages come from. */
export const payloadOrigin = async (): Promise<string> => new URL(await endpoint()).origin

type GraphQLError = { extensions?: { statusCode?: number }; message: string }

/**
 * Runs a query. Returns `null` when it failed with 404 (unknown slug) or 400 (not a slug at all), so
 * the page can answer with its not-found page; any other error is thrown.
 *
 * With `tags` (and no token), the answer is kept in the Next.js data cache under those tags until a
 * change notification expires them (_lib/cacheTags.ts); without, it is read at request time.
 *
 * `token`: an editor's session (draft mode), sent as `Authorization: JWT <token>`. Such a request
 * is private: it must never be answered from, or stored in, a cache shared with anyone else
 * (`no-store` here, tags or not; the server scopes answers to requests with credentials as private).
 */
export const graphql = async <T>(
  query: string,
  variables: Record<string, unknown> = {},
  { tags, token }: { tags?: string[]; token?: null | string } = {},
): Promise<null | T> => {
  const response = await fetch(await endpoint(), {
    body: JSON.stringify({ query, variables }),
    ...(tags && !token ? { cache: 'force-cache', next: { revalidate: CACHE_SECONDS, tags } } : { cache: 'no-store' }),
    headers: {
      Accept: 'application/graphql-response+json, application/json',
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `JWT ${token}` } : {}),
    },
    method: 'POST',
  })
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: GraphQLError[] } | null
  if (!body) throw new GraphQLRequestError(`GraphQL answered ${response.status} without a JSON body`, response.status)
  const errors = body.errors ?? []
  if (errors.some((error) => [400, 404].includes(error.extensions?.statusCode ?? 0))) return null
  if (errors.length > 0 || !body.data) {
    throw new GraphQLRequestError(errors.map((error) => error.message).join('; ') || 'GraphQL returned no data', response.status)
  }
  return body.data
}

/** JSON-LD as the text of a <script> element: `<` escaped so no value can end the element early. */
export const jsonLdScriptText = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
