/**
 * The tuned read path: roles by slug, with the items they link and the roles they build on, in ONE
 * SQL statement through the adapter's drizzle instance, instead of Payload's generic `find` per
 * collection (whose JavaScript costs ten times what PostgreSQL spends). GraphQL callers pass the
 * fields their query selects, so the statement reads those and no more.
 *
 * It answers exactly what the generic path answers, and is only taken when it provably can:
 * - the site runs the plugin's collections as the plugin defines them: the plugin's default access
 *   functions (published unless admin user), no hooks but the plugin's, no `fields` override, no
 *   localization, the PostgreSQL adapter, and `tunedReads` not turned off (options, config.custom);
 * - the read is not a draft preview and runs outside a transaction.
 * With localization, localized fields are read from the `*_locales` tables (and the locale's rows of
 * `_texts`) in the read context's locale with its fallbacks, in the same statement.
 * Otherwise callers keep Payload's Local API path (src/read/catalogReader.ts), which applies whatever
 * access, hooks and fields the host configured. tests/tuned-reads.test.ts proves both paths answer
 * the same, for anonymous readers and editors, with drafts around.
 *
 * The access rules, applied in SQL: readers who are not admin users see published documents only,
 * and links to documents they may not read are left out of a role (src/hooks/hideUnreadableLinks.ts);
 * admin users see every document of the main tables, links included.
 */
import type { CollectionSlug, Payload, PayloadRequest, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { ReadContext } from './readContext.js'

import { isPostgres } from '../database/adapter.js'
import { drizzleOrm, loadDrizzle, loadedDrizzle } from '../database/drizzle.js'
import { roleLinks } from '../hooks/roleLinks.js'
import { isAdminUser } from '../plugin/access.js'
import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { isPluginOwned } from '../plugin/owned.js'
import { executorFor } from '../replicas/routing.js'
import { DocumentSqlBuilder, type DrizzleAdapterLike, type FieldSelection, ident, relsColumn, snake, type SqlLocale, UntunableSchemaError } from './sqlDocuments.js'

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
  neighbours?: false | FieldSelection | undefined
  role?: FieldSelection
}

/** The fields of a linked item that comparisons and JSON-LD read (src/read/catalogReader.ts). */
export const catalogItemFields = ['slug', 'title', 'name', 'description', 'kind', 'abbreviation', 'issuingBody'] as const

/**
 * Where GraphQL's relationship resolvers find what a tuned read already loaded: on a link row, the
 * linked item; on a role, the roles of its `buildsOn`. Symbols: never serialised, never confused
 * with a field (src/graphql/tunedLinks.ts reads them).
 */
export const TUNED_ITEM = Symbol.for('role-catalog.tuned-item')
export const TUNED_BUILDS_ON = Symbol.for('role-catalog.tuned-builds-on')

/** What one tuned statement returns. */
export type TunedRoles = {
  /** Items linked by `roles`, per collection. */
  items: Record<LinkedDimension, Doc[]>
  /** The roles asked for that the reader may see. */
  roles: Doc[]
}

// ---------------------------------------------------------------------------------------------
// When the tuned path may answer.

const isPluginDefault = (collection: SanitizedCollectionConfig): string | undefined => {
  if (!isPluginOwned(collection.access.read)) return 'read access is not the plugin default'
  for (const [name, hooks] of Object.entries(collection.hooks ?? {})) {
    for (const hook of (hooks as unknown[] | undefined) ?? []) {
      if (!isPluginOwned(hook)) return `a ${name} hook that is not the plugin's`
    }
  }
  return undefined
}

type Scope = 'all' | 'published'

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
    const reason = isPluginDefault(collection)
    if (reason) return { reason: `${slug}: ${reason}` }
  }
  const plan: Plan = { statements: new Map() }
  try {
    // Built once up front, so a schema the tuned path cannot read is found at the first request.
    const locale = config.localization ? { code: config.localization.defaultLocale, fallbacks: [] } : undefined
    statementFor(payload, catalog.slugs, plan, 'published', {}, locale)
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
    if ('reason' in plan) payload.logger.debug(`role catalog: tuned reads off (${plan.reason}); using Payload's generic reads`)
  }
  return 'statements' in plan ? plan : undefined
}

