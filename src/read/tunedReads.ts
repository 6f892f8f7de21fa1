/**
 * The tuned read path: roles by slug, with the items they link and the roles they build on, in ONE
 * SQL statement through the adapter's drizzle instance, instead of Payload's generic `find` per
 * collection (whose JavaScript costs ten times what PostgreSQL spends). GraphQL callers pass the
 * fields their query selects, so the statement reads those and no more.
 *
 * It answers exactly what the generic path answers. The statement replaces only the database fetch;
 * what Payload does around it for a host's customizations is applied by the same rules:
 * - fields a host adds (`overrides.*.fields`) are read by the same statement, for the field types
 *   src/read/sqlDocuments.ts knows (anything else, or a field with read access or afterRead hooks of
 *   its own, keeps the generic path);
 * - the read access of each collection is asked for the request, as Payload asks it: `true` reads
 *   everything, `false` nothing, the plugin's own "published" rule is applied in SQL, so is a host's
 *   query of `equals` / `in` on the document's own plain fields (`whereSql`), and any other query a
 *   host's access returns is applied by the adapter (`payload.db.find` with that query over the
 *   documents the statement found, one question per collection), so only what the reader may read
 *   is kept, links included;
 * - a host's `beforeRead` and `afterRead` collection hooks run on every document read, in Payload's
 *   order (after the plugin's own, whose effect the statement already has);
 * - hooks that can change a read's arguments or result wholesale (`beforeOperation`,
 *   `afterOperation`) keep the generic path.
 * It is taken for the PostgreSQL adapter with `tunedReads` not turned off (options, config.custom),
 * for reads that are not draft previews and run outside a transaction. What keeps a site on the
 * generic path is logged once, as a warning, when Payload starts (`warnWhenUntuned`).
 * With localization, localized fields are read from the `*_locales` tables (and the locale's rows of
 * `_texts`) in the read context's locale with its fallbacks, in the same statement; asked for
 * (`selection.textSources`, for JSON-LD), it also says which locale answered each localized text of
 * the roles and their items (src/read/textLocales.ts), so no second read is needed to tell.
 * Otherwise callers keep Payload's Local API path (src/read/catalogReader.ts), which applies whatever
 * access, hooks and fields the host configured. tests/tuned-reads.test.ts proves both paths answer
 * the same, for anonymous readers and editors, with drafts around.
 *
 * Links to documents the reader may not read are left out of a role, as src/hooks/hideUnreadableLinks.ts
 * does on the generic path. A role page's join fields to roles (`builtOnBy`, asked for without
 * arguments) come with the roles (`selection.joins`): the page is one statement.
 *
 * Kept cheap for PostgreSQL's planner and executor at ESCO size: links are checked by primary key
 * (scalar subqueries, never EXISTS, which the planner may turn into a scan of the whole linked
 * table), and the asked roles' link rows are checked against the items the statement reads anyway.
 */
import type { CollectionSlug, Payload, PayloadRequest, SanitizedCollectionConfig, SanitizedConfig, Where } from 'payload'

import { sanitizeFallbackLocale } from 'payload'

import { isDeepStrictEqual } from 'node:util'

import type { CatalogCollection, CatalogSlugs } from '../plugin/options.js'
import type { ReadContext } from './readContext.js'

import { isPostgres } from '../database/adapter.js'
import { drizzleOrm, loadDrizzle, loadedDrizzle } from '../database/drizzle.js'
import { roleLinks } from '../hooks/roleLinks.js'
import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { catalogCollections } from '../plugin/options.js'
import { isPluginOwned } from '../plugin/owned.js'
import { executorFor } from '../replicas/routing.js'
import { readContextKey } from './readContext.js'
import { roleOrderBy } from './roleOrder.js'
import { DocumentSqlBuilder, type DrizzleAdapterLike, type FieldSelection, ident, relsColumn, snake, type SqlLocale, UntunableSchemaError } from './sqlDocuments.js'
import { takeTextLocales } from './textLocales.js'

export type Doc = Record<string, unknown> & { id: number | string }
export type LinkedDimension = keyof typeof roleLinks
export type { FieldSelection }

/**
 * The fields to read. `role`: of the roles asked for (undefined: all). `items`: of the linked
 * items, on top of what comparisons and JSON-LD use (always read). `neighbours`: of the roles in
 * `buildsOn`, or false to leave them to GraphQL's own relationship resolver.
 */
export type TunedSelection = {
  items?: Partial<Record<LinkedDimension, FieldSelection>>
  /**
   * Join fields of the roles to roles (`builtOnBy`: the roles whose `buildsOn` names this one) that
   * GraphQL asks for without arguments, by name: the fields of the joined roles to read (undefined:
   * all) and how many at most (what Payload's join resolver, bounded by the plugin, asks `find` for).
   * Read in the same statement; src/graphql/batchedJoins.ts answers the join from them.
   */
  joins?: Record<string, TunedJoinSelection>
  neighbours?: false | FieldSelection | undefined
  role?: FieldSelection
  /**
   * Report which locale answered each localized text of the roles and their linked items
   * (src/read/textLocales.ts), for JSON-LD that says which text fell back. Only read with fallbacks.
   */
  textSources?: boolean
}

