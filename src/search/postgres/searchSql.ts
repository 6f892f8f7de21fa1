/**
 * Ranked search and suggestions in one SQL statement each (and one more for the page's slugs,
 * titles and highlights), over the stored vectors and the indexes of src/search/postgres/schema.ts
 * (the same expressions, from src/search/sources.ts).
 *
 * Per searchable field and searched locale, rows that match in one of these ways, scored by tier
 * (the weight of the field kind times the tier; docs/frontend.md "Scores"):
 * - the whole folded text equals the query                  1.00
 * - every word (stemmed; phrases, `-word`, `or`)            0.60 – 0.90
 * - every word, the words as prefixes                       0.45 – 0.60
 * - some of the words                                       0.15 – 0.25
 * - a typo: trigram word similarity ≥ 0.45 (titles, names)  0.20 – 0.45
 *   or a word with two neighbouring letters swapped (`swapsOf`)  at least 0.25
 * Within a tier: + up to 0.2 for words spelled as typed (trigram word similarity), + up to 0.1 for
 * the share of the field the query covers (an exact-length title before a longer one).
 * Field kinds weigh: title 1, abbreviation 0.95, alternate name 0.9; descriptions match with all
 * the words only and score 0.2 – 0.3. A document's score is its best field's, plus 0.01 per other field
 * that matched; `-word` drops a document when any of its fields has the word.
 * With search syntax (quotes, `-`, `or`) only the exact tier applies: the user asked precisely.
 * Some-words and typo matches are looked for only when whole-word and prefix matches do not fill one
 * page (`fill`; they read many more rows); the counts then cover what was looked for, the same on
 * every page.
 *
 * PostgreSQL only: reached through a dynamic import once the adapter is PostgreSQL, with drizzle-orm
 * from src/database/drizzle.ts.
 */
import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import type { CatalogCollection } from '../../plugin/options.js'
import type { SearchField, SearchLanguages, SearchSource } from '../sources.js'

import { sql } from '../../database/drizzle.js'
import { executorFor } from '../../replicas/routing.js'
import { foldRowSql, foldSql, MAX_CANDIDATES } from '../language.js'
import { foldedSql, hasTrigrams, quoteIdent, sourcesOf, tableOf, vectorColumnOf } from '../sources.js'

export type SqlSearchCollection = { fields: SearchField[]; name: CatalogCollection; slug: string }

export type SqlSearchPlan = {
  collections: SqlSearchCollection[]
  database: 'primary' | 'replica'
  draft: boolean
  /** Words after `-`, to drop documents that have them. */
  excluded: string[]
  languages: SearchLanguages
  /** Locales searched, in order of preference ([] without localization). */
  locales: string[]
  mode: 'search' | 'suggest'
  /** The query used search syntax: only the exact tier. */
  strict: boolean
  /**
   * Hits the caller needs (the end of the page asked for). Search first looks for every word (whole
   * or as prefixes) only; some-words and typo matches, which read many more rows, are looked for
   * when those do not fill one page (`fill`).
   */
  wanted?: number
  /**
   * The page size: the narrow pass answers when it finds at least this many documents. Not the
   * page's end (`wanted`): then a later page, reaching past the narrow matches, was answered from
   * the broad ones, with another total and another order than the pages before it.
   */
  fill?: number
  /** Internal: false for the first, narrow pass. */
  broad?: boolean
  text: string
  /**
   * Only the `wanted` best documents and the counts per collection come back (every collection
   * keeps the plugin's own read access, which the SQL applies). Otherwise every matching document
   * (up to MAX_CANDIDATES per collection), for the caller to apply a host's read access.
   */
  top?: boolean
}

export type SqlRanking = {
  /** Matching documents per collection (capped at MAX_CANDIDATES), with `plan.top`; else undefined: count `hits`. */
  counts?: Map<CatalogCollection, number>
  hits: SqlHit[]
}

export type SqlHit = { collection: CatalogCollection; field: string; id: number | string; locale: null | string; score: number; text: string }

type Naming = Parameters<typeof tableOf>[0] & { localesSuffix?: string; versionsSuffix?: string }

