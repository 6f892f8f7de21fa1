/**
 * One instance of a test site in a process of its own (tests/helpers/instance.ts starts it with tsx):
 * the plugin on DATABASE_URL, served over HTTP through Payload's REST and GraphQL route handlers,
 * plus `/__instance`, which reports what the tests need to know without sleeping: the last change
 * this instance applied, how often it resynced, and its notification connection (whether it can
 * prove it hears, and how many gaps it found).
 *
 * Env: DATABASE_URL, PLUGIN_OPTIONS (JSON; the response cache is on unless it says otherwise). Prints `listening <url>` once it serves.
 */
import { postgresAdapter } from '@payloadcms/db-postgres'
import { REST_GET } from '@payloadcms/next/routes'
import { buildConfig, getPayload } from 'payload'

import { lastAppliedChange, onCatalogResync } from '../../src/changes/changeFeed.js'
import { changeTransportOf } from '../../src/changes/transport.js'
import { roleCatalogPlugin } from '../../src/index.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../../src/exports/routes.js'
import { keepProcessAliveOnPoolErrors } from '../../dev/poolErrors.js'
import { serveSite } from './httpServer.js'

const config = await buildConfig({
  admin: { user: 'users' },
  collections: [{ slug: 'users', auth: true, fields: [] }],
  // The schema is there already (the test's own instance pushed it): as in production, no push, so
  // instances starting together never race on DDL.
  db: postgresAdapter({ pool: { connectionString: process.env.DATABASE_URL }, push: false }),
  logger: { options: { level: process.env.TEST_LOG_LEVEL ?? 'fatal' } },
  // The same secret as the in-process test site: a login on one instance is valid on the other.
  secret: 'role-catalog-test-secret',
  telemetry: false,
  // No background `payload generate:types` child (it would outlive a killed instance).
  typescript: { autoGenerate: false },
  plugins: [roleCatalogPlugin({ responseCache: true, ...JSON.parse(process.env.PLUGIN_OPTIONS || '{}') })],
})
const payload = await getPayload({ config })
// As a production site does (the plugin leaves the site's pools alone): a cut connection fails its request, not the process.
keepProcessAliveOnPoolErrors(payload)
let resyncs = 0
onCatalogResync(payload, () => void resyncs++)

// The demo's route files: GraphQL and REST GETs through the plugin's response cache.
const served = await serveSite({ config }, {
  graphql: catalogGraphQLRoute(config),
  restGet: withCatalogRestCache(REST_GET(config), config),
  extra: (request) => {
    if (new URL(request.url).pathname !== '/__instance') return undefined
    const transport = changeTransportOf(payload)
    return Response.json({
      lastApplied: lastAppliedChange(payload) ?? null,
      resyncs,
      transport: transport
        ? {
            backendPid: transport.backendPid ?? null,
            connected: transport.connected,
            gaps: transport.gaps,
            hearing: transport.hearing,
            heartbeatsHeard: transport.heartbeatsHeard,
            origin: transport.origin,
            reconnects: transport.reconnects,
          }
        : null,
    })
  },
})
console.log(`listening ${served.url}`)

const stop = async () => {
  await served.close()
  await payload.destroy()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
// Ends with the test process, even if it dies without stopping this one.
process.stdin.on('end', () => void stop())
process.stdin.resume()