export type TunedJoinSelection = { fields?: FieldSelection; limit: number }

/** The fields of a linked item that comparisons and JSON-LD read (src/read/catalogReader.ts). */
export const catalogItemFields = ['slug', 'title', 'name', 'description', 'kind', 'abbreviation', 'issuingBody'] as const

/**
 * Where GraphQL's relationship resolvers find what a tuned read already loaded: on a link row, the
 * linked item; on a role, the roles of its `buildsOn`. Symbols: never serialised, never confused
 * with a field (src/graphql/tunedLinks.ts reads them).
 */
export const TUNED_ITEM = Symbol.for('role-catalog.tuned-item')
export const TUNED_BUILDS_ON = Symbol.for('role-catalog.tuned-builds-on')
/** On a role: its join fields read by the tuned statement (`TunedJoin` by field name). */
export const TUNED_JOINS = Symbol.for('role-catalog.tuned-joins')

/**
 * A join field's documents as Payload's join resolver would return them for this request: the
 * reader's access applied, in the roles' default sort, at most `limit`, read in `locale` ('' without
 * localization) with the fallback Payload's join resolver uses, host read hooks run.
 */
export type TunedJoin = { docs: Doc[]; limit: number; locale: string }

/** What one tuned statement returns. */
export type TunedRoles = {
  /** Items linked by `roles`, per collection. */
  items: Record<LinkedDimension, Doc[]>
  /** The roles asked for that the reader may see. */
  roles: Doc[]
}

// ---------------------------------------------------------------------------------------------
// When the tuned path may answer.

/** Hooks of a host that can change what a read is asked for or what it returns as a whole. */
const operationHooks = ['beforeOperation', 'afterOperation'] as const

const untunableHooks = (collection: SanitizedCollectionConfig): string | undefined => {
  for (const name of operationHooks) {
    const hooks = (collection.hooks?.[name] as unknown[] | undefined) ?? []
    if (hooks.some((hook) => !isPluginOwned(hook))) return `a ${name} hook of the site's`
  }
  return undefined
}

/**
 * What a collection's read access lets this request read: `all`, `none`, `published` (the plugin's
 * default rule for readers who are not admin users, applied in SQL), or a host's own query.
 */
export type AccessMode = { kind: 'all' } | { kind: 'none' } | { kind: 'published' } | { kind: 'where'; where: Where }
export type AccessModes = Record<CatalogCollection, AccessMode>

/** How the statement filters one collection: the query of a `where` mode is applied after it, by the adapter. */
/** `{ sql }`: a host's read query the statement applies itself (WHERE_ALIAS stands for the table's alias). */
type SqlFilter = 'all' | 'none' | 'published' | { sql: string }
type Scope = Record<CatalogCollection, SqlFilter>

const WHERE_ALIAS = '\u0001'

/** Field types whose `equals` / `in` the statement applies as Payload's adapter does: `=` / `in (...)` on the column. */
const WHERE_FIELD_TYPES = new Set(['email', 'number', 'radio', 'select', 'text', 'textarea'])

const whereSqlCache = new WeakMap<SanitizedConfig, Map<string, null | string>>()

/**
 * A host's read query as SQL on the collection's main table, when it is one the statement can apply
 * exactly as Payload's adapter does: `and` / `or` of `equals` and `in` on the document's own
 * top-level text, select, radio, email or number fields (not localized, not hasMany), its `_status`
 * or its `id`, with string or number values. Anything else (undefined) is left to the adapter,
 * asked after the statement (readableOnly). The common rule "published and public" is one of these,
 * so such a site's role page stays one statement.
 */
