/**
 * `npm run bench [-- --json]`: the performance figures of issue "Performance", each measured side
 * by side with its baseline in one run, on DATABASE_URL's server (or an embedded PostgreSQL). The
 * benchmark creates and drops databases of its own (<database>_bench_esco, <database>_bench_article).
 *
 * - importSeconds: the ESCO-size synthetic catalogue (3,000 occupations, 14,000 skills, 130,000
 *   links; `npm run bench:data`) imported into an empty database, reading the CSV files included.
 * - importSecondsTwoLanguages: the same catalogue in English and German (ESCO's per-language files;
 *   `npm run bench:data -- --languages en,de`) imported in one pass into an empty database of a site
 *   with both locales. For comparison (details.importSecondsLocalized), English only on such a site.
 * - statementsPerListQuery: SQL statements for the list queries docs/frontend.md recommends (the example
 *   frontend's: N roles with their skills, N skills with the roles that use them) for N = 10, 100,
 *   1000, sent anonymously through Payload's GraphQL route handler on the imported catalogue.
 * - roleBySlugVsSql, compareVsSql: median of the frontend's `roleBySlug` / `compareRoles` query
 *   executed in-process (Payload's schema and validation rules, a fresh request per query), divided
 *   by the median of one hand-written SQL statement returning the same data (scripts/bench/sqlBaselines.ts),
 *   runs interleaved, rotating through roles of the imported catalogue. Target (roleBySlugVsSql): at most 2.5.
 * - customizedRoleBySlugVsSql: roleBySlugVsSql on a copy of that catalogue in a host that customizes it
 *   (scripts/bench/customizedHost.ts: fields of its own, a read hook, read access returning a query).
 *   Target: at most roleBySlugVsSql + 0.5.
 * - localizedRoleBySlugVsSql: roleBySlugVsSql on a localized copy of the same catalogue (English and
 *   German, German text for every other role and every third skill), the role page asked for in
 *   German with English as the fallback, against one hand-written SQL statement reading both
 *   languages' `_locales` rows (scripts/bench/sqlBaselines.ts). Target: at most roleBySlugVsSql + 0.5.
 * - untranslatedListVsPlain: the admin's list page of roles and of skills on that bilingual catalogue
 *   (German in the latest versions too, as the list reads them): the list's read (Payload's `find` as
 *   its List view makes it) followed by the "Without German text: N" filter's counts
 *   (src/localization/untranslatedCounts.ts), over the same list's read alone, medians side by side;
 *   the larger of the two collections' ratios (each in details.untranslatedList; scripts/bench/untranslated.ts).
 *   Target: at most 1.5.
 * - scaleLatencyRatio: the roleBySlug median at ESCO size divided by the median on a database that
 *   holds the article's catalogue only.
 * - invalidationMs {p50, p99}: two instances on the article's database; from a publish acknowledged
 *   on one to the change arriving at the other over LISTEN/NOTIFY (scripts/bench/invalidation.ts).
 * - cacheHitRatioUnderWrites: the response cache's hit ratio under a steady anonymous read load (a
 *   Zipf-like mix of role pages, comparisons and list pages) over the imported catalogue with a publish
 *   every 2 s; the clear-everything rule's ratio on the same sequence beside it (scripts/bench/hitRatio.ts).
 * - httpRoleBySlug (= httpUncachedRoleBySlug): `next start` of the demo site (English and German) on
 *   the bilingual ESCO-size catalogue of localizedRoleBySlugVsSql, with the response cache off, autocannon (10 connections, 20 s) on the role page query,
 *   then on the server's trivial route (/healthz); ratioToTrivial = trivial req/s ÷ roleBySlug req/s.
 * - httpCachedRoleBySlug: the same with the demo's response cache on (every request after the
 *   warm-up is a hit), then /healthz on that server; ratioToTrivial = roleBySlug req/s ÷ trivial req/s.
 *   Beside it (trivialPost, ratioToTrivialPost), /healthz over POST with the same bodies, which it
 *   reads and drops: what receiving a query's body costs in Next.js before any GraphQL server runs;
 *   and (trivialPostSameSize, ratioToTrivialPostSameSize) the same POST answered with as many bytes
 *   as the role page's answer: the same amount of HTTP as a hit, with nothing else done.
 * - searchMs {p50, p99}, suggestMs {p50, p99}: `searchCatalog` / `suggestCatalog` executed in-process
 *   on the ESCO-size catalogue over a fixed mixed query set (typos, phrases, prefixes, exclusions,
 *   `or`; scripts/bench/search.ts). searchVsSql: its median over that of one hand-written SQL
 *   statement doing a ranked lookup over the same fields and indexes (target ≤ 1.5); searchVsLike:
 *   over that of Payload's `like` on the same fields, one `find` per collection (target ≤ 0.1).
 * - matchRolesMs {p50, p99}: `matchRoles` as the example frontend's match page asks for it, people
 *   drawn from the catalogue's roles (scripts/bench/matching.ts); matchRolesVsSql: its median over
 *   one hand-written SQL statement ranking the same roles by the same formula.
 * - httpUncachedSearch, httpCachedSearch: the search query over HTTP on the servers of
 *   httpRoleBySlug (response cache off, then on), next to each server's trivial route (ratioToTrivial
 *   as for the role page: trivial ÷ search uncached, search ÷ trivial cached).
 *
 * `--json` prints one JSON object on stdout (progress goes to stderr). `--skip-http` leaves out the
 * HTTP figures (no build, no server); `--keep` keeps the databases. Quick runs while working on one
 * part (the full run is what docs/benchmarks.md records; the JSON keys are the full run's, the
 * figures left out are absent):
 * - `--only search` imports the ESCO-size catalogue and measures the search and matching figures only;
 * - `--only reads` imports it and measures the role page reads only: roleBySlugVsSql, compareVsSql,
 *   customizedRoleBySlugVsSql and localizedRoleBySlugVsSql (with importSeconds; no list statements,
 *   cache hit ratio, search, article, two-language import or HTTP figures);
 * - `--only untranslated` imports the bilingual catalogue and measures untranslatedListVsPlain only;
 * - `--only serving` imports both catalogues and measures cacheHitRatioUnderWrites and the HTTP
 *   figures (httpRoleBySlug, httpCachedRoleBySlug, httpUncachedSearch, httpCachedSearch) only.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { COMPARE_QUERY, ROLE_LIST_QUERY, ROLE_PAGE_QUERY, SKILLS_WITH_ROLES_QUERY } from '../dev/app/(frontend)/_lib/queryText.js'
import { demoLocalization } from '../dev/localization.js'
import { importEscoFolder } from '../src/import/index.js'
import { getCatalogConfig } from '../src/plugin/catalogConfig.js'
import { countStatements } from '../tests/helpers/sqlCounter.js'
import { type BenchSite, startBenchSite } from './bench/benchSite.js'
import { customizedHostOverrides, regionsCollection } from './bench/customizedHost.js'
import { measureInvalidation } from './bench/invalidation.js'
import { measureMatching } from './bench/matching.js'
import { measureSearch, SEARCH_QUERIES } from './bench/search.js'
import { addGermanText, measureUntranslatedList, type UntranslatedFigures, untranslatedRow } from './bench/untranslated.js'
import { escoSizes, generateEscoCatalogue } from './bench/generateEscoCatalogue.js'
import { measureHitRatioUnderWrites } from './bench/hitRatio.js'
import { type HttpFigures, measureHttp } from './bench/http.js'
import { describeMachine, finishMachine } from './bench/machine.js'
import { COMPARE_ROLES_SQL, localizedRoleBySlugSql, ROLE_BY_SLUG_SQL } from './bench/sqlBaselines.js'
import { round, sideBySide } from './bench/timing.js'
import { projectRoot, useDatabase } from './database.js'

const { values } = parseArgs({
  options: { json: { type: 'boolean' }, keep: { type: 'boolean' }, only: { type: 'string' }, 'skip-http': { type: 'boolean' } },
})
/** `--only search`: the ESCO-size import, then the search and matching figures only (a quick run while working on them). */
const searchOnly = values.only === 'search'
/** `--only reads`: the ESCO-size import, then the role page read figures only (roleBySlug, compare, customized, localized). */
const readsOnly = values.only === 'reads'
/** `--only untranslated`: the bilingual ESCO-size import, then untranslatedListVsPlain only. */
const untranslatedOnly = values.only === 'untranslated'
/** `--only serving`: the ESCO-size import, then cacheHitRatioUnderWrites and the HTTP figures only. */
const servingOnly = values.only === 'serving'
if (values.only !== undefined && !searchOnly && !readsOnly && !untranslatedOnly && !servingOnly) {
  throw new Error(`--only: "search", "reads", "serving" or "untranslated", not ${JSON.stringify(values.only)}`)
}
// With --json, stdout carries the JSON object only: everything else, including what libraries print
// (drizzle's schema push spinner), goes to stderr until the end.
const printJson = values.json ? process.stdout.write.bind(process.stdout) : undefined
if (values.json) process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
const log = (line: string) => console.log(line)

