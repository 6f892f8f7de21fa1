import type { CollectionConfig, Config, Payload, SanitizedConfig } from 'payload'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { BasePayload, buildConfig, getPayload } from 'payload'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'

import { roleCatalogPlugin, type RoleCatalogPluginOptions } from '../../src/index.js'
import { adminQuery, withDatabaseName } from '../../scripts/database.js'
import { testDatabaseName } from './databaseName.js'
import { scratchFolder } from './scratch.js'

export const editor = { email: 'editor@example.com', password: 'editor-password' }

const Users: CollectionConfig = { slug: 'users', auth: true, fields: [] }

export type StartArgs = {
  /**
   * The site's database adapter: `postgres` (default; a database of this file's own on the shared
   * server) or `sqlite` (@payloadcms/db-sqlite, in process: a file in the run's scratch folder).
   */
  adapter?: 'postgres' | 'sqlite'
  /** Extra collections of the host site, next to `users`. */
  collections?: CollectionConfig[]
  /** Changes to the host config, applied before the plugin runs. */
  config?: Partial<Config>
  /** Short name for this file's database. */
  name: string
  /** The plugin's options; `false`: the same site without the plugin (to compare with). */
  plugin?: false | RoleCatalogPluginOptions
  /** node-postgres pool settings for the adapter (e.g. a short connection timeout). */
  pool?: Record<string, unknown>
  /** A PostgreSQL server other than the shared one (fault tests run their own). */
  serverUrl?: string
  /**
   * A streaming replica of `serverUrl` (tests/helpers/replica.ts): the adapter gets the same database
   * on it as `readReplicas`, with this read-your-writes window (Payload's default: 2000 ms).
   */
  replica?: { afterWriteInterval?: number; serverUrl: string; waitForReplay: () => Promise<void> }
}

/** A REST call's body, the caller's token and any further request headers (e.g. `Accept-Language`). */
type Call = { body?: unknown; headers?: Record<string, string>; token?: string }
/** A REST answer: status, parsed body and the response headers (lower-case names). */
type RestAnswer = { body: any; headers: Record<string, string>; status: number }

export type TestSite = {
  /**
   * A second instance of the same site in this process: its own Payload (pool, plugin state, change
   * feed) on the same database. Stopped with the site.
   */
  anotherInstance: (changes?: Partial<Config>) => Promise<Payload>
  config: SanitizedConfig
  databaseUrl: string
  /** POST to /api/graphql through Payload's own route handler; returns status and parsed body. */
  graphql: <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<{ body: { data?: T; errors?: any[] }; status: number }>
  /** A logged-in editor's JWT. */
  login: () => Promise<string>
  payload: Payload
  /** Runs SQL against this file's database (PostgreSQL: `$1` parameters; SQLite: `?`). */
  query: <R = any>(text: string, values?: unknown[]) => Promise<R[]>
  rest: {
    delete: (path: string, call?: Call) => Promise<RestAnswer>
    get: (path: string, call?: Call) => Promise<RestAnswer>
    patch: (path: string, call?: Call) => Promise<RestAnswer>
    post: (path: string, call?: Call) => Promise<RestAnswer>
  }
  stop: () => Promise<void>
}

