import type { AddressInfo } from 'node:net'

import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import http from 'node:http'

import type { TestSite } from './setup.js'

const restRoutes = { DELETE: REST_DELETE, GET: REST_GET, PATCH: REST_PATCH, POST: REST_POST } as const

export type ServedSite = { close: () => Promise<void>; url: string }

/**
 * Serves a test site's REST and GraphQL route handlers over real HTTP, the way Next.js mounts them
 * in dev/app/(payload)/api: for load and protocol tests that need sockets, not function calls.
 */
type Handler = (request: Request) => Promise<Response>
type RestHandler = (request: Request, args: { params: Promise<{ slug: string[] }> }) => Promise<Response>

export const serveSite = async (
  site: Pick<TestSite, 'config'>,
  {
    extra,
    graphql = GRAPHQL_POST(site.config),
    restGet,
  }: {
    /** Answers requests of its own (e.g. a test probe); undefined lets the site answer. */
    extra?: (request: Request) => Response | undefined
    /** The GraphQL route's handlers: one for POST only (Payload's stock route), or GET and POST (catalogGraphQLRoute). */
    graphql?: Handler | { GET?: Handler; POST?: Handler }
    /** The REST GET route, when not Payload's own (e.g. withCatalogRestCache). */
    restGet?: RestHandler
  } = {},
): Promise<ServedSite> => {
  const graphqlRoutes: { GET?: Handler; POST?: Handler } = typeof graphql === 'function' ? { POST: graphql } : graphql
  const allowed = ['OPTIONS', ...Object.keys(graphqlRoutes)].sort().join(', ')
  const server = http.createServer(async (incoming, outgoing) => {
    const target = new URL(incoming.url ?? '/', 'http://127.0.0.1')
    const method = (incoming.method ?? 'GET') as keyof typeof restRoutes | 'OPTIONS'
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value)
      else if (Array.isArray(value)) for (const each of value) headers.append(name, each)
    }
    const body = method === 'GET' || method === 'OPTIONS' ? undefined : Buffer.concat(chunks)
    const request = new Request(target, { body, headers, method })
    let response: Response
    try {
      const own = extra?.(request)
      if (own) {
        response = own
      } else if (target.pathname === '/api/graphql') {
        const route = method === 'GET' || method === 'POST' ? graphqlRoutes[method] : undefined
        response = route ? await route(request) : new Response(null, { headers: { Allow: allowed }, status: 405 })
      } else if (target.pathname.startsWith('/api/') && method in restRoutes) {
        const slug = target.pathname.slice('/api/'.length).split('/').filter(Boolean)
        const route = method === 'GET' && restGet ? restGet : restRoutes[method as keyof typeof restRoutes](site.config)
        response = await route(request, { params: Promise.resolve({ slug }) })
      } else {
        response = new Response(null, { status: 404 })
      }
    } catch {
      // What Next.js answers when a route handler throws.
      response = new Response(null, { status: 500 })
    }
    outgoing.writeHead(response.status, Object.fromEntries(response.headers))
    outgoing.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  }
}