/** The documents' table, or for drafts the versions' (one row per version; `latest` marks the newest). */
const documentsTable = (naming: Naming, slug: string, draft: boolean) =>
  draft ? `_${tableOf(naming, slug)}${naming.versionsSuffix ?? '_v'}` : tableOf(naming, slug)

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`

const kindWeight: Record<SearchField['kind'], number> = { abbreviation: 0.95, alternateName: 0.9, description: 1, title: 1 }

/** A named parameter's place in a statement (bindNamed). */
const marker = (name: string) => `\u0000${name}\u0000`

/** Splits a statement at `marker(name)`s into drizzle SQL with bound parameters. */
const bindNamed = (statement: string, values: Record<string, unknown>) =>
  sql.join(
    statement.split(/(\u0000[a-z_]+\u0000)/).map((part) => {
      const name = /^\u0000([a-z_]+)\u0000$/.exec(part)?.[1]
      if (name === undefined) return sql.raw(part)
      if (!(name in values)) throw new Error(`search: no value for the parameter ${name}`)
      return sql.param(values[name])
    }),
    sql.raw(''),
  )

/**
 * The query's folded text and tsqueries, computed once per statement in `input` and joined to each
 * branch as `i`: PostgreSQL then reads each field's indexes with them in a nested loop over that
 * one row. (Each `(SELECT .. FROM input)` was a sub-plan of its own, hundreds per statement, most
 * of its planning time. Passed in as constants instead, the tsqueries let the planner estimate
 * each scan, and it then read whole tables for common words, not knowing what the folding and the
 * word similarity cost per row: slower at ESCO size, measured.)
 */
const folded = `i.f`

/** The tsqueries of one configuration, as SQL over the folded query `f` and the folded exclusions `x`. */
const queryExpressions = (configuration: string) => {
  const c = `${literal(configuration)}::regconfig`
  const plain = `plainto_tsquery(${c}, f)`
  return {
    any: `replace(${plain}::text, ' & ', ' | ')::tsquery`,
    // The typed words with two neighbouring letters swapped (`swapsOf`): some word of a row is one.
    swaps: `replace(plainto_tsquery(${c}, s)::text, ' & ', ' | ')::tsquery`,
    excluded: `replace(plainto_tsquery(${c}, x)::text, ' & ', ' | ')::tsquery`,
    prefix: `regexp_replace(${plain}::text, '''( |$)', ''':*\\1', 'g')::tsquery`,
    // A query with nothing to look for but exclusions ("-manager", "the -manager", "-x or -y"):
    // querytree says no index can serve it ('T'); matched as such it was every row without the
    // word, read from whole tables. It asks for nothing: the empty query, which matches nothing.
    strict: `CASE WHEN querytree(websearch_to_tsquery(${c}, f)) = 'T' THEN ''::tsquery ELSE websearch_to_tsquery(${c}, f) END`,
  }
}

/** What the index scans look for: every word whole or as prefixes (narrow), or some of the words too (broad). */
const combinedExpressions = (configuration: string) => ({
  broad: `strict_${configuration} || prefix_${configuration} || any_${configuration} || swaps_${configuration}`,
  narrow: `strict_${configuration} || prefix_${configuration}`,
})

type QueryName = 'any' | 'broad' | 'excluded' | 'narrow' | 'prefix' | 'strict' | 'swaps'

/** References to the tsqueries computed in `input` (configuration names are plain identifiers: the option checks them). */
const queries = (configuration: string): Record<QueryName, string> => ({
  any: `i.any_${configuration}`,
  broad: `i.broad_${configuration}`,
  excluded: `i.excluded_${configuration}`,
  narrow: `i.narrow_${configuration}`,
  prefix: `i.prefix_${configuration}`,
  strict: `i.strict_${configuration}`,
  swaps: `i.swaps_${configuration}`,
})

type Executor = { execute: (query: unknown) => Promise<{ rows: unknown[] }> }

type Branch = { configuration: string; locale: null | string }

/** The locales a source is searched in: each searched locale (localized fields), or none. */
const branchesOf = (source: SearchSource, plan: SqlSearchPlan): Branch[] =>
  source.localeColumn && plan.locales.length
    ? plan.locales.map((locale) => ({ configuration: plan.languages.configurations.get(locale) ?? plan.languages.default, locale }))
    : [{ configuration: plan.languages.default, locale: null }]