const LIST_SIZES = [10, 100, 1000] as const
/** The example frontend's list queries, with the page size as a variable. */
export const LIST_QUERIES = {
  roles: ROLE_LIST_QUERY.replace('query RoleList {', 'query RoleList($limit: Int) {').replace('limit: 100', 'limit: $limit'),
  skills: SKILLS_WITH_ROLES_QUERY.replace('query SkillsWithRoles {', 'query SkillsWithRoles($limit: Int) {').replace(
    'limit: 100',
    'limit: $limit',
  ),
} as const
const ROLE_SAMPLE = 24
const ROLE_ROUNDS = 150
const COMPARE_ROUNDS = 100

type Row = { figure: string; met?: boolean; target: string; value: string }
const rows: Row[] = []
const results: Record<string, unknown> = {}
const details: Record<string, unknown> = {}

const started = performance.now()
const server = await useDatabase({ database: 'postgres', name: 'bench', persistent: false })
const machine = await describeMachine(server.url)
log(`machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}, load ${machine.loadAverage.start.join(' ')}`)

/** Roles spread over the catalogue (every k-th by ID), so no single role decides a median. */
const sampleRoles = async (site: BenchSite, count: number): Promise<string[]> => {
  const client = await site.sql()
  const { rows: found } = await client.query<{ slug: string }>(
    `select slug from (select slug, row_number() over (order by id) as n, count(*) over () as total
       from roles where _status = 'published') numbered
     where (n - 1) % greatest(1, total / $1) = 0 order by n limit $1`,
    [count],
  )
  return found.map((row) => row.slug)
}

