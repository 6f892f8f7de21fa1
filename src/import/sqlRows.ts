/**
 * Turns a document into the rows Payload's PostgreSQL adapter stores for it: the main row, its
 * `_locales` row, `_texts` rows for hasMany text fields, array rows, and the same again for the
 * version that a create with drafts enabled saves (`_<table>_v`, `version_*` columns, `latest`).
 *
 * It covers the field types the importer writes (text, textarea, select, date, single
 * relationships, groups, hasMany text, arrays of those) and checks every table and column against
 * the adapter's schema, so a site whose overrides change those fields gets a clear error instead
 * of rows Payload would not have written. tests/import.test.ts compares the result with what
 * `payload.create` writes, table by table.
 */
import type { FlattenedField, Payload, SanitizedCollectionConfig } from 'payload'

import ObjectIdImport from 'bson-objectid'
import toSnakeCase from 'to-snake-case'

import { drizzleOrm } from '../database/drizzle.js'

// bson-objectid is CommonJS; under ESM its default export may be wrapped, as Payload itself handles.
const ObjectId: new () => { toHexString: () => string } =
  (ObjectIdImport as unknown as { default?: never }).default ?? (ObjectIdImport as never)

type Row = Record<string, unknown>

/**
 * An ID the database hands out (a serial) that another row of the same batch refers to: the row
 * gets `id: PENDING_ID`, the referring row `{ pendingParent: row }`; resolvePendingIDs fills both
 * in once the IDs are allocated.
 */
export const PENDING_ID = Symbol('pending id')
export type PendingParent = { pendingParent: Row }

type DrizzleAdapterLike = {
  localesSuffix: string
  payload: Payload
  tableNameMap: Map<string, string>
  tables: Record<string, any>
  versionsSuffix: string
}

/** Rows to insert, per table name, in insertion order (parents before children). */
export class RowSet {
  readonly tables = new Map<string, Row[]>()
  add(table: string, row: Row) {
    const rows = this.tables.get(table)
    if (rows) rows.push(row)
    else this.tables.set(table, [row])
  }
  /** Allocates the pending IDs (in row order, as Payload's inserts would draw them) and fills in the references. */
  async resolvePendingIDs(allocate: (table: string, count: number) => Promise<(number | string)[]>) {
    for (const [table, rows] of this.tables) {
      const pending = rows.filter((row) => row.id === PENDING_ID)
      if (pending.length === 0) continue
      const ids = await allocate(table, pending.length)
      pending.forEach((row, i) => {
        row.id = ids[i]
      })
    }
    for (const rows of this.tables.values()) {
      for (const row of rows) {
        for (const [key, value] of Object.entries(row)) {
          if (value && typeof value === 'object' && 'pendingParent' in value) row[key] = (value as PendingParent).pendingParent.id
        }
      }
    }
  }
  get size() {
    let n = 0
    for (const rows of this.tables.values()) n += rows.length
    return n
  }
}

export class UnsupportedSchemaError extends Error {
  constructor(message: string) {
    super(`role catalog import: ${message}`)
    this.name = 'UnsupportedSchemaError'
  }
}

/**
 * Payload's adapter names tables after the collection's slug and array tables after the field,
 * snake_cased with to-snake-case (the same package and version as @payloadcms/drizzle): `job-roles`
 * is `job_roles`, `fieldsOfStudy` is `fields_of_study`.
 */
const snake = (name: string) => toSnakeCase(name)

type WalkContext = {
  /** Key prefix of columns in the current table (`version_`, `source_`). */
  keyPrefix: string
  /** The locale the localized values of this walk belong to (undefined: the site has no localization). */
  locale: string | undefined
  /**
   * Whether array rows get an empty `_locales` row per locale for their localized fields: Payload
   * writes them when it saves a document with all its locales (every version, and a document once
   * it has been saved in a second locale).
   */
  localeRowsForArrays: boolean
  localeRow: () => Row
  localized: boolean
  parentID: number | string
  /** Field path prefix as stored in `_texts.path` (`version.`). */
  pathPrefix: string
  row: Row
  /** The table holding this document's texts (the main or the versions table). */
  rootTable: string
  table: string
  version: boolean
}

export class CollectionRowBuilder {
  private readonly columns = new Map<string, Set<string>>()
  readonly locale: string | undefined
  readonly localeCodes: string[]
  readonly table: string
  readonly versionsTable: string