const whereSql = (payload: Payload, slug: string, where: Where): string | undefined => {
  let cache = whereSqlCache.get(payload.config)
  if (!cache) whereSqlCache.set(payload.config, (cache = new Map()))
  const key = `${slug}\u0000${JSON.stringify(where)}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached ?? undefined
  let sql: string | undefined
  try {
    const collection = payload.collections[slug as CollectionSlug]!.config
    const builder = new DocumentSqlBuilder(payload.db as unknown as DrizzleAdapterLike)
    const table = builder.tableFor(collection)
    const fields = new Map(collection.flattenedFields.map((field) => [field.name, field]))
    const numericIDs = payload.db.defaultIDType === 'number'
    const literal = (value: unknown, numeric: boolean, options?: Set<string>): string | undefined => {
      if (numeric) return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined
      if (typeof value !== 'string' || value.includes('\u0000') || (options && !options.has(value))) return undefined
      return `'${value.replace(/'/g, "''")}'`
    }
    const translate = (node: Where): string | undefined => {
      const parts: string[] = []
      for (const [name, value] of Object.entries(node)) {
        if (name === 'and' || name === 'or') {
          if (!Array.isArray(value) || value.length === 0) return undefined
          const inner = (value as Where[]).map(translate)
          if (inner.some((part) => part === undefined)) return undefined
          parts.push(`(${inner.join(` ${name} `)})`)
          continue
        }
        const field = fields.get(name)
        let numeric: boolean
        if (name === 'id') numeric = numericIDs
        else if (
          field &&
          WHERE_FIELD_TYPES.has(field.type) &&
          !(field as { hasMany?: boolean }).hasMany &&
          !(field as { localized?: boolean }).localized &&
          !(field as { virtual?: unknown }).virtual
        ) {
          numeric = field.type === 'number'
        } else return undefined
        // A select's column is an enum: a value outside its options is an error in SQL, whatever the adapter makes of it.
        const options =
          field && (field.type === 'select' || field.type === 'radio')
            ? new Set((field as { options: (string | { value: string })[] }).options.map((option) => (typeof option === 'string' ? option : option.value)))
            : undefined
        const column = `${WHERE_ALIAS}.${ident(builder.column(table, name))}`
        if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
        const operators = Object.entries(value as Record<string, unknown>)
        if (operators.length === 0) return undefined
        for (const [operator, operand] of operators) {
          if (operator === 'equals') {
            const one = literal(operand, numeric, options)
            if (one === undefined) return undefined
            parts.push(`${column} = ${one}`)
          } else if (operator === 'in') {
            if (!Array.isArray(operand) || operand.length === 0) return undefined
            const many = operand.map((each) => literal(each, numeric, options))
            if (many.some((each) => each === undefined)) return undefined
            parts.push(`${column} in (${many.join(', ')})`)
          } else return undefined
        }
      }
      return parts.length > 0 ? `(${parts.join(' and ')})` : undefined
    }
    sql = translate(where)
  } catch (error) {
    if (!(error instanceof UntunableSchemaError)) throw error
    sql = undefined
  }
  // Access results are few per site (usually constant queries): bounded all the same.
  if (cache.size >= 200) cache.clear()
  cache.set(key, sql ?? null)
  return sql
}

const PUBLISHED: Where = { _status: { equals: 'published' } }

const modeOf = (result: boolean | Where): AccessMode => {
  if (result === true) return { kind: 'all' }
  if (!result) return { kind: 'none' }
  if (isDeepStrictEqual(result, PUBLISHED)) return { kind: 'published' }
  return { kind: 'where', where: result }
}

const isPromise = <T>(value: Promise<T> | T): value is Promise<T> => typeof (value as { then?: unknown })?.then === 'function'

/**
 * Per request: each collection's read access is asked once, whatever reads the request makes. When
 * every access function answers at once (the plugin's do, and most sites'), so does this, without
 * yielding: GraphQL's resolvers of one request share its `req`, and a read that yielded here would
 * run after others it ran before on the generic path (Payload's Local API writes the locale onto it).
 */
const modesByRequest = new WeakMap<object, AccessModes | Promise<AccessModes>>()

export const accessModesFor = (req: PayloadRequest): AccessModes | Promise<AccessModes> => {
  let modes = modesByRequest.get(req)
  if (modes) return modes
  const slugs = getCatalogConfig(req.payload.config).slugs
  const results = catalogCollections.map((name) => {
    const read = req.payload.collections[slugs[name] as CollectionSlug]!.config.access?.read
    // Payload's default read access, for a collection without one: logged-in users.
    return read ? read({ req }) : Boolean(req.user)
  })
  const build = (answers: (boolean | Where)[]) =>
    Object.fromEntries(catalogCollections.map((name, index) => [name, modeOf(answers[index]!)])) as AccessModes
  modes = results.some(isPromise) ? Promise.all(results).then(build) : build(results as (boolean | Where)[])
  modesByRequest.set(req, modes)
  return modes
}

const sqlFilterOf = (payload: Payload, slug: string, mode: AccessMode): SqlFilter => {
  if (mode.kind !== 'where') return mode.kind
  const sql = whereSql(payload, slug, mode.where)
  return sql === undefined ? 'all' : { sql }
}

type Plan = {
  /** Statements built so far, by scope and selection: SQL before and after the slugs parameter. */
  statements: Map<string, [string, string]>
}

const plans = new WeakMap<SanitizedConfig, Plan | { reason: string }>()

const makePlan = (payload: Payload): Plan | { reason: string } => {
  const config = payload.config
  const catalog = getCatalogConfig(config)
  const db = payload.db as unknown as DrizzleAdapterLike & { drizzle?: { execute?: unknown }; name?: string }
  if (db.name !== 'postgres' || typeof db.drizzle?.execute !== 'function') return { reason: 'not the PostgreSQL adapter' }
  for (const slug of Object.values(catalog.slugs)) {
    const collection = payload.collections[slug as CollectionSlug]?.config
    if (!collection) return { reason: `no collection "${slug}"` }
    const reason = untunableHooks(collection)
    if (reason) return { reason: `${slug}: ${reason}` }
  }
  const plan: Plan = { statements: new Map() }
  try {
    // Built once up front, every field included, so a schema the tuned path cannot read is found at start.
    const locale = config.localization ? { code: config.localization.defaultLocale, fallbacks: [] } : undefined
    const published = Object.fromEntries(catalogCollections.map((name) => [name, 'published'])) as Scope
    statementFor(payload, catalog.slugs, plan, published, {}, locale)
    return plan
  } catch (error) {
    if (error instanceof UntunableSchemaError) return { reason: error.message }
    throw error
  }
}

