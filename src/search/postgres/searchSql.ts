/**
 * Ranked search and suggestions in one SQL statement each, over the indexes of
 * src/search/postgres/schema.ts (the same expressions, from src/search/sources.ts).
 *
 * Per searchable field and searched locale, rows that match in one of these ways, scored by tier
 * (the weight of the field kind times the tier; docs/frontend.md "Scores"):
 * - the whole folded text equals the query                  1.00
 * - every word (stemmed; phrases, `-word`, `or`)            0.60 – 0.90
 * - every word, the words as prefixes                       0.45 – 0.60
 * - some of the words                                       0.15 – 0.25
 * - a typo: trigram word similarity ≥ 0.45 (titles, names)  0.20 – 0.45
 * Within a tier: + up to 0.2 for words spelled as typed (trigram word similarity), + up to 0.1 for
 * the share of the field the query covers (an exact-length title before a longer one).
 * Field kinds weigh: title 1, abbreviation 0.95, alternate name 0.9; descriptions match with all
 * the words only and score 0.2 – 0.3. A document's score is its best field's, plus 0.01 per other field
 * that matched; `-word` drops a document when any of its fields has the word.
 * With search syntax (quotes, `-`, `or`) only the exact tier applies: the user asked precisely.
 * Some-words and typo matches are looked for only when whole-word and prefix matches do not fill the
 * page asked for (they read many more rows); the counts then cover what was looked for.
 *
 * PostgreSQL only: reached through a dynamic import once the adapter is PostgreSQL, with drizzle-orm
 * from src/database/drizzle.ts.
 */
import type { Payload } from 'payload'

import type { CatalogCollection } from '../../plugin/options.js'
import type { SearchField, SearchLanguages, SearchSource } from '../sources.js'

import { sql } from '../../database/drizzle.js'
import { executorFor } from '../../replicas/routing.js'
import { foldSql, MAX_CANDIDATES } from '../language.js'
import { foldedSql, hasTrigrams, quoteIdent, rowFoldedSql, rowVectorSql, sourcesOf, tableOf, vectorSql } from '../sources.js'

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
   * when those do not fill the page.
   */
  wanted?: number
  /** Internal: false for the first, narrow pass. */
  broad?: boolean
  text: string
}

export type SqlHit = { collection: CatalogCollection; field: string; id: number | string; locale: null | string; score: number; text: string }

type Naming = Parameters<typeof tableOf>[0] & { localesSuffix?: string; versionsSuffix?: string }

/** The documents' table, or for drafts the versions' (one row per version; `latest` marks the newest). */
const documentsTable = (naming: Naming, slug: string, draft: boolean) =>
  draft ? `_${tableOf(naming, slug)}${naming.versionsSuffix ?? '_v'}` : tableOf(naming, slug)

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`

const kindWeight: Record<SearchField['kind'], number> = { abbreviation: 0.95, alternateName: 0.9, description: 1, title: 1 }

/** The statement's parameters are spliced in by name: `:text` (the query) and `:excluded`. */
const TEXT = '\u0000text\u0000'
const EXCLUDED = '\u0000excluded\u0000'

const folded = `(SELECT f FROM input)`

/** The query's tsqueries in one configuration, as SQL computing them (once per statement, in `input`). */
const queryExpressions = (configuration: string) => {
  const c = `${literal(configuration)}::regconfig`
  const plain = `plainto_tsquery(${c}, f)`
  return {
    any: `replace(${plain}::text, ' & ', ' | ')::tsquery`,
    excluded: `replace(plainto_tsquery(${c}, x)::text, ' & ', ' | ')::tsquery`,
    prefix: `regexp_replace(${plain}::text, '''( |$)', ''':*\\1', 'g')::tsquery`,
    strict: `websearch_to_tsquery(${c}, f)`,
  }
}

/** References to the tsqueries computed in `input` (configuration names are plain identifiers: the option checks them). */
const queries = (configuration: string) => ({
  any: `(SELECT any_${configuration} FROM input)`,
  excluded: `(SELECT excluded_${configuration} FROM input)`,
  prefix: `(SELECT prefix_${configuration} FROM input)`,
  strict: `(SELECT strict_${configuration} FROM input)`,
})

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
  const from = own ? `${quoteIdent(documents)} r` : `${quoteIdent(source.table)} r JOIN ${quoteIdent(documents)} d ON d.id = r.${quoteIdent(source.parentColumn)}`
  const d = own ? 'r' : 'd'
  const conditions = [plan.draft ? `${d}.latest AND ${d}.parent_id IS NOT NULL` : `${d}._status = 'published'`]
  if (source.path) conditions.push(`r.path = ${literal(source.path)}`)
  if (branch.locale !== null && source.localeColumn) conditions.push(`r.${quoteIdent(source.localeColumn)} = ${literal(branch.locale)}`)
  return { conditions, from, id: plan.draft ? `${d}.parent_id` : `${d}.id` }
}

