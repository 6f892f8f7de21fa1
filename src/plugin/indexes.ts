import type { Config } from 'payload'

import type { CatalogSlugs, ResolvedSearchOptions } from './options.js'

import { loadDrizzleForPostgres } from '../database/drizzle.js'

type RawTable = { indexes?: Record<string, { name: string; on: string | string[]; unique?: boolean }> }

type SchemaHook = (args: { adapter: AdapterWithSchema; schema: unknown }) => unknown

type AdapterWithSchema = {
  afterSchemaInit?: SchemaHook[]
  beforeSchemaInit?: SchemaHook[]
  name?: string
  rawTables?: Record<string, RawTable>
  tableNameMap?: Map<string, string>
  versionsSuffix?: string
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase()

/**
 * Payload's SQL adapters index a `_texts` table (the values of hasMany text fields such as
 * `alternateNames`) on (order, parent) only, so reading one document's values scans the whole
 * index: at ESCO size (tens of thousands of alternative labels) every role or skill read pays
 * for it. This adds an index on `parent` to the catalogue collections' texts tables, main and
 * versions, through the adapter's own `beforeSchemaInit` hook, so migrations include it.
 */
const addTextsParentIndexes =
  (slugs: CatalogSlugs): SchemaHook =>
  ({ adapter, schema }) => {
    const rawTables = adapter.rawTables ?? {}
    for (const slug of Object.values(slugs)) {
      const table = adapter.tableNameMap?.get(snake(slug))
      if (!table) continue
      for (const name of [`${table}_texts`, `_${table}${adapter.versionsSuffix ?? '_v'}_texts`]) {
        const raw = rawTables[name]
        if (!raw) continue
        raw.indexes = { ...raw.indexes, parentIdx: { name: `${name}_parent_idx`, on: 'parent' } }
      }
    }
    return schema
  }

/**
 * Wraps the host's database adapter so the catalogue's extra indexes are part of its schema: the
 * texts tables' parent indexes, and on PostgreSQL the search index (src/search/postgres/schema.ts,
 * loaded with a dynamic import: it uses drizzle-orm, which a MongoDB site does not have).
 * Adapters without schema hooks (MongoDB) are returned as they are.
 */
type DatabaseAdapterResult = Config['db']

export const withCatalogIndexes = (
  db: DatabaseAdapterResult | undefined,
  slugs: CatalogSlugs,
  search: ResolvedSearchOptions,
): DatabaseAdapterResult | undefined => {
  if (!db || typeof db.init !== 'function') return db
  const init = db.init
  return {
    ...db,
    init: (args: Parameters<typeof init>[0]) => {
      const adapter = init(args) as ReturnType<typeof init> & AdapterWithSchema
      if (Array.isArray(adapter.beforeSchemaInit)) {
        adapter.beforeSchemaInit = [...adapter.beforeSchemaInit, addTextsParentIndexes(slugs)]
      }
      if (adapter.name === 'postgres' && Array.isArray(adapter.afterSchemaInit)) {
        const addSearchIndexes: SchemaHook = async (hookArgs) => {
          // The schema hooks run before `onInit`, where drizzle-orm is otherwise loaded.
          await loadDrizzleForPostgres()
          return (await import('../search/postgres/schema.js')).addSearchIndexes(hookArgs as never, slugs, search)
        }
        adapter.afterSchemaInit = [...adapter.afterSchemaInit, addSearchIndexes]
      }
      return adapter
    },
  } satisfies DatabaseAdapterResult
}