const planFor = (payload: Payload): Plan | undefined => {
  const config = payload.config
  let plan = plans.get(config)
  if (!plan) {
    // PostgreSQL before drizzle-orm is loaded (src/database/drizzle.ts; the plugin's onInit and
    // readRolesTuned load it): the generic path answers, and the plan is made once it is there.
    if (isPostgres(payload) && !loadedDrizzle()) return undefined
    plan = makePlan(payload)
    plans.set(config, plan)
  }
  return 'statements' in plan ? plan : undefined
}

/**
 * Why this site's catalogue reads take Payload's generic path, or undefined when the tuned path
 * answers them. Logged once at start by the plugin (a warning: the generic path is several times
 * slower), so a site owner learns it from the log, not from a benchmark.
 */
export const untunedReason = (payload: Payload): string | undefined => {
  if (getCatalogConfig(payload.config).tunedReads !== true) return undefined
  planFor(payload)
  const plan = plans.get(payload.config)
  return plan && 'reason' in plan ? plan.reason : undefined
}

/**
 * Whether the tuned path may answer this request (not a draft, no transaction), and with which
 * access per collection.
 */
export const tunedAccess = (req: PayloadRequest, { draft = false }: { draft?: boolean } = {}): AccessModes | Promise<AccessModes> | undefined => {
  if (draft || req.transactionID) return undefined
  // Read on every call: the switch may be flipped at runtime (tests, the benchmark's baseline runs).
  if (getCatalogConfig(req.payload.config).tunedReads !== true) return undefined
  if (!planFor(req.payload)) return undefined
  return accessModesFor(req)
}

/**
 * For readers of the roles joins (src/graphql/batchedJoins.ts), which filter roles in SQL only:
 * `all` or `published` when the roles' read access is one of those for this request, else undefined
 * (Payload's own resolver answers).
 */
export const tunedRolesScope = (req: PayloadRequest, { draft = false }: { draft?: boolean } = {}): 'all' | 'published' | undefined => {
  const modes = tunedAccess(req, { draft })
  // Access that has not answered yet (asynchronous): Payload's resolver answers this join.
  const kind = modes && !isPromise(modes) ? modes.roles.kind : undefined
  return kind === 'all' || kind === 'published' ? kind : undefined
}

// ---------------------------------------------------------------------------------------------
// The statement.

const PARAM = '\u0000slugs\u0000'

const withItemFields = (collection: SanitizedCollectionConfig, selection: FieldSelection | undefined): FieldSelection => {
  const known = new Set(collection.flattenedFields.map((field) => field.name))
  const merged: FieldSelection = { ...selection }
  for (const name of catalogItemFields) if (known.has(name) && !merged[name]) merged[name] = true
  return merged
}