/**
 * Runs `run` on Payload's generic read path: the plugin's tuned reads and batched joins switched
 * off (src/read/tunedReads.ts reads the switch on every request). For comparison only.
 */
const generic = async <T>(site: BenchSite, run: () => Promise<T>): Promise<T> => {
  const catalog = getCatalogConfig(site.payload.config)
  catalog.tunedReads = false
  try {
    return await run()
  } finally {
    catalog.tunedReads = true
  }
}

/** roleBySlug: GraphQL in-process (as the plugin answers it, and on Payload's generic path) vs one SQL statement. */
const measureRoleBySlug = async (site: BenchSite, slugs: string[], { withGeneric = true } = {}) => {
  const client = await site.sql()
  const slug = (i: number) => slugs[i % slugs.length]
  const contestants: Record<string, (i: number) => Promise<unknown>> = {
    graphql: (i) => site.execute(ROLE_PAGE_QUERY, { slug: slug(i) }),
    sql: (i) => client.query(ROLE_BY_SLUG_SQL, [slug(i)]),
  }
  if (withGeneric) contestants.generic = (i) => generic(site, () => site.execute(ROLE_PAGE_QUERY, { slug: slug(i) }))
  const measured = await sideBySide(contestants, { iterations: ROLE_ROUNDS })
  return { generic: measured.generic, graphql: measured.graphql!, sql: measured.sql! }
}

/** The baseline must answer with what GraphQL answers, or the ratio compares different work. */
const checkBaselines = async (site: BenchSite, slugs: string[]) => {
  const client = await site.sql()
  const [a, b] = slugs as [string, string]
  const role = (await site.execute(ROLE_PAGE_QUERY, { slug: a })).data as { roleBySlug: Record<string, any> }
  const sqlRole = (await client.query(ROLE_BY_SLUG_SQL, [a])).rows[0]?.role
  const linkSlugs = (links: any[], item: string) => links.map((link) => `${link.requirement}:${link[item]?.slug}`)
  for (const [name, item] of [['skills', 'skill'], ['responsibilities', 'responsibility'], ['certifications', 'certification']] as const) {
    if (JSON.stringify(linkSlugs(role.roleBySlug[name], item)) !== JSON.stringify(linkSlugs(sqlRole[name], item))) {
      throw new Error(`the roleBySlug SQL baseline answers ${name} differently for "${a}"`)
    }
  }
  const comparison = ((await site.execute(COMPARE_QUERY, { a, b })).data as { compareRoles: Record<string, any> }).compareRoles
  const sqlComparison = (await client.query(COMPARE_ROLES_SQL, [a, b])).rows[0]?.comparison
  for (const dimension of ['responsibilities', 'skills', 'certifications', 'qualifications', 'experience']) {
    for (const part of ['shared', 'onlyA', 'onlyB']) {
      const got = JSON.stringify(comparison[dimension][part].map((entry: { slug: string }) => entry.slug))
      const expected = JSON.stringify(sqlComparison.dimensions[dimension][part].map((entry: { slug: string }) => entry.slug))
      if (got !== expected) throw new Error(`the compareRoles SQL baseline answers ${dimension}.${part} differently for ${a} / ${b}`)
    }
  }
}

function recordUntranslated(figures: UntranslatedFigures) {
  results.untranslatedListVsPlain = figures.ratio
  details.untranslatedList = figures.collections
  rows.push(untranslatedRow(figures))
}

if (untranslatedOnly) {
  const folder = path.join(projectRoot, '.tmp', 'bench-esco')
  if (!existsSync(path.join(folder, 'occupationSkillRelations_en.csv'))) await generateEscoCatalogue(folder, escoSizes)
  const site = await startBenchSite({ localization: demoLocalization, name: 'esco_localized', serverUrl: server.url })
  try {
    const report = await importEscoFolder({ folder, payload: site.payload })
    if (report.failed) throw new Error(`localized import failed: ${report.failed.error}`)
    await addGermanText(site)
    recordUntranslated(await measureUntranslatedList(site, log))
  } finally {
    await site.stop({ drop: !values.keep })
    await server.stop()
  }
  printReport()
  process.exit(0)
}