/** FROM and WHERE of one source's rows: joined to the document (or its latest version), published or latest only. */
const rowsOf = (collection: SqlSearchCollection, source: SearchSource, branch: Branch, plan: SqlSearchPlan, naming: Naming) => {
  const documents = documentsTable(naming, collection.slug, plan.draft)
  const own = source.table === documents
  const from = `input i CROSS JOIN ${own ? `${quoteIdent(documents)} r` : `${quoteIdent(source.table)} r JOIN ${quoteIdent(documents)} d ON d.id = r.${quoteIdent(source.parentColumn)}`}`
  const d = own ? 'r' : 'd'
  const conditions = [plan.draft ? `${d}.latest AND ${d}.parent_id IS NOT NULL` : `${d}._status = 'published'`]
  if (source.path) conditions.push(`r.path = ${literal(source.path)}`)
  if (branch.locale !== null && source.localeColumn) conditions.push(`r.${quoteIdent(source.localeColumn)} = ${literal(branch.locale)}`)
  return { conditions, from, id: plan.draft ? `${d}.parent_id` : `${d}.id` }
}

const column = (name: string) => `r.${quoteIdent(name)}`

/**
 * The sources of one table searched together: the fields of a row (title, abbreviation,
 * descriptions...) in one branch; a texts table's rows hold one field each (`path`), a branch per field.
 */
const groupsOf = (sources: SearchSource[]): SearchSource[][] => {
  const groups = new Map<string, SearchSource[]>()
  for (const source of sources) {
    const key = source.path === undefined ? source.table : `${source.table}\u0000${source.path}`
    groups.set(key, [...(groups.get(key) ?? []), source])
  }
  return [...groups.values()]
}

const escapeLike = (text: string) => `replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`

/**
 * One table's matching rows (in one locale), one output row per field that matched: one SELECT,
 * whose WHERE ORs the fields' indexed predicates (PostgreSQL reads the indexes in one pass, a
 * BitmapOr), and whose fields (a LATERAL VALUES over the row's columns) are then each checked and
 * scored alike. Few branches keep the statement cheap to plan (one per field, as before, took longer
 * to plan than to run). Each output row says, rather than its score, the parts of it (`w`, `a`,
 * `b`, `cc`): the score is `w * greatest(a + b * ws, cc * ws)`, with `ws` the trigram word
 * similarity of the query and the row's folded text (`ff`), the one costly part, computed later for
 * the rows that can reach the page asked for only (`statementOf`). Tiers (docs/frontend.md,
 * "Scores"): 0 the folded text equals the query, 1 every word, 2 every word as prefixes, 3 some of
 * the words, 4 none (a typo: trigram word similarity ≥ 0.45). Vectors are the stored generated
 * columns; the folded text is computed the cheap way (language.ts `foldRowSql`).
 */
