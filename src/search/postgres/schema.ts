/**
 * The search index, as part of the site's schema: GIN indexes over expressions of the columns
 * Payload already writes (no copy of the text anywhere), added in the adapter's `afterSchemaInit`
 * hook, so schema push creates them and `payload migrate:create` writes them into the host's
 * migration. Because the index is over the very columns every write path fills — Payload's
 * operations, the seed, the ESCO import's bulk SQL, localize-later steps, drafts in the versions
 * tables — PostgreSQL keeps it exact in the writing transaction, whoever writes.
 *
 * Per searchable field (src/search/sources.ts), for the documents' tables and the versions':
 * - `<table>_<column>_fts`: `to_tsvector(<the row locale's configuration>, <folded text>)`;
 * - `<table>_<column>_trgm`: `<folded text> gin_trgm_ops` (pg_trgm) for titles, alternate names
 *   and abbreviations: typos and prefixes.
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
import { type AdapterNaming, foldedSql, hasTrigrams, searchFieldsOf, searchLanguagesOf, type SearchSource, sourcesOf, vectorSql } from '../sources.js'

type ExtendTable = (args: { extraConfig?: (columns: Record<string, unknown>) => Record<string, unknown>; table: PgTable }) => void

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
export const searchIndexNames = (source: Pick<SearchSource, 'column' | 'table'>) => ({
  fts: fitName(`${source.table}_${source.column}_fts`, MAX_IDENTIFIER),
  trgm: fitName(`${source.table}_${source.column}_trgm`, MAX_IDENTIFIER),
})

export const addSearchIndexes = ({ adapter, extendTable, schema }: SchemaHookArgs, slugs: CatalogSlugs, search: ResolvedSearchOptions) => {
  const { getTableColumns, sql } = drizzleOrm()
  const { index } = drizzlePgCore()
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
        extendTable({
          extraConfig: () => ({
            [names.fts]: index(names.fts).using('gin', sql.raw(vectorSql(source, languages))),
            ...(hasTrigrams(source) ? { [names.trgm]: index(names.trgm).using('gin', sql.raw(`${foldedSql(source)} gin_trgm_ops`)) } : {}),
          }),
          table,
        })
      }
    }
  }
  return schema
}