let http: HttpFigures | undefined
let escoDatabaseUrl: string | undefined
let escoSlugs: string[] = []
let escoRoleMs = Number.NaN
const esco = await startBenchSite({ name: 'esco', serverUrl: server.url })
let escoStopped = false
try {
  // importSeconds: an empty database, schema pushed, then read + write.
  const dataFolder = path.join(projectRoot, '.tmp', 'bench-esco')
  if (!existsSync(path.join(dataFolder, 'occupationSkillRelations_en.csv'))) {
    log(`generating the ESCO-size catalogue in ${dataFolder}`)
    await generateEscoCatalogue(dataFolder, escoSizes)
  }
  escoDatabaseUrl = esco.databaseUrl
  const importStarted = performance.now()
  const report = await importEscoFolder({ folder: dataFolder, payload: esco.payload })
  const importSeconds = (performance.now() - importStarted) / 1000
  if (report.failed) throw new Error(`import failed: ${report.failed.error}`)
  if (report.links.created !== escoSizes.links) throw new Error(`imported ${report.links.created} links, expected ${escoSizes.links}`)
  results.importSeconds = round(importSeconds, 1)
  rows.push({
    figure: 'importSeconds',
    met: importSeconds <= 60,
    target: '≤ 60',
    value: `${importSeconds.toFixed(1)} s (${report.skills.created} skills, ${report.roles.created} roles, ${report.links.created} links)`,
  })
  log(`import: ${importSeconds.toFixed(1)} s`)

  escoSlugs = await sampleRoles(esco, ROLE_SAMPLE)
  if (!searchOnly && !readsOnly && !servingOnly) {
    // statementsPerListQuery.
    const statements: Record<string, Record<string, number>> = { roles: {}, skills: {} }
    for (const [name, query] of Object.entries(LIST_QUERIES) as [keyof typeof LIST_QUERIES, string][]) {
      for (const limit of LIST_SIZES) {
        const t0 = performance.now()
        const { count, result } = await countStatements(() => esco.graphql(query, { limit }), { databaseUrl: esco.databaseUrl })
        const ms = performance.now() - t0
        if (result.errors) throw new Error(`${name} list query: ${result.errors[0]!.message}`)
        const docs = (result.data as Record<string, { docs: Record<string, unknown>[] }>)[name === 'roles' ? 'Roles' : 'Skills']!.docs
        if (docs.length !== limit) throw new Error(`${name} list query returned ${docs.length} documents, expected ${limit}`)
        statements[name]![String(limit)] = count
        log(`${name} × ${limit}: ${count} statements, ${ms.toFixed(0)} ms`)
      }
    }
    results.statementsPerListQuery = statements
    // For comparison: Payload's own resolvers (one join query per skill) at N = 10 and 100.
    const genericStatements: Record<string, Record<string, number>> = { roles: {}, skills: {} }
    for (const [name, query] of Object.entries(LIST_QUERIES) as [keyof typeof LIST_QUERIES, string][]) {
      for (const limit of [10, 100]) {
        const { count } = await generic(esco, () => countStatements(() => esco.graphql(query, { limit }), { databaseUrl: esco.databaseUrl }))
        genericStatements[name]![String(limit)] = count
      }
    }
    details.genericStatementsPerListQuery = genericStatements
    for (const name of ['roles', 'skills'] as const) {
      const counts = LIST_SIZES.map((n) => statements[name]![String(n)]!)
      rows.push({
        figure: `statementsPerListQuery.${name}`,
        met: counts.every((count) => count === counts[0]),
        target: 'the same for every N',
        value: `${LIST_SIZES.map((n) => `${n}: ${statements[name]![String(n)]}`).join(', ')} (Payload's resolvers: ${[10, 100]
          .map((n) => `${n}: ${genericStatements[name]![String(n)]}`)
          .join(', ')})`,
      })
    }
  }
  if (!searchOnly && !servingOnly) {
    // roleBySlugVsSql, compareVsSql.
    await checkBaselines(esco, escoSlugs)
    log(`roleBySlug vs SQL: ${ROLE_ROUNDS} rounds over ${escoSlugs.length} roles`)
    const role = await measureRoleBySlug(esco, escoSlugs)
    escoRoleMs = role.graphql.medianMs
    const roleRatio = role.graphql.medianMs / role.sql.medianMs
    results.roleBySlugVsSql = round(roleRatio)
    rows.push({
      figure: 'roleBySlugVsSql',
      met: roleRatio <= 2.5,
      target: '≤ 2.5',
      value: `${roleRatio.toFixed(2)} (${role.graphql.medianMs.toFixed(2)} ms / ${role.sql.medianMs.toFixed(2)} ms)`,
    })

    const pairs = escoSlugs.map((slug, i) => [slug, escoSlugs[(i + 1) % escoSlugs.length]!] as const)
    const client = await esco.sql()
    log(`compareRoles vs SQL: ${COMPARE_ROUNDS} rounds over ${pairs.length} pairs`)
    const pair = (i: number) => ({ a: pairs[i % pairs.length]![0], b: pairs[i % pairs.length]![1] })
    const compare = await sideBySide(
      {
        generic: (i) => generic(esco, () => esco.execute(COMPARE_QUERY, pair(i))),
        graphql: (i) => esco.execute(COMPARE_QUERY, pair(i)),
        sql: (i) => client.query(COMPARE_ROLES_SQL, [pair(i).a, pair(i).b]),
      },
      { iterations: COMPARE_ROUNDS },
    )
    const compareRatio = compare.graphql.medianMs / compare.sql.medianMs
    results.compareVsSql = round(compareRatio)
    rows.push({
      figure: 'compareVsSql',
      met: compareRatio <= 3,
      target: '≤ 3',
      value: `${compareRatio.toFixed(2)} (${compare.graphql.medianMs.toFixed(2)} ms / ${compare.sql.medianMs.toFixed(2)} ms)`,
    })
    details.medianMs = {
      compareRoles: { generic: round(compare.generic.medianMs), graphql: round(compare.graphql.medianMs), sql: round(compare.sql.medianMs) },
      roleBySlug: { generic: round(role.generic!.medianMs), graphql: round(role.graphql.medianMs), sql: round(role.sql.medianMs) },
    }
    details.genericVsSql = {
      compareRoles: round(compare.generic.medianMs / compare.sql.medianMs),
      roleBySlug: round(role.generic!.medianMs / role.sql.medianMs),
    }
    rows.push({
      figure: "Payload's generic path, for comparison",
      target: '',
      value: `roleBySlug ${(role.generic!.medianMs / role.sql.medianMs).toFixed(2)} × SQL (${role.generic!.medianMs.toFixed(2)} ms), compareRoles ${(compare.generic.medianMs / compare.sql.medianMs).toFixed(2)} × SQL (${compare.generic.medianMs.toFixed(2)} ms)`,
    })
  }
  if (!searchOnly && !readsOnly) {
    // cacheHitRatioUnderWrites: the response cache under a publish every 2 s, beside the clear-everything rule.
    log('cache hit ratio under writes: 2 × (20 s warm-up + 30 s), eight readers, a publish every 2 s')
    const hitRatio = await measureHitRatioUnderWrites(esco)
    results.cacheHitRatioUnderWrites = round(hitRatio.dependencies)
    details.cacheHitRatioUnderWrites = { ...hitRatio.details, clearEverything: round(hitRatio.clearEverything) }
    rows.push({
      figure: 'cacheHitRatioUnderWrites',
      met: hitRatio.dependencies >= 0.9,
      target: '≥ 0.9',
      value: `${hitRatio.dependencies.toFixed(3)} (clear-everything rule: ${hitRatio.clearEverything.toFixed(3)})`,
    })
  }

  if (!readsOnly && !servingOnly) await measureSearchAndMatching()
} finally {
  await esco.stop({ drop: false })
  escoStopped = true
}

