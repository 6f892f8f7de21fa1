/**
 * Matching's ranking in one SQL statement on PostgreSQL, instead of reading every candidate role
 * with its links through the Local API (hundreds of roles at ESCO size, each link's readability
 * checked): the statement scores every role that links one of the given items by the formulas of
 * src/match/scoring.ts and returns the top `limit` with the number of roles scored. The roles
 * themselves, and what they miss, are then read as roleBySlug reads them.
 *
 * Taken only where the tuned reads may answer (src/read/tunedReads.ts: the plugin's own access
 * rules and hooks, not a draft, outside a transaction), so the visibility written here — published
 * roles and items for readers who are not admin users, everything for admin users — is exactly
 * what the Local API would apply. tests/matching.test.ts runs both paths and expects the same answers.
 *
 * PostgreSQL only: reached through a dynamic import once the adapter is PostgreSQL, with drizzle-orm
 * from src/database/drizzle.ts.
 */
import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ReadContext } from '../../read/readContext.js'

import { sql } from '../../database/drizzle.js'
import { type LinkedCollection, roleLinks } from '../../hooks/roleLinks.js'
import { getCatalogConfig } from '../../plugin/catalogConfig.js'
import { type DocID } from '../../read/catalogReader.js'
import { DocumentSqlBuilder, type DrizzleAdapterLike, ident, snake, UntunableSchemaError } from '../../read/sqlDocuments.js'
import { tunedAccess } from '../../read/tunedReads.js'
import { executorFor } from '../../replicas/routing.js'
import { REQUIREMENT_WEIGHTS } from '../scoring.js'

/** One ranked role: its slug and the numbers its score comes from. */
export type RankedRole = { score: number; slug: string }
export type Ranking = { ranked: RankedRole[]; total: number }

type Tables = {
  items: Record<LinkedCollection, string>
  links: Record<LinkedCollection, { column: string; table: string }>
  roles: string
}

const tablesFor = (req: PayloadRequest): Tables | undefined => {
  const { slugs } = getCatalogConfig(req.payload.config)
  const adapter = req.payload.db as unknown as DrizzleAdapterLike
  const builder = new DocumentSqlBuilder(adapter)
  try {
    const config = (slug: string) => req.payload.collections[slug as CollectionSlug]!.config
    const rolesTable = builder.tableFor(config(slugs.roles))
    const items = {} as Tables['items']
    const links = {} as Tables['links']
    for (const [name, { arrayName, itemName }] of Object.entries(roleLinks) as [LinkedCollection, (typeof roleLinks)[LinkedCollection]][]) {
      items[name] = builder.qualified(builder.tableFor(config(slugs[name])))
      const table = adapter.tableNameMap.get(`${rolesTable}_${snake(arrayName)}`)
      if (!table) return undefined
      links[name] = { column: ident(builder.column(table, itemName)), table: builder.qualified(table) }
    }
    return { items, links, roles: builder.qualified(rolesTable) }
  } catch (error) {
    if (error instanceof UntunableSchemaError) return undefined
    throw error
  }
}

/** Numeric IDs compared as integers, so the link columns' indexes serve the lookups; others as text. */
const idCompare = (column: string, ids: DocID[], param: ReturnType<typeof sql.param>) =>
  ids.every((id) => typeof id === 'number') ? sql`${sql.raw(column)} = any(${param}::integer[])` : sql`${sql.raw(column)}::text = any(${param}::text[])`

const weightSql = `case when l.requirement::text = 'recommended' then ${REQUIREMENT_WEIGHTS.recommended} else ${REQUIREMENT_WEIGHTS.required} end`

/**
 * The links of the candidate roles to visible items, once per item (the first listing, as scoring
 * does): `role_id, kind, item_id, w`.
 */
const linksOf = (tables: Tables, dimensions: LinkedCollection[], published: boolean, candidates: string) =>
  sql.join(
    dimensions.map((name) => {
      const { column, table } = tables.links[name]
      const visible = published ? ` and i._status = 'published'` : ''
      return sql.raw(`(select distinct on (l._parent_id, l.${column}) l._parent_id as role_id, '${name}' as kind, l.${column}::text as item_id, ${weightSql} as w
        from ${table} l join ${tables.items[name]} i on i.id = l.${column}${visible}
        where l._parent_id in (select role_id from ${candidates}) order by l._parent_id, l.${column}, l._order)`)
    }),
    sql.raw(' union all '),
  )

/** The roles that link any of the items: `select role_id` over the link tables. */
const candidatesOf = (tables: Tables, given: Partial<Record<LinkedCollection, DocID[]>>) =>
  sql.join(
    Object.entries(given)
      .filter(([, ids]) => ids && ids.length > 0)
      .map(([name, ids]) => {
        const { column, table } = tables.links[name as LinkedCollection]
        return sql`select l._parent_id as role_id from ${sql.raw(table)} l where ${idCompare(`l.${column}`, ids!, sql.param(ids!.map((id) => (typeof id === 'number' ? id : String(id)))))}`
      }),
    sql.raw(' union '),
  )

