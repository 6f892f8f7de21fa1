/**
 * `npm run import -- <folder> [--languages en,de] [--batch-size 500] [--method sql|localApi]`:
 * imports a folder in the layout of ESCO's CSV download (occupations_en.csv, skills_en.csv,
 * occupationSkillRelations_en.csv, and occupations_de.csv, skills_de.csv … for further languages)
 * into the demo site's database: skills, roles and their links, published, each language in its
 * locale. `--languages` defaults to the site's locales, its default locale first. Re-running
 * imports only what is missing. Exit code 1 when a batch failed (it was rolled back; run again to
 * continue).
 */
import { SingleBar } from 'cli-progress'
import { parseArgs } from 'node:util'
import { getPayload } from 'payload'

import {
  checkImportLanguages,
  type ImportMethod,
  type ImportProgress,
  importCatalogue,
  importLanguages,
  readEscoCatalogue,
} from '../src/import/index.js'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'batch-size': { type: 'string' },
    languages: { type: 'string' },
    method: { type: 'string' },
    'source-title': { type: 'string' },
  },
})
const folder = positionals[0]
const batchSize = Number(values['batch-size'] ?? 500)
const method = (values.method ?? 'sql') as ImportMethod
if (!folder || !Number.isInteger(batchSize) || batchSize < 1 || !['localApi', 'sql'].includes(method)) {
  console.error(
    'usage: npm run import -- <folder> [--languages en,de] [--batch-size 500] [--method sql|localApi] [--source-title "ESCO v1.2"]',
  )
  process.exit(2)
}

// The demo config would seed the article on init; an import should only import.
process.env.ROLE_CATALOG_SEED = 'false'
const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })

let exitCode = 0
try {
  const languages = values.languages
    ? values.languages.split(',').map((code) => code.trim()).filter(Boolean)
    : importLanguages(payload)
  checkImportLanguages(payload, languages)
  const started = performance.now()
  const catalogue = await readEscoCatalogue(folder, {
    languages,
    optionalTranslations: !values.languages,
    sourceTitle: values['source-title'],
  })
  const parsedIn = (performance.now() - started) / 1000
  const links = catalogue.roles.reduce((sum, role) => sum + role.skills.length, 0)
  console.log(
    `read ${catalogue.skills.length} skills, ${catalogue.roles.length} occupations, ${links} links in ${languages.join(', ')} from ${folder} in ${parsedIn.toFixed(1)} s`,
  )

  // A bar on a terminal; one line per ~10% otherwise (CI logs, pipes).
  const bar = process.stdout.isTTY
    ? new SingleBar({ format: 'importing {phase} [{bar}] {value}/{total} documents | {eta_formatted} left' })
    : undefined
  let lastLogged = -1
  const onProgress = ({ done, phase, total }: ImportProgress) => {
    if (bar) {
      if (!bar.isActive) bar.start(total, 0, { phase })
      bar.update(done, { phase })
      return
    }
    const tenth = Math.floor((done / total) * 10)
    if (tenth !== lastLogged) {
      lastLogged = tenth
      console.log(`importing ${phase}: ${done}/${total} documents`)
    }
  }
  const report = await importCatalogue({ batchSize, catalogue, method, onProgress, payload })
  bar?.stop()

  // Each problem as it is: a file not there, a row skipped (file:line), text left empty.
  for (const problem of report.problems) {
    const where = problem.line === 0 ? problem.file : `${problem.file}:${problem.line}`
    console.log(problem.kind === 'row' ? `skipped ${where}: ${problem.message}` : `${where}: ${problem.message}`)
  }
  const count = (kind: 'file' | 'row' | 'text') => report.problems.filter((problem) => problem.kind === kind).length
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  // Files, rows and texts counted apart: a missing language file skips no row.
  const missing = [
    count('file') > 0 ? plural(count('file'), 'language file not found', 'language files not found') : undefined,
    count('text') > 0 ? plural(count('text'), 'text left empty (falls back)', 'texts left empty (fall back)') : undefined,
  ].filter(Boolean)
  console.log(
    `skills: ${report.skills.created} created, ${report.skills.existing} already there | roles: ${report.roles.created} created, ${report.roles.existing} already there | links: ${report.links.created} created | ${plural(count('row'), 'row skipped', 'rows skipped')}${missing.map((part) => ` | ${part}`).join('')} | ${report.seconds.toFixed(1)} s import (+${parsedIn.toFixed(1)} s reading)`,
  )
  if (report.failed) {
    const { batch, error } = report.failed
    console.error(
      `batch ${batch.index} of ${batch.collection} (${batch.first} … ${batch.last}) failed and was rolled back: ${error}\nnothing of it was written; run the import again to continue from there.`,
    )
    exitCode = 1
  }
} catch (error) {
  // A folder or header that is not ESCO's layout, a schema the importer cannot write: one line, no stack.
  console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`)
  exitCode = 1
} finally {
  await payload.destroy()
}
process.exit(exitCode)
