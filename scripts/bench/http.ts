/**
 * httpRoleBySlug: the demo site built for production (`next build dev`, skipped when dev/.next was
 * built from the same sources) and started with `next start dev` as a child process on a prepared
 * database, loaded with autocannon: the role page's query over POST /api/graphql, then the same
 * server's trivial route (/healthz) for comparison. Build and server come from the browser tests'
 * harness (tests/e2e/helpers/site.ts), so there is one way to build and start the site.
 */
import autocannon from 'autocannon'

import { buildSite, startServer } from '../../tests/e2e/helpers/site.js'

export type LoadFigures = { errors: number; p50: number; p99: number; requestsPerSecond: number }

export type HttpFigures = LoadFigures & {
  connections: number
  durationSeconds: number
  /** Requests per second of the trivial route divided by those of roleBySlug. */
  ratioToTrivial: number
  trivial: LoadFigures & { route: string }
}

const load = async (options: autocannon.Options): Promise<LoadFigures> => {
  const result = await autocannon(options)
  return {
    // Connection errors and timeouts, and any answer that is not 2xx.
    errors: result.errors + result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: Number(result.requests.average.toFixed(1)),
  }
}

export const measureHttp = async ({
  connections = 10,
  databaseUrl,
  durationSeconds = 20,
  log,
  query,
  slugs,
}: {
  connections?: number
  /** A database with the demo site's schema and a catalogue in it. */
  databaseUrl: string
  durationSeconds?: number
  log: (line: string) => void
  query: string
  /** Role slugs the requests rotate through. */
  slugs: string[]
}): Promise<HttpFigures> => {
  // The build never connects to a database.
  await buildSite('postgres://build-only@127.0.0.1:1/none', { log })
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined
  const server = await startServer({ databaseUrl, log, port })
  try {
    const graphqlUrl = `${server.baseURL}/api/graphql`
    const body = (slug: string) => JSON.stringify({ query, variables: { slug } })
    // Warm up (route compilation caches, the GraphQL schema, connections) and check the answer.
    for (const slug of slugs) {
      const response = await fetch(graphqlUrl, { body: body(slug), headers: { 'Content-Type': 'application/json' }, method: 'POST' })
      const json = (await response.json()) as { data?: { roleBySlug?: { slug: string } }; errors?: { message: string }[] }
      if (!response.ok || json.errors || json.data?.roleBySlug?.slug !== slug) {
        throw new Error(`roleBySlug over HTTP did not answer for "${slug}": ${response.status} ${JSON.stringify(json).slice(0, 300)}`)
      }
    }
    await load({ connections, duration: 3, url: `${server.baseURL}/healthz` })

    let next = 0
    log(`autocannon: roleBySlug, ${connections} connections, ${durationSeconds} s`)
    const roleBySlug = await load({
      connections,
      duration: durationSeconds,
      requests: [
        {
          headers: { 'content-type': 'application/json' },
          method: 'POST',
          setupRequest: (request) => ({ ...request, body: body(slugs[next++ % slugs.length]!) }),
        },
      ],
      url: graphqlUrl,
    })
    log(`autocannon: /healthz, ${connections} connections, ${durationSeconds} s`)
    const trivial = await load({ connections, duration: durationSeconds, url: `${server.baseURL}/healthz` })
    return {
      ...roleBySlug,
      connections,
      durationSeconds,
      ratioToTrivial: Number((trivial.requestsPerSecond / roleBySlug.requestsPerSecond).toFixed(2)),
      trivial: { ...trivial, route: '/healthz' },
    }
  } finally {
    await server.stop()
  }
}