const buildStatement = (
  payload: Payload,
  slugs: CatalogSlugs,
  scope: Scope,
  selection: TunedSelection,
  locale: SqlLocale | undefined,
  joinLocale: SqlLocale | undefined,
): [string, string] => {
  const linked = new Map(
    (Object.entries(roleLinks) as [LinkedDimension, (typeof roleLinks)[LinkedDimension]][]).map(([name, { arrayName, itemName }]) => [
      `${arrayName}.${itemName}`,
      name,
    ]),
  )
  const rolesConfig = payload.collections[slugs.roles as CollectionSlug]!.config
  const buildsOnPaths = rolesConfig.flattenedFields
    .filter((field) => field.type === 'relationship' && field.hasMany && field.relationTo === slugs.roles)
    .map((field) => field.name)
  const adapter = payload.db as unknown as DrizzleAdapterLike
  const condition = (filter: SqlFilter, alias: string) =>
    typeof filter === 'object'
      ? filter.sql.replaceAll(WHERE_ALIAS, alias)
      : filter === 'published'
        ? `${alias}."_status" = 'published'`
        : filter === 'none'
          ? 'false'
          : undefined
  // The roles' afterRead hook leaves out links to documents the reader may not read.
  const linkCondition = (path: string) => {
    const name: CatalogCollection | undefined = linked.get(path) ?? (buildsOnPaths.includes(path) ? 'roles' : undefined)
    if (!name || scope[name] === 'all') return undefined
    return ({ alias }: { alias: string }) => condition(scope[name], alias)!
  }
  const builder = new DocumentSqlBuilder(adapter, { linkCondition, locale })
  // The linked items, with their text's sources when asked for (the roles' buildsOn and joins without).
  const itemBuilder = selection.textSources ? new DocumentSqlBuilder(adapter, { aliasPrefix: 'i', linkCondition, locale, textSources: true }) : builder
  const visible = (name: CatalogCollection, alias: string) => {
    const where = condition(scope[name], alias)
    return where ? ` and ${where}` : ''
  }
  const rolesTable = builder.tableFor(rolesConfig)
  const roles = builder.qualified(rolesTable)

  // The roles asked for: their link rows are checked against the items read below (readRolesTuned
  // drops the rows whose item is not among them), not once more per row here.
  const itemPaths = new Set(linked.keys())
  const targetBuilder = new DocumentSqlBuilder(adapter, {
    aliasPrefix: 't',
    linkCondition: (path) => (itemPaths.has(path) ? undefined : linkCondition(path)),
    locale,
    textSources: selection.textSources,
  })
  const parts: string[] = [`'roles', coalesce((select json_agg(${targetBuilder.document(rolesConfig, 't', selection.role)}) from target t), '[]'::json)`]
  if (selection.neighbours !== false && buildsOnPaths.length > 0) {
    const rels = builder.qualified(`${rolesTable}_rels`)
    const paths = buildsOnPaths.map((path) => `'${path.replace(/'/g, "''")}'`).join(', ')
    parts.push(`'neighbours', coalesce((select json_agg(${builder.document(rolesConfig, 'n', selection.neighbours)}) from ${roles} n where n.id in (
      select rr.${ident(relsColumn(adapter, slugs.roles))} from ${rels} rr join target t on t.id = rr.parent_id where rr.path in (${paths}))${visible('roles', 'n')}), '[]'::json)`)
  }
  for (const [name, { arrayName, itemName }] of Object.entries(roleLinks) as [LinkedDimension, (typeof roleLinks)[LinkedDimension]][]) {
    const itemConfig = payload.collections[slugs[name] as CollectionSlug]!.config
    const itemTable = builder.qualified(builder.tableFor(itemConfig))
    const arrayTable = adapter.tableNameMap.get(`${rolesTable}_${snake(arrayName)}`)
    if (!arrayTable) throw new UntunableSchemaError(`no table for "${arrayName}"`)
    const column = ident(builder.column(arrayTable, itemName))
    const document = itemBuilder.document(itemConfig, 'i', withItemFields(itemConfig, selection.items?.[name]))
    parts.push(`'${name}', coalesce((select json_agg(${document}) from ${itemTable} i where i.id in (
      select l.${column} from ${builder.qualified(arrayTable)} l join target t on t.id = l._parent_id)${visible(name, 'i')}), '[]'::json)`)
  }
  const joins: string[] = []
  for (const [name, join] of Object.entries(selection.joins ?? {})) {
    const field = rolesConfig.flattenedFields.find((each) => each.name === name)
    if (field?.type !== 'join' || field.collection !== slugs.roles || typeof field.on !== 'string' || !buildsOnPaths.includes(field.on)) continue
    // As src/graphql/batchedJoins.ts reads it: the roles linking the target in `on`, in the roles'
    // default sort (by the text in the read's locale when localized), the first `limit`; then their
    // documents, read by a builder of their own (Payload reads joined roles in the locale's own fallback).
    const localesTable = `${rolesTable}${adapter.localesSuffix ?? '_locales'}`
    const sort = roleOrderBy(rolesConfig, 'k', joinLocale ? { locale: joinLocale.code, table: builder.qualified(localesTable) } : undefined)
    if (!sort) continue
    const joinBuilder = new DocumentSqlBuilder(adapter, { aliasPrefix: 'j', linkCondition, locale: joinLocale })
    const rels = builder.qualified(`${rolesTable}_rels`)
    joins.push(`'${name.replace(/'/g, "''")}', (select coalesce(json_agg(${joinBuilder.document(rolesConfig, 'j', join.fields)} order by k.n), '[]'::json) from (
      select k.id, row_number() over (order by ${sort.order}) as n from ${roles} k${sort.join}
      where k.id in (select rr.parent_id from ${rels} rr where rr.${ident(relsColumn(adapter, slugs.roles))} = t.id and rr.path = '${field.on.replace(/'/g, "''")}')${visible('roles', 'k')}
      order by ${sort.order} limit ${Math.max(0, Math.floor(join.limit))}) k join ${roles} j on j.id = k.id)`)
  }
  if (joins.length > 0) {
    parts.push(`'joins', coalesce((select json_agg(json_build_object('id', t.id, 'docs', json_build_object(${joins.join(', ')}))) from target t), '[]'::json)`)
  }
  // The slugs as an array parameter: the planner then knows how few roles to expect.
  const text = `with target as (select r.* from ${roles} r where r.slug = any(${PARAM}::text[])${visible('roles', 'r')})
select json_build_object(${parts.join(',\n')}) as result`
  const [before, after] = text.split(PARAM) as [string, string]
  return [before, after]
}

const statementFor = (
  payload: Payload,
  slugs: CatalogSlugs,
  plan: Plan,
  scope: Scope,
  selection: TunedSelection,
  locale: SqlLocale | undefined,
  joinLocale: SqlLocale | undefined = undefined,
) => {
  const localeKey = (each: SqlLocale | undefined) => (each ? [each.code, ...each.fallbacks].join(',') : '')
  const key = `${catalogCollections.map((name) => (typeof scope[name] === 'object' ? scope[name].sql : scope[name])).join(',')}:${localeKey(locale)}:${localeKey(joinLocale)}:${JSON.stringify(selection)}`
  let statement = plan.statements.get(key)
  if (!statement) {
    statement = buildStatement(payload, slugs, scope, selection, locale, joinLocale)
    // Selections come from queries: keep the set bounded.
    if (plan.statements.size >= 200) plan.statements.clear()
    plan.statements.set(key, statement)
  }
  return statement
}

