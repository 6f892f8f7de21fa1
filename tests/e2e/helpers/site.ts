/**
 * The browser suites' site: the demo app built for production (`next build dev`), started with
 * `next start dev` on a fresh database of its own and a free port, and a headless Chromium.
 *
 * Every child process is started in its own process group and killed with it, on stop() and, as
 * a last resort, when this process exits.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type BrowserContext, chromium } from 'playwright-core'

import { freePort, projectRoot, type RunningDatabase, useDatabase } from '../../../scripts/database.js'

export const devDir = path.join(projectRoot, 'dev')
export const screenshotDir = path.join(projectRoot, 'test-results', 'e2e')

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>()

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

/** Clean-ups still owed (a database to drop, a profile to remove), run if the run is interrupted. */
const pendingCleanups = new Set<() => Promise<void> | void>()

process.once('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    for (const child of children) killGroup(child, 'SIGKILL')
    const cleanups = Promise.allSettled([...pendingCleanups].map(async (cleanup) => cleanup()))
    await Promise.race([cleanups, new Promise((resolve) => setTimeout(resolve, 5_000))])
    process.exit(130)
  })
}

type RunOptions = { env?: Record<string, string | undefined>; label: string }

/** Starts a command in its own process group; its output is prefixed and kept for error messages. */
const start = (command: string, args: string[], { env, label }: RunOptions) => {
  const child = spawn(command, args, {
    cwd: projectRoot,
    detached: true,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  const output: string[] = []
  const collect = (chunk: Buffer) => {
    const text = chunk.toString()
    output.push(text)
    if (output.length > 400) output.shift()
    if (process.env.E2E_VERBOSE) process.stderr.write(text.replace(/^/gm, `[${label}] `))
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
  return { child, exited, output: () => output.join('') }
}

const run = async (command: string, args: string[], options: RunOptions) => {
  const started = Date.now()
  const { exited, output } = start(command, args, options)
  const code = await exited
  if (code !== 0) {
    throw new Error(`${options.label} failed (exit ${code}):\n${output().slice(-6000)}`)
  }
  return { ms: Date.now() - started, output: output() }
}

const stopChild = async (child: ChildProcess, exited: Promise<unknown>) => {
  killGroup(child, 'SIGTERM')
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------
// Database

export type E2EDatabase = { drop: () => Promise<void>; url: string }

/**
 * A new, empty database for one suite: on DATABASE_URL's server when set, otherwise on an embedded
 * PostgreSQL (thrown away afterwards).
 */
export const createDatabase = async (name: string): Promise<E2EDatabase> => {
  const server: RunningDatabase = await useDatabase({ database: 'postgres', name: `e2e-${name}`, persistent: false })
  const serverUrl = new URL(server.url)
  const base = serverUrl.pathname.slice(1) || 'postgres'
  const database = `${base}_e2e_${name}_${process.pid}`.replace(/\W/g, '_').slice(0, 63)
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.url })
    client.on('error', () => {})
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  await admin(`CREATE DATABASE "${database}"`)
  const url = new URL(server.url)
  url.pathname = `/${database}`
  const drop = async () => {
    pendingCleanups.delete(drop)
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await server.stop()
  }
  pendingCleanups.add(drop)
  return { drop, url: url.toString() }
}

/**
 * Schema, seed and the e2e editor for a fresh database. Push is off in production, so Payload is
 * initialised once in development mode against it (see prepareDatabase.ts).
 */
export const prepareDatabase = async (databaseUrl: string) =>
  run('npx', ['tsx', path.join('tests', 'e2e', 'helpers', 'prepareDatabase.ts')], {
    env: { DATABASE_URL: databaseUrl, NODE_ENV: 'development' },
    label: 'prepare',
  })

// ---------------------------------------------------------------------------------------------
// Build and server

const buildID = path.join(devDir, '.next', 'BUILD_ID')
const digestFile = path.join(devDir, '.next', 'role-catalog-sources.sha256')

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '.next' || entry.name === 'node_modules' || entry.name.startsWith('.')) return []
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(full) : [full]
  })