  constructor(
    private readonly adapter: DrizzleAdapterLike,
    private readonly collection: SanitizedCollectionConfig,
  ) {
    const localization = adapter.payload.config.localization
    this.locale = localization ? localization.defaultLocale : undefined
    this.localeCodes = localization ? localization.localeCodes : []
    const table = adapter.tableNameMap.get(snake(collection.slug))
    if (!table) throw new UnsupportedSchemaError(`no table for collection "${collection.slug}"`)
    this.table = table
    this.versionsTable = `_${table}${adapter.versionsSuffix}`
    if (!collection.versions?.drafts) {
      throw new UnsupportedSchemaError(`collection "${collection.slug}" has no drafts; the importer expects the plugin's versions config`)
    }
    this.requireTable(this.versionsTable)
  }

  private requireTable(name: string): Set<string> {
    let known = this.columns.get(name)
    if (known) return known
    const table = this.adapter.tables[name]
    if (!table) throw new UnsupportedSchemaError(`table "${name}" does not exist in this site's schema`)
    known = new Set(Object.keys(drizzleOrm().getTableColumns(table)))
    this.columns.set(name, known)
    return known
  }

  private set(table: string, row: Row, key: string, value: unknown) {
    if (!this.requireTable(table).has(key)) {
      throw new UnsupportedSchemaError(`column "${key}" does not exist in table "${table}"`)
    }
    row[key] = value
  }

  private walk(fields: FlattenedField[], data: Row, ctx: WalkContext, rows: RowSet) {
    for (const field of fields) {
      if (!('name' in field)) continue
      const value = data[field.name]
      if (value === undefined) continue
      const localized = Boolean(this.locale) && (ctx.localized || Boolean('localized' in field && field.localized))
      const key = `${ctx.keyPrefix}${field.name}`
      if (ctx.locale !== this.locale && !localized && field.type !== 'group') {
        throw new UnsupportedSchemaError(`a ${ctx.locale} value for field "${field.name}", which is not localized`)
      }
      switch (field.type) {
        case 'checkbox':
        case 'date':
        case 'email':
        case 'number':
        case 'select':
        case 'text':
        case 'textarea': {
          if ('hasMany' in field && field.hasMany) {
            if (field.type !== 'text') throw new UnsupportedSchemaError(`hasMany ${field.type} field "${field.name}"`)
            const texts = `${ctx.rootTable}_texts`
            ;(value as string[]).forEach((text, index) => {
              const row: Row = {}
              this.set(texts, row, 'order', index + 1)
              this.set(texts, row, 'parent', ctx.parentID)
              this.set(texts, row, 'path', `${ctx.pathPrefix}${field.name}`)
              this.set(texts, row, 'text', text)
              if (localized) this.set(texts, row, 'locale', ctx.locale)
              rows.add(texts, row)
            })
            break
          }
          if (localized) {
            if (ctx.table !== ctx.rootTable) {
              throw new UnsupportedSchemaError(`localized field "${field.name}" inside an array`)
            }
            this.set(`${ctx.table}${this.adapter.localesSuffix}`, ctx.localeRow(), key, value)
          } else {
            this.set(ctx.table, ctx.row, key, value)
          }
          break
        }
        case 'relationship': {
          if (field.hasMany || Array.isArray(field.relationTo) || localized) {
            throw new UnsupportedSchemaError(`relationship "${field.name}" is stored in a _rels table, which the importer does not write`)
          }
          this.set(ctx.table, ctx.row, key, value)
          break
        }
        case 'group': {
          this.walk(
            field.flattenedFields,
            value as Row,
            { ...ctx, keyPrefix: `${key}_`, localized: ctx.localized || Boolean(field.localized), pathPrefix: `${ctx.pathPrefix}${field.name}.` },
            rows,
          )
          break
        }
        case 'array': {
          if (localized) throw new UnsupportedSchemaError(`localized array "${field.name}"`)
          if (ctx.table !== ctx.rootTable) throw new UnsupportedSchemaError(`array "${field.name}" inside an array`)
          // Payload's name for the array's table, or the `dbName` the plugin gave it (long slugs).
          const defaultName = `${ctx.table}_${snake(key)}`
          const arrayTable = this.adapter.tableNameMap.get(defaultName) ?? defaultName
          this.requireTable(arrayTable)
          ;(value as Row[]).forEach((item, index) => {
            const row: Row = {}
            this.set(arrayTable, row, '_order', index + 1)
            this.set(arrayTable, row, '_parentID', ctx.parentID)
            // A version keeps the array row's ID in `_uuid`; its own ID is a serial.
            this.set(arrayTable, row, ctx.version ? '_uuid' : 'id', item.id)
            const { id: _id, ...rest } = item
            // Payload saves a version from the document with all its locales, so a new array row's
            // localized fields (e.g. the link's note) get an empty row per locale in the version,
            // and in the document too once it is saved in a second locale.
            const localizedChildren =
              this.locale && ctx.localeRowsForArrays
                ? field.flattenedFields.filter((child) => 'localized' in child && child.localized)
                : []
            if (ctx.version && localizedChildren.length > 0) this.set(arrayTable, row, 'id', PENDING_ID)
            this.walk(
              field.flattenedFields,
              rest,
              {
                ...ctx,
                keyPrefix: '',
                localeRow: () => {
                  throw new UnsupportedSchemaError(`a value for a localized field inside array "${field.name}"`)
                },
                parentID: item.id as string,
                pathPrefix: `${ctx.pathPrefix}${field.name}.${index}.`,
                row,
                table: arrayTable,
              },
              rows,
            )
            rows.add(arrayTable, row)
            if (localizedChildren.length > 0) {
              const localesTable = `${arrayTable}${this.adapter.localesSuffix}`
              for (const code of this.localeCodes) {
                const localeRow: Row = {}
                for (const child of localizedChildren) this.set(localesTable, localeRow, child.name, null)
                this.set(localesTable, localeRow, '_locale', code)
                this.set(localesTable, localeRow, '_parentID', ctx.version ? ({ pendingParent: row } satisfies PendingParent) : item.id)
                rows.add(localesTable, localeRow)
              }
            }
          })
          break
        }
        default:
          throw new UnsupportedSchemaError(`field "${field.name}" of type ${field.type}`)
      }
    }
  }