const column = (name: string) => `r.${quoteIdent(name)}`

/**
 * One source's hits, as one SELECT per way of matching (UNION ALL; `best` keeps a document's
 * highest score). Each SELECT has a single indexed predicate, so PostgreSQL reads one index and
 * needs no recheck of the other predicates, and each scores with its tier known: the score reads
 * the folded text only, never recomputes the row's vector (`to_tsvector` per row was most of the
 * time at ESCO size). The highest tier a row matches in gives the same score the tiers' order would.
 */
const hitSelects = (collection: SqlSearchCollection, source: SearchSource, branch: Branch, plan: SqlSearchPlan, naming: Naming): string[] => {
  const { conditions, from, id } = rowsOf(collection, source, branch, plan, naming)
  const V = vectorSql(source, plan.languages, column)
  const F = foldedSql(source, column)
  const q = queries(branch.configuration)
  const w = kindWeight[source.kind]
  // How much of the field the query covers, and how closely its words are spelled as the query's
  // (trigram word similarity: 1 when the words are there as typed, less for other word forms).
  // The score reads the row's folded text once (`s.ff`); the WHERE keeps the indexed expressions
  // so PostgreSQL uses the indexes.
  const Fs = 's.ff'
  const ratio = `least(1.0, length(${folded})::float8 / greatest(length(${Fs}), 1))`
  const words = `word_similarity(${folded}, ${Fs})`
  const exact = (otherwise: string) => `${w} * CASE WHEN ${Fs} = ${folded} THEN 1.0 ELSE ${otherwise} END`
  const Vs = 's.v'
  const tiers: { match: string; score: string; vector?: boolean }[] = []
  if (plan.mode === 'suggest') {
    if (source.kind === 'description') return []
    const like = (text: string) => `replace(replace(replace(${text}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`
    // Typed with its accents ("Bäck"): what starts with exactly that comes before what starts with it only once folded ("Backwaren").
    const asTyped = `lower(${column(source.column)}::text) LIKE ${like('(SELECT l FROM input)')}`
    const score = `${w} * CASE WHEN ${Fs} = ${folded} THEN 1.0 WHEN ${Fs} LIKE ${like(folded)} THEN 0.75 + 0.2 * ${ratio} + CASE WHEN ${asTyped} THEN 0.05 ELSE 0 END ELSE 0.5 + 0.2 * ${ratio} END`
    tiers.push({ match: `${F} LIKE ${like(folded)}`, score }, { match: `${V} @@ ${q.prefix}`, score })
  } else if (source.kind === 'description') {
    // Descriptions count with all the words only: "some words" of a long text is noise (and costly at ESCO size).
    tiers.push({ match: `${V} @@ ${q.strict}`, score: `0.2 + 0.1 * least(1.0, ts_rank(${Vs}, ${q.strict}) * 10)`, vector: true })
  } else if (plan.strict) {
    tiers.push({ match: `${V} @@ ${q.strict}`, score: exact(`0.6 + 0.2 * ${words} + 0.1 * ${ratio}`) })
  } else {
    // The tsquery tiers in one tsquery (one index scan); the row's tier comes from its vector,
    // computed once with the cheap folding (the same vector as the index's).
    const score = `${w} * CASE WHEN ${Fs} = ${folded} THEN 1.0
      WHEN ${Vs} @@ ${q.strict} THEN 0.6 + 0.2 * ${words} + 0.1 * ${ratio}
      WHEN ${Vs} @@ ${q.prefix} THEN 0.45 + 0.1 * ${words} + 0.05 * ${ratio}
      ELSE greatest(CASE WHEN ${Vs} @@ ${q.any} THEN 0.15 + 0.05 * ${words} + 0.05 * ${ratio} ELSE 0 END, 0.45 * ${words}) END`
    if (plan.broad === false) {
      tiers.push({ match: `${V} @@ (${q.strict} || ${q.prefix})`, score, vector: true })
    } else {
      tiers.push({ match: `${V} @@ (${q.strict} || ${q.prefix} || ${q.any})`, score, vector: true })
      if (hasTrigrams(source)) tiers.push({ match: `${folded} <% ${F}`, score, vector: true })
    }
  }
  return tiers.map(({ match, score, vector }) => `SELECT ${literal(collection.name)} AS c, ${id} AS id, ${literal(source.name)} AS field, ${branch.locale === null ? 'NULL' : literal(branch.locale)}::text AS locale,
    r.${quoteIdent(source.column)}::text AS text, (SELECT (${score})::float8 FROM (SELECT ${vector ? `${rowVectorSql(source, plan.languages, column)} AS v, ` : ''}${rowFoldedSql(source, column)} AS ff) s) AS score
    FROM ${from} WHERE ${[...conditions, match].join(' AND ')}`)
}

