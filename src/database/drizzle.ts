import type * as DrizzleOrm from 'drizzle-orm'
import type * as DrizzlePgCore from 'drizzle-orm/pg-core'
import type { Payload } from 'payload'

import { isPostgres } from './adapter.js'

/**
 * drizzle-orm for the PostgreSQL accelerations (tuned reads, batched joins, bulk import, search,
 * matching), loaded once `isPostgres` said yes. It is an optional peer a MongoDB site does not
 * have, so nothing in the package imports it at run time except the two `import()`s below, and
 * those tell bundlers to leave them alone (`webpackIgnore`, `turbopackIgnore`): Next.js resolves
 * every module reachable from a route when it builds, `import()`s included, and a MongoDB site's
 * `next build` failed with "Module not found: Can't resolve 'drizzle-orm'" (tests/install.test.ts
 * builds one). At run time Node resolves them from the site's node_modules, where the PostgreSQL
 * adapter installed drizzle-orm. The modules that build SQL take it from here; none imports it.
 */
type Modules = { orm: typeof DrizzleOrm; pgCore: typeof DrizzlePgCore }

let loaded: Modules | undefined
let loading: Promise<Modules> | undefined

const load = (): Promise<Modules> =>
  (loading ??= Promise.all([
    import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'drizzle-orm'),
    import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'drizzle-orm/pg-core'),
  ]).then(([orm, pgCore]) => (loaded = { orm, pgCore })))

/**
 * Loads drizzle-orm on a PostgreSQL site (the plugin does it at start, in `onInit`); undefined on
 * any other adapter, whose site then never reaches the code that needs it.
 */
export const loadDrizzle = async (payload: Payload): Promise<typeof DrizzleOrm | undefined> => {
  if (!isPostgres(payload)) return undefined
  return (await load()).orm
}

/**
 * drizzle-orm where the caller already knows the database is PostgreSQL: the schema hooks of the
 * PostgreSQL adapter (`afterSchemaInit`), which run before `onInit`.
 */
export const loadDrizzleForPostgres = async (): Promise<Modules> => load()

/** drizzle-orm once `loadDrizzle` has run on a PostgreSQL site; undefined before. */
export const loadedDrizzle = (): typeof DrizzleOrm | undefined => loaded?.orm

const required = (): Modules => {
  if (!loaded) throw new Error('role catalog: drizzle-orm used before loadDrizzle() (a PostgreSQL-only path reached on another adapter)')
  return loaded
}

/**
 * drizzle-orm for code that runs only after `loadDrizzle` (every caller awaits it, or checks
 * `loadedDrizzle()`, first). Throwing here means a PostgreSQL-only path was reached without it.
 */
export const drizzleOrm = (): typeof DrizzleOrm => required().orm

/** drizzle-orm/pg-core (index builders for the schema hooks), on the same terms as `drizzleOrm`. */
export const drizzlePgCore = (): typeof DrizzlePgCore => required().pgCore

/**
 * drizzle-orm's `sql` tag (and `sql.raw`, `sql.param`, `sql.join`, …), looked up when used: SQL
 * builders import this instead of drizzle-orm, and run only after `loadDrizzle`, as `drizzleOrm`.
 */
export const sql = new Proxy(function sql() {}, {
  apply: (_target, thisArg, args) => Reflect.apply(drizzleOrm().sql, thisArg, args),
  get: (_target, property) => Reflect.get(drizzleOrm().sql, property),
}) as unknown as typeof DrizzleOrm.sql
