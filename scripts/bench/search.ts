/**
 * The search figures (issue 17, part 8) on the ESCO-size catalogue: `searchCatalog` and
 * `suggestCatalog` executed in-process as /api/graphql does, over a fixed mixed query set (exact
 * titles, typos, phrases, prefixes, exclusions, `or`), side by side with
 * - one hand-written SQL statement doing a ranked lookup over the same fields and the same index
 *   expressions (full text with `websearch_to_tsquery` and `ts_rank`, trigram word similarity for
 *   typos, counts per collection, `ts_headline` for the top hits): searchVsSql;
 * - Payload's `like` on the same fields, one `find` per collection with an `or` of `like` per field,
 *   what a site does today: searchVsLike.
 */
import type { CollectionSlug } from 'payload'

import type { BenchSite } from './benchSite.js'

import { foldRowSql, foldSql } from '../../src/search/language.js'
import { defaultSearchFields } from '../../src/search/sources.js'
import { round, sideBySide } from './timing.js'

/** The fixed query set: what visitors type, on the synthetic ESCO vocabulary (generateEscoCatalogue.ts). */
export const SEARCH_QUERIES = [
  'bakery technician', // an exact title
  'warehouse manger', // a typo
  'sofware engineer', // a typo
  'hospital inspectors', // a plural
  '"railway coordinator"', // a phrase
  'hydraul', // a prefix
  'pharmaceutical -chemicals', // an exclusion
  'maritime or nautical', // or
  'supervise budgets', // words from skills
  'vineyard analyst',
  'welding techniques',
  'constructon planer', // two typos
] as const

export const SUGGEST_PREFIXES = ['bak', 'warehouse m', 'hydr', 'soft eng', 'rail', 'mon', 'insp', 'laboratory a'] as const

const SEARCH = `query Search($text: String!) {
  searchCatalog(text: $text, limit: 10) { totalDocs counts { collection totalDocs } docs { collection id slug title score matchedOn highlight } }
}`
const SUGGEST = `query Suggest($prefix: String!) { suggestCatalog(prefix: $prefix, limit: 8) { suggestions { collection slug text } } }`

const ROUNDS = 60

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const F = (column: string) => foldRowSql(`${column}::text`)
/** The field's stored vector (the plugin's generated column `_search_<column>`, src/search/sources.ts `vectorColumnOf`). */
const V = (column: string) => column.replace(/^r\./, 'r._search_')

/**
 * The hand-written statement, for the bench site (English, no localization, the plugin's default
 * fields): every searchable field of the four collections, published documents, matched with
 * `websearch_to_tsquery` (and trigram word similarity on titles and alternate names), scored with
 * `ts_rank` (an exact title 1), the best field per document, the top 10 with a headline, and the
 * counts per collection. It reads the plugin's stored vectors and trigram index expressions (its
 * indexes serve both).
 */
const baselineSql = (): string => {
  const tables: Record<string, string> = { certifications: 'certifications', responsibilities: 'responsibilities', roles: 'roles', skills: 'skills' }
  const selects: string[] = []
  for (const [collection, fields] of Object.entries(defaultSearchFields)) {
    const table = tables[collection]!
    for (const [field, kind] of fields) {
      const many = field === 'alternateNames'
      const from = many
        ? `${table}_texts r join ${table} d on d.id = r.parent_id and d._status = 'published' and r.path = '${field}'`
        : `${table} r join ${table} d on d.id = r.id and d._status = 'published'`
      const column = many ? 'r.text' : `r.${field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`
      const weight = kind === 'description' ? 0.3 : 1
      const typo = kind === 'description' ? '' : ` or (select t from q) <% ${F(column)}`
      selects.push(`select '${collection}' as c, d.id, ${column}::text as text,
        ${weight} * case when ${F(column)} = (select t from q) then 1.0 else least(1.0, ts_rank(${V(column)}, (select ts from q)) * 10) end as score
        from ${from} where ${V(column)} @@ (select ts from q)${typo}`)
    }
  }
  return `with q as (select websearch_to_tsquery('english'::regconfig, ${foldSql('$1::text')}) as ts, ${foldSql('$1::text')} as t),
  hits as (${selects.join('\nunion all\n')}),
  best as (select distinct on (c, id) c, id, text, score from hits order by c, id, score desc),
  top as (select * from best order by score desc, c, id limit 10)
  select json_build_object(
    'counts', (select json_agg(json_build_object('collection', c, 'totalDocs', n)) from (select c, count(*) as n from best group by c) counted),
    'docs', (select json_agg(json_build_object('collection', c, 'id', id, 'score', score,
      'highlight', ts_headline('english', text, (select ts from q), 'StartSel=<mark>, StopSel=</mark>, MaxFragments=1')) order by score desc) from top)
  ) as result`
}