/** searchMs, searchVsSql, searchVsLike, suggestMs; matchRolesMs (matchRolesVsSql, similarRolesMs in details). */
async function measureSearchAndMatching() {
  const search = await measureSearch(esco, log)
  results.searchMs = search.searchMs
  results.searchVsSql = search.searchVsSql
  results.searchVsLike = search.searchVsLike
  results.suggestMs = search.suggestMs
  details.search = { baselineTopHitAgreement: search.baselineTopHitAgreement, medianMs: search.medianMs, queries: SEARCH_QUERIES.length, rounds: search.rounds }
  rows.push(
    {
      figure: 'searchMs',
      target: 'for comparison',
      value: `p50 ${search.searchMs.p50} ms, p99 ${search.searchMs.p99} ms (${SEARCH_QUERIES.length} queries, ${search.rounds} rounds)`,
    },
    {
      figure: 'searchVsSql',
      met: search.searchVsSql <= 1.5,
      target: '≤ 1.5',
      value: `${search.searchVsSql} (${search.medianMs.search} ms / ${search.medianMs.sql} ms; top hit the same in ${search.baselineTopHitAgreement})`,
    },
    {
      figure: 'searchVsLike',
      met: search.searchVsLike <= 0.1,
      target: '≤ 0.1',
      value: `${search.searchVsLike} (${search.medianMs.search} ms / ${search.medianMs.like} ms)`,
    },
    { figure: 'suggestMs', target: 'for comparison', value: `p50 ${search.suggestMs.p50} ms, p99 ${search.suggestMs.p99} ms` },
  )

  // matchRolesMs (matchRolesVsSql, similarRolesMs in details).
  const matching = await measureMatching(esco, escoSlugs, log)
  results.matchRolesMs = matching.matchRolesMs
  results.matchRolesVsSql = matching.matchRolesVsSql
  details.matching = { medianMs: matching.medianMs, people: matching.people, rounds: matching.rounds, similarRolesMs: matching.similarRolesMs }
  rows.push(
    {
      figure: 'matchRolesMs',
      target: 'for comparison',
      value: `p50 ${matching.matchRolesMs.p50} ms, p99 ${matching.matchRolesMs.p99} ms (${matching.people} people); similarRoles p50 ${matching.similarRolesMs.p50} ms`,
    },
    {
      figure: 'matchRolesVsSql',
      target: 'for comparison',
      value: `${matching.matchRolesVsSql} (${matching.medianMs.graphql} ms / ${matching.medianMs.sql} ms)`,
    },
  )
}