const excludedSelect = (collection: SqlSearchCollection, source: SearchSource, branch: Branch, plan: SqlSearchPlan, naming: Naming): string => {
  const { conditions, from, id } = rowsOf(collection, source, branch, plan, naming)
  return `SELECT ${literal(collection.name)} AS c, ${id} AS id FROM ${from} WHERE ${[...conditions, `${vectorSql(source, plan.languages, column)} @@ ${queries(branch.configuration).excluded}`].join(' AND ')}`
}


const statementOf = (plan: SqlSearchPlan, naming: Naming): string => {
  const hits: string[] = []
  const excluded: string[] = []
  for (const collection of plan.collections) {
    for (const source of sourcesOf(collection.fields, naming, collection.slug, plan.draft)) {
      for (const branch of branchesOf(source, plan)) {
        hits.push(...hitSelects(collection, source, branch, plan, naming))
        if (plan.excluded.length) excluded.push(excludedSelect(collection, source, branch, plan, naming))
      }
    }
  }
  if (!hits.length) return ''
  const configurations = [...new Set([plan.languages.default, ...plan.languages.configurations.values()])]
  const computed = configurations.flatMap((configuration) =>
    Object.entries(queryExpressions(configuration)).map(([name, expression]) => `${expression} AS ${name}_${configuration}`))
  return `WITH typed AS (SELECT ${foldSql(`${TEXT}::text`)} AS f, ${foldSql(`${EXCLUDED}::text`)} AS x, lower(${TEXT}::text) AS l),
  input AS MATERIALIZED (SELECT f, x, l, ${computed.join(', ')} FROM typed),
  hits AS (${hits.join('\nUNION ALL\n')}),
  excluded AS (${excluded.length ? excluded.join('\nUNION ALL\n') : 'SELECT NULL::text AS c, NULL::text AS id WHERE false'}),
  best AS (
    SELECT DISTINCT ON (c, id) c, id, field, locale, text, score FROM hits
    WHERE NOT EXISTS (SELECT 1 FROM excluded e WHERE e.c = hits.c AND e.id::text = hits.id::text)
    ORDER BY c, id, score DESC, field
  ),
  matched AS (SELECT c, id, count(DISTINCT field) AS n FROM hits GROUP BY c, id),
  ranked AS (
    SELECT b.c, b.id, b.field, b.locale, b.text, least(1.0, b.score + 0.01 * (m.n - 1)) AS score
    FROM best b JOIN matched m ON m.c = b.c AND m.id = b.id
  )
  SELECT c, id, field, locale, text, score FROM (
    SELECT ranked.*, row_number() OVER (PARTITION BY c ORDER BY score DESC, id) AS place FROM ranked
  ) capped WHERE place <= ${MAX_CANDIDATES}
  ORDER BY score DESC, c, id`
}

/** Splits a statement at the parameter markers into drizzle SQL with bound parameters. */
const bind = (statement: string, values: { excluded: unknown; text: unknown }) => {
  const parts = statement.split(/(\u0000(?:text|excluded)\u0000)/)
  const chunks = parts.map((part) =>
    part === TEXT ? sql.param(values.text) : part === EXCLUDED ? sql.param(values.excluded) : sql.raw(part))
  return sql.join(chunks, sql.raw(''))
}

type Transactional = { transaction: <T>(run: (tx: { execute: (query: unknown) => Promise<{ rows: unknown[] }> }) => Promise<T>) => Promise<T> }