/**
 * `all` or `published` when every catalogue collection's read access gives this reader the same one
 * of them (the plugin's defaults do): the statement then filters in SQL. Anything else (a host's
 * query, a collection the reader may not read, access still answering) ranks through the Local API.
 */
const scopeOf = (req: PayloadRequest, context: ReadContext): 'all' | 'published' | undefined => {
  const modes = tunedAccess(req, { draft: context.draft })
  if (!modes || modes instanceof Promise) return undefined
  const kinds = new Set(Object.values(modes).map((mode) => mode.kind))
  const [kind] = kinds
  return kinds.size === 1 && (kind === 'all' || kind === 'published') ? kind : undefined
}

/**
 * matchRoles' ranking: roles by (2·required covered + recommended covered) / (2·required +
 * recommended) over their skills and certifications, ties as in src/match/matchRoles.ts; undefined
 * when the tuned path may not answer.
 */
export const rankMatchesInPostgres = async (
  req: PayloadRequest,
  context: ReadContext,
  { given, limit }: { given: Partial<Record<LinkedCollection, DocID[]>>; limit: number },
): Promise<Ranking | undefined> => {
  const scope = scopeOf(req, context)
  const tables = scope && tablesFor(req)
  if (!scope || !tables) return undefined
  const published = scope === 'published'
  const kinds: string[] = []
  const ids: string[] = []
  for (const [name, list] of Object.entries(given)) for (const id of list ?? []) (kinds.push(name), ids.push(String(id)))
  const statement = sql`with candidates as (${candidatesOf(tables, given)}),
  given as (select * from unnest(${sql.param(kinds)}::text[], ${sql.param(ids)}::text[]) as g(kind, item_id)),
  links as (${linksOf(tables, ['skills', 'certifications'], published, 'candidates')}),
  scored as (
    select l.role_id, sum(l.w) as total, coalesce(sum(l.w) filter (where g.item_id is not null), 0) as covered,
           count(*) filter (where g.item_id is not null and l.w = ${sql.raw(String(REQUIREMENT_WEIGHTS.required))}) as required_covered
      from links l left join given g on g.kind = l.kind and g.item_id = l.item_id
      group by l.role_id)
  select r.slug, s.covered::float8 / s.total as score, count(*) over () as total_docs
    from scored s join ${sql.raw(tables.roles)} r on r.id = s.role_id${sql.raw(published ? ` and r._status = 'published'` : '')}
   where s.covered > 0 and r.slug is not null
   order by s.covered::float8 / s.total desc, s.covered desc, s.required_covered desc, r.slug collate "C"
   limit ${sql.param(limit)}`
  const { rows } = (await executorFor(req.payload, context.database).execute(statement)) as {
    rows: { score: number; slug: string; total_docs: number | string }[]
  }
  return { ranked: rows.map((row) => ({ score: Number(row.score), slug: row.slug })), total: Number(rows[0]?.total_docs ?? 0) }
}

/**
 * similarRoles' ranking: roles by the weighted Jaccard similarity of their skills and
 * responsibilities with the origin's (`origin`: the origin's items and weights, as it was read).
 */
export const rankSimilarInPostgres = async (
  req: PayloadRequest,
  context: ReadContext,
  { excludeID, limit, origin }: { excludeID: DocID; limit: number; origin: { id: DocID; kind: LinkedCollection; weight: number }[] },
): Promise<Ranking | undefined> => {
  const scope = scopeOf(req, context)
  const tables = scope && tablesFor(req)
  if (!scope || !tables) return undefined
  const published = scope === 'published'
  const given: Partial<Record<LinkedCollection, DocID[]>> = {}
  for (const { id, kind } of origin) (given[kind] ??= []).push(id)
  const originTotal = origin.reduce((sum, each) => sum + each.weight, 0)
  const statement = sql`with candidates as (select role_id from (${candidatesOf(tables, given)}) c where role_id::text <> ${sql.param(String(excludeID))}),
  origin as (select * from unnest(${sql.param(origin.map((each) => each.kind))}::text[], ${sql.param(origin.map((each) => String(each.id)))}::text[],
                                  ${sql.param(origin.map((each) => each.weight))}::int[]) as o(kind, item_id, w)),
  links as (${linksOf(tables, ['skills', 'responsibilities'], published, 'candidates')}),
  scored as (
    select l.role_id, sum(l.w) as total, coalesce(sum(least(l.w, o.w)) filter (where o.item_id is not null), 0) as shared
      from links l left join origin o on o.kind = l.kind and o.item_id = l.item_id
      group by l.role_id)
  select r.slug, s.shared::float8 / (s.total + ${sql.param(originTotal)}::int - s.shared) as score, count(*) over () as total_docs
    from scored s join ${sql.raw(tables.roles)} r on r.id = s.role_id${sql.raw(published ? ` and r._status = 'published'` : '')}
   where s.shared > 0 and r.slug is not null
   order by 2 desc, r.slug collate "C"
   limit ${sql.param(limit)}`
  const { rows } = (await executorFor(req.payload, context.database).execute(statement)) as {
    rows: { score: number; slug: string; total_docs: number | string }[]
  }
  return { ranked: rows.map((row) => ({ score: Number(row.score), slug: row.slug })), total: Number(rows[0]?.total_docs ?? 0) }
}