// customizedRoleBySlugVsSql: the same catalogue on a host that customizes it as teams do (docs/site-owners.md):
// fields of its own, a read hook, and read access that returns a query for anonymous readers.
let customizedDatabaseUrl: string | undefined
if (escoDatabaseUrl && !searchOnly && !servingOnly) {
  const customized = await startBenchSite({
    collections: [regionsCollection],
    copyOf: escoDatabaseUrl,
    name: 'esco_customized',
    plugin: { overrides: customizedHostOverrides },
    serverUrl: server.url,
  })
  customizedDatabaseUrl = customized.databaseUrl
  try {
    await checkBaselines(customized, escoSlugs)
    log(`roleBySlug vs SQL on a customized host: ${ROLE_ROUNDS} rounds over ${escoSlugs.length} roles`)
    const measured = await measureRoleBySlug(customized, escoSlugs, { withGeneric: false })
    const ratio = measured.graphql.medianMs / measured.sql.medianMs
    const target = (results.roleBySlugVsSql as number) + 0.5
    results.customizedRoleBySlugVsSql = round(ratio)
    ;(details.medianMs as Record<string, unknown>).customizedRoleBySlug = { graphql: round(measured.graphql.medianMs), sql: round(measured.sql.medianMs) }
    rows.push({
      figure: 'customizedRoleBySlugVsSql',
      met: ratio <= target,
      target: `≤ roleBySlugVsSql + 0.5 = ${target.toFixed(2)}`,
      value: `${ratio.toFixed(2)} (${measured.graphql.medianMs.toFixed(2)} ms / ${measured.sql.medianMs.toFixed(2)} ms)`,
    })
  } finally {
    await customized.stop({ drop: !values.keep })
  }
}

if (searchOnly) {
  const { dropDatabase } = await import('./bench/benchSite.js')
  if (escoDatabaseUrl && !values.keep) await dropDatabase(server.url, escoDatabaseUrl)
  await server.stop()
  printReport()
  process.exit(0)
}

/** The role page query in German: `locale` as a variable if the frontend's query takes one, else as an argument. */
const germanRolePage = (): { query: string; variables: Record<string, unknown> } => {
  if (/\$locale\b/.test(ROLE_PAGE_QUERY)) return { query: ROLE_PAGE_QUERY, variables: { locale: 'de' } }
  const query = ROLE_PAGE_QUERY.replace('roleBySlug(', 'roleBySlug(locale: de, ')
  if (query === ROLE_PAGE_QUERY) throw new Error('localizedRoleBySlugVsSql: cannot ask the role page query for German')
  return { query, variables: {} }
}

// localizedRoleBySlugVsSql: the ESCO-size catalogue again, on a site with English and German (the
// demo site's locales). Kept for httpRoleBySlug: `next start` of the demo site serves this database.
const dataFolder = path.join(projectRoot, '.tmp', 'bench-esco')
const localized = await startBenchSite({ localization: demoLocalization, name: 'esco_localized', serverUrl: server.url })
let localizedDatabaseUrl: string | undefined = localized.databaseUrl
let localizedSlugs: string[] = []
try {
  const report = await importEscoFolder({ folder: dataFolder, payload: localized.payload })
  if (report.failed) throw new Error(`localized import failed: ${report.failed.error}`)
  const client = await localized.sql()
  await addGermanText(localized)
  const slugs = await sampleRoles(localized, ROLE_SAMPLE)
  localizedSlugs = slugs
  if (!servingOnly) await measureLocalizedReads(localized, client, slugs)
} catch (error) {
  await localized.stop({ drop: !values.keep })
  localizedDatabaseUrl = undefined
  throw error
}
await localized.stop({ drop: false })

/** localizedRoleBySlugVsSql and untranslatedListVsPlain on the bilingual catalogue. */
async function measureLocalizedReads(localized: BenchSite, client: Awaited<ReturnType<BenchSite['sql']>>, slugs: string[]) {
  const { query, variables } = germanRolePage()
  const sqlText = localizedRoleBySlugSql('de', 'en')
  // The baseline answers what GraphQL answers: the same title (German or English) and the same skill names.
  for (const slug of slugs.slice(0, 4)) {
    const role = ((await localized.execute(query, { ...variables, slug })).data as { roleBySlug: Record<string, any> }).roleBySlug
    const sqlRole = (await client.query(sqlText, [slug])).rows[0]?.role
    const names = (value: any) => JSON.stringify([value.title, value.skills.map((link: any) => link.skill?.name)])
    if (names(role) !== names(sqlRole)) throw new Error(`the localized roleBySlug SQL baseline answers differently for "${slug}"`)
  }
  log(`roleBySlug in German vs SQL: ${ROLE_ROUNDS} rounds over ${slugs.length} roles`)
  const slug = (i: number) => slugs[i % slugs.length]
  const measured = await sideBySide(
    {
      graphql: (i) => localized.execute(query, { ...variables, slug: slug(i) }),
      sql: (i) => client.query(sqlText, [slug(i)]),
    },
    { iterations: ROLE_ROUNDS },
  )
  const ratio = measured.graphql.medianMs / measured.sql.medianMs
  const target = (results.roleBySlugVsSql as number) + 0.5
  results.localizedRoleBySlugVsSql = round(ratio)
  ;(details.medianMs as Record<string, unknown>).localizedRoleBySlug = { graphql: round(measured.graphql.medianMs), sql: round(measured.sql.medianMs) }
  rows.push({
    figure: 'localizedRoleBySlugVsSql',
    met: ratio <= target,
    target: `≤ roleBySlugVsSql + 0.5 = ${target.toFixed(2)}`,
    value: `${ratio.toFixed(2)} (${measured.graphql.medianMs.toFixed(2)} ms / ${measured.sql.medianMs.toFixed(2)} ms)`,
  })
  recordUntranslated(await measureUntranslatedList(localized, log))
}

