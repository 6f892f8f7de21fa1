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
  /** The trivial route over POST with the same bodies (read and dropped): what receiving them costs by itself. */
  trivialPost: LoadFigures & { route: string }
  /**
   * The trivial route over POST with the same bodies, answering as many bytes as the role page's
   * answer (`/healthz?bytes=N`): the same amount of HTTP as a cached hit, with nothing else done.
   */
  trivialPostSameSize: LoadFigures & { bytes: number; route: string }
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

type Server = Awaited<ReturnType<typeof startServer>>

/** The role page query against a running server: warm-up (and a check of the answer), then load, then /healthz. */
const measureServer = async ({
  connections,
  durationSeconds,
  label,
  log,
  query,
  server,
  slugs,
}: {
  connections: number
  durationSeconds: number
  label: string
  log: (line: string) => void
  query: string
  server: Server
  slugs: string[]
}): Promise<HttpFigures> => {
  const graphqlUrl = `${server.baseURL}/api/graphql`
  const body = (slug: string) => JSON.stringify({ query, variables: { slug } })
  // Made once: the load generator shares the machine's cores with the server.
  const bodies = slugs.map(body)
  // Warm up (route compilation caches, the GraphQL schema, connections) and check the answer.
  let answerBytes = 0
  for (const slug of slugs) {
    const response = await fetch(graphqlUrl, { body: body(slug), headers: { 'Accept-Encoding': 'identity', 'Content-Type': 'application/json' }, method: 'POST' })
    const text = await response.text()
    answerBytes += Buffer.byteLength(text)
    const json = JSON.parse(text) as { data?: { roleBySlug?: { slug: string } }; errors?: { message: string }[] }
    if (!response.ok || json.errors || json.data?.roleBySlug?.slug !== slug) {
      throw new Error(`roleBySlug over HTTP did not answer for "${slug}": ${response.status} ${JSON.stringify(json).slice(0, 300)}`)
    }
  }
  // The answers' mean size: the same-size trivial POST answers that many bytes.
  const meanAnswerBytes = Math.max(1, Math.round(answerBytes / slugs.length))
  await load({ connections, duration: 3, url: `${server.baseURL}/healthz` })

  let next = 0
  /** POSTs of the role page bodies in turn: to the GraphQL route and to the trivial route alike. */
  const postingBodies = (): autocannon.Request[] => [
    {
      headers: { 'content-type': 'application/json' },
      method: 'POST',
      setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }),
    },
  ]
  log(`autocannon: roleBySlug (${label}), ${connections} connections, ${durationSeconds} s`)
  const roleBySlug = await load({ connections, duration: durationSeconds, requests: postingBodies(), url: graphqlUrl })
  log(`autocannon: /healthz (${label} server), ${connections} connections, ${durationSeconds} s`)
  const trivial = await load({ connections, duration: durationSeconds, url: `${server.baseURL}/healthz` })
  log(`autocannon: POST /healthz with the role page bodies (${label} server), ${connections} connections, ${durationSeconds} s`)
  const trivialPost = await load({
    connections,
    duration: durationSeconds,
    requests: postingBodies(),
    url: `${server.baseURL}/healthz`,
  })
  log(`autocannon: POST /healthz?bytes=${meanAnswerBytes} with the role page bodies (${label} server), ${connections} connections, ${durationSeconds} s`)
  const trivialPostSameSize = await load({
    connections,
    duration: durationSeconds,
    requests: postingBodies(),
    url: `${server.baseURL}/healthz?bytes=${meanAnswerBytes}`,
  })
  return {
    ...roleBySlug,
    connections,
    durationSeconds,
    ratioToTrivial: Number((trivial.requestsPerSecond / roleBySlug.requestsPerSecond).toFixed(2)),
    trivial: { ...trivial, route: '/healthz' },
    trivialPost: { ...trivialPost, route: 'POST /healthz' },
    trivialPostSameSize: { ...trivialPostSameSize, bytes: meanAnswerBytes, route: `POST /healthz?bytes=${meanAnswerBytes}` },
  }
}