const hitSelect = (collection: SqlSearchCollection, group: SearchSource[], branch: Branch, plan: SqlSearchPlan, naming: Naming): string | undefined => {
  const sources = plan.mode === 'suggest' ? group.filter((source) => source.kind !== 'description') : group
  if (!sources.length) return undefined
  const { conditions, from, id } = rowsOf(collection, sources[0]!, branch, plan, naming)
  const q = queries(branch.configuration)
  const broad = plan.mode === 'search' && !plan.strict && plan.broad !== false
  /** Where PostgreSQL looks (the indexed expressions) for one source. */
  const indexed = (source: SearchSource) => {
    const V = column(vectorColumnOf(source))
    const F = foldedSql(source, column)
    if (plan.mode === 'suggest') return `${F} LIKE ${escapeLike(folded)} OR ${V} @@ ${q.prefix}`
    if (source.kind === 'description' || plan.strict) return `${V} @@ ${q.strict}`
    if (!broad) return `${V} @@ ${q.narrow}`
    return `${V} @@ ${q.broad}${hasTrigrams(source) ? ` OR ${folded} <% ${F}` : ''}`
  }
  // The same per field, on the LATERAL row `u` (u.v the vector, s.ff the folded text): which fields of a found row matched.
  const matched = (kind: 'd' | 't') => {
    if (plan.mode === 'suggest') return `s.ff LIKE ${escapeLike(folded)} OR u.v @@ ${q.prefix}`
    if (kind === 'd' || plan.strict) return `u.v @@ ${q.strict}`
    if (!broad) return `u.v @@ ${q.narrow}`
    return `u.v @@ ${q.broad} OR ${folded} <% s.ff`
  }
  const values = sources.map((source) => {
    const kind = source.kind === 'description' ? 'd' : 't'
    const text = `${column(source.column)}::text`
    return `(${literal(source.name)}, ${text}, ${column(vectorColumnOf(source))}, ${kindWeight[source.kind]}::float8, '${kind}')`
  })
  const kinds = new Set(sources.map((source) => (source.kind === 'description' ? 'd' : 't')))
  const matchedSql = kinds.size === 1 ? matched([...kinds][0] as 'd' | 't') : `CASE WHEN u.kind = 'd' THEN ${matched('d')} ELSE ${matched('t')} END`
  const ratio = `least(1.0, length(${folded})::float8 / greatest(length(s.ff), 1))`
  let tier: string
  let parts: { a: string; b: string; cc: string }
  if (plan.mode === 'suggest') {
    // Typed with its accents ("Bäck"): what starts with exactly that comes before what starts with it only once folded ("Backwaren").
    tier = `CASE WHEN s.ff = ${folded} THEN 0 WHEN s.ff LIKE ${escapeLike(folded)} THEN CASE WHEN lower(u.text) LIKE ${escapeLike('i.l')} THEN 1 ELSE 2 END ELSE 3 END`
    parts = { a: `CASE t.tier WHEN 0 THEN 1.0 WHEN 1 THEN 0.8 + 0.2 * t.r WHEN 2 THEN 0.75 + 0.2 * t.r ELSE 0.5 + 0.2 * t.r END`, b: '0', cc: '0' }
  } else {
    // Descriptions count with all the words only ("some words" of a long text is noise): tier 5, scored by ts_rank.
    const title = plan.strict
      ? `CASE WHEN s.ff = ${folded} THEN 0 ELSE 1 END`
      : `CASE WHEN s.ff = ${folded} THEN 0 WHEN u.v @@ ${q.strict} THEN 1 WHEN u.v @@ ${q.prefix} THEN 2 WHEN u.v @@ ${q.any} THEN 3 ELSE 4 END`
    tier = kinds.has('d') ? (kinds.has('t') ? `CASE WHEN u.kind = 'd' THEN 5 ELSE ${title} END` : '5') : title
    parts = {
      // A typo with two letters swapped scores at least 0.25: trigrams barely see it in a short word.
      a: `CASE t.tier WHEN 0 THEN 1.0 WHEN 1 THEN 0.6 + 0.1 * t.r WHEN 2 THEN 0.45 + 0.05 * t.r WHEN 3 THEN 0.15 + 0.05 * t.r
        WHEN 4 THEN CASE WHEN t.v @@ ${q.swaps} THEN 0.25 ELSE 0 END
        ELSE 0.2 + 0.1 * least(1.0, ts_rank(t.v, ${q.strict}) * 10) END`,
      b: `CASE t.tier WHEN 1 THEN 0.2 WHEN 2 THEN 0.1 WHEN 3 THEN 0.05 ELSE 0 END`,
      cc: `CASE WHEN t.tier IN (3, 4) THEN 0.45 ELSE 0 END`,
    }
  }
  // OFFSET 0 keeps each level a sub-query of its own: `ff` and `tier` are computed once per field, not once per reference.
  return `SELECT ${literal(collection.name)} AS c, ${id} AS id, t.field, ${branch.locale === null ? 'NULL' : literal(branch.locale)}::text AS locale,
    t.text, t.ff, t.w, (${parts.a})::float8 AS a, (${parts.b})::float8 AS b, (${parts.cc})::float8 AS cc
    FROM ${from}
    CROSS JOIN LATERAL (
      SELECT u.field, u.text, u.w, u.v, s.ff, ${tier} AS tier, ${ratio} AS r
      FROM (VALUES ${values.join(', ')}) AS u(field, text, v, w, kind)
      CROSS JOIN LATERAL (SELECT CASE WHEN u.kind = 'd' THEN NULL ELSE ${foldRowSql('u.text')} END AS ff OFFSET 0) s
      WHERE u.text IS NOT NULL AND (${matchedSql}) OFFSET 0
    ) t
    WHERE ${[...conditions, `(${sources.map(indexed).join(' OR ')})`].join(' AND ')}`
}