try {
  if (servingOnly) await measureHttpFigures()
  else if (!readsOnly) await measureTheRest()
} finally {
  const { dropDatabase } = await import('./bench/benchSite.js')
  if (escoStopped && escoDatabaseUrl && !values.keep) await dropDatabase(server.url, escoDatabaseUrl)
  if (localizedDatabaseUrl && !values.keep) await dropDatabase(server.url, localizedDatabaseUrl)
  await server.stop()
}

printReport()
process.exit(0)

/** scaleLatencyRatio, invalidationMs, importSecondsTwoLanguages and the HTTP figures (not in `--only reads`). */
async function measureTheRest() {
  // scaleLatencyRatio: the same measurement on the article's catalogue only.
  const article = await startBenchSite({ name: 'article', seed: true, serverUrl: server.url })
  try {
    const articleSlugs = await sampleRoles(article, ROLE_SAMPLE)
    log(`roleBySlug on the article's catalogue: ${ROLE_ROUNDS} rounds over ${articleSlugs.join(', ')}`)
    const small = await measureRoleBySlug(article, articleSlugs, { withGeneric: false })
    const ratio = escoRoleMs / small.graphql.medianMs
    results.scaleLatencyRatio = round(ratio)
    rows.push({
      figure: 'scaleLatencyRatio',
      met: ratio <= 1.5,
      target: '≤ 1.5',
      value: `${ratio.toFixed(2)} (${escoRoleMs.toFixed(2)} ms at ESCO size / ${small.graphql.medianMs.toFixed(2)} ms)`,
    })
    ;(details.medianMs as Record<string, unknown>).roleBySlugArticle = { graphql: round(small.graphql.medianMs), sql: round(small.sql.medianMs) }

    // invalidationMs: a publish acknowledged on one instance → the change taken in by a second one.
    log('invalidationMs: publishes on one instance, arrivals on a second (LISTEN/NOTIFY)')
    const invalidation = await measureInvalidation(article)
    results.invalidationMs = { p50: invalidation.p50, p99: invalidation.p99 }
    rows.push({
      figure: 'invalidationMs',
      met: invalidation.p99 <= 1000,
      target: 'p99 ≤ 1000 ms',
      value: `p50 ${invalidation.p50} ms, p99 ${invalidation.p99} ms (${invalidation.samples} publishes)`,
    })
  } finally {
    await article.stop({ drop: !values.keep })
  }

  // importSecondsTwoLanguages (and English only on the same kind of site, for comparison).
  const twoLanguages = path.join(projectRoot, '.tmp', 'bench-esco-en-de')
  if (!existsSync(path.join(twoLanguages, 'skills_de.csv'))) {
    log(`generating the ESCO-size catalogue in English and German in ${twoLanguages}`)
    await generateEscoCatalogue(twoLanguages, { ...escoSizes, languages: ['en', 'de'] })
  }
  const localizedSeconds: Record<string, number> = {}
  for (const languages of [['en'], ['en', 'de']]) {
    const site = await startBenchSite({
      localization: { defaultLocale: 'en', locales: ['en', 'de'] },
      name: `esco_${languages.join('_')}`,
      serverUrl: server.url,
    })
    try {
      const importStarted = performance.now()
      const report = await importEscoFolder({ folder: twoLanguages, languages, payload: site.payload })
      const seconds = (performance.now() - importStarted) / 1000
      if (report.failed) throw new Error(`import in ${languages.join(', ')} failed: ${report.failed.error}`)
      if (report.links.created !== escoSizes.links || report.problems.length > 0) {
        throw new Error(`import in ${languages.join(', ')}: ${report.links.created} links, ${report.problems.length} problems`)
      }
      localizedSeconds[languages.join('+')] = round(seconds, 1)
      log(`import in ${languages.join(', ')} on a site with both locales: ${seconds.toFixed(1)} s`)
    } finally {
      await site.stop({ drop: true })
    }
  }
  results.importSecondsTwoLanguages = localizedSeconds['en+de']
  details.importSecondsLocalized = localizedSeconds
  rows.push({
    figure: 'importSecondsTwoLanguages',
    target: 'for comparison',
    value: `${localizedSeconds['en+de']} s for en + de in one pass (en only on the same site: ${localizedSeconds.en} s)`,
  })

  await measureHttpFigures()
}

/**
 * httpRoleBySlug: next start of the demo site (English and German) on the imported bilingual
 * catalogue (which has its schema: no push), the role page in the default language; the search
 * query on the same servers.
 */
