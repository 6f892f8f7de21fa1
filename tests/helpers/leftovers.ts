/**
 * What a test run leaves behind, found at its end (tests/helpers/globalSetup.ts): a run that leaves
 * a process, a file or a database fails, even when every test passed (issue 13: a background
 * `payload generate:types` wrote into a folder the install test was deleting, one run in two).
 *
 * A run marks what it starts: an environment variable every child inherits (processes), a tag in
 * every database name (tests/helpers/databaseName.ts), a temp folder of its own as TMPDIR and a
 * scratch folder of its own in the repository's .tmp/ (files; tests/helpers/scratch.ts). Only what
 * carries the run's mark is looked at: two runs in one checkout never see each other's files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { adminQuery, projectRoot } from '../../scripts/database.js'
import pg from 'pg'

/** Inherited by every worker and every process a test starts. */
export const RUN_VARIABLE = 'ROLE_CATALOG_TEST_RUN'
/** The run's folder in the repository's .tmp/ (ignored by git), for files that must sit inside it. */
export const SCRATCH_VARIABLE = 'ROLE_CATALOG_TEST_SCRATCH'

/**
 * Files some tools keep in the temp folder on purpose, across runs: tsx's transpile cache. Not a
 * leftover of a test, but removed with the run's folder all the same.
 */
const toolCaches = [/^tsx-\d+$/]

export type Run = {
  id: string
  /** In the repository's .tmp/: migrations and site copies that must resolve its node_modules. */
  scratchDir: string
  tempDir: string
}

/** Marks this process (and so everything it starts) as the run's, and gives it a temp folder of its own. */
export const startRun = async (): Promise<Run> => {
  // Short (it goes into database names), distinct between two runs on one server.
  const id = `t${process.pid.toString(36)}${Date.now().toString(36).slice(-5)}`
  const tempDir = path.join(os.tmpdir(), `role-catalog-run-${id}`)
  const scratchDir = path.join(projectRoot, '.tmp', `run-${id}`)
  await mkdir(tempDir, { recursive: true })
  await mkdir(scratchDir, { recursive: true })
  process.env[RUN_VARIABLE] = id
  process.env[SCRATCH_VARIABLE] = scratchDir
  // os.tmpdir() reads TMPDIR on every call, here and in every child.
  process.env.TMPDIR = tempDir
  return { id, scratchDir, tempDir }
}

type Leftover = { kind: 'database' | 'file' | 'process'; what: string }

/** Processes (other than this one) whose environment carries the run's mark. Linux only (/proc). */
const runProcesses = (id: string): { command: string; pid: number }[] => {
  if (process.platform !== 'linux') return []
  const found = []
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    try {
      const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')
      if (!environment.includes(`${RUN_VARIABLE}=${id}`)) continue
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
      // A zombie has no command line and holds nothing; its parent reaps it.
      if (command) found.push({ command, pid })
    } catch {
      // Gone meanwhile, or another user's.
    }
  }
  return found
}

const runDatabases = async (serverUrl: string, id: string) => {
  const client = new pg.Client({ connectionString: serverUrl })
  client.on('error', () => {})
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where position($1 in datname) > 0 order by datname`,
      [`_${id}_`],
    )
    return rows.map((row) => row.datname)
  } finally {
    await client.end()
  }
}

/** Databases of the run still on the server, dropped after they are listed. */
export const leftoverDatabases = async (run: Run, serverUrl: string): Promise<Leftover[]> => {
  const leftovers: Leftover[] = []
  for (const database of await runDatabases(serverUrl, run.id)) {
    leftovers.push({ kind: 'database', what: database })
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  }
  return leftovers
}

/**
 * Processes and files of the run still there once its own server is stopped; killed and removed
 * after they are listed, so the next run starts clean.
 */
export const leftoverProcessesAndFiles = async (run: Run): Promise<Leftover[]> => {
  const leftovers: Leftover[] = []
  for (const { command, pid } of runProcesses(run.id)) {
    leftovers.push({ kind: 'process', what: `pid ${pid}: ${command.slice(0, 200)}` })
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Ended meanwhile.
    }
  }

  for (const folder of [run.tempDir, run.scratchDir]) {
    for (const entry of await readdir(folder).catch(() => [] as string[])) {
      if (!toolCaches.some((pattern) => pattern.test(entry))) {
        leftovers.push({ kind: 'file', what: path.join(folder, entry) })
      }
    }
    await rm(folder, { force: true, recursive: true })
  }
  // Embedded PostgreSQL data folders a test started with the run's mark in their name (faults).
  const dataDir = path.join(projectRoot, '.data')
  for (const entry of existsSync(dataDir) ? readdirSync(dataDir) : []) {
    if (!entry.includes(run.id)) continue
    leftovers.push({ kind: 'file', what: path.join(dataDir, entry) })
    await rm(path.join(dataDir, entry), { force: true, recursive: true })
  }
  return leftovers
}

export const describeLeftovers = (leftovers: Leftover[]) =>
  `The test run left ${leftovers.length} thing(s) behind (removed now; a test must close what it starts, in afterAll):\n` +
  leftovers.map((leftover) => `  - ${leftover.kind}: ${leftover.what}`).join('\n')