/**
 * The locale the statement reads localized fields in, from the read context: the locale and its
 * fallbacks as Payload's afterRead hook applies them (a fallback equal to the locale is none; a
 * chain is tried in order). Undefined without localization; null when the tuned path cannot answer
 * (`all` locales, or no locale at all), and the generic path does.
 */
const sqlLocaleFor = (config: SanitizedConfig, context: ReadContext): null | SqlLocale | undefined => {
  const localization = config.localization
  if (!localization) return undefined
  const { fallbackLocale, locale } = context
  if (!locale || !localization.localeCodes.includes(locale) || fallbackLocale === undefined) return null
  const fallbacks = fallbackLocale === false ? [] : Array.isArray(fallbackLocale) ? fallbackLocale : fallbackLocale === locale ? [] : [fallbackLocale]
  if (!fallbacks.every((code) => localization.localeCodes.includes(code))) return null
  return { code: locale, fallbacks }
}

/**
 * The documents among `docs` that a host's read query lets the reader read, asked of the adapter
 * with that query (the same translation into SQL Payload's own reads use); `docs` as they are for
 * the other access modes, which the statement already applied.
 */
const readableOnly = async (req: PayloadRequest, slug: string, mode: AccessMode, docs: Doc[]): Promise<Doc[]> => {
  if (mode.kind !== 'where' || docs.length === 0) return docs
  const found = await req.payload.db.find({
    collection: slug as CollectionSlug,
    limit: 0,
    pagination: false,
    req,
    select: { id: true },
    where: { and: [mode.where, { id: { in: docs.map((doc) => doc.id) } }] },
  })
  const allowed = new Set(found.docs.map((doc) => String((doc as { id: unknown }).id)))
  return docs.filter((doc) => allowed.has(String(doc.id)))
}

/** A host's read hooks on a collection (not the plugin's own). */
const hostReadHooks = (collection: SanitizedCollectionConfig) => ({
  after: (collection.hooks?.afterRead ?? []).filter((hook) => !isPluginOwned(hook)),
  before: (collection.hooks?.beforeRead ?? []).filter((hook) => !isPluginOwned(hook)),
})

const hasHostReadHooks = (collection: SanitizedCollectionConfig) => {
  const { after, before } = hostReadHooks(collection)
  return after.length > 0 || before.length > 0
}

/**
 * A host's collection hooks that run on reads, on documents the statement read: `beforeRead`, then
 * `afterRead`, each in the order configured, as Payload's find runs them (after the plugin's own,
 * whose effect the statement already has).
 */
const withReadHooks = async (req: PayloadRequest, collection: SanitizedCollectionConfig, docs: Doc[], findMany: boolean): Promise<Doc[]> => {
  const { after, before } = hostReadHooks(collection)
  if (docs.length === 0 || (before.length === 0 && after.length === 0)) return docs
  const context = req.context
  return Promise.all(
    docs.map(async (read) => {
      let doc = read
      for (const hook of before) doc = ((await hook({ collection, context, doc, query: {}, req })) as Doc | undefined) ?? doc
      for (const hook of after) {
        doc = ((await hook({ collection, context, doc, findMany, overrideAccess: false, query: {}, req })) as Doc | undefined) ?? doc
      }
      return doc
    }),
  )
}

/** How many join candidates a host's read query is applied to, beyond what the join shows (see below). */
const JOIN_CANDIDATES = (limit: number) => 2 * limit + 20

/**
 * The locale Payload's join resolver reads joined roles in: the read's locale with that locale's
 * own fallback from the config, whatever fallback the read asked for (src/graphql/batchedJoins.ts).
 */
const joinLocaleFor = (config: SanitizedConfig, locale: SqlLocale | undefined): null | SqlLocale | undefined => {
  const localization = config.localization
  if (!localization || !locale) return undefined
  const fallbackLocale = sanitizeFallbackLocale({ fallbackLocale: null as never, locale: locale.code, localization })
  return sqlLocaleFor(config, { fallbackLocale: fallbackLocale === false ? false : (fallbackLocale as string | string[]), locale: locale.code } as ReadContext)
}

/**
 * Roles with these slugs the reader may see, with what they link, in one statement; undefined when
 * the tuned path may not answer (then read through the Local API). Each link row of a returned role
 * carries its item under TUNED_ITEM, each role the roles of its `buildsOn` under TUNED_BUILDS_ON
 * (unless `selection.neighbours` is false), and the join fields in `selection.joins` under
 * TUNED_JOINS (a join it cannot answer exactly is left out: GraphQL's resolver then reads it).
 */
