import type { Payload } from 'payload'

/**
 * Which database the site runs on, asked in one place. The plugin is built for PostgreSQL
 * (`@payloadcms/db-postgres`, adapter name `postgres`): its accelerations (tuned reads, ranked
 * search, LISTEN/NOTIFY, replicas, bulk import) run there only. On Payload's other adapters
 * (`sqlite`, `mongoose`) the plugin answers through Payload's Local API.
 *
 * Rule for the code base: a module that imports `drizzle-orm` (an optional peer a MongoDB site does
 * not have) is reached only through a dynamic `import()` made after `isPostgres` said yes, never from
 * the package's entry points statically.
 */
export const isPostgres = (payload: Payload): boolean => payload.db?.name === 'postgres'

/** The adapter's name as Payload gives it (`postgres`, `sqlite`, `mongoose`, ...), for messages. */
export const adapterName = (payload: Payload): string => String(payload.db?.name ?? 'unknown')
