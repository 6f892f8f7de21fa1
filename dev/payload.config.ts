import { postgresAdapter } from '@payloadcms/db-postgres'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { roleCatalogPlugin } from 'payload-plugin-role-catalog'

import { Users } from './collections/Users.js'
import { ensureDevUser } from './devUser.js'
import { demoLocalization } from './localization.js'
import { keepProcessAliveOnPoolErrors } from './poolErrors.js'
import { rolePreviewURL } from './preview.js'
import { revalidationSecrets, revalidationUrls } from './revalidation.js'

const dirname = path.dirname(fileURLToPath(import.meta.url))

if (!process.env.DATABASE_URL) {
  throw new Error(
    'DATABASE_URL is not set. Start the demo site with `npm run dev` (it starts an embedded PostgreSQL when DATABASE_URL is not set).',
  )
}

export default buildConfig({
  admin: {
    // Gravatar needs the internet; the built-in avatar does not (and keeps screenshots clean).
    avatar: 'default',
    importMap: {
      baseDir: path.resolve(dirname),
      importMapFile: path.resolve(dirname, 'app/(payload)/admin/importMap.js'),
    },
    user: Users.slug,
  },
  collections: [Users],
  db: postgresAdapter({
    // `npm run migrate:create` writes here, `npm run migrate` applies them (production: no schema push).
    // ROLE_CATALOG_MIGRATION_DIR lets tests/migrations.test.ts work on a copy.
    migrationDir: process.env.ROLE_CATALOG_MIGRATION_DIR || path.resolve(dirname, 'migrations'),
    pool: { connectionString: process.env.DATABASE_URL },
    // Read replicas (comma-separated URLs): anonymous reads go there, see docs/production.md.
    ...(process.env.DATABASE_REPLICA_URLS ? { readReplicas: process.env.DATABASE_REPLICA_URLS.split(',').map((url) => url.trim()) } : {}),
  }),
  graphQL: {
    // Payload's default: no introspection (and no playground) in production. The schema is published
    // as dev/schema.graphql instead. GRAPHQL_INTROSPECTION=on turns it on, e.g. for the
    // GraphQL-over-HTTP audit, some of whose checks query __type.
    disableIntrospectionInProduction: process.env.GRAPHQL_INTROSPECTION !== 'on',
    schemaOutputFile: path.resolve(dirname, 'schema.graphql'),
  },
  jobs: {
    // Scheduled publishing (the plugin's `drafts.schedulePublish`) queues a job per scheduled
    // publish or unpublish; this site runs the queue itself, in the server process, every 5 s, so a
    // publish goes out within about 5 s of its time (one indexed query on payload_jobs per tick).
    // A site with a separate worker or a platform cron sets ROLE_CATALOG_JOBS_AUTORUN=off and runs
    // `payload jobs:run` or calls /api/payload-jobs/run instead (docs/production.md).
    autoRun:
      process.env.ROLE_CATALOG_JOBS_AUTORUN === 'off'
        ? undefined
        : [{ cron: process.env.ROLE_CATALOG_JOBS_CRON || '*/5 * * * * *', queue: 'default' }],
  },
  localization: demoLocalization,
  onInit: async (payload) => {
    keepProcessAliveOnPoolErrors(payload)
    await ensureDevUser(payload)
  },
  plugins: [
    roleCatalogPlugin({
      // The example frontend caches its pages and is told what changed (dev/revalidation.ts): webhooks
      // recorded with each change and delivered by the jobs queue above (outbox: Webhook deliveries).
      changeNotifications: { secrets: revalidationSecrets(), urls: revalidationUrls() },
      graphQL: { maxAliases: 30, maxDepth: 12 },
      // Anonymous reads from an in-memory cache cleared by every published change (the route files
      // use the plugin's helpers). ROLE_CATALOG_RESPONSE_CACHE=off turns it off (the benchmark's
      // uncached figure).
      responseCache: process.env.ROLE_CATALOG_RESPONSE_CACHE !== 'off',
      // Live preview and Preview buttons open the example frontend in draft mode (dev/preview.ts).
      preview: { url: rolePreviewURL },
      seed: process.env.ROLE_CATALOG_SEED !== 'false',
    }),
  ],
  secret: process.env.PAYLOAD_SECRET || 'role-catalog-demo-secret-change-me',
  typescript: {
    // Outside production every getPayload (the payload CLI, scripts, tests) starts a background
    // `payload generate:types` it never waits for: it outlived those commands and rewrote this file
    // while tests read it (issue 13). `next dev` keeps regenerating while you work; elsewhere the
    // types come from `npm run generate:types` (checked for staleness by tests/documentTypes.test.ts).
    autoGenerate: process.env.NODE_ENV === 'development',
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
})
