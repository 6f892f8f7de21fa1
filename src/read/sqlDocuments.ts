/**
 * SQL that returns a catalogue document as JSON in the shape Payload's `find` returns it at depth
 * 0 (what its GraphQL resolvers and the plugin's readers consume): top-level and group fields,
 * arrays (nested too) with their row IDs in order, hasMany text values, relationship IDs (hasMany
 * ones from the `_rels` table), timestamps as ISO strings. Join fields are left out: GraphQL
 * resolves them itself, never from the document.
 *
 * Built from the collection's sanitized fields and checked against the adapter's own schema (every
 * table and column must exist), for the field types the catalogue uses. Anything else, or a field
 * with read access or afterRead hooks of its own, throws UntunableSchemaError: the caller then
 * keeps Payload's generic path.
 */
import type { FlattenedField, SanitizedCollectionConfig } from 'payload'

import { drizzleOrm } from '../database/drizzle.js'

export class UntunableSchemaError extends Error {
  constructor(message: string) {
    super(`role catalog tuned reads: ${message}`)
    this.name = 'UntunableSchemaError'
  }
}

export type DrizzleAdapterLike = {
  /** The suffix of a table's localized columns' table (`roles` → `roles_locales`). */
  localesSuffix?: string
  schemaName?: string
  tableNameMap: Map<string, string>
  tables: Record<string, unknown>
}

/** Payload names tables after collections and array fields, snake_cased (to-snake-case in the adapter). */
export const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase()

/**
 * The column of a `_rels` table that holds links to `relationTo`: Payload names it after the
 * linked collection's table, which is not the slug when the collection has a `dbName` (the
 * plugin gives one to a roles collection with a long slug: src/plugin/databaseNames.ts).
 */