/** Search figures on one server: the search request's load, beside that server's trivial route. */
export type SearchHttpFigures = LoadFigures & { connections: number; durationSeconds: number; ratioToTrivial: number; trivial: LoadFigures & { route: string } }

/** A search query (`$text`) over POST /api/graphql, rotating through `texts`: checked, then loaded. */
const measureSearchLoad = async ({
  connections,
  durationSeconds,
  label,
  log,
  search,
  server,
  trivial,
}: {
  connections: number
  durationSeconds: number
  label: string
  log: (line: string) => void
  search: { query: string; texts: readonly string[] }
  server: Server
  trivial: LoadFigures & { route: string }
}): Promise<SearchHttpFigures> => {
  const graphqlUrl = `${server.baseURL}/api/graphql`
  const body = (text: string) => JSON.stringify({ query: search.query, variables: { text } })
  for (const text of search.texts) {
    const response = await fetch(graphqlUrl, { body: body(text), headers: { 'Content-Type': 'application/json' }, method: 'POST' })
    const json = (await response.json()) as { data?: { searchCatalog?: { totalDocs: number } }; errors?: { message: string }[] }
    if (!response.ok || json.errors || typeof json.data?.searchCatalog?.totalDocs !== 'number') {
      throw new Error(`searchCatalog over HTTP did not answer for "${text}": ${response.status} ${JSON.stringify(json).slice(0, 300)}`)
    }
  }
  let next = 0
  log(`autocannon: searchCatalog (${label}), ${connections} connections, ${durationSeconds} s`)
  const figures = await load({
    connections,
    duration: durationSeconds,
    requests: [
      {
        headers: { 'content-type': 'application/json' },
        method: 'POST',
        setupRequest: (request) => ({ ...request, body: body(search.texts[next++ % search.texts.length]!) }),
      },
    ],
    url: graphqlUrl,
  })
  return {
    ...figures,
    connections,
    durationSeconds,
    ratioToTrivial: Number((trivial.requestsPerSecond / figures.requestsPerSecond).toFixed(2)),
    trivial,
  }
}

/**
 * The demo site under load twice, from one build: with the response cache off
 * (ROLE_CATALOG_RESPONSE_CACHE=off: every request executes, as before the cache) and on (the
 * demo's default: after the warm-up, every request is a cache hit). Each server's trivial route is
 * measured right after its roleBySlug run.
 */
export const measureHttp = async ({
  connections = 10,
  databaseUrl,
  durationSeconds = 20,
  log,
  query,
  search,
  slugs,
}: {
  connections?: number
  /** A database with the demo site's schema and a catalogue in it. */
  databaseUrl: string
  durationSeconds?: number
  log: (line: string) => void
  query: string
  /** Also load a search query (`$text`) on each server, after its role page and trivial runs. */
  search?: { query: string; texts: readonly string[] }
  /** Role slugs the requests rotate through. */
  slugs: string[]
}): Promise<{ cached: HttpFigures; cachedSearch?: SearchHttpFigures; uncached: HttpFigures; uncachedSearch?: SearchHttpFigures }> => {
  // The build never connects to a database.
  await buildSite('postgres://build-only@127.0.0.1:1/none', { log })
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined
  const run = async (label: string, env: Record<string, string>) => {
    const server = await startServer({ databaseUrl, env, log, port })
    try {
      const role = await measureServer({ connections, durationSeconds, label, log, query, server, slugs })
      const searched = search
        ? await measureSearchLoad({ connections, durationSeconds, label, log, search, server, trivial: role.trivial })
        : undefined
      return { role, searched }
    } finally {
      await server.stop()
    }
  }
  const uncached = await run('uncached', { ROLE_CATALOG_RESPONSE_CACHE: 'off' })
  const cached = await run('cached', {})
  return { cached: cached.role, cachedSearch: cached.searched, uncached: uncached.role, uncachedSearch: uncached.searched }
}
