import type * as GraphQLModule from 'graphql'
import type { CollectionSlug, FlattenedField, Payload, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import DataLoader from 'dataloader'
import { createDataloaderCacheKey } from 'payload'

import type { CatalogSlugs, ReadLimits } from '../plugin/options.js'

import { recordCollections, recordRoleSlugs } from '../cache/dependencies.js'
import { drizzleOrm } from '../database/drizzle.js'
import { unpaginatedReadLimit } from '../hooks/boundReads.js'
import { recordReadDocument } from '../hooks/recordDependencies.js'
import { roleOrderBy } from '../read/roleOrder.js'
import { type DrizzleAdapterLike, ident, relsColumn, snake } from '../read/sqlDocuments.js'
import { TUNED_JOINS, type TunedJoin, tunedRolesScope } from '../read/tunedReads.js'
import { executorFor, readDatabaseFor } from '../replicas/routing.js'
import { READ_LOCALE } from './inheritLocale.js'

/**
 * Payload's GraphQL resolver for join fields runs one `find` per parent document: a list of N skills
 * with `roles { docs { ... } }` costs N queries (with the plugin's link checks, about 4N). The
 * catalogue's joins to roles (a skill's, responsibility's or certification's `roles`, a role's
 * `builtOnBy`) get a batched resolver instead: the parents asked for in one tick share one SQL
 * statement for the role IDs (per parent, in the collection's default sort, first `limit + 1`, as
 * Payload's resolver asks), then the roles themselves come through the request's Payload DataLoader
 * (one `find` by ID for all of them, access and afterRead hooks applied).
 *
 * Below `roleBySlug`, a join asked for without arguments was already read by the tuned statement with
 * the role (TUNED_JOINS, src/read/tunedReads.ts): it answers from that, with no statement of its own.
 *
 * Taken only when it answers exactly what Payload's resolver would (src/read/tunedReads.ts decides
 * about access, hooks and fields): no `where`, `sort`, `page` or `count` argument, no draft, no
 * GraphQL `select` optimisation. Anything else goes to Payload's own resolver.
 */

type JoinTarget =
  /** `on` a relationship inside an array of the role: `skills.skill`. */
  | { kind: 'array'; parentColumn: string; table: string }
  /** `on` a hasMany relationship of the role, in its `_rels` table: `buildsOn`. */
  | { kind: 'rels'; parentColumn: string; path: string; table: string }

type JoinArgs = { count?: boolean | null; limit?: null | number; page?: null | number; sort?: null | string; where?: unknown }
type Context = { req: PayloadRequest; select?: unknown }
type DocID = number | string
type JoinResult = { docs: Record<string, unknown>[]; hasNextPage: boolean }

const targetOf = (payload: Payload, rolesConfig: SanitizedCollectionConfig, on: string): JoinTarget | undefined => {
  const adapter = payload.db as unknown as DrizzleAdapterLike
  const rolesTable = adapter.tableNameMap.get(snake(rolesConfig.slug))
  if (!rolesTable) return undefined
  const [first, second, ...rest] = on.split('.')
  if (rest.length > 0 || !first) return undefined
  const field = rolesConfig.flattenedFields.find((each) => each.name === first)
  if (!field) return undefined
  if (second === undefined && field.type === 'relationship' && field.hasMany && typeof field.relationTo === 'string') {
    return { kind: 'rels', parentColumn: relsColumn(adapter, field.relationTo), path: first, table: `${rolesTable}_rels` }
  }
  if (second !== undefined && field.type === 'array') {
    const inner = field.flattenedFields.find((each) => each.name === second) as FlattenedField | undefined
    if (inner?.type !== 'relationship' || inner.hasMany || typeof inner.relationTo !== 'string') return undefined
    const table = adapter.tableNameMap.get(`${rolesTable}_${snake(first)}`)
    return table ? { kind: 'array', parentColumn: `${snake(second)}_id`, table } : undefined
  }
  return undefined
}

type Loaders = Map<string, DataLoader<DocID, DocID[], string>>
const loadersByRequest = new WeakMap<object, Loaders>()

const idsPerParent = async ({
  database,
  limit,
  locale,
  parentIDs,
  payload,
  published,
  rolesConfig,
  target,
}: {
  /** Where the statement may run (src/replicas/routing.ts). */
  database: 'primary' | 'replica'
  limit: number
  /** The read's locale, on a localized site (the sort may be by localized text). */
  locale: string | undefined
  parentIDs: readonly DocID[]
  payload: Payload
  published: boolean
  rolesConfig: SanitizedCollectionConfig
  target: JoinTarget
}): Promise<DocID[][]> => {
  const adapter = payload.db as unknown as DrizzleAdapterLike & { drizzle: { execute: (query: unknown) => Promise<{ rows: { id: DocID; parent: DocID }[] }> } }
  const schema = adapter.schemaName && adapter.schemaName !== 'public' ? `${ident(adapter.schemaName)}.` : ''
  const rolesTableName = adapter.tableNameMap.get(snake(rolesConfig.slug))!
  const rolesTable = `${schema}${ident(rolesTableName)}`
  const sort = roleOrderBy(rolesConfig, 'r', locale ? { locale, table: `${schema}${ident(`${rolesTableName}${adapter.localesSuffix ?? '_locales'}`)}` } : undefined)!
  const links = `${schema}${ident(target.table)}`
  const parent = ident(target.parentColumn)
  const child = target.kind === 'array' ? '_parent_id' : 'parent_id'
  const idType = payload.db.defaultIDType === 'number' ? 'integer' : 'text'
  const parentMatch = idType === 'integer' ? `l.${parent} = any(${'\u0000'}::integer[])` : `l.${parent}::text = any(${'\u0000'}::text[])`
  const pathMatch = target.kind === 'rels' ? ` and l.path = '${target.path.replace(/'/g, "''")}'` : ''
  const text = `select x.parent, x.id from (
      select l.parent, r.id, row_number() over (partition by l.parent order by ${sort.order}) as n
      from (select distinct l.${parent} as parent, l.${child} as id from ${links} l where ${parentMatch}${pathMatch}) l
      join ${rolesTable} r on r.id = l.id${published ? ` and r."_status" = 'published'` : ''}${sort.join}
    ) x where x.n <= ${Number(limit)} order by x.parent, x.n`
  const [before, after] = text.split('\u0000')
  const { sql } = drizzleOrm()
  const ids = parentIDs.map((id) => (idType === 'integer' ? Number(id) : String(id)))
  const { rows } = (await executorFor(payload, database).execute(sql`${sql.raw(before!)}${sql.param(ids)}${sql.raw(after!)}`)) as {
    rows: { id: DocID; parent: DocID }[]
  }
  const byParent = new Map<string, DocID[]>()
  for (const row of rows) {
    const key = String(row.parent)
    const list = byParent.get(key)
    if (list) list.push(row.id)
    else byParent.set(key, [row.id])
  }
  return parentIDs.map((id) => byParent.get(String(id)) ?? [])
}

/** Payload's own post-processing of a join's documents, verbatim (including what it does with limit 0 or negative). */
const joinResult = (docs: Record<string, unknown>[], limit: JoinArgs['limit']): JoinResult => {
  const shouldSlice = typeof limit === 'number' && limit !== 0 && limit < docs.length
  return { docs: shouldSlice ? docs.slice(0, -1) : docs, hasNextPage: limit === 0 ? false : (limit as number) < docs.length }
}

/**
 * Replaces the resolvers of the catalogue's join fields to roles on the generated GraphQL types
 * (`graphQL.queries` runs once the collection types exist; Payload offers no other hook for them).
 */
export const batchRoleJoins = ({
  collections,
  limits,
  slugs,
}: {
  collections: Record<string, { config: SanitizedCollectionConfig; graphQL?: { type?: GraphQLModule.GraphQLObjectType } }>
  limits: Required<ReadLimits>
  slugs: CatalogSlugs
}) => {
  const rolesConfig = collections[slugs.roles]?.config
  if (!rolesConfig || !roleOrderBy(rolesConfig, 'r')) return
  const recordRead = recordReadDocument('roles', slugs)
  for (const slug of Object.values(slugs)) {
    const collection = collections[slug]
    const type = collection?.graphQL?.type
    if (!collection || !type) continue
    const fields = type.getFields()
    for (const field of collection.config.flattenedFields) {
      if (field.type !== 'join' || field.collection !== slugs.roles || typeof field.on !== 'string') continue
      const graphQLField = fields[field.name]
      const original = graphQLField?.resolve
      if (!graphQLField || !original) continue
      const loaderKey = `${slug}.${field.name}`
      const on = field.on
      graphQLField.resolve = async (parent: Record<string, unknown>, args: JoinArgs, context: Context, info) => {
        const req = context.req
        const parentID = (parent._id ?? parent.id) as DocID | undefined
        // Which roles link the parent: on a role (`builtOnBy`) part of its page, which the change
        // feed names by slug; on an item, any role's change may alter it.
        if (slug === slugs.roles && typeof parent.slug === 'string') recordRoleSlugs(req, [parent.slug])
        else recordCollections(req, ['roles'])
        const draft = Boolean((args as { draft?: unknown }).draft ?? req.query?.draft)
        const plain = args.where == null && args.sort == null && args.page == null && !args.count && context.select === undefined
        // On a localized site the roles come in the read's locale (sorted by its text), for documents
        // read by the plugin's own queries only (they carry their locale and fallback: READ_LOCALE).
        // Under Payload's own queries the fallback its join resolver ends up with depends on what
        // else ran on the request before it (the Local API writes its locale onto a shared request).
        const localization = req.payload.config.localization
        const locale = localization ? (req.locale && localization.localeCodes.includes(req.locale) ? req.locale : undefined) : undefined
        const localeOK = !localization || (locale !== undefined && READ_LOCALE in parent)
        // What Payload's resolver asks `find` for, then bounded the way src/hooks/boundReads.ts bounds it.
        const { limit } = args
        const findLimit = unpaginatedReadLimit(typeof limit === 'number' && limit > 0 ? limit + 1 : 0, limits.maxLimit)
        // Read with the role by the tuned statement (src/read/tunedReads.ts), for this reader, locale and limit.
        const tuned = plain && localeOK && !draft ? ((parent as Record<PropertyKey, unknown>)[TUNED_JOINS] as Record<string, TunedJoin> | undefined)?.[field.name] : undefined
        if (tuned && tuned.limit === findLimit && tuned.locale === (locale ?? '')) {
          // What the roles' afterRead hook records when Payload reads them (src/hooks/recordDependencies.ts).
          for (const doc of tuned.docs) recordRead({ collection: rolesConfig, context: req.context, doc, req } as never)
          return joinResult(tuned.docs, limit)
        }
        const scope = plain && localeOK && parentID !== undefined ? tunedRolesScope(req, { draft }) : undefined
        const target = scope ? targetOf(req.payload, rolesConfig, on) : undefined
        if (!scope || !target || parentID === undefined) return original(parent, args, context, info)
        const requestKey = (req.payloadDataLoader as object | undefined) ?? req
        let loaders = loadersByRequest.get(requestKey)
        if (!loaders) loadersByRequest.set(requestKey, (loaders = new Map()))
        // Published reads (no user, no draft: the tuned path's `published` scope) may use a replica.
        const database = readDatabaseFor(req, scope === 'published' && !req.user ? 'public' : 'private')
        const key = `${loaderKey}:${scope}:${findLimit}:${database}:${locale ?? ''}`
        let loader = loaders.get(key)
        if (!loader) {
          loader = new DataLoader(
            (parentIDs) =>
              idsPerParent({ database, limit: findLimit, locale, parentIDs, payload: req.payload, published: scope === 'published', rolesConfig, target }),
            { cacheKeyFn: String },
          )
          loaders.set(key, loader)
        }
        const ids = await loader.load(parentID)
        // The roles themselves, as Payload's resolver reads them (depth 0, the reader's access, no draft).
        const loaded = await req.payloadDataLoader.loadMany(
          ids.map((id) =>
            createDataloaderCacheKey({
              collectionSlug: slugs.roles,
              currentDepth: 0,
              depth: 0,
              docID: id,
              draft: false,
              // Payload's join resolver (3.90) ends up reading the joined roles with the locale's own
              // fallback from the config, whatever fallback the read asked for: so does this one.
              fallbackLocale: (localization ? null : req.fallbackLocale) as never,
              locale: req.locale as never,
              overrideAccess: false,
              select: undefined,
              showHiddenFields: false,
              transactionID: req.transactionID as never,
            }),
          ),
        )
        return joinResult(loaded.filter((doc): doc is Record<string, unknown> & { id: DocID } => !!doc && !(doc instanceof Error)), limit)
      }
    }
  }
}
