import { postgresAdapter } from '@payloadcms/db-postgres'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import { roleCatalogPlugin } from 'payload-plugin-role-catalog'

import { Users } from './collections/Users.js'
import { ensureDevUser } from './devUser.js'

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
  }),
  graphQL: {
    // The schema is published (dev/schema.graphql) for frontends to build on, so introspection hides
    // nothing; with Payload's default (off in production) `next start` fails the GraphQL-over-HTTP
    // audit, whose checks use __type.
    disableIntrospectionInProduction: false,
    schemaOutputFile: path.resolve(dirname, 'schema.graphql'),
  },
  onInit: ensureDevUser,
  plugins: [
    roleCatalogPlugin({
      graphQL: { maxAliases: 30, maxDepth: 12 },
      seed: process.env.ROLE_CATALOG_SEED !== 'false',
    }),
  ],
  secret: process.env.PAYLOAD_SECRET || 'role-catalog-demo-secret-change-me',
  typescript: {
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
})
