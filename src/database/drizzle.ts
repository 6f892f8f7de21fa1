import type * as DrizzleOrm from 'drizzle-orm'
import type { Payload } from 'payload'

import { isPostgres } from './adapter.js'

/**
 * drizzle-orm for the PostgreSQL accelerations (tuned reads, batched joins, bulk import), loaded
 * the way src/database/adapter.ts says: by a dynamic `import()`, once `isPostgres` said yes. It is
 * an optional peer a MongoDB site does not have, so nothing in the package imports it statically;
 * the modules that build SQL take it from here.
 */
let loaded: typeof DrizzleOrm | undefined
let loading: Promise<typeof DrizzleOrm> | undefined

/**
 * Loads drizzle-orm on a PostgreSQL site (the plugin does it at start, in `onInit`); undefined on
 * any other adapter, whose site then never reaches the code that needs it.
 */
export const loadDrizzle = async (payload: Payload): Promise<typeof DrizzleOrm | undefined> => {
  if (!isPostgres(payload)) return undefined
  loading ??= import('drizzle-orm').then((module) => (loaded = module))
  return loading
}

/** drizzle-orm once `loadDrizzle` has run on a PostgreSQL site; undefined before. */
export const loadedDrizzle = (): typeof DrizzleOrm | undefined => loaded

/**
 * drizzle-orm for code that runs only after `loadDrizzle` (every caller awaits it, or checks
 * `loadedDrizzle()`, first). Throwing here means a PostgreSQL-only path was reached without it.
 */
export const drizzleOrm = (): typeof DrizzleOrm => {
  if (!loaded) throw new Error('role catalog: drizzle-orm used before loadDrizzle() (a PostgreSQL-only path reached on another adapter)')
  return loaded
}