async function measureHttpFigures() {
  delete process.env.PAYLOAD_FORCE_DRIZZLE_PUSH
  if (!values['skip-http'] && localizedDatabaseUrl) {
    details.httpCatalogue = 'ESCO size, English and German (part translated), the demo site’s locales'
    const measuredHttp = await measureHttp({
      databaseUrl: localizedDatabaseUrl,
      log,
      query: ROLE_PAGE_QUERY,
      search: {
        query: `query Search($text: String!) { searchCatalog(text: $text, limit: 10) { totalDocs counts { collection totalDocs } docs { collection slug title score matchedOn highlight } } }`,
        texts: SEARCH_QUERIES,
      },
      slugs: localizedSlugs,
    })
    for (const [key, figures] of [['httpUncachedSearch', measuredHttp.uncachedSearch], ['httpCachedSearch', measuredHttp.cachedSearch]] as const) {
      if (!figures) continue
      const cachedRun = key === 'httpCachedSearch'
      // As for the role page: uncached, trivial ÷ search; cached, search's share of the trivial route's req/s.
      const ratio = cachedRun ? Number((figures.requestsPerSecond / figures.trivial.requestsPerSecond).toFixed(2)) : figures.ratioToTrivial
      results[key] = { ...figures, ratioToTrivial: ratio }
      rows.push({
        figure: key,
        target: 'for comparison',
        value: `${figures.requestsPerSecond} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.errors} errors; trivial ${figures.trivial.requestsPerSecond} req/s (ratioToTrivial ${ratio})`,
      })
    }
    http = measuredHttp.uncached
    // httpRoleBySlug keeps its meaning (every request executes); httpUncachedRoleBySlug is the same figure.
    results.httpRoleBySlug = http
    results.httpUncachedRoleBySlug = http
    const cached = measuredHttp.cached
    // For the cached figure, ratioToTrivial is its share of the trivial route's requests per second.
    const cachedShare = Number((cached.requestsPerSecond / cached.trivial.requestsPerSecond).toFixed(2))
    // Beside it, its share of the trivial route over POST with the same bodies (Next.js receiving them).
    const cachedSharePost = Number((cached.requestsPerSecond / cached.trivialPost.requestsPerSecond).toFixed(2))
    // And of that POST answered with as many bytes as the hit sends: what the plugin adds to the HTTP itself.
    const cachedShareSameSize = Number((cached.requestsPerSecond / cached.trivialPostSameSize.requestsPerSecond).toFixed(2))
    results.httpCachedRoleBySlug = {
      errors: cached.errors,
      p50: cached.p50,
      p99: cached.p99,
      ratioToTrivial: cachedShare,
      ratioToTrivialPost: cachedSharePost,
      ratioToTrivialPostSameSize: cachedShareSameSize,
      requestsPerSecond: cached.requestsPerSecond,
      trivial: cached.trivial,
      trivialPost: cached.trivialPost,
      trivialPostSameSize: cached.trivialPostSameSize,
    }
    rows.push({
      figure: 'httpRoleBySlug',
      met: http.errors === 0 && http.p99 <= 100,
      target: '0 errors, p99 ≤ 100 ms',
      value: `${http.requestsPerSecond} req/s, p50 ${http.p50} ms, p99 ${http.p99} ms, ${http.errors} errors (response cache off)`,
    })
    rows.push({
      figure: 'httpRoleBySlug.trivial',
      target: 'for comparison',
      value: `${http.trivial.route}: ${http.trivial.requestsPerSecond} req/s, p50 ${http.trivial.p50} ms, p99 ${http.trivial.p99} ms; ratioToTrivial ${http.ratioToTrivial}`,
    })
    rows.push({
      figure: 'httpCachedRoleBySlug',
      // Issue 20's target.
      met: cached.errors === 0 && cachedShare >= 0.85 && cached.p99 <= 1.5 * cached.trivial.p99,
      target: '≥ 0.85 × trivial req/s, p99 ≤ 1.5 × trivial p99, 0 errors',
      value: `${cached.requestsPerSecond} req/s (${cachedShare} × ${cached.trivial.requestsPerSecond}), p50 ${cached.p50} ms, p99 ${cached.p99} ms (trivial ${cached.trivial.p99} ms), ${cached.errors} errors`,
    })
    rows.push({
      figure: 'httpCachedRoleBySlug.ratioToTrivialPost',
      target: 'for comparison',
      value: `${cachedSharePost} × POST /healthz with the same bodies (${cached.trivialPost.requestsPerSecond} req/s, p99 ${cached.trivialPost.p99} ms)`,
    })
    rows.push({
      figure: 'httpCachedRoleBySlug.ratioToTrivialPostSameSize',
      target: 'for comparison',
      value: `${cachedShareSameSize} × ${cached.trivialPostSameSize.route} (the same bodies, an answer of the hit's size: ${cached.trivialPostSameSize.requestsPerSecond} req/s, p99 ${cached.trivialPostSameSize.p99} ms)`,
    })
  }
}

function printReport() {
  details.machine = finishMachine(machine)
  details.seconds = round((performance.now() - started) / 1000, 1)
  results.details = details

  if (printJson) {
    printJson(`${JSON.stringify(results)}\n`)
  } else {
    const table = rows.map((row) => [row.figure, row.value, row.target, row.met === undefined ? '' : row.met ? 'met' : 'MISSED'])
    const header = ['figure', 'value', 'target', '']
    const widths = header.map((_, i) => Math.max(...[header, ...table].map((row) => row[i]!.length)))
    const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
    console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
    for (const row of table) console.log(line(row))
    const m = details.machine as ReturnType<typeof finishMachine>
    console.log(
      `\n${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres}; load average ${m.loadAverage.start.join(' ')} at the start, ${m.loadAverage.end?.join(' ')} at the end; ${details.seconds} s`,
    )
  }
}
