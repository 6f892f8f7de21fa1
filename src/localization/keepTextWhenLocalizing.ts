import type { Payload } from 'payload'

import { adapterName, isPostgres } from '../database/adapter.js'

/**
 * The parts of @payloadcms/db-postgres's adapter this helper uses (typed here, so the package does
 * not depend on the adapter at run time).
 */
type PostgresAdapterLike = {
  drizzle: unknown
  execute: (args: { db?: unknown; drizzle?: unknown; raw: string }) => Promise<{ rows: Record<string, unknown>[] }>
  localesSuffix?: string
  rawTables?: Record<string, { columns: Record<string, { name: string }>; name: string }>
  schemaName?: string
}

export type KeepTextWhenLocalizingArgs = {
  /** The `db` a migration receives: the transaction the migration runs in. */
  db: unknown
  /**
   * `up` (default): in the migration's `up`, text moves from the old columns into `*_locales`.
   * `down`: in its `down`, the default locale's text moves back into the re-created columns.
   */
  direction?: 'down' | 'up'
  /** The locale whose text `down` keeps; defaults to the config's default locale. */
  locale?: string
  /** The `payload` a migration receives; its config is the one with localization turned on. */
  payload: Payload
}

export type KeptText = {
  /** Per `*_locales` table, the columns whose text was kept, and how many rows. */
  kept: { columns: string[]; rows: number; table: string }[]
  /** Writes the kept text into the new `*_locales` tables (up) or the re-created columns (down). */
  restore: () => Promise<void>
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`
const internalColumns = ['_locale', '_parent_id', 'id']

/** It reads PostgreSQL's catalogue (information_schema) and moves text with PostgreSQL's SQL. */
const requirePostgres = (payload: Payload) => {
  if (!isPostgres(payload) || typeof (payload.db as unknown as Partial<PostgresAdapterLike>).execute !== 'function') {
    throw new Error(
      `keepTextWhenLocalizing needs PostgreSQL (@payloadcms/db-postgres); this site runs on the "${adapterName(payload)}" adapter, where the migration that turns localization on must move the text itself`,
    )
  }
}

const sqlHelpers = (db: unknown, payload: Payload) => {
  requirePostgres(payload)
  const adapter = payload.db as unknown as PostgresAdapterLike
  const schema = adapter.schemaName ?? 'public'
  const run = (raw: string) => adapter.execute({ db, drizzle: adapter.drizzle, raw })
  return {
    adapter,
    existingColumns: async (table: string) =>
      new Set(
        (
          await run(
            `select column_name from information_schema.columns where table_schema = ${literal(schema)} and table_name = ${literal(table)}`,
          )
        ).rows.map((row) => String(row.column_name)),
      ),
    /** Generated columns (the plugin's search vectors): never written, so never copied. */
    generatedColumns: async (table: string) =>
      new Set(
        (
          await run(
            `select column_name from information_schema.columns where table_schema = ${literal(schema)} and table_name = ${literal(table)} and is_generated <> 'NEVER'`,
          )
        ).rows.map((row) => String(row.column_name)),
      ),
    /**
     * Turns the generated columns that read `columns` of `table` into plain ones (PostgreSQL 13+
     * `DROP EXPRESSION`). The generated SQL drops such a column after the columns it reads (the
     * plugin's search vectors, `_search_<column>`, are declared after the fields), and PostgreSQL
     * refuses to drop a column a generated one reads; the generated SQL drops these too, or
     * re-creates them where the text now is.
     */
    detachGenerated: async (table: string, columns: string[]) => {
      if (!columns.length) return
      const dependents = (
        await run(
          `select distinct dependent_column from information_schema.column_column_usage where table_schema = ${literal(schema)} and table_name = ${literal(table)} and column_name in (${columns.map(literal).join(', ')})`,
        )
      ).rows.map((row) => String(row.dependent_column))
      for (const dependent of dependents) await run(`alter table ${quote(schema)}.${quote(table)} alter column ${quote(dependent)} drop expression`)
    },
    qualified: (table: string) => `${quote(schema)}.${quote(table)}`,
    run,
    schema,
    suffix: adapter.localesSuffix ?? '_locales',
  }
}

/**
 * The reverse, for the same migration's `down`: Payload's generated `down` re-creates the old
 * columns empty and drops the `*_locales` tables. The chosen locale's text (the default locale's
 * unless `locale` is given) is kept aside first and written back into the columns afterwards.
 */
const keepTextWhenUnlocalizing = async ({
  db,
  locale,
  payload,
}: Pick<KeepTextWhenLocalizingArgs, 'db' | 'locale' | 'payload'>): Promise<KeptText> => {
  const localization = payload.config.localization
  const kept = locale ?? (localization ? localization.defaultLocale : undefined)
  if (!kept) {
    throw new Error('keepTextWhenLocalizing: direction `down` needs `locale` when the config has no localization')
  }
  const { detachGenerated, existingColumns, generatedColumns, qualified, run, schema, suffix } = sqlHelpers(db, payload)
  const tables = (
    await run(
      `select table_name from information_schema.tables where table_schema = ${literal(schema)} and table_type = 'BASE TABLE' order by table_name`,
    )
  ).rows.map((row) => String(row.table_name))
  const plans: { columns: string[]; keep: string; locales: string; parent: string; rows: number }[] = []
  for (const [index, locales] of tables.filter((name) => name.endsWith(suffix)).entries()) {
    const parent = locales.slice(0, -suffix.length)
    if (!tables.includes(parent)) continue
    const generated = await generatedColumns(locales)
    const columns = [...(await existingColumns(locales))].filter((name) => !internalColumns.includes(name) && !generated.has(name)).sort()
    if (columns.length === 0) continue
    const keep = `_keep_text_${index}`
    await run(`drop table if exists ${qualified(keep)}`)
    await run(
      `create table ${qualified(keep)} as select ${quote('_parent_id')}, ${columns.map(quote).join(', ')} from ${qualified(locales)} where ${quote('_locale')}::text = ${literal(kept)}`,
    )
    const [{ n }] = (await run(`select count(*)::int as n from ${qualified(keep)}`)).rows as [{ n: number }]
    plans.push({ columns, keep, locales, parent, rows: n })
  }
  // Without localization a texts table has no `locale` column: the generated SQL drops it, and
  // with it the search vector of the localized texts that reads it (`_search_text_localized`).
  for (const table of tables.filter((name) => name.endsWith('_texts'))) await detachGenerated(table, ['locale'])
  return {
    kept: plans.map(({ columns, locales, rows }) => ({ columns, rows, table: locales })),
    restore: async () => {
      for (const plan of plans) {
        const present = await existingColumns(plan.parent)
        const columns = plan.columns.filter((column) => present.has(column))
        if (columns.length > 0 && present.has('id')) {
          await run(
            `update ${qualified(plan.parent)} as target set ${columns.map((column) => `${quote(column)} = kept.${quote(column)}`).join(', ')} from ${qualified(plan.keep)} as kept where target.${quote('id')} = kept.${quote('_parent_id')}`,
          )
        }
        await run(`drop table ${qualified(plan.keep)}`)
      }
    },
  }
}

/**
 * For the migration Payload generates when a site turns localization on: that migration creates a
 * `<table>_locales` table for every table with localized fields and DROPS the old columns, so every
 * title, name and description would be lost. Call this before the generated SQL and `restore()`
 * after it:
 *
 * ```ts
 * export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
 *   const text = await keepTextWhenLocalizing({ db, payload })
 *   await db.execute(sql`...generated...`)
 *   await text.restore()
 * }
 * ```
 *
 * It works from the schema Payload builds for the new config: for each `*_locales` table, the
 * columns that still exist on its parent table are copied aside (into a table of their own, in the
 * same transaction) and then written into the locales table as the default locale's text. Columns
 * already localized, and tables that are new, are left alone. It covers the whole site, the
 * catalogue's collections and the site's own. In the migration's `down`, call it with
 * `direction: 'down'` the same way, and the default locale's text goes back into the columns.
 */
export const keepTextWhenLocalizing = async ({
  db,
  direction = 'up',
  locale,
  payload,
}: KeepTextWhenLocalizingArgs): Promise<KeptText> => {
  requirePostgres(payload)
  if (direction === 'down') return keepTextWhenUnlocalizing({ db, locale, payload })
  const localization = payload.config.localization
  if (!localization) {
    throw new Error(
      'keepTextWhenLocalizing: the Payload config has no `localization`; run it in the migration that turns localization on',
    )
  }
  const { adapter, detachGenerated, existingColumns, qualified, run, schema, suffix } = sqlHelpers(db, payload)
  if (!adapter.rawTables) {
    throw new Error('keepTextWhenLocalizing: needs the PostgreSQL adapter (@payloadcms/db-postgres)')
  }

  const plans: { columns: string[]; keep: string; locales: string; parent: string; rows: number }[] = []
  const localesTables = Object.values(adapter.rawTables)
    .map((table) => table.name)
    .filter((name) => name.endsWith(suffix))
    .sort()
  for (const [index, locales] of localesTables.entries()) {
    const parent = locales.slice(0, -suffix.length)
    const wanted = Object.values(adapter.rawTables[locales]?.columns ?? {})
      .map((column) => column.name)
      .filter((name) => !internalColumns.includes(name))
    const present = await existingColumns(parent)
    if (!present.has('id')) continue
    const columns = wanted.filter((name) => present.has(name))
    if (columns.length === 0) continue
    const keep = `_keep_text_${index}`
    await run(`drop table if exists ${qualified(keep)}`)
    await run(
      `create table ${qualified(keep)} as select ${quote('id')} as ${quote('_parent_id')}, ${columns.map(quote).join(', ')} from ${qualified(parent)} where ${columns.map((column) => `${quote(column)} is not null`).join(' or ')}`,
    )
    const [{ n }] = (await run(`select count(*)::int as n from ${qualified(keep)}`)).rows as [{ n: number }]
    plans.push({ columns, keep, locales, parent, rows: n })
    // The columns move to the locales table; the generated SQL drops them, and their search vectors.
    await detachGenerated(parent, columns)
  }

  return {
    kept: plans.map(({ columns, locales, rows }) => ({ columns, rows, table: locales })),
    restore: async () => {
      for (const plan of plans) {
        const present = await existingColumns(plan.locales)
        const missing = ['_locale', '_parent_id', ...plan.columns].filter((column) => !present.has(column))
        if (missing.length > 0) {
          throw new Error(
            `keepTextWhenLocalizing: ${plan.locales} has no column ${missing.join(', ')} after the migration's SQL; call restore() after the generated statements`,
          )
        }
        const [{ type }] = (
          await run(
            `select udt_schema || '.' || udt_name as type from information_schema.columns where table_schema = ${literal(schema)} and table_name = ${literal(plan.locales)} and column_name = '_locale'`,
          )
        ).rows as [{ type: string }]
        const [typeSchema, typeName] = type.split('.') as [string, string]
        const columns = plan.columns.map(quote).join(', ')
        await run(
          `insert into ${qualified(plan.locales)} (${quote('_locale')}, ${quote('_parent_id')}, ${columns}) select ${literal(localization.defaultLocale)}::${quote(typeSchema)}.${quote(typeName)}, ${quote('_parent_id')}, ${columns} from ${qualified(plan.keep)}`,
        )
        await run(`drop table ${qualified(plan.keep)}`)
      }
    },
  }
}