export const readRolesTuned = async (
  req: PayloadRequest,
  roleSlugs: string[],
  { context, selection = {} }: { context: ReadContext; selection?: TunedSelection },
): Promise<TunedRoles | undefined> => {
  // Loaded once per process (src/database/drizzle.ts); awaited only before that.
  if (!loadedDrizzle()) await loadDrizzle(req.payload)
  const access = tunedAccess(req, { draft: context.draft })
  if (!access) return undefined
  // Awaited only when a host's access answers asynchronously (see accessModesFor).
  const accessModes = isPromise(access) ? await access : access
  const locale = sqlLocaleFor(req.payload.config, context)
  if (locale === null) return undefined
  // Text sources only where text can fall back: elsewhere every text is in the read's locale.
  const textSources = selection.textSources === true && locale !== undefined && locale.fallbacks.length > 0
  if (selection.textSources !== undefined && !textSources) selection = { ...selection, textSources: undefined }
  const joinLocale = selection.joins ? joinLocaleFor(req.payload.config, locale) : undefined
  const slugs = getCatalogConfig(req.payload.config).slugs
  const scope = Object.fromEntries(catalogCollections.map((name) => [name, sqlFilterOf(req.payload, slugs[name], accessModes[name])])) as Scope
  // A host's query the statement applied itself needs nothing more; the others are asked of the adapter below.
  const modes = Object.fromEntries(
    catalogCollections.map((name) => [name, typeof scope[name] === 'object' ? ({ kind: 'all' } as const) : accessModes[name]]),
  ) as AccessModes
  // A host's read query on the roles is applied after the statement: the join reads more candidates
  // than it shows, so that the first `limit` readable ones are among them (checked below).
  const rolesWhere = modes.roles.kind === 'where'
  // Links of the joined roles to items a host's query decides about would need that query asked of
  // their items too: such a join is left to GraphQL's resolver.
  const itemsDecidedLater = (Object.keys(roleLinks) as LinkedDimension[]).filter((name) => modes[name].kind === 'where')
  const joinsReadable = Object.values(selection.joins ?? {}).every(
    ({ fields }) => fields !== undefined && itemsDecidedLater.every((name) => !fields[roleLinks[name].arrayName]),
  )
  let statementSelection = selection
  if (selection.joins && (joinLocale === null || modes.roles.kind === 'none' || !joinsReadable)) {
    statementSelection = { ...selection, joins: undefined }
  } else if (selection.joins && rolesWhere) {
    statementSelection = {
      ...selection,
      joins: Object.fromEntries(Object.entries(selection.joins).map(([name, join]) => [name, { ...join, limit: JOIN_CANDIDATES(join.limit) + 1 }])),
    }
  }
  const [before, after] = statementFor(req.payload, slugs, planFor(req.payload)!, scope, statementSelection, locale, joinLocale ?? undefined)
  type JoinRow = { docs: Record<string, Doc[]>; id: Doc['id'] }
  type Row = { result: Record<'neighbours' | 'roles' | LinkedDimension, Doc[] | undefined> & { joins?: JoinRow[] } }
  // `drizzle.execute` would always use the primary (withReplicas): pick the connection by the context.
  const db = executorFor(req.payload, context.database)
  const { sql } = drizzleOrm()
  const { rows } = (await db.execute(sql`${sql.raw(before)}${sql.param(roleSlugs)}${sql.raw(after)}`)) as { rows: Row[] }
  const result = rows[0]!.result
  const configOf = (name: CatalogCollection) => req.payload.collections[slugs[name] as CollectionSlug]!.config
  if (textSources) {
    // The statement's `[value, locale]` pairs back to values; which locale answered each is kept on
    // the documents, unless a host's read hook runs on them (then what it returns may not be what
    // the locales answered, and the JSON-LD reads again to tell).
    const contextKey = readContextKey(context)
    for (const name of catalogCollections) {
      const collection = configOf(name)
      for (const doc of result[name] ?? []) takeTextLocales(collection.flattenedFields, doc, contextKey, !hasHostReadHooks(collection))
    }
  }
  // The link rows of the roles asked for whose item the statement's filter left out (the items read
  // are exactly the linked ones that pass it), as src/hooks/hideUnreadableLinks.ts leaves them out.
  for (const name of Object.keys(roleLinks) as LinkedDimension[]) {
    if (scope[name] === 'all') continue
    const { arrayName, itemName } = roleLinks[name]
    const kept = new Set((result[name] ?? []).map((doc) => String(doc.id)))
    for (const role of result.roles ?? []) {
      const rows = role[arrayName]
      if (Array.isArray(rows)) role[arrayName] = rows.filter((row: Record<string, unknown>) => row[itemName] != null && kept.has(String(row[itemName])))
    }
  }
  const rolesConfig = configOf('roles')
  const paths = rolesConfig.flattenedFields
    .filter((field) => field.type === 'relationship' && field.hasMany && field.relationTo === slugs.roles)
    .map((field) => field.name)

  // A host's read queries: keep what the reader may read, and the links to it (as the generic path does).
  const readable = {
    certifications: await readableOnly(req, slugs.certifications, modes.certifications, result.certifications ?? []),
    responsibilities: await readableOnly(req, slugs.responsibilities, modes.responsibilities, result.responsibilities ?? []),
    skills: await readableOnly(req, slugs.skills, modes.skills, result.skills ?? []),
  }
  const joinRows = statementSelection.joins ? (result.joins ?? []) : []
  const joinDocs = joinRows.flatMap((row) => Object.values(row.docs).flat())
  // The roles, their neighbours, the join candidates and every role they link: one question to the
  // adapter for all of them.
  const read = [...(result.roles ?? []), ...(result.neighbours ?? []), ...joinDocs]
  const linkedRoles = rolesWhere ? read.flatMap((doc) => paths.flatMap((path) => (Array.isArray(doc[path]) ? (doc[path] as Doc['id'][]) : []))) : []
  const readableRoles = new Set(
    (await readableOnly(req, slugs.roles, modes.roles, [...read, ...linkedRoles.map((id) => ({ id }))])).map((doc) => String(doc.id)),
  )
  const keepReadable = (docs: Doc[]) => (rolesWhere ? docs.filter((doc) => readableRoles.has(String(doc.id))) : docs)
  let roles = keepReadable(result.roles ?? [])
  let neighbours = result.neighbours ? keepReadable(result.neighbours) : undefined
  // Per role and join field: the documents the join shows, or nothing when that cannot be told here.
  const joined = new Map<string, Map<string, Doc[]>>()
  for (const row of joinRows) {
    const byField = new Map<string, Doc[]>()
    for (const [name, candidates] of Object.entries(row.docs)) {
      const limit = selection.joins?.[name]?.limit
      if (limit === undefined) continue
      const shown = keepReadable(candidates ?? [])
      // With a host's query: exact when enough candidates were readable, or there were no more.
      if (rolesWhere && shown.length < limit && (candidates?.length ?? 0) > JOIN_CANDIDATES(limit)) continue
      byField.set(name, shown.slice(0, limit))
    }
    joined.set(String(row.id), byField)
  }
  const joinedDocs = [...joined.values()].flatMap((byField) => [...byField.values()].flat())
  for (const name of Object.keys(roleLinks) as LinkedDimension[]) {
    if (modes[name].kind !== 'where') continue
    const { arrayName, itemName } = roleLinks[name]
    const kept = new Set(readable[name].map((doc) => String(doc.id)))
    for (const role of [...roles, ...(neighbours ?? []), ...joinedDocs]) {
      const rows = role[arrayName]
      if (Array.isArray(rows)) role[arrayName] = rows.filter((row: Record<string, unknown>) => row[itemName] == null || kept.has(String(row[itemName])))
    }
  }
  if (rolesWhere) {
    for (const role of [...roles, ...(neighbours ?? []), ...joinedDocs]) {
      for (const path of paths) if (Array.isArray(role[path])) role[path] = (role[path] as unknown[]).filter((id) => readableRoles.has(String(id)))
    }
  }

  // A host's beforeRead and afterRead hooks, on every document read, as Payload runs them.
  const items = {
    certifications: await withReadHooks(req, configOf('certifications'), readable.certifications, false),
    responsibilities: await withReadHooks(req, configOf('responsibilities'), readable.responsibilities, false),
    skills: await withReadHooks(req, configOf('skills'), readable.skills, false),
  }
  roles = await withReadHooks(req, rolesConfig, roles, true)
  if (neighbours) neighbours = await withReadHooks(req, rolesConfig, neighbours, false)
  // Payload's join resolver reads the joined roles with `find`.
  for (const byField of joined.values()) {
    for (const [name, docs] of byField) byField.set(name, await withReadHooks(req, rolesConfig, docs, true))
  }

  for (const name of Object.keys(roleLinks) as LinkedDimension[]) {
    const { arrayName, itemName } = roleLinks[name]
    const byID = new Map(items[name].map((doc) => [String(doc.id), doc]))
    for (const role of roles) {
      for (const row of (role[arrayName] as Record<string | symbol, unknown>[] | undefined) ?? []) {
        const id = row[itemName]
        if (id !== undefined && id !== null) row[TUNED_ITEM] = byID.get(String(id)) ?? null
      }
    }
  }
  if (neighbours) {
    const byID = new Map(neighbours.map((doc) => [String(doc.id), doc]))
    for (const role of roles) {
      const attached: Record<string, Doc[]> = {}
      for (const path of paths) {
        const ids = role[path]
        if (Array.isArray(ids)) attached[path] = ids.map((id) => byID.get(String(id))).filter((doc): doc is Doc => !!doc)
      }
      ;(role as Record<symbol, unknown>)[TUNED_BUILDS_ON] = attached
    }
  }
  for (const role of roles) {
    const byField = joined.get(String(role.id))
    if (!byField || byField.size === 0) continue
    const attached: Record<string, TunedJoin> = {}
    for (const [name, docs] of byField) attached[name] = { docs, limit: selection.joins![name]!.limit, locale: locale?.code ?? '' }
    ;(role as Record<symbol, unknown>)[TUNED_JOINS] = attached
  }
  return { items, roles }
}