/** Whether the tuned path may answer this request (plugin defaults, no draft, no transaction). */
export const tunedScope = (req: PayloadRequest, { draft = false }: { draft?: boolean } = {}): Scope | undefined => {
  if (draft || req.transactionID) return undefined
  // Read on every call: the switch may be flipped at runtime (tests, the benchmark's baseline runs).
  if (getCatalogConfig(req.payload.config).tunedReads !== true) return undefined
  if (!planFor(req.payload)) return undefined
  return isAdminUser(req) ? 'all' : 'published'
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
): [string, string] => {
  const published = scope === 'published'
  const linked = new Set(Object.values(roleLinks).map(({ arrayName, itemName }) => `${arrayName}.${itemName}`))
  const rolesConfig = payload.collections[slugs.roles as CollectionSlug]!.config
  const buildsOnPaths = rolesConfig.flattenedFields
    .filter((field) => field.type === 'relationship' && field.hasMany && field.relationTo === slugs.roles)
    .map((field) => field.name)
  const adapter = payload.db as unknown as DrizzleAdapterLike
  const builder = new DocumentSqlBuilder(adapter, {
    locale,
    // The roles' afterRead hook leaves out links to documents the reader may not read.
    linkCondition: (path) =>
      published && (linked.has(path) || buildsOnPaths.includes(path)) ? ({ alias }) => `${alias}."_status" = 'published'` : undefined,
  })
  const visible = (alias: string) => (published ? ` and ${alias}."_status" = 'published'` : '')
  const rolesTable = builder.tableFor(rolesConfig)
  const roles = builder.qualified(rolesTable)

  const parts: string[] = [`'roles', coalesce((select json_agg(${builder.document(rolesConfig, 't', selection.role)}) from target t), '[]'::json)`]
  if (selection.neighbours !== false && buildsOnPaths.length > 0) {
    const rels = builder.qualified(`${rolesTable}_rels`)
    const paths = buildsOnPaths.map((path) => `'${path.replace(/'/g, "''")}'`).join(', ')
    parts.push(`'neighbours', coalesce((select json_agg(${builder.document(rolesConfig, 'n', selection.neighbours)}) from ${roles} n where n.id in (
      select rr.${ident(relsColumn(adapter, slugs.roles))} from ${rels} rr join target t on t.id = rr.parent_id where rr.path in (${paths}))${visible('n')}), '[]'::json)`)
  }
  for (const [name, { arrayName, itemName }] of Object.entries(roleLinks) as [LinkedDimension, (typeof roleLinks)[LinkedDimension]][]) {
    const itemConfig = payload.collections[slugs[name] as CollectionSlug]!.config
    const itemTable = builder.qualified(builder.tableFor(itemConfig))
    const arrayTable = adapter.tableNameMap.get(`${rolesTable}_${snake(arrayName)}`)
    if (!arrayTable) throw new UntunableSchemaError(`no table for "${arrayName}"`)
    const column = ident(builder.column(arrayTable, itemName))
    const document = builder.document(itemConfig, 'i', withItemFields(itemConfig, selection.items?.[name]))
    parts.push(`'${name}', coalesce((select json_agg(${document}) from ${itemTable} i where i.id in (
      select l.${column} from ${builder.qualified(arrayTable)} l join target t on t.id = l._parent_id)${visible('i')}), '[]'::json)`)
  }
  // The slugs as an array parameter: the planner then knows how few roles to expect.
  const text = `with target as (select r.* from ${roles} r where r.slug = any(${PARAM}::text[])${visible('r')})
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
) => {
  const key = `${scope}:${locale ? [locale.code, ...locale.fallbacks].join(',') : ''}:${JSON.stringify(selection)}`
  let statement = plan.statements.get(key)
  if (!statement) {
    statement = buildStatement(payload, slugs, scope, selection, locale)
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
 * Roles with these slugs the reader may see, with what they link, in one statement; undefined when
 * the tuned path may not answer (then read through the Local API). Each link row of a returned role
 * carries its item under TUNED_ITEM, and each role the roles of its `buildsOn` under
 * TUNED_BUILDS_ON (unless `selection.neighbours` is false).
 */
export const readRolesTuned = async (
  req: PayloadRequest,
  roleSlugs: string[],
  { context, selection = {} }: { context: ReadContext; selection?: TunedSelection },
): Promise<TunedRoles | undefined> => {
  await loadDrizzle(req.payload)
  const scope = tunedScope(req, { draft: context.draft })
  if (!scope) return undefined
  const locale = sqlLocaleFor(req.payload.config, context)
  if (locale === null) return undefined
  const slugs = getCatalogConfig(req.payload.config).slugs
  const [before, after] = statementFor(req.payload, slugs, planFor(req.payload)!, scope, selection, locale)
  type Row = { result: Record<'neighbours' | 'roles' | LinkedDimension, Doc[] | undefined> }
  // `drizzle.execute` would always use the primary (withReplicas): pick the connection by the context.
  const db = executorFor(req.payload, context.database)
  const { sql } = drizzleOrm()
  const { rows } = (await db.execute(sql`${sql.raw(before)}${sql.param(roleSlugs)}${sql.raw(after)}`)) as { rows: Row[] }
  const result = rows[0]!.result
  const items = { certifications: result.certifications ?? [], responsibilities: result.responsibilities ?? [], skills: result.skills ?? [] }
  const roles = result.roles ?? []

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
  if (result.neighbours) {
    const byID = new Map(result.neighbours.map((doc) => [String(doc.id), doc]))
    const rolesConfig = req.payload.collections[slugs.roles as CollectionSlug]!.config
    const paths = rolesConfig.flattenedFields
      .filter((field) => field.type === 'relationship' && field.hasMany && field.relationTo === slugs.roles)
      .map((field) => field.name)
    for (const role of roles) {
      const attached: Record<string, Doc[]> = {}
      for (const path of paths) {
        const ids = role[path]
        if (Array.isArray(ids)) attached[path] = ids.map((id) => byID.get(String(id))).filter((doc): doc is Doc => !!doc)
      }
      ;(role as Record<symbol, unknown>)[TUNED_BUILDS_ON] = attached
    }
  }
  return { items, roles }
}