  /**
   * Adds the rows of one published document and its one version. `id` and `versionID` come from
   * the tables' own sequences; array rows get Payload's ObjectId-style IDs. `data` is in the
   * default locale; `translations` holds the localized fields' values in other locales (a
   * `_locales` row and localized `_texts` rows each), in the document and in its version.
   */
  addDocument(
    rows: RowSet,
    {
      data,
      id,
      now,
      translations = {},
      versionID,
    }: { data: Row; id: number | string; now: string; translations?: Record<string, Row>; versionID: number | string },
  ) {
    for (const code of Object.keys(translations)) {
      if (!this.localeCodes.includes(code) || code === this.locale) {
        throw new UnsupportedSchemaError(`"${code}" is not one of the site's other locales (${this.localeCodes.join(', ')})`)
      }
    }
    const doc: Row = { ...data, _status: 'published', createdAt: now, updatedAt: now }
    for (const [name, value] of Object.entries(doc)) {
      if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
        doc[name] = value.map((item: Row) => ({ id: new ObjectId().toHexString(), ...item }))
      }
    }
    const fields = this.collection.flattenedFields

    const build = (table: string, parentID: number | string, version: boolean) => {
      const row: Row = { id: parentID }
      const localesTable = `${table}${this.adapter.localesSuffix}`
      const localeRows = new Map<string, Row>()
      const localeRowFor = (locale: string | undefined) => () => {
        let localeRow = localeRows.get(locale!)
        if (!localeRow) {
          localeRow = {}
          this.set(localesTable, localeRow, '_locale', locale)
          this.set(localesTable, localeRow, '_parentID', parentID)
          localeRows.set(locale!, localeRow)
        }
        return localeRow
      }
      const ctx: WalkContext = {
        keyPrefix: version ? 'version_' : '',
        locale: this.locale,
        localeRow: localeRowFor(this.locale),
        localeRowsForArrays: version || Object.keys(translations).length > 0,
        localized: false,
        parentID,
        pathPrefix: version ? 'version.' : '',
        row,
        rootTable: table,
        table,
        version,
      }
      if (version) {
        this.set(table, row, 'parent', id)
        this.set(table, row, 'latest', true)
        // With autosave on, the versions table has an `autosave` column; a create writes false.
        if (this.requireTable(table).has('autosave')) this.set(table, row, 'autosave', false)
        this.set(table, row, 'createdAt', now)
        this.set(table, row, 'updatedAt', now)
      }
      // Parent rows go first so foreign keys hold; the walk adds children as it meets them.
      const children = new RowSet()
      this.walk(fields, doc, ctx, children)
      // The other locales: only their localized fields (the walk writes nothing else from them).
      for (const [locale, translation] of Object.entries(translations)) {
        this.walk(fields, translation, { ...ctx, locale, localeRow: localeRowFor(locale) }, children)
      }
      rows.add(table, row)
      for (const localeRow of localeRows.values()) rows.add(localesTable, localeRow)
      for (const [name, list] of children.tables) for (const child of list) rows.add(name, child)
    }
    build(this.table, id, false)
    build(this.versionsTable, versionID, true)
  }
}
