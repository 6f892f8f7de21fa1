/**
 * Language handling shared by the search index (src/search/postgres/schema.ts) and the queries
 * (src/search/postgres/searchSql.ts): which PostgreSQL text search configuration stems a locale's
 * text, and the accent folding both sides apply. No drizzle-orm here: the plugin's entry points reach
 * this module on every adapter.
 */
import type { ResolvedSearchOptions } from '../plugin/options.js'

/**
 * The Snowball configurations PostgreSQL 13+ ships, by ISO 639-1 code. Languages without one
 * (Polish, Czech, ...) get `simple`: no stemming, but the same accent folding and typo tolerance.
 */
const shippedConfigurations: Record<string, string> = {
  ar: 'arabic',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
}

/** The configuration for a locale code (`de`, `de-CH`, `pt_BR`): the option's, else by language, else `simple`. */
export const configurationFor = (locale: string, search: Pick<ResolvedSearchOptions, 'configurations'>): string =>
  search.configurations[locale] ?? shippedConfigurations[locale.toLowerCase().split(/[-_]/)[0]!] ?? 'simple'

/**
 * Accent folding with built-in IMMUTABLE functions only (`lower`, `translate`, `replace`), so the
 * expression can sit in an index without the `unaccent` extension and its STABLE functions (which
 * an index cannot use without a wrapper function the schema cannot describe). Covers the Latin
 * letters of the European languages; `ß`, `æ`, `œ` become two letters. A slash becomes a space:
 * ESCO's German titles read "Bäcker/Bäckerin", which the parser would otherwise take as one path.
 */
const accented = '/àáâãäåāăąçćĉčďđèéêëēĕėęěĝğġģĥìíîïĩīĭįıĵķĺļľłñńņňòóôõöøōŏőŕŗřśŝşšţťùúûüũūŭůűųŵýÿŷźżž'
const plain = ' aaaaaaaaaccccddeeeeeeeeegggghiiiiiiiiijkllllnnnnooooooooorrrssssttuuuuuuuuuuwyyyzzz'
if ([...accented].length !== [...plain].length) throw new Error('search: accent table out of step')

/** SQL: `expression` lower-cased and folded (the same on the indexed text and the query). */
export const foldSql = (expression: string): string =>
  `replace(replace(replace(translate(lower(${expression}), '${accented}', '${plain}'), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe')`

/**
 * SQL: the same text as `foldSql`, cheaper per row where it is all ASCII (most catalogue text):
 * then folding is lower-casing and the slash only (the accent table's `translate` costs about
 * 8 µs per short title, 35 µs per description, more than the rest of a row's score). IMMUTABLE
 * like `foldSql`: the generated columns, the trigram indexes and the queries' per-row expressions
 * use it (one text everywhere, so the indexes serve); the query itself is folded once with `foldSql`.
 */
export const foldRowSql = (expression: string): string =>
  `(CASE WHEN octet_length(${expression}) = length(${expression}) THEN replace(lower(${expression}), '/', ' ') ELSE ${foldSql(expression)} END)`

/** The longest `text` / `prefix` accepted (characters): longer input is a 400. */
export const MAX_SEARCH_TEXT = 200

/** The largest page of search results and suggestions. */
export const MAX_SEARCH_LIMIT = 100
export const DEFAULT_SEARCH_LIMIT = 10
export const DEFAULT_SUGGEST_LIMIT = 8
/** The deepest page: past it the ranking is noise, and the cap below bounds the work. */
export const MAX_SEARCH_PAGE = 100
/** Hits ranked per collection and query; counts stop here (documented). */
export const MAX_CANDIDATES = 2000
