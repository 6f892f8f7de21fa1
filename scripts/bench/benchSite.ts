/**
 * A site for the benchmark: the plugin in a minimal host config, on a fresh database of its own on
 * the benchmark's PostgreSQL server, queried through Payload's real GraphQL route handler or, for
 * timings, executed in-process the way that handler does it.
 */
import type { Config, Payload, SanitizedConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { configToSchema } from '@payloadcms/graphql'
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { execute, type ExecutionResult, GraphQLError } from 'graphql'
import { buildConfig, createPayloadRequest, getPayload } from 'payload'
import pg from 'pg'

import { parsedDocument, validationErrors } from '../../src/graphql/preparedOperations.js'
import { roleCatalogPlugin, type RoleCatalogPluginOptions } from '../../src/index.js'
import { adminQuery } from '../database.js'

export type BenchSite = {
  config: SanitizedConfig
  databaseUrl: string
  /**
   * Executes a GraphQL operation in-process as `/api/graphql` (the plugin's catalogGraphQLRoute)
   * does once it has read the body, on a cache miss: a fresh Payload request (context, data loader,
   * anonymous user), the query's parsed document and its validation with GraphQL's and Payload's
   * rules (the site's own included) taken from the route's cache, then executed against Payload's
   * schema. Throws on errors.
   */
  execute: (query: string, variables?: Record<string, unknown>) => Promise<ExecutionResult>
  graphql: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<{ data?: T; errors?: { message: string }[] }>
  payload: Payload
  /** A connection of its own to the site's database, for the hand-written SQL baselines. */
  sql: () => Promise<pg.Client>
  stop: (options?: { drop?: boolean }) => Promise<void>
}

const databaseName = (databaseUrl: string) => decodeURIComponent(new URL(databaseUrl).pathname.slice(1))

/** Drops a database the benchmark created (after its site has stopped). */
export const dropDatabase = async (serverUrl: string, databaseUrl: string) =>
  adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${databaseName(databaseUrl)}" WITH (FORCE)`)

export const startBenchSite = async ({
  collections = [],
  copyOf,
  localization,
  name,
  plugin = {},
  seed = false,
  serverUrl,
}: {
  /** Collections of the host site besides `users`. */
  collections?: Config['collections']
  /** Start from a copy of another bench site's database (which must have stopped), not an empty one. */
  copyOf?: string
  /** The site's content locales (localizedRoleBySlugVsSql); none by default. */
  localization?: Config['localization']
  name: string
  /** Options of the plugin besides the bench's own limits (a customized host's overrides). */
  plugin?: RoleCatalogPluginOptions
  /** Seed the article's catalogue on init. */
  seed?: boolean
  serverUrl: string
}): Promise<BenchSite> => {
  // Named after the server URL's own database, so benchmarks of several checkouts never collide.
  const base = new URL(serverUrl).pathname.slice(1) || 'postgres'
  const database = `${base}_bench_${name}`.slice(0, 63)
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  if (copyOf) {
    // A stopped site's pool may still hold idle connections; a template must have none.
    const source = databaseName(copyOf)
    await adminQuery(serverUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${source.replace(/'/g, "''")}'`)
    await adminQuery(serverUrl, `CREATE DATABASE "${database}" TEMPLATE "${source}"`)
  } else {
    await adminQuery(serverUrl, `CREATE DATABASE "${database}"`)
  }
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  const databaseUrl = url.toString()

  process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
  const config = await buildConfig({
    admin: { user: 'users' },
    collections: [{ slug: 'users', auth: true, fields: [] }, ...collections],
    db: postgresAdapter({ pool: { connectionString: databaseUrl } }),
    ...(localization ? { localization } : {}),
    // The benchmark's own output says what happens; Payload's info lines (seeding) would drown it.
    logger: { options: { level: process.env.BENCH_LOG_LEVEL ?? 'error' } },
    // The recommended list queries are measured up to N = 1000; the default page cap is 100.
    plugins: [roleCatalogPlugin({ ...plugin, limits: { maxLimit: 1000 }, seed })],
    secret: 'role-catalog-bench-secret',
    telemetry: false,
    // No background `payload generate:types` (getPayload starts one outside production and never waits).
    typescript: { autoGenerate: false },
  })
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.clear()
  const graphqlCache = (globalThis as { _payload_graphql?: { graphql: unknown; promise: unknown } })._payload_graphql
  if (graphqlCache) {
    graphqlCache.graphql = null
    graphqlCache.promise = null
  }
  const payload = await getPayload({ config })
  ;(payload.db as unknown as { pool: pg.Pool }).pool.on('error', () => {})

  // What GRAPHQL_POST builds once per process (@payloadcms/next's getGraphql).
  const { schema, validationRules } = configToSchema(config)
  let client: pg.Client | undefined

  return {
    config,
    databaseUrl,
    execute: async (query, variables) => {
      const req = await createPayloadRequest({
        config,
        request: new Request('http://localhost/api/graphql', { headers: { 'Content-Type': 'application/json' }, method: 'POST' }),
      })
      // As the plugin's route (catalogGraphQLRoute) does: the parsed and validated document is cached.
      const document = parsedDocument(schema, query)
      if (document instanceof GraphQLError) throw document
      const args = { contextValue: { headers: {}, req }, document, schema, variableValues: variables }
      const errors = validationErrors(schema, validationRules, { ...args, query })
      if (errors.length > 0) throw new Error(`GraphQL validation: ${errors[0]!.message}`)
      const result = await execute(args)
      if (result.errors?.length) throw new Error(`GraphQL: ${result.errors[0]!.message}`)
      return result
    },
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
    sql: async () => {
      if (!client) {
        client = new pg.Client({ connectionString: databaseUrl })
        client.on('error', () => {})
        await client.connect()
      }
      return client
    },
    stop: async ({ drop = true } = {}) => {
      await client?.end()
      // destroy() leaves the adapter's pool open (its idle connections die with the database; the
      // pool's error handler above keeps that quiet).
      await payload.destroy()
      if (drop) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    },
  }
}