/** Runs the ranked lookup: every matching document of the plan's collections, best first (capped per collection). */
export const rankInPostgres = async (payload: Payload, plan: SqlSearchPlan): Promise<SqlHit[]> => {
  if (plan.mode === 'search' && !plan.strict && plan.wanted && plan.broad === undefined) {
    const narrow = await rankInPostgres(payload, { ...plan, broad: false })
    if (narrow.length >= plan.wanted) return narrow
    return rankInPostgres(payload, { ...plan, broad: true })
  }
  const naming = payload.db as unknown as Naming
  const statement = statementOf(plan, naming)
  if (!statement) return []
  const query = bind(statement, { excluded: plan.excluded.join(' '), text: plan.text })
  const executor = executorFor(payload, plan.database) as unknown as Transactional
  // Typos: pg_trgm's word similarity threshold for `<%` (default 0.6, too strict for a letter or two
  // wrong in a short word), set for this statement's transaction only.
  const rows = await executor.transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL pg_trgm.word_similarity_threshold = 0.45`))
    return (await tx.execute(query)).rows
  })
  return (rows as { c: CatalogCollection; field: string; id: number | string; locale: null | string; score: number | string; text: string }[]).map((row) => ({
    collection: row.c,
    field: row.field,
    id: row.id,
    locale: row.locale,
    score: Number(row.score),
    text: row.text,
  }))
}

export type HitDetails = { highlight: null | string; slug: null | string; title: null | string }

/**
 * Slug, display title (the locale, then its fallbacks) and highlight of a page of hits: the matched
 * text, HTML-escaped, with the query's words in `<mark>`.
 */
export const describeInPostgres = async (
  payload: Payload,
  plan: Pick<SqlSearchPlan, 'collections' | 'database' | 'draft' | 'languages' | 'locales' | 'text'>,
  hits: SqlHit[],
): Promise<HitDetails[]> => {
  if (!hits.length) return []
  const naming = payload.db as unknown as Naming
  const executor = executorFor(payload, plan.database)
  const selects: string[] = []
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
    selects.push(`SELECT ${literal(collection.name)} AS c, ${idColumn}::text AS id, d.${quoteIdent(`${prefix}slug`)}::text AS slug, ${title} AS title
      FROM ${quoteIdent(documents)} d WHERE ${plan.draft ? 'd.latest AND ' : ''}${idColumn}::text = ANY(
        SELECT h.id FROM unnest(${TEXT}::text[], ${EXCLUDED}::text[]) AS h(c, id) WHERE h.c = ${literal(collection.name)})`)
  }
  const configurations = hits.map((hit) => (hit.locale && plan.languages.configurations.get(hit.locale)) || plan.languages.default)
  const headline = `SELECT n, ts_headline(cfg::regconfig, replace(replace(replace(coalesce(txt, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
      regexp_replace(replace(plainto_tsquery(cfg::regconfig, ${foldSql('$q::text')})::text, ' & ', ' | '), '''( |$)', ''':*\\1', 'g')::tsquery,
      'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1') AS highlight
    FROM unnest($cfgs::text[], $texts::text[]) WITH ORDINALITY AS h(cfg, txt, n)`
  const detailsStatement = `${selects.join('\nUNION ALL\n')}`
  const detailRows = (await executor.execute(bind(detailsStatement, { excluded: hits.map((hit) => String(hit.id)), text: hits.map((hit) => hit.collection) }))).rows as { c: string; id: string; slug: null | string; title: null | string }[]
  const headlineRows = (await executor.execute(
    sql.join(
      headline.split(/(\$q|\$cfgs|\$texts)/).map((part) =>
        part === '$q' ? sql.param(plan.text) : part === '$cfgs' ? sql.param(configurations) : part === '$texts' ? sql.param(hits.map((hit) => hit.text)) : sql.raw(part)),
      sql.raw(''),
    ),
  )).rows as { highlight: null | string; n: number | string }[]
  const highlights = new Map(headlineRows.map((row) => [Number(row.n) - 1, row.highlight]))
  const details = new Map(detailRows.map((row) => [`${row.c}:${row.id}`, row]))
  return hits.map((hit, index) => {
    const row = details.get(`${hit.collection}:${String(hit.id)}`)
    return { highlight: highlights.get(index) ?? null, slug: row?.slug ?? null, title: row?.title ?? null }
  })
}

const arrayLiteral = (values: string[]) => `ARRAY[${values.map(literal).join(', ')}]::text[]`