const excludedSelect = (collection: SqlSearchCollection, group: SearchSource[], branch: Branch, plan: SqlSearchPlan, naming: Naming): string => {
  const { conditions, from, id } = rowsOf(collection, group[0]!, branch, plan, naming)
  const excluded = queries(branch.configuration).excluded
  return `SELECT ${literal(collection.name)} AS c, ${id} AS id FROM ${from} WHERE ${[...conditions, `(${group.map((source) => `${column(vectorColumnOf(source))} @@ ${excluded}`).join(' OR ')})`].join(' AND ')}`
}

/**
 * The statement: every matching row (`hits`), a document's bounds (`docs`: the best row's score
 * with `ws` at 0 and at 1, plus 0.01 per other field that matched), and the exact score of the
 * documents whose upper bound reaches the `wanted`-th best lower bound: no other can be on the
 * pages up to the one asked for, so word similarity is computed for a few dozen rows, not for
 * every match. With `plan.top`, only those `wanted` documents come back, with the counts per
 * collection; without it (a host's read access decides over the hits, src/search/searchCatalog.ts
 * `keepReadable`) every matching document comes back, scored.
 */
const statementOf = (plan: SqlSearchPlan, naming: Naming): string => {
  const hits: string[] = []
  const excluded: string[] = []
  for (const collection of plan.collections) {
    for (const group of groupsOf(sourcesOf(collection.fields, naming, collection.slug, plan.draft))) {
      for (const branch of branchesOf(group[0]!, plan)) {
        const select = hitSelect(collection, group, branch, plan, naming)
        if (select) hits.push(select)
        if (plan.excluded.length) excluded.push(excludedSelect(collection, group, branch, plan, naming))
      }
    }
  }
  if (!hits.length) return ''
  const configurations = [...new Set([plan.languages.default, ...plan.languages.configurations.values()])]
  const computed = configurations.flatMap((configuration) =>
    Object.entries(queryExpressions(configuration))
      .filter(([name]) => name !== 'excluded' || plan.excluded.length)
      .map(([name, expression]) => `${expression} AS ${name}_${configuration}`))
  const combined = configurations.flatMap((configuration) =>
    Object.entries(combinedExpressions(configuration)).map(([name, expression]) => `${expression} AS ${name}_${configuration}`))
  const wanted = plan.top && plan.wanted ? plan.wanted : undefined
  // Typos: pg_trgm's word similarity threshold for `<%` (default 0.6, too strict for a letter or
  // two wrong in a short word), for this statement's transaction only (`set_config(.., true)`: the
  // statement is its own transaction, also behind a transaction-mode pooler). Set in `input`,
  // whose row every `<%` reads first (its left side is `i.f`), so it is set before any is evaluated.
  return `WITH typed AS (SELECT set_config('pg_trgm.word_similarity_threshold', '0.45', true) AS threshold,
    ${foldSql(`${marker('text')}::text`)} AS f, ${foldSql(`${marker('excluded')}::text`)} AS x, lower(${marker('text')}::text) AS l,
    ${foldSql(`${marker('swaps')}::text`)} AS s),
  input AS MATERIALIZED (SELECT *, ${combined.join(', ')} FROM (SELECT threshold, f, x, l, s, ${computed.join(', ')} FROM typed OFFSET 0) q),
  ${excluded.length
    ? `matches AS MATERIALIZED (${hits.join('\nUNION ALL\n')}),
  kept AS MATERIALIZED (SELECT * FROM matches WHERE NOT EXISTS (SELECT 1 FROM (${excluded.join('\nUNION ALL\n')}) e WHERE e.c = matches.c AND e.id::text = matches.id::text))`
    : `kept AS MATERIALIZED (${hits.join('\nUNION ALL\n')})`},
  docs AS MATERIALIZED (
    SELECT c, id, 0.01 * (count(*) - 1) AS extra, max(lo) AS lo, max(hi) AS hi FROM (
      SELECT c, id, field, max(w * a) AS lo, max(w * greatest(a + b, cc)) AS hi FROM kept GROUP BY c, id, field
    ) fields GROUP BY c, id
  ),
  cut AS (${wanted ? `SELECT lo + extra AS lo FROM docs ORDER BY lo + extra DESC LIMIT 1 OFFSET ${wanted - 1}` : 'SELECT NULL::float8 AS lo WHERE false'}),
  scored AS (
    SELECT DISTINCT ON (h.c, h.id) h.c, h.id, h.field, h.locale, h.text,
      least(1.0, h.w * CASE WHEN x.ws IS NULL THEN h.a ELSE greatest(h.a + h.b * x.ws, h.cc * x.ws) END + d.extra) AS score
    FROM docs d JOIN kept h ON h.c = d.c AND h.id = d.id CROSS JOIN input i
    CROSS JOIN LATERAL (SELECT CASE WHEN h.b = 0 AND h.cc = 0 THEN NULL ELSE word_similarity(i.f, h.ff) END AS ws OFFSET 0) x
    WHERE d.hi + d.extra >= coalesce((SELECT lo FROM cut), -1)
    ORDER BY h.c, h.id, score DESC, h.field
  )
  SELECT c, id, field, locale, text, score${wanted ? `, (SELECT json_object_agg(c, least(n, ${MAX_CANDIDATES})) FROM (SELECT c, count(*) AS n FROM docs GROUP BY c) counted) AS counts` : ''} FROM (
    SELECT scored.*, row_number() OVER (PARTITION BY c ORDER BY score DESC, id) AS place FROM scored
  ) capped WHERE place <= ${MAX_CANDIDATES}
  ORDER BY score DESC, c, id${wanted ? ` LIMIT ${wanted}` : ''}`
}

