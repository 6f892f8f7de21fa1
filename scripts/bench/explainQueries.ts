/**
 * EXPLAIN ANALYZE of the statements Payload issues for the catalogue's common reads, on a database
 * that holds an imported catalogue (e.g. after `npm run import -- .tmp/bench-esco`):
 *
 *   DATABASE_URL=postgres://…/db npx tsx scripts/bench/explainQueries.ts [--full]
 *
 * Prints, per read, each statement and the scans of its plan, to check that every query uses an
 * index where it needs one.
 */
import { postgresAdapter } from '@payloadcms/db-postgres'
import { parseArgs } from 'node:util'
import { buildConfig, getPayload } from 'payload'
import pg from 'pg'

import { roleCatalogPlugin } from '../../src/index.js'

const { values } = parseArgs({ options: { full: { type: 'boolean' } } })
const url = process.env.DATABASE_URL
if (!url) {
  console.error('DATABASE_URL must name a database with an imported catalogue')
  process.exit(2)
}

const captured: { params: unknown[]; query: string }[] = []
const config = await buildConfig({
  admin: { user: 'users' },
  collections: [{ slug: 'users', auth: true, fields: [] }],
  db: postgresAdapter({
    logger: { logQuery: (query: string, params: unknown[]) => captured.push({ params, query }) },
    pool: { connectionString: url },
    push: false,
  }),
  plugins: [roleCatalogPlugin({})],
  secret: 'role-catalog-explain',
  telemetry: false,
  // No background `payload generate:types` (getPayload starts one outside production and never waits).
  typescript: { autoGenerate: false },
})
const payload = await getPayload({ config })
const client = new pg.Client({ connectionString: url })
await client.connect()

const mostLinked = async (sql: string) => ((await client.query(sql)).rows[0] as { slug: string } | undefined)?.slug
const roleSlug = await mostLinked(
  'select r.slug from roles r join roles_skills s on s._parent_id = r.id group by r.slug order by count(*) desc limit 1',
)
const skillSlug = await mostLinked(
  'select k.slug from skills k join roles_skills s on s.skill_id = k.id group by k.slug order by count(*) desc limit 1',
)
if (!roleSlug || !skillSlug) throw new Error('no imported catalogue in this database')

const reads: [string, () => Promise<unknown>][] = [
  [`role by slug (${roleSlug}), depth 1, anonymous`, () => payload.find({ collection: 'roles', depth: 1, overrideAccess: false, where: { slug: { equals: roleSlug } } })],
  [`skill by slug (${skillSlug}) with the roles that use it (join), anonymous`, () => payload.find({ collection: 'skills', depth: 0, overrideAccess: false, where: { slug: { equals: skillSlug } } })],
  ['first 100 roles (default sort: title), depth 0, anonymous', () => payload.find({ collection: 'roles', depth: 0, limit: 100, overrideAccess: false })],
  ['first 100 skills (default sort: name), depth 0, no joins, anonymous', () => payload.find({ collection: 'skills', depth: 0, joins: false, limit: 100, overrideAccess: false })],
  ['importer lookup by source.uri', () => payload.find({ collection: 'skills', depth: 0, where: { 'source.uri': { equals: 'https://example.org/none' } } })],
]
for (const [name, read] of reads) {
  captured.length = 0
  await read()
  console.log(`\n### ${name}: ${captured.length} statements`)
  for (const { params, query } of captured) {
    const plan = (await client.query(`explain (analyze, costs off, timing off, summary on) ${query}`, params)).rows.map(
      (row: Record<string, string>) => row['QUERY PLAN']!,
    )
    console.log(`SQL: ${values.full ? query : query.slice(0, 160)}${!values.full && query.length > 160 ? ' …' : ''}`)
    console.log(plan.filter((line) => /Scan|Execution|Sort Key/.test(line)).join('\n'))
  }
}
await client.end()
await payload.destroy()
process.exit(0)
