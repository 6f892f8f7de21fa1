/**
 * Runs a command with DATABASE_URL pointing at a PostgreSQL server: the one DATABASE_URL already
 * names, or an embedded server whose data survives between runs (`.data/dev`).
 *
 *   tsx scripts/withDatabase.ts next dev dev
 */
import { spawn } from 'node:child_process'

import { projectRoot, useDatabase } from './database.js'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/withDatabase.ts <command> [args...]')
  process.exit(2)
}

const database = await useDatabase({ name: 'dev', persistent: true })
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
  shell: false,
  stdio: 'inherit',
})

const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))

child.on('exit', async (code, signal) => {
  await database.stop()
  process.exit(code ?? (signal ? 1 : 0))
})