/**
 * Each typed word of 3–10 letters with two neighbouring letters swapped ("pyhton" → "python",
 * "ypthon", ...): the typo trigrams miss in a short word (two of seven trigrams shared), matched as
 * whole words through the vectors' index. At most MAX_SWAPS, the first words' first.
 */
const MAX_SWAPS = 60
export const swapsOf = (text: string): string => {
  const variants = new Set<string>()
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const letters = [...word]
    if (letters.length < 3 || letters.length > 10) continue
    for (let at = 0; at < letters.length - 1; at++) {
      if (letters[at] === letters[at + 1]) continue
      const swapped = [...letters]
      ;[swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!]
      variants.add(swapped.join(''))
    }
  }
  return [...variants].slice(0, MAX_SWAPS).join(' ')
}

type PgPool = { query: (config: { name?: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> }

/**
 * Named statements per site (Payload instance): their names, or false once the database refused
 * one. PostgreSQL keeps a named statement per connection, parsed and, after a few executions, with
 * a generic plan (the ranking's plan does not depend on its parameters: they reach it through
 * `input`): parsing and planning took longer than running the ranking at ESCO size. A
 * transaction-mode pooler without prepared statement support (PgBouncer before 1.21, or with
 * `max_prepared_statements = 0`) hands a later execution to a server connection that never saw the
 * statement: the first such error turns named statements off for the site, and the statement is
 * run again unnamed. At most MAX_NAMED shapes per site (collections, locales, page end, mode).
 */
const namedStatements = new WeakMap<Payload, false | Set<string>>()
const MAX_NAMED = 64
const PREPARED_STATEMENT_ERRORS = new Set(['26000', '42P05'])

/**
 * A migration that changes the type of a column a statement returns (a document ID turned bigint)
 * while the site runs: PostgreSQL refuses every later execution of the statements prepared before
 * it ("cached plan must not change result type", 0A000), on each connection that has one, for as
 * long as the connection lives. The names then change (a new generation, parsed anew; the old
 * ones go with their connections) and the search runs again.
 */
const generations = new WeakMap<Payload, number>()
const isStaleResultType = (error: unknown) =>
  (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test((error as Error).message ?? '')

const runStatement = async (payload: Payload, executor: Executor, statement: string, values: Record<string, unknown>, retried = false): Promise<unknown[]> => {
  const pool = (executor as { $client?: PgPool }).$client
  let names = namedStatements.get(payload)
  if (names === undefined) namedStatements.set(payload, (names = new Set()))
  if (pool && typeof pool.query === 'function' && names) {
    const generation = generations.get(payload) ?? 0
    const name = `role_catalog_search_${generation}_${createHash('sha1').update(statement).digest('hex').slice(0, 20)}`
    if (names.has(name) || names.size < MAX_NAMED) {
      names.add(name)
      const order: string[] = []
      const text = statement.replace(/\u0000([a-z_]+)\u0000/g, (_match, parameter: string) => {
        if (!(parameter in values)) throw new Error(`search: no value for the parameter ${parameter}`)
        if (!order.includes(parameter)) order.push(parameter)
        return `$${order.indexOf(parameter) + 1}`
      })
      try {
        return (await pool.query({ name, text, values: order.map((parameter) => values[parameter]) })).rows
      } catch (error) {
        if (isStaleResultType(error) && !retried) {
          // Once per generation, however many searches met the change at once.
          if ((generations.get(payload) ?? 0) === generation) {
            generations.set(payload, generation + 1)
            namedStatements.set(payload, new Set())
            payload.logger.info(`role catalog search: a prepared statement's result changed type (a migration while the site runs); preparing the statements anew`)
          }
          return runStatement(payload, executor, statement, values, true)
        }
        if (!PREPARED_STATEMENT_ERRORS.has((error as { code?: string }).code ?? '')) throw error
        if (namedStatements.get(payload) !== false) {
          namedStatements.set(payload, false)
          payload.logger.warn(`role catalog search: the database connection refused a named prepared statement (${(error as Error).message}); searching with unnamed statements from now on (a transaction-mode pooler without prepared statement support?)`)
        }
      }
    }
  }
  return (await executor.execute(bindNamed(statement, values))).rows
}

/** Runs the ranked lookup: the best documents first (all of them, capped per collection, without `plan.top`). */
export const rankInPostgres = async (payload: Payload, plan: SqlSearchPlan): Promise<SqlRanking> => {
  if (plan.mode === 'search' && !plan.strict && plan.wanted && plan.broad === undefined) {
    const narrow = await rankInPostgres(payload, { ...plan, broad: false })
    const found = narrow.counts ? [...narrow.counts.values()].reduce((sum, count) => sum + count, 0) : narrow.hits.length
    if (found >= (plan.fill ?? plan.wanted)) return narrow
    return rankInPostgres(payload, { ...plan, broad: true })
  }
  const naming = payload.db as unknown as Naming
  const statement = statementOf(plan, naming)
  if (!statement) return { counts: plan.top ? new Map() : undefined, hits: [] }
  const executor = executorFor(payload, plan.database) as unknown as Executor
  // Swapped letters matter only where typos are looked for (the broad pass).
  const swaps = plan.mode === 'search' && !plan.strict && plan.broad !== false ? swapsOf(plan.text) : ''
  const rows = await runStatement(payload, executor, statement, { excluded: plan.excluded.join(' '), swaps, text: plan.text })
  const typed = rows as { c: CatalogCollection; counts?: null | Record<string, number | string>; field: string; id: number | string; locale: null | string; score: number | string; text: string }[]
  const counts = plan.top ? new Map(Object.entries(typed[0]?.counts ?? {}).map(([name, count]) => [name as CatalogCollection, Number(count)])) : undefined
  return {
    counts,
    hits: typed.map((row) => ({
      collection: row.c,
      field: row.field,
      id: row.id,
      locale: row.locale,
      score: Number(row.score),
      text: row.text,
    })),
  }
}

export type HitDetails = { highlight: null | string; slug: null | string; title: null | string }

/**
 * Slug, display title (the locale, then its fallbacks) and highlight of a page of hits: the matched
 * text, HTML-escaped, with the query's words in `<mark>`.
 */
/** The SQL type of a table's column as drizzle declares it (`serial` is an integer), for an array parameter of its values. */
const columnType = (payload: Payload, table: string, key: string): string | undefined => {
  const column = (payload.db as unknown as { tables?: Record<string, Record<string, { getSQLType?: () => string }>> }).tables?.[table]?.[key]
  const type = column?.getSQLType?.()
  return type === 'serial' ? 'integer' : type === 'bigserial' ? 'bigint' : type
}

export const describeInPostgres = async (
  payload: Payload,
  plan: Pick<SqlSearchPlan, 'collections' | 'database' | 'draft' | 'languages' | 'locales' | 'text'>,
  hits: SqlHit[],
): Promise<HitDetails[]> => {
  if (!hits.length) return []
  const naming = payload.db as unknown as Naming
  const executor = executorFor(payload, plan.database) as unknown as Executor
  const selects: string[] = []
  const values: Record<string, unknown> = {
    cfgs: hits.map((hit) => (hit.locale && plan.languages.configurations.get(hit.locale)) || plan.languages.default),
    cs: hits.map((hit) => hit.collection),
    ids: hits.map((hit) => String(hit.id)),
    q: plan.text,
    texts: hits.map((hit) => hit.text),
  }
  for (const collection of plan.collections) {
    const titleField = collection.fields.find((field) => field.kind === 'title')
    const documents = documentsTable(naming, collection.slug, plan.draft)
    const prefix = plan.draft ? 'version_' : ''
    const idColumn = plan.draft ? 'd.parent_id' : 'd.id'
    let title = 'NULL::text'
    if (titleField) {
      const [source] = sourcesOf([titleField], naming, collection.slug, plan.draft)
      title = source!.localeColumn && plan.locales.length
        ? `(SELECT l.${quoteIdent(source!.column)}::text FROM ${quoteIdent(source!.table)} l WHERE l._parent_id = d.id AND l._locale::text = ANY(${arrayLiteral(plan.locales)})
            AND coalesce(l.${quoteIdent(source!.column)}, '') <> '' ORDER BY array_position(${arrayLiteral(plan.locales)}, l._locale::text) LIMIT 1)`
        : `d.${quoteIdent(source!.column)}::text`
    }
    // The IDs as an array of the column's own type, so its index serves (the column cast to text
    // read every row); one parameter per collection, so the statement's text is the same for every
    // page (a named statement, runStatement). A type drizzle does not name: the IDs as literals.
    const ids = hits.filter((hit) => hit.collection === collection.name).map((hit) => hit.id)
    const type = columnType(payload, documents, plan.draft ? 'parent' : 'id')
    let match: string
    if (type && /^[a-z][a-z0-9 ]*$/.test(type)) {
      values[`ids_${collection.name}`] = ids.map(String)
      match = `${idColumn} = ANY(${marker(`ids_${collection.name}`)}::text[]::${type}[])`
    } else {
      if (!ids.length) continue
      match = `${idColumn} IN (${ids.map((id) => (typeof id === 'number' ? String(id) : literal(String(id)))).join(', ')})`
    }
    selects.push(`SELECT ${literal(collection.name)} AS c, ${idColumn}::text AS id, d.${quoteIdent(`${prefix}slug`)}::text AS slug, ${title} AS title
      FROM ${quoteIdent(documents)} d WHERE ${plan.draft ? 'd.latest AND ' : ''}${match}`)
  }
  // One round trip: the page's rows (collection, ID, configuration, matched text) with their slugs,
  // titles and highlights.
  const statement = `WITH page AS (SELECT * FROM unnest(${marker('cs')}::text[], ${marker('ids')}::text[], ${marker('cfgs')}::text[], ${marker('texts')}::text[]) WITH ORDINALITY AS h(c, id, cfg, txt, n)),
    details AS (${selects.length ? selects.join('\nUNION ALL\n') : 'SELECT NULL::text AS c, NULL::text AS id, NULL::text AS slug, NULL::text AS title WHERE false'})
    SELECT p.n, details.slug, details.title, ts_headline(p.cfg::regconfig, replace(replace(replace(coalesce(p.txt, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
      regexp_replace(replace(plainto_tsquery(p.cfg::regconfig, ${foldSql(`${marker('q')}::text`)})::text, ' & ', ' | '), '''( |$)', ''':*\\1', 'g')::tsquery,
      'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1') AS highlight
    FROM page p LEFT JOIN details ON details.c = p.c AND details.id = p.id`
  const rows = (await runStatement(payload, executor, statement, values)) as { highlight: null | string; n: number | string; slug: null | string; title: null | string }[]
  const byIndex = new Map(rows.map((row) => [Number(row.n) - 1, row]))
  return hits.map((_hit, index) => {
    const row = byIndex.get(index)
    return { highlight: row?.highlight ?? null, slug: row?.slug ?? null, title: row?.title ?? null }
  })
}

const arrayLiteral = (values: string[]) => `ARRAY[${values.map(literal).join(', ')}]::text[]`
