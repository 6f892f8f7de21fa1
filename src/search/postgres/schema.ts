/**
 * The search index, as part of the site's schema, added in the adapter's `afterSchemaInit` hook, so
 * schema push creates it and `payload migrate:create` writes it into the host's migration.
 *
 * Per searchable field (src/search/sources.ts), for the documents' tables and the versions':
 * - a stored generated column `_search_<column>` beside the field's column (src/search/sources.ts
 *   `vectorColumnOf`): `to_tsvector(<the row locale's configuration>, <folded text>)`, with a GIN
 *   index `<table>_<column>_fts`. Stored, because ranking reads the vector of every matched row:
 *   computed per query that was most of a search's time at ESCO size (docs/benchmarks.md);
 * - `<table>_<column>_trgm`: `<folded text> gin_trgm_ops` (pg_trgm) for titles, alternate names
 *   and abbreviations: typos and prefixes.
 * PostgreSQL computes a generated column from the row in the writing statement, so the index is
 * exact in the writing transaction whoever writes: Payload's operations, the seed, the ESCO
 * import's bulk SQL, localize-later steps, drafts in the versions tables. No hook is involved.
 * pg_trgm is requested through the adapter's `extensions` (Payload creates them on connect and
 * before `payload migrate` runs migrations, as it does for PostGIS).
 *
 * PostgreSQL only: reached through a dynamic import once the adapter is PostgreSQL, with drizzle-orm
 * from src/database/drizzle.ts (loaded by the hook that calls it).
 */
import type { SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import type { PgTable } from 'drizzle-orm/pg-core'

import type { CatalogSlugs, ResolvedSearchOptions } from '../../plugin/options.js'

import { drizzleOrm, drizzlePgCore } from '../../database/drizzle.js'
import { fitName, MAX_IDENTIFIER } from '../../plugin/databaseNames.js'
import { catalogCollections } from '../../plugin/options.js'
import { type AdapterNaming, foldedSql, hasTrigrams, searchFieldsOf, searchLanguagesOf, type SearchSource, sourcesOf, vectorColumnOf, vectorSql } from '../sources.js'

type ExtendTable = (args: {
  columns?: Record<string, unknown>
  extraConfig?: (columns: Record<string, unknown>) => Record<string, unknown>
  table: PgTable
}) => void

type SchemaHookArgs = {
  adapter: AdapterNaming & {
    extensions: Record<string, boolean>
    payload: { config: SanitizedConfig }
    tables: Record<string, PgTable>
  }
  extendTable: ExtendTable
  schema: unknown
}

/** The index names of one source: fit to 63 characters, distinct per table and column. */
export const searchIndexNames = (source: Pick<SearchSource, 'column' | 'localeColumn' | 'path' | 'table'>) => ({
  // A texts table may hold a localized and an unlocalized vector (vectorColumnOf): one index each.
  fts: fitName(`${source.table}_${source.column}${source.path !== undefined && source.localeColumn ? '_localized' : ''}_fts`, MAX_IDENTIFIER),
  trgm: fitName(`${source.table}_${source.column}_trgm`, MAX_IDENTIFIER),
})

export const addSearchIndexes = ({ adapter, extendTable, schema }: SchemaHookArgs, slugs: CatalogSlugs, search: ResolvedSearchOptions) => {
  const { getTableColumns, sql } = drizzleOrm()
  const { customType, index } = drizzlePgCore()
  /** PostgreSQL's `tsvector` (drizzle has no built-in type for it). */
  const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })
  const config = adapter.payload.config
  const languages = searchLanguagesOf(config, search)
  adapter.extensions.pg_trgm = true
  for (const name of catalogCollections) {
    const collection = config.collections.find((each) => each.slug === slugs[name]) as SanitizedCollectionConfig | undefined
    if (!collection) continue
    const fields = searchFieldsOf(collection, name, search, Boolean(config.localization))
    for (const versions of collection.versions ? [false, true] : [false]) {
      for (const source of sourcesOf(fields, adapter, slugs[name], versions)) {
        const table = adapter.tables[source.table]
        // A column a host renamed or dropped: nothing to index (search skips it too).
        if (!table || !Object.values(getTableColumns(table)).some((column) => column.name === source.column)) continue
        const names = searchIndexNames(source)
        const vector = vectorColumnOf(source)
        // The texts table holds every hasMany text field of the collection: one vector for them all.
        const added = Object.values(getTableColumns(table)).some((column) => column.name === vector)
        extendTable({
          columns: added ? {} : { [vector]: tsvector(vector).generatedAlwaysAs(sql.raw(vectorSql(source, languages))) },
          extraConfig: (columns) => ({
            [names.fts]: index(names.fts).using('gin', columns[vector] as never),
            ...(hasTrigrams(source) ? { [names.trgm]: index(names.trgm).using('gin', sql.raw(`${foldedSql(source)} gin_trgm_ops`)) } : {}),
          }),
          table,
        })
      }
    }
  }
  return schema
}
