/**
 * A site for the benchmark: the plugin in a minimal host config, on a fresh database of its own on
 * the benchmark's PostgreSQL server, queried through Payload's real GraphQL route handler.
 */
import type { Payload, SanitizedConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { buildConfig, getPayload } from 'payload'
import pg from 'pg'

import { roleCatalogPlugin } from '../../src/index.js'

export type BenchSite = {
  config: SanitizedConfig
  databaseUrl: string
  graphql: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: { message: string }[] }>
  payload: Payload
  stop: (options?: { drop?: boolean }) => Promise<void>
}

const adminQuery = async (serverUrl: string, text: string) => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export const startBenchSite = async ({
  name,
  seed = false,
  serverUrl,
}: {
  name: string
  /** Seed the article's catalogue on init. */
  seed?: boolean
  serverUrl: string
}): Promise<BenchSite> => {
  // Named after the server URL's own database, so benchmarks of several checkouts never collide.
  const base = new URL(serverUrl).pathname.slice(1) || 'postgres'
  const database = `${base}_bench_${name}`.slice(0, 63)
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await adminQuery(serverUrl, `CREATE DATABASE "${database}"`)
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  const databaseUrl = url.toString()

  process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
  const config = await buildConfig({
    admin: { user: 'users' },
    collections: [{ slug: 'users', auth: true, fields: [] }],
    db: postgresAdapter({ pool: { connectionString: databaseUrl } }),
    // The recommended list queries are measured up to N = 1000; the default page cap is 100.
    plugins: [roleCatalogPlugin({ limits: { maxLimit: 1000 }, seed })],
    secret: 'role-catalog-bench-secret',
    telemetry: false,
  })
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.clear()
  const graphqlCache = (globalThis as { _payload_graphql?: { graphql: unknown; promise: unknown } })._payload_graphql
  if (graphqlCache) {
    graphqlCache.graphql = null
    graphqlCache.promise = null
  }
  const payload = await getPayload({ config })
  ;(payload.db as unknown as { pool: pg.Pool }).pool.on('error', () => {})

  return {
    config,
    databaseUrl,
    graphql: async (query, variables) => {
      const response = await GRAPHQL_POST(config)(
        new Request('http://localhost/api/graphql', {
          body: JSON.stringify({ query, variables }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )
      return (await response.json()) as never
    },
    payload,
    stop: async ({ drop = true } = {}) => {
      await payload.destroy()
      if (drop) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    },
  }
}