/** A digest of what the build depends on, by content (`next dev` touches files, so not by mtime). */
const sourcesDigest = (): string => {
  const hash = createHash('sha256')
  const files = [
    ...['src', 'seed', 'dev'].flatMap((dir) => sourceFiles(path.join(projectRoot, dir))),
    ...['package.json', 'package-lock.json', 'tsconfig.json'].map((file) => path.join(projectRoot, file)),
  ]
  for (const file of files.sort()) {
    hash.update(path.relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

/**
 * `next build dev`, unless dev/.next was built from the same sources (src/, seed/, dev/, package
 * files; compared by content). E2E_FORCE_BUILD=1 always builds; E2E_SKIP_BUILD=1 uses any existing
 * build. The build reads the config but never connects, so any database URL will do. Shared by the
 * browser tests and `npm run bench` (its HTTP figures run against `next start`).
 */
export const buildSite = async (databaseUrl: string, { log = console.log }: { log?: (line: string) => void } = {}) => {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(buildID)) {
    log('[build] E2E_SKIP_BUILD=1: using the existing build in dev/.next')
    return { ms: 0, skipped: true }
  }
  if (process.env.E2E_FORCE_BUILD !== '1' && existsSync(buildID) && existsSync(digestFile)) {
    if (readFileSync(digestFile, 'utf8') === sourcesDigest()) {
      log('[build] dev/.next was built from these sources: not rebuilding')
      return { ms: 0, skipped: true }
    }
  }
  const { ms } = await run('npx', ['next', 'build', 'dev'], {
    env: { DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    label: 'build',
  })
  // After the build: it may rewrite files under dev/ (next-env.d.ts), which the next check reads.
  writeFileSync(digestFile, sourcesDigest())
  log(`[build] next build dev: ${(ms / 1000).toFixed(1)} s`)
  return { ms, skipped: false }
}

export type RunningSite = { baseURL: string; stop: () => Promise<void> }

/** `next start dev` on the given database; resolves once the API answers. */
export const startServer = async ({
  databaseUrl,
  env = {},
  log = console.log,
  port,
}: {
  databaseUrl: string
  /** Extra environment for `next start`, e.g. a demo setting a suite needs. */
  env?: Record<string, string>
  log?: (line: string) => void
  port?: number
}): Promise<RunningSite> => {
  const chosen = port ?? (process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort())
  const baseURL = `http://localhost:${chosen}`
  const server = start('npx', ['next', 'start', 'dev', '--port', String(chosen)], {
    env: {
      // The demo's change notifications reach this server's own revalidation route (dev/revalidation.ts).
      ROLE_CATALOG_REVALIDATE_URL: `${baseURL}/next/revalidate`,
      ...env,
      DATABASE_URL: databaseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      ROLE_CATALOG_SEED: 'false',
    },
    label: 'server',
  })
  const started = Date.now()
  let exitCode: number | null | undefined
  void server.exited.then((code) => (exitCode = code))
  for (;;) {
    if (exitCode !== undefined) throw new Error(`next start exited (${exitCode}):\n${server.output().slice(-4000)}`)
    if (Date.now() - started > 90_000) {
      await stopChild(server.child, server.exited)
      throw new Error(`next start did not answer within 90 s:\n${server.output().slice(-4000)}`)
    }
    try {
      const response = await fetch(`${baseURL}/api/roles?limit=1&depth=0`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  log(`[e2e] next start: ${baseURL} answered after ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return { baseURL, stop: () => stopChild(server.child, server.exited) }
}

// ---------------------------------------------------------------------------------------------
// Browser

/** Flags from the developers' guide; Debian's Chromium, never a downloaded browser. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export type Browser = { context: BrowserContext; close: () => Promise<void> }

/** Headless Chromium with a new, empty profile that is removed on close. */
export const launchBrowser = async (): Promise<Browser> => {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'role-catalog-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    args: chromiumFlags,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { height: 900, width: 1440 },
  })
  context.setDefaultTimeout(30_000)
  const removeProfile = () => rmSync(userDataDir, { force: true, recursive: true })
  pendingCleanups.add(removeProfile)
  return {
    close: async () => {
      await context.close().catch(() => {})
      removeProfile()
      pendingCleanups.delete(removeProfile)
    },
    context,
  }
}