export const relsColumn = (adapter: Pick<DrizzleAdapterLike, 'tableNameMap'>, relationTo: string) =>
  `${adapter.tableNameMap.get(snake(relationTo)) ?? snake(relationTo)}_id`

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Which fields to return: a field's name → `true`, or for groups and arrays the selection inside
 * them (GraphQL's selection set, as src/graphql/selection.ts collects it). Undefined: every field.
 */
export type FieldSelection = { [field: string]: FieldSelection | true }

/** A link is kept only when this condition on the linked document (alias `alias`) holds. */
export type LinkCondition = (args: { alias: string; table: string }) => string

/**
 * The locale to read localized fields in, and where missing text comes from: `fallbacks` in order
 * (empty: none). As Payload's afterRead hook decides per field (fields/hooks/afterRead/promise.ts):
 * text that is missing or empty in `code` takes the first fallback's non-empty text.
 */
export type SqlLocale = { code: string; fallbacks: string[] }

export type DocumentSqlOptions = {
  /**
   * Prefix of the aliases this builder makes up, for a second builder (another locale) writing
   * parts of the same statement: its subqueries' aliases then never shadow the first one's.
   */
  aliasPrefix?: string
  /** Localized sites: the locale to read (required there: localized fields live in `*_locales`). */
  locale?: SqlLocale
  /**
   * With a locale that has fallbacks: each localized field's value comes as `[value, locale]`, the
   * locale that answered it (null: none had text), for src/read/textLocales.ts to take apart. The
   * same subquery, the same rows: what the JSON-LD needs to say which text fell back.
   */
  textSources?: boolean
  /**
   * For a relationship at `path` (e.g. `skills.skill`, `buildsOn`) to `relationTo`: undefined to keep
   * every link, or the condition a linked document must meet for the link to stay (a row of an
   * array is left out altogether, as src/hooks/hideUnreadableLinks.ts does).
   */
  linkCondition?: (path: string, relationTo: string) => LinkCondition | undefined
}

type Context = {
  alias: string
  /** The fields asked for at this level; undefined for all of them. */
  selection?: FieldSelection
  /** Field path so far (`qualifications.`), as `_texts`/`_rels` store it for top-level fields. */
  path: string
  /** Column key prefix within the table (`source_`, for a group). */
  prefix: string
  /** Inside an array row: `_texts`/`_rels` paths would carry row indexes, which is not supported. */
  inArray: boolean
  table: string
}

const SCALARS = new Set(['checkbox', 'code', 'email', 'json', 'number', 'radio', 'richText', 'select', 'text', 'textarea'])

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`

/**
 * Whether the document a link points to meets `condition`, asked per link row by its primary key.
 * A scalar subquery rather than EXISTS: PostgreSQL may turn EXISTS into a hash semi-join that reads
 * the whole linked table (every skill of an ESCO-size catalogue, for a role's forty links), while a
 * scalar subquery stays an index lookup per row.
 */
const linkedHolds = (from: string, byID: string, condition: string) => `coalesce((select ${condition} from ${from} where ${byID}), false)`

const isoTimestamp = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

export class DocumentSqlBuilder {
  private readonly columnCache = new Map<string, Map<string, string>>()
  private aliasCount = 0

  constructor(
    private readonly adapter: DrizzleAdapterLike,
    private readonly options: DocumentSqlOptions = {},
  ) {}

  /** A table's name as the adapter maps it, schema-qualified for SQL. */
  qualified(table: string): string {
    const { schemaName } = this.adapter
    return schemaName && schemaName !== 'public' ? `${ident(schemaName)}.${ident(table)}` : ident(table)
  }

  /** The collection's main table (its name after the adapter's mapping). */
  tableFor(collection: Pick<SanitizedCollectionConfig, 'slug'>): string {
    const table = this.adapter.tableNameMap.get(snake(collection.slug))
    if (!table) throw new UntunableSchemaError(`no table for collection "${collection.slug}"`)
    this.columns(table)
    return table
  }

  /** Column key (drizzle's, e.g. `source_title`, `skill`) → column name, for a table of the schema. */
  columns(table: string): Map<string, string> {
    let known = this.columnCache.get(table)
    if (known) return known
    const drizzleTable = this.adapter.tables[table]
    if (!drizzleTable) throw new UntunableSchemaError(`table "${table}" is not in this site's schema`)
    known = new Map(
      Object.entries(drizzleOrm().getTableColumns(drizzleTable as never)).map(([key, column]) => [key, (column as { name: string }).name]),
    )
    this.columnCache.set(table, known)
    return known
  }

  column(table: string, key: string): string {
    const name = this.columns(table).get(key)
    if (!name) throw new UntunableSchemaError(`no column for "${key}" in table "${table}"`)
    return name
  }

  private nextAlias(base: string) {
    this.aliasCount += 1
    return `${this.options.aliasPrefix ?? ''}${base}${this.aliasCount}`
  }

  /**
   * `json_build_object(...)` of the document in row `alias` of the collection's main table: its
   * `id` and the selected fields (all of them without a selection).
   */
  document(collection: SanitizedCollectionConfig, alias: string, selection?: FieldSelection): string {
    const table = this.tableFor(collection)
    const pairs = [`'id', ${alias}.${ident(this.column(table, 'id'))}`]
    pairs.push(...this.fields(collection.flattenedFields, { alias, inArray: false, path: '', prefix: '', selection, table }, table))
    return this.object(pairs)
  }

  /** json_build_object takes at most 100 arguments: larger objects are merged from parts. */
  private object(pairs: string[]): string {
    if (pairs.length <= 50) return `json_build_object(${pairs.join(', ')})`
    const parts: string[] = []
    for (let i = 0; i < pairs.length; i += 50) parts.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`)
    return `(${parts.join(' || ')})::json`
  }

  private fields(fields: FlattenedField[], ctx: Context, rootTable: string): string[] {
    const pairs: string[] = []
    for (const field of fields) {
      if (field.type === 'join') continue
      if ((field as { hidden?: boolean }).hidden === true) continue
      if (ctx.selection && !ctx.selection[field.name]) continue
      if ((field as { virtual?: unknown }).virtual) throw new UntunableSchemaError(`field "${field.name}" is virtual`)
      if (typeof (field as { access?: { read?: unknown } }).access?.read === 'function') {
        throw new UntunableSchemaError(`field "${field.name}" has read access of its own`)
      }
      if (((field as { hooks?: { afterRead?: unknown[] } }).hooks?.afterRead ?? []).length > 0) {
        throw new UntunableSchemaError(`field "${field.name}" has afterRead hooks`)
      }
      const localized = (field as { localized?: boolean }).localized === true && this.options.locale
      pairs.push(`'${field.name}', ${localized ? this.localizedValue(field, ctx, rootTable, this.options.locale!) : this.value(field, ctx, rootTable)}`)
    }
    return pairs
  }

  /**
   * A localized field, read from the `*_locales` table of its table (text, textarea) or from the
   * locale's rows of `_texts` (hasMany text), in the requested locale with its fallbacks. What the
   * drizzle adapter returns and Payload's afterRead hook then picks:
   * - text: the locale's value unless missing or empty; else the first fallback's non-empty value;
   *   else the locale's own (empty or missing);
   * - hasMany text: the locale's list when it has rows; else the first fallback's list with rows;
   *   else none (null), except that a field with no rows in any locale is an empty list.
   */
  private localizedValue(field: FlattenedField, ctx: Context, rootTable: string, locale: SqlLocale): string {
    const path = `${ctx.path}${field.name}`
    const chain = [locale.code, ...locale.fallbacks]
    const inChain = chain.map(literal).join(', ')
    if (field.type === 'text' && (field as { hasMany?: boolean }).hasMany) {
      if (ctx.inArray) throw new UntunableSchemaError(`localized hasMany text "${path}" inside an array`)
      const texts = `${rootTable}_texts`
      if (!new Set(this.columns(texts).values()).has('locale')) throw new UntunableSchemaError(`no column "locale" in "${texts}"`)
      const x = this.nextAlias('x')
      const lists = chain.map((code) => `json_agg(${x}.text order by ${x}."order") filter (where ${x}.locale = ${literal(code)})`)
      const value = `case when count(*) = 0 then '[]'::json else coalesce(${lists.join(', ')}) end`
      // The locale whose list was taken: the first of the chain with rows.
      const source = () => `case ${lists.map((list, index) => `when ${list} is not null then ${literal(chain[index]!)}`).join(' ')} end`
      return `(select ${this.withSource(value, source)} from ${this.qualified(texts)} ${x} where ${x}.parent_id = ${ctx.alias}.id and ${x}.path = ${literal(path)})`
    }
    if ((field.type !== 'text' && field.type !== 'textarea') || (field as { hasMany?: boolean }).hasMany) {
      throw new UntunableSchemaError(`localized field "${path}" of type ${field.type}`)
    }
    const suffix = this.adapter.localesSuffix ?? '_locales'
    const table = `${ctx.table}${suffix}`
    const column = ident(this.column(table, `${ctx.prefix}${field.name}`))
    const x = this.nextAlias('x')
    const localeColumn = `${x}.${ident(this.column(table, '_locale'))}`
    const valueIn = (code: string) => `max(${x}.${column}) filter (where ${localeColumn} = ${literal(code)})`
    const found = chain.map((code) => `nullif(${valueIn(code)}, '')`)
    const value = `coalesce(${[...found, valueIn(locale.code)].join(', ')})`
    // The locale whose text was taken: the first of the chain with non-empty text. (PostgreSQL
    // computes an aggregate written twice in one query level once.)
    const source = () => `case ${found.map((text, index) => `when ${text} is not null then ${literal(chain[index]!)}`).join(' ')} end`
    return `(select ${this.withSource(value, source)} from ${this.qualified(table)} ${x} where ${x}.${ident(this.column(table, '_parentID'))} = ${ctx.alias}.${ident(this.column(ctx.table, 'id'))} and ${localeColumn} in (${inChain}))`
  }

  /** A localized field's value, with the locale that answered it when the builder reports text sources. */
  private withSource(value: string, source: () => string): string {
    return this.reportsTextSources ? `json_build_array(${value}, ${source()})` : value
  }

  /** Whether localized fields come as `[value, locale]` (DocumentSqlOptions.textSources). */
  get reportsTextSources(): boolean {
    return this.options.textSources === true && (this.options.locale?.fallbacks.length ?? 0) > 0
  }

  private value(field: FlattenedField, ctx: Context, rootTable: string): string {
    const key = `${ctx.prefix}${field.name}`
    const path = `${ctx.path}${field.name}`
    const inner = ctx.selection?.[field.name]
    const selection = inner === true || inner === undefined ? undefined : inner
    switch (field.type) {
      case 'date':
        return isoTimestamp(`${ctx.alias}.${ident(this.column(ctx.table, key))}`)
      case 'group':
      case 'tab': {
        if (!('flattenedFields' in field)) throw new UntunableSchemaError(`unnamed group "${path}"`)
        return this.object(this.fields(field.flattenedFields, { ...ctx, path: `${path}.`, prefix: `${key}_`, selection }, rootTable))
      }
      case 'array': {
        const table = this.adapter.tableNameMap.get(`${ctx.table}_${snake(field.name)}`)
        if (!table) throw new UntunableSchemaError(`no table for array "${path}"`)
        const row = this.nextAlias('a')
        const rowPairs = this.fields(field.flattenedFields, { alias: row, inArray: true, path: `${path}.`, prefix: '', selection, table }, rootTable)
        const conditions = [`${row}.${ident(this.column(table, '_parentID'))} = ${ctx.alias}.id`]
        // A row whose link the reader may not follow is left out, as the roles' afterRead hook does
        // (whether or not the link itself was asked for: it decides which rows there are).
        for (const each of field.flattenedFields) {
          if (each.type !== 'relationship' || each.hasMany || typeof each.relationTo !== 'string') continue
          const condition = this.options.linkCondition?.(`${path}.${each.name}`, each.relationTo)
          if (!condition) continue
          const linked = this.nextAlias('l')
          const linkedTable = this.adapter.tableNameMap.get(snake(each.relationTo))
          if (!linkedTable) throw new UntunableSchemaError(`no table for "${each.relationTo}"`)
          conditions.push(
            linkedHolds(`${this.qualified(linkedTable)} ${linked}`, `${linked}.id = ${row}.${ident(this.column(table, each.name))}`, condition({ alias: linked, table: linkedTable })),
          )
        }
        return `coalesce((select json_agg(${this.object(rowPairs)} order by ${row}._order) from ${this.qualified(table)} ${row} where ${conditions.join(' and ')}), '[]'::json)`
      }
      case 'relationship': {
        if (typeof field.relationTo !== 'string') throw new UntunableSchemaError(`polymorphic relationship "${path}"`)
        if (!field.hasMany) return `${ctx.alias}.${ident(this.column(ctx.table, key))}`
        if (ctx.inArray) throw new UntunableSchemaError(`hasMany relationship "${path}" inside an array`)
        const rels = `${rootTable}_rels`
        const relsColumns = new Set(this.columns(rels).values())
        const target = relsColumn(this.adapter, field.relationTo)
        if (!relsColumns.has(target)) throw new UntunableSchemaError(`no column "${target}" in "${rels}"`)
        const rel = this.nextAlias('r')
        const conditions = [`${rel}.parent_id = ${ctx.alias}.id`, `${rel}.path = '${path.replace(/'/g, "''")}'`, `${rel}.${ident(target)} is not null`]
        const condition = this.options.linkCondition?.(path, field.relationTo)
        if (condition) {
          const linked = this.nextAlias('l')
          const linkedTable = this.adapter.tableNameMap.get(snake(field.relationTo))
          if (!linkedTable) throw new UntunableSchemaError(`no table for "${field.relationTo}"`)
          conditions.push(
            linkedHolds(`${this.qualified(linkedTable)} ${linked}`, `${linked}.id = ${rel}.${ident(target)}`, condition({ alias: linked, table: linkedTable })),
          )
        }
        return `coalesce((select json_agg(${rel}.${ident(target)} order by ${rel}."order") from ${this.qualified(rels)} ${rel} where ${conditions.join(' and ')}), '[]'::json)`
      }
      default: {
        const other = field as FlattenedField
        if (!SCALARS.has(other.type)) throw new UntunableSchemaError(`field "${path}" of type ${other.type}`)
        if ((other as { hasMany?: boolean }).hasMany) {
          if (other.type !== 'text' || ctx.inArray) throw new UntunableSchemaError(`hasMany ${other.type} "${path}"`)
          const texts = `${rootTable}_texts`
          this.columns(texts)
          const text = this.nextAlias('t')
          return `coalesce((select json_agg(${text}.text order by ${text}."order") from ${this.qualified(texts)} ${text} where ${text}.parent_id = ${ctx.alias}.id and ${text}.path = '${path.replace(/'/g, "''")}'), '[]'::json)`
        }
        if (other.type === 'number') return `(${ctx.alias}.${ident(this.column(ctx.table, key))})::float8`
        return `${ctx.alias}.${ident(this.column(ctx.table, key))}`
      }
    }
  }
}
