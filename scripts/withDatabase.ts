/**
 * Runs a command with DATABASE_URL pointing at a PostgreSQL server: the one DATABASE_URL already
 * names, or an embedded server whose data survives between runs (`.data/dev`).
 *
 *   tsx scripts/withDatabase.ts payload migrate
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'

import { projectRoot, type RunningDatabase, useDatabase } from './database.js'

export const runWithDatabase = async (
  command: string,
  args: string[],
  onStarted?: (child: ChildProcess, database: RunningDatabase) => void,
) => {
  let database: RunningDatabase
  try {
    database = await useDatabase({ name: 'dev', persistent: true })
  } catch (error) {
    console.error(`[database] ${(error as Error).message}`)
    process.exit(1)
  }
  if (database.embedded) {
    console.log(`[database] embedded PostgreSQL at ${database.url} (data in .data/dev; set DATABASE_URL to use your own server)`)
  }
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PAYLOAD_CONFIG_PATH: process.env.PAYLOAD_CONFIG_PATH ?? 'dev/payload.config.ts',
    },
    stdio: 'inherit',
  })
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  onStarted?.(child, database)
  child.on('exit', async (code, signal) => {
    await database.stop()
    process.exit(code ?? (signal ? 1 : 0))
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...args] = process.argv.slice(2)
  if (!command) {
    console.error('usage: tsx scripts/withDatabase.ts <command> [args...]')
    process.exit(2)
  }
  await runWithDatabase(command, args)
}
