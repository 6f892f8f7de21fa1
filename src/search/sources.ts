/**
 * What search reads, and where PostgreSQL keeps it: for each catalogue collection its searchable
 * fields (titles, alternate names, abbreviations, descriptions, plus a host's fields named in the
 * `search.fields` option), and for each field the table, column and locale column of the documents
 * and of their versions (drafts), as @payloadcms/drizzle names them:
 * - a field without localization: a column of the collection's table (`roles.abbreviation`);
 * - a localized field: a column of `<table>_locales`, one row per locale (`_locale`);
 * - hasMany text (alternate names): rows of `<table>_texts` with `path` = the field name (`locale`
 *   when localized);
 * - versions: the same under `_<table>_v`, columns prefixed `version_`, texts paths `version.`.
 * The index (src/search/postgres/schema.ts) and the queries (src/search/postgres/searchSql.ts) are
 * both built from this one description, so their expressions are the same text.
 */
import type { FlattenedField, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import type { CatalogCollection, ResolvedSearchOptions } from '../plugin/options.js'

import { fitName, MAX_IDENTIFIER } from '../plugin/databaseNames.js'
import { snake } from '../read/sqlDocuments.js'
import { configurationFor, foldRowSql } from './language.js'

/** How a field counts in the ranking (docs/frontend.md, "Scores"). */
export type SearchKind = 'abbreviation' | 'alternateName' | 'description' | 'title'

/** The plugin's own searchable fields, by collection; the first is the display title. */
export const defaultSearchFields: Record<CatalogCollection, [string, SearchKind][]> = {
  certifications: [['name', 'title'], ['abbreviation', 'abbreviation'], ['description', 'description']],
  responsibilities: [['title', 'title'], ['description', 'description']],
  roles: [['title', 'title'], ['alternateNames', 'alternateName'], ['abbreviation', 'abbreviation'], ['summary', 'description'], ['focus', 'description']],
  skills: [['name', 'title'], ['alternateNames', 'alternateName'], ['description', 'description']],
}

export type SearchField = { hasMany: boolean; kind: SearchKind; localized: boolean; name: string }

/** Where one field's text sits, for the documents or for their versions. */
export type SearchSource = SearchField & {
  column: string
  /** The column that says which document (documents) or version (versions) a row belongs to. */
  parentColumn: string
  /** `texts` rows of this field only. */
  path?: string
  table: string
  /** The locale column (`_locale`, `locale` for texts), when the field is localized. */
  localeColumn?: string
}

/** The adapter's naming, as @payloadcms/drizzle keeps it on the adapter. */
export type AdapterNaming = {
  localesSuffix?: string
  tableNameMap: Map<string, string>
  versionsSuffix?: string
}

const topLevelField = (fields: FlattenedField[], name: string): FlattenedField | undefined =>
  fields.find((field) => 'name' in field && field.name === name)

/** The searchable fields a collection still has (a host may have removed or replaced some). */
export const searchFieldsOf = (
  collection: SanitizedCollectionConfig,
  name: CatalogCollection,
  search: Pick<ResolvedSearchOptions, 'fields'>,
  localized: boolean,
): SearchField[] => {
  const wanted: [string, SearchKind][] = [...defaultSearchFields[name], ...search.fields[name].map((field): [string, SearchKind] => [field, 'description'])]
  const found: SearchField[] = []
  for (const [fieldName, kind] of wanted) {
    const field = topLevelField(collection.flattenedFields, fieldName)
    if (!field || (field.type !== 'text' && field.type !== 'textarea')) continue
    if (found.some((each) => each.name === fieldName)) continue
    found.push({
      hasMany: field.type === 'text' && Boolean(field.hasMany),
      kind,
      localized: localized && Boolean(field.localized),
      name: fieldName,
    })
  }
  return found
}

/** The collection's table (its `dbName` or the slug, snake_cased), as the adapter registered it. */
export const tableOf = (naming: AdapterNaming, slug: string): string => naming.tableNameMap.get(snake(slug)) ?? snake(slug)

export const sourcesOf = (fields: SearchField[], naming: AdapterNaming, slug: string, versions: boolean): SearchSource[] => {
  const locales = naming.localesSuffix ?? '_locales'
  const table = versions ? `_${tableOf(naming, slug)}${naming.versionsSuffix ?? '_v'}` : tableOf(naming, slug)
  const prefix = versions ? 'version_' : ''
  return fields.map((field) => {
    if (field.hasMany) {
      return {
        ...field,
        column: 'text',
        localeColumn: field.localized ? 'locale' : undefined,
        parentColumn: 'parent_id',
        path: versions ? `version.${field.name}` : field.name,
        table: `${table}_texts`,
      }
    }
    if (field.localized) {
      return { ...field, column: `${prefix}${snake(field.name)}`, localeColumn: '_locale', parentColumn: '_parent_id', table: `${table}${locales}` }
    }
    return { ...field, column: `${prefix}${snake(field.name)}`, parentColumn: 'id', table }
  })
}

/** Whether a source gets a trigram index (typos, prefixes): short texts only. */
export const hasTrigrams = (source: Pick<SearchField, 'kind'>): boolean => source.kind !== 'description'

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`

/** The site's locales and the configuration of each; one entry (`''`) without localization. */
export type SearchLanguages = { configurations: Map<string, string>; default: string }

export const searchLanguagesOf = (config: Pick<SanitizedConfig, 'localization'>, search: Pick<ResolvedSearchOptions, 'configurations' | 'language'>): SearchLanguages => {
  if (!config.localization) return { configurations: new Map(), default: search.language }
  const configurations = new Map(config.localization.localeCodes.map((code) => [code, configurationFor(code, search)]))
  return { configurations, default: configurations.get(config.localization.defaultLocale) ?? 'simple' }
}

/**
 * The configuration of a row: by its locale column (a CASE over the site's locales, IMMUTABLE, so
 * it can be indexed), or the default locale's for text without localization.
 */
const configurationSql = (source: SearchSource, languages: SearchLanguages, column: (name: string) => string): string => {
  if (!source.localeColumn || languages.configurations.size === 0) return `${quoteLiteral(languages.default)}::regconfig`
  const cases = [...languages.configurations].map(([code, configuration]) => `WHEN ${quoteLiteral(code)} THEN ${quoteLiteral(configuration)}::regconfig`)
  return `(CASE ${column(source.localeColumn)} ${cases.join(' ')} ELSE ${quoteLiteral(languages.default)}::regconfig END)`
}

/**
 * The folded text of a row, as the generated columns and the trigram indexes hold it and the
 * queries compare it (the same text everywhere). The cheap form (language.ts `foldRowSql`): a
 * typo lookup rechecks every candidate the trigram index returns with this expression.
 * `column` qualifies a column name (an alias in queries, none in the index).
 */
export const foldedSql = (source: SearchSource, column: (name: string) => string = quoteIdent): string => foldRowSql(`${column(source.column)}::text`)

/**
 * The stored generated column holding a source's vector (src/search/postgres/schema.ts), beside
 * its text: `_search_title`, `_search_version_title`, `_search_text` in a texts table. Payload's
 * own columns never start with `_search_` (its internal ones are `_status`, `_locale`, `_parent_id`,
 * `_order`; a field's column is its snake_cased name).
 *
 * A texts table's localized fields get `_search_text_localized`: turning localization on adds the
 * table's `locale` column, which their vector reads, and drizzle-kit writes a changed generated
 * column before the new columns it reads (`column "locale" does not exist`), where it writes a new
 * column after them (tests/localizeLater.test.ts). `_locales` tables are created with `_locale`.
 */
export const vectorColumnOf = (source: Pick<SearchSource, 'column' | 'localeColumn' | 'path'>): string =>
  fitName(`_search_${source.column}${source.path !== undefined && source.localeColumn ? '_localized' : ''}`, MAX_IDENTIFIER)

/** The row's text search vector: the generated column's expression. */
export const vectorSql = (source: SearchSource, languages: SearchLanguages, column: (name: string) => string = quoteIdent): string =>
  `to_tsvector(${configurationSql(source, languages, column)}, ${foldedSql(source, column)})`