const readBody = async (response: Response) => {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * A host site with the plugin, on a fresh database of its own, driven through Payload's real
 * REST and GraphQL route handlers (the ones `dev/app/(payload)/api` mounts).
 */
export const startSite = async ({
  adapter = 'postgres',
  name,
  collections = [],
  config: hostConfig = {},
  plugin = {},
  pool: poolOptions = {},
  serverUrl = inject('databaseUrl'),
  replica,
}: StartArgs): Promise<TestSite> => {
  const sqlite = adapter === 'sqlite'
  const database = testDatabaseName(serverUrl, name)
  // SQLite: a new file in a folder of its own (the run's scratch folder finds it if it is left).
  const sqliteFolder = sqlite ? await scratchFolder('sqlite-') : undefined
  if (!sqlite) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await adminQuery(serverUrl, `CREATE DATABASE "${database}"`)
  }
  const databaseUrl = sqliteFolder ? `file:${path.join(sqliteFolder, 'site.db')}` : withDatabaseName(serverUrl, database)
  // The new database reaches the replica by replication; the adapter connects to it at start-up.
  if (replica) await replica.waitForReplay()

  // The adapter skips a push when the schema equals the last one pushed in this process; every test
  // database is new, so it must always be pushed.
  process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
  const configArgs = (): Parameters<typeof buildConfig>[0] => ({
    admin: { user: 'users' },
    collections: [Users, ...collections],
    db: sqlite
      ? // As create-payload-app sets it up: no `transactionOptions`, so Payload writes without
        // transactions there (with them, libsql in process answers SQLITE_BUSY to concurrent writes).
        sqliteAdapter({ client: { url: databaseUrl } })
      : postgresAdapter({
          pool: { ...poolOptions, connectionString: databaseUrl },
          ...(replica
            ? { readReplicas: [withDatabaseName(replica.serverUrl, database)], readReplicasAfterWriteInterval: replica.afterWriteInterval }
            : {}),
        }),
    // Payload logs every refused request; TEST_LOG_LEVEL=info shows them when debugging.
    logger: { options: { level: process.env.TEST_LOG_LEVEL ?? 'fatal' } },
    secret: 'role-catalog-test-secret',
    telemetry: false,
    // Outside production, getPayload spawns `payload generate:types` and never waits for it: a child
    // per test file that found dev/payload.config.ts, rewrote dev/payload-types.ts while the staleness
    // test read it, and outlived the suite (issue 13). The types come from `npm run generate:types`.
    typescript: { autoGenerate: false },
    ...hostConfig,
    plugins: [...(hostConfig.plugins ?? []), ...(plugin === false ? [] : [roleCatalogPlugin(plugin)])],
  })
  const config = await buildConfig(configArgs())

  // The route handlers look Payload up by config in a process-wide cache; start from an empty one.
  ;(globalThis as { _payload?: Map<string, unknown> })._payload?.clear()
  // The GraphQL route caches the schema (with the collections' configs) process-wide, too.
  const graphqlCache = (globalThis as { _payload_graphql?: { graphql: unknown; promise: unknown } })._payload_graphql
  if (graphqlCache) Object.assign(graphqlCache, { graphql: null, promise: null })
  const payload = await getPayload({ config })
  // The plugin leaves the site's pool alone (as a site should, dev/poolErrors.ts does it for the
  // demo): the test keeps the process alive, or dropping the database at the end would surface as
  // an unhandled pool error.
  // A connection cut while in use (fault tests, a database dropped on the replica at the end) fails its
  // request; its client's error must not end the run: every client gets a listener when checked out.
  const quiet = (each: pg.Pool | undefined) => {
    if (!each) return
    if (each.listenerCount('error') === 0) each.on('error', () => {})
    const watched = new WeakSet<object>()
    const watch = (client: pg.PoolClient) => {
      if (watched.has(client)) return
      watched.add(client)
      client.on('error', () => {})
    }
    each.on('connect', watch)
    each.on('acquire', watch)
  }
  quiet((payload.db as unknown as { pool?: pg.Pool }).pool)
  // The replicas' pools too: dropping the database at the end ends their connections on the replica.
  for (const each of (payload.db as unknown as { drizzle: { $replicas?: { $client?: pg.Pool }[] } }).drizzle.$replicas ?? []) quiet(each.$client)

  const pool = sqlite ? undefined : new pg.Pool({ connectionString: databaseUrl, max: 2 })
  pool?.on('error', () => {})
  // SQLite: the adapter's own libsql client (rows as plain objects, by column name).
  type LibsqlClient = { execute: (statement: { args: unknown[]; sql: string }) => Promise<{ columns: string[]; rows: unknown[][] }> }
  const sqliteQuery = async (text: string, values: unknown[] = []) => {
    const result = await (payload.db as unknown as { client: LibsqlClient }).client.execute({ args: values, sql: text })
    return result.rows.map((row) => Object.fromEntries(result.columns.map((column, index) => [column, row[index]])))
  }

  const handler = (route: typeof REST_GET, method: string) =>
    async (path: string, { body, headers, token }: Call = {}) => {
      const url = new URL(`http://localhost/api${path}`)
      const request = new Request(url, {
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `JWT ${token}` } : {}),
          ...headers,
        },
        method,
      })
      const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
      const response = await route(config)(request, { params: Promise.resolve({ slug }) })
      return { body: await readBody(response), headers: Object.fromEntries(response.headers), status: response.status }
    }

  const rest = {
    delete: handler(REST_DELETE, 'DELETE'),
    get: handler(REST_GET, 'GET'),
    patch: handler(REST_PATCH, 'PATCH'),
    post: handler(REST_POST, 'POST'),
  }

  let editorToken: string | undefined
  const instances: Payload[] = []
  return {
    anotherInstance: async (changes = {}) => {
      // A Payload of its own (not getPayload's process-wide one), on the same database and config.
      const other = await new BasePayload().init({ config: await buildConfig({ ...configArgs(), ...changes }) })
      quiet((other.db as unknown as { pool?: pg.Pool }).pool)
      for (const each of (other.db as unknown as { drizzle?: { $replicas?: { $client?: pg.Pool }[] } }).drizzle?.$replicas ?? []) quiet(each.$client)
      instances.push(other)
      return other
    },
    config,
    databaseUrl,
    graphql: async (query, variables, token) => {
      const request = new Request('http://localhost/api/graphql', {
        body: JSON.stringify({ query, variables }),
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `JWT ${token}` } : {}),
        },
        method: 'POST',
      })
      const response = await GRAPHQL_POST(config)(request)
      return { body: await readBody(response), status: response.status }
    },
    login: async () => {
      if (editorToken) return editorToken
      const existing = await payload.count({ collection: 'users', where: { email: { equals: editor.email } } })
      if (existing.totalDocs === 0) await payload.create({ collection: 'users', data: editor })
      const result = await payload.login({ collection: 'users', data: editor })
      editorToken = result.token!
      return editorToken
    },
    payload,
    query: async (text, values) => (pool ? (await pool.query(text, values)).rows : ((await sqliteQuery(text, values)) as never[])),
    rest,
    stop: async () => {
      await pool?.end()
      for (const other of instances) await other.destroy()
      await payload.destroy()
      if (sqliteFolder) await rm(sqliteFolder, { force: true, recursive: true })
      else await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    },
  }
}
