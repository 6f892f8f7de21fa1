/**
 * `npm run bench [-- --json]`: the performance figures of issue "Performance", each measured side
 * by side with its baseline in one run, on DATABASE_URL's server (or an embedded PostgreSQL).
 *
 * Measured so far:
 * - importSeconds: the ESCO-size synthetic catalogue (3,000 occupations, 14,000 skills, 130,000
 *   links; `npm run bench:data`) imported into an empty database: reading the CSV files plus
 *   writing, the way `npm run import` does it.
 * - statementsPerListQuery: SQL statements for the list queries recommended to frontends, N roles
 *   with their skills and N skills with the roles that use them, for N = 10, 100, 1000, sent
 *   anonymously through Payload's GraphQL route handler on the imported catalogue.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { importEscoFolder } from '../src/import/index.js'
import { startBenchSite } from './bench/benchSite.js'
import { escoSizes, generateEscoCatalogue } from './bench/generateEscoCatalogue.js'
import { countStatements } from './bench/statementCounter.js'
import { projectRoot, useDatabase } from './database.js'

const { values } = parseArgs({ options: { json: { type: 'boolean' }, keep: { type: 'boolean' } } })
const log = (line: string) => {
  // With --json, stdout carries the JSON object only.
  if (values.json) console.error(line)
  else console.log(line)
}

const LIST_SIZES = [10, 100, 1000] as const
export const LIST_QUERIES = {
  roles: 'query ($limit: Int) { Roles(limit: $limit) { docs { skills { skill { name } } } } }',
  skills: 'query ($limit: Int) { Skills(limit: $limit) { docs { roles { docs { slug } } } } }',
} as const

const server = await useDatabase({ database: 'postgres', name: 'bench', persistent: false })
const results: Record<string, unknown> = {}
const table: [string, string, string][] = []

try {
  const dataFolder = path.join(projectRoot, '.tmp', 'bench-esco')
  if (!existsSync(path.join(dataFolder, 'occupationSkillRelations_en.csv'))) {
    log(`generating the ESCO-size catalogue in ${dataFolder}`)
    await generateEscoCatalogue(dataFolder, escoSizes)
  }

  // importSeconds: an empty database, schema pushed, then read + write.
  const esco = await startBenchSite({ name: 'esco', serverUrl: server.url })
  try {
    const started = performance.now()
    const report = await importEscoFolder({ folder: dataFolder, payload: esco.payload })
    const importSeconds = (performance.now() - started) / 1000
    if (report.failed) throw new Error(`import failed: ${report.failed.error}`)
    if (report.links.created !== escoSizes.links) throw new Error(`imported ${report.links.created} links, expected ${escoSizes.links}`)
    results.importSeconds = Number(importSeconds.toFixed(1))
    table.push(['importSeconds', importSeconds.toFixed(1), `≤ 60 (${report.skills.created} skills, ${report.roles.created} roles, ${report.links.created} links)`])
    log(`import: ${importSeconds.toFixed(1)} s`)

    // statementsPerListQuery, with wall time for information.
    const statements: Record<string, Record<string, number>> = { roles: {}, skills: {} }
    for (const [name, query] of Object.entries(LIST_QUERIES) as [keyof typeof LIST_QUERIES, string][]) {
      for (const limit of LIST_SIZES) {
        const t0 = performance.now()
        const { count, result } = await countStatements(() => esco.graphql(query, { limit }))
        const ms = performance.now() - t0
        if (result.errors) throw new Error(`${name} list query: ${result.errors[0]!.message}`)
        const docs = (result.data as Record<string, { docs: unknown[] }>)[name === 'roles' ? 'Roles' : 'Skills']!.docs
        if (docs.length !== limit) throw new Error(`${name} list query returned ${docs.length} documents, expected ${limit}`)
        statements[name]![String(limit)] = count
        log(`${name} × ${limit}: ${count} statements, ${ms.toFixed(0)} ms`)
      }
    }
    results.statementsPerListQuery = statements
    for (const name of ['roles', 'skills'] as const) {
      table.push([
        `statementsPerListQuery.${name}`,
        LIST_SIZES.map((n) => `${n}: ${statements[name]![String(n)]}`).join(', '),
        'the same for every N',
      ])
    }
  } finally {
    await esco.stop({ drop: !values.keep })
  }
} finally {
  await server.stop()
}

if (values.json) {
  console.log(JSON.stringify(results))
} else {
  const widths = [0, 1, 2].map((i) => Math.max(...[['figure', 'value', 'target'], ...table].map((row) => row[i]!.length)))
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')
  console.log(`\n${line(['figure', 'value', 'target'])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`)
  for (const row of table) console.log(line(row))
}
process.exit(0)