export type SearchFigures = {
  /** Top hit of the plugin and of the hand-written statement agree (same collection and document), of the queries. */
  baselineTopHitAgreement: string
  medianMs: { like: number; search: number; sql: number; suggest: number }
  rounds: number
  searchMs: { p50: number; p99: number }
  searchVsLike: number
  searchVsSql: number
  suggestMs: { p50: number; p99: number }
}

export const measureSearch = async (site: BenchSite, log: (line: string) => void): Promise<SearchFigures> => {
  const client = await site.sql()
  // The plugin's typo threshold (src/search/postgres/searchSql.ts sets it per statement).
  await client.query('set pg_trgm.word_similarity_threshold = 0.45')
  const sqlText = baselineSql()
  const text = (i: number) => SEARCH_QUERIES[i % SEARCH_QUERIES.length]!
  const payload = site.payload
  const { slugs } = (payload.config.custom as { roleCatalog: { slugs: Record<string, string> } }).roleCatalog
  /** Payload's `like`: one anonymous `find` per collection, `or` over its searchable fields, 10 per collection. */
  const like = async (query: string) => {
    const words = query.replace(/["]/g, '').replace(/(^|\s)-\S+/g, ' ').replace(/\bor\b/g, ' ').trim()
    for (const [collection, fields] of Object.entries(defaultSearchFields)) {
      await payload.find({
        collection: slugs[collection] as CollectionSlug,
        depth: 0,
        limit: 10,
        overrideAccess: false,
        where: { and: [{ _status: { equals: 'published' } }, { or: fields.map(([field]) => ({ [field]: { like: words } })) }] },
      })
    }
  }

  let agree = 0
  for (const query of SEARCH_QUERIES) {
    const plugin = ((await site.execute(SEARCH, { text: query })).data as { searchCatalog: any }).searchCatalog
    const sql = (await client.query(sqlText, [query])).rows[0]?.result
    const a = plugin.docs[0]
    const b = sql.docs?.[0]
    if (a && b && a.collection === b.collection && String(a.id) === String(b.id)) agree++
    if (!a) log(`  search: no hit for ${JSON.stringify(query)}`)
  }

  log(`searchCatalog vs SQL vs like: ${ROUNDS} rounds over ${SEARCH_QUERIES.length} queries`)
  const searchSamples: number[] = []
  const measured = await sideBySide(
    {
      like: (i) => like(text(i)),
      search: async (i) => {
        const started = performance.now()
        await site.execute(SEARCH, { text: text(i) })
        searchSamples.push(performance.now() - started)
      },
      sql: (i) => client.query(sqlText, [text(i)]),
    },
    { iterations: ROUNDS },
  )
  const suggestSamples: number[] = []
  const suggest = await sideBySide(
    {
      suggest: async (i) => {
        const started = performance.now()
        await site.execute(SUGGEST, { prefix: SUGGEST_PREFIXES[i % SUGGEST_PREFIXES.length] })
        suggestSamples.push(performance.now() - started)
      },
    },
    { iterations: ROUNDS },
  )
  const searchTimes = searchSamples.slice(searchSamples.length - ROUNDS)
  const suggestTimes = suggestSamples.slice(suggestSamples.length - ROUNDS)
  return {
    baselineTopHitAgreement: `${agree}/${SEARCH_QUERIES.length}`,
    medianMs: {
      like: round(measured.like.medianMs),
      search: round(measured.search.medianMs),
      sql: round(measured.sql.medianMs),
      suggest: round(suggest.suggest.medianMs),
    },
    rounds: ROUNDS,
    searchMs: { p50: round(percentile(searchTimes, 50)), p99: round(percentile(searchTimes, 99)) },
    searchVsLike: round(measured.search.medianMs / measured.like.medianMs),
    searchVsSql: round(measured.search.medianMs / measured.sql.medianMs),
    suggestMs: { p50: round(percentile(suggestTimes, 50)), p99: round(percentile(suggestTimes, 99)) },
  }
}
