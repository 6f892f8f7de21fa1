/**
 * A real PgBouncer in transaction mode in front of the test server, from the machine's own package
 * (Debian: `apt-get install pgbouncer`): what many hosted PostgreSQL endpoints put in front of the
 * database. `pgbouncerBinary` is undefined where it is not installed.
 */
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { freePort } from '../../scripts/database.js'

export const pgbouncerBinary = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'].find((file) => existsSync(file))

export type PgBouncer = {
  /** `databaseUrl`'s database, through PgBouncer. */
  url: (databaseUrl: string) => string
  stop: () => Promise<void>
}

/** PgBouncer refuses to run as root: as root, it runs as the OS user `postgres`. */
const owner = (): { gid: number; uid: number } | undefined => {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim())
  return { gid: id('-g'), uid: id('-u') }
}

export const startPgBouncer = async (serverUrl: string): Promise<PgBouncer> => {
  if (!pgbouncerBinary) throw new Error('pgbouncer is not installed')
  const server = new URL(serverUrl)
  const folder = mkdtempSync(path.join(os.tmpdir(), 'pgbouncer-'))
  const port = await freePort()
  const user = decodeURIComponent(server.username || 'postgres')
  // The embedded server (`npm test` without DATABASE_URL) wants a password; the local one trusts.
  const password = server.password ? ` password='${decodeURIComponent(server.password).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : ''
  const ini = path.join(folder, 'pgbouncer.ini')
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432} user=${user}${password}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      // No authentication between the test and PgBouncer; it logs in as the configured user.
      'auth_type = any',
      'pool_mode = transaction',
      'default_pool_size = 4',
      'ignore_startup_parameters = extra_float_digits,options',
      '',
    ].join('\n'),
  )
  const runAs = owner()
  if (runAs) {
    chownSync(folder, runAs.uid, runAs.gid)
    chownSync(ini, runAs.uid, runAs.gid)
  }
  const child = spawn(pgbouncerBinary, [ini], { ...runAs, stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT')
      await exited
    }
    rmSync(folder, { force: true, recursive: true })
  }
  const url = (databaseUrl: string) => {
    const through = new URL(databaseUrl)
    through.hostname = '127.0.0.1'
    through.port = String(port)
    return through.toString()
  }
  // Ready once it answers a query.
  const deadline = Date.now() + 15_000
  for (;;) {
    const client = new pg.Client({ connectionString: url(serverUrl) })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('select 1')
      await client.end()
      break
    } catch (error) {
      await client.end().catch(() => {})
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop()
        throw new Error(`pgbouncer did not start: ${(error as Error).message}\n${log}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  return { stop, url }
}
