import type { TestProject } from 'vitest/node'

import { useDatabase } from '../../scripts/database.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server URL; each test file creates (and drops) a database of its own on it. */
    databaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const database = await useDatabase({ database: 'postgres', name: 'test', persistent: false })
  if (database.embedded) console.log(`[tests] embedded PostgreSQL at ${database.url}`)
  project.provide('databaseUrl', database.url)
  return async () => {
    await database.stop()
  }
}
