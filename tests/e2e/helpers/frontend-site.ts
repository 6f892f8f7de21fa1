/**
 * Browser-test plumbing for the demo site, reusable by any e2e suite: a database of its own,
 * `next build` (skipped when the build is newer than the sources), `next start` on a port,
 * and Debian's Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { type BrowserContext, chromium } from 'playwright-core'

import { projectRoot, useDatabase } from '../../../scripts/database.js'

const nextBin = path.join(projectRoot, 'node_modules/next/dist/bin/next')
const tsxBin = path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs')
const demoDir = path.join(projectRoot, 'dev')
const buildId = path.join(demoDir, '.next/BUILD_ID')

type Env = Record<string, string | undefined>

const log = (line: string) => console.log(`[e2e] ${line}`)

/** Runs a command to completion, output passed through; rejects on a non-zero exit. */
const run = (command: string, args: string[], env: Env) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} exited with ${code}`))))
  })

export type E2EDatabase = { drop: () => Promise<void>; url: string }

/**
 * A fresh database for one suite on the server DATABASE_URL names (or an embedded server when it is
 * not set), dropped again by `drop()`.
 */
export const createE2EDatabase = async (name: string): Promise<E2EDatabase> => {
  const server = await useDatabase({ database: 'postgres', name: `e2e-${name}`, persistent: false })
  const base = new URL(server.url).pathname.slice(1) || 'postgres'
  const database = `${base}_${name.replace(/\W/g, '_')}_${process.pid}`.slice(0, 63)
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.url })
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
  return {
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      await server.stop()
    },
    url: url.toString(),
  }
}

/**
 * Creates the schema and the article content. `next start` runs in production mode, where Payload
 * does not push the schema; `npm run seed` runs in development mode, so it does.
 */
export const seedDemoDatabase = async (databaseUrl: string) => {
  log('pushing the schema and seeding the article')
  await run(process.execPath, [tsxBin, 'scripts/seed.ts'], {
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    PAYLOAD_CONFIG_PATH: 'dev/payload.config.ts',
  })
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === '.next' || entry.name === 'node_modules' || entry.name.startsWith('.')) return []
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(full) : [full]
  })

/** A digest of what a build depends on: contents, not modification times (`next dev` touches files). */
const sourcesDigest = (): string => {
  const hash = createHash('sha256')
  const files = [...['src', 'seed', 'dev'].flatMap((dir) => sourceFiles(path.join(projectRoot, dir))), path.join(projectRoot, 'package-lock.json')]
  for (const file of files.sort()) {
    hash.update(path.relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

const digestFile = path.join(demoDir, '.next', 'e2e-sources.sha256')
let built = false

/**
 * `next build dev` once per process, and not at all when dev/.next was built from the same sources
 * (src/, seed/, dev/, package-lock.json; compared by content). E2E_FORCE_BUILD=1 always builds;
 * E2E_SKIP_BUILD=1 never does.
 */
export const buildDemoSite = async () => {
  if (built || process.env.E2E_SKIP_BUILD === '1') return
  if (process.env.E2E_FORCE_BUILD !== '1' && existsSync(buildId) && existsSync(digestFile)) {
    if (readFileSync(digestFile, 'utf8') === sourcesDigest()) {
      log('dev/.next was built from these sources: not rebuilding')
      built = true
      return
    }
  }
  log('next build dev (about a minute)')
  const started = Date.now()
  // The demo config needs a database URL to load; building never connects to it.
  await run(process.execPath, [nextBin, 'build', 'dev'], {
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://build@127.0.0.1:1/unused',
    NEXT_TELEMETRY_DISABLED: '1',
    // vitest sets NODE_ENV=test; Next.js builds and serves in production mode.
    NODE_ENV: 'production',
  })
  writeFileSync(digestFile, sourcesDigest())
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`)
  built = true
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

export type DemoSite = { stop: () => Promise<void>; url: string }

/**
 * `next start dev` on `port` (E2E_PORT, else a free one) against `databaseUrl`, ready once Payload
 * has initialised (the first API request does that). Stops the whole process group.
 */
export const startDemoSite = async ({
  databaseUrl,
  env = {},
  port,
}: {
  databaseUrl: string
  env?: Env
  port?: number
}): Promise<DemoSite> => {
  const listenPort = port ?? (process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort())
  const url = `http://localhost:${listenPort}`
  const output: string[] = []
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', 'dev', '--port', String(listenPort)], {
    cwd: projectRoot,
    detached: true,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString())
      if (output.length > 200) output.shift()
    })
  }
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      return
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
    }, 5000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`next start exited with ${child.exitCode}:\n${output.join('')}`)
    }
    try {
      const response = await fetch(`${url}/api/roles?limit=1&depth=0`)
      if (response.ok) {
        log(`demo site ready at ${url}`)
        return { stop, url }
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await stop()
  throw new Error(`next start did not answer within 120 s:\n${output.join('')}`)
}

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export type Browser = { close: () => Promise<void>; context: BrowserContext }

/**
 * Debian's Chromium with the project's flags and a new, empty profile (removed on close).
 * playwright-core adds --headless itself and takes the profile as launchPersistentContext's
 * directory (it refuses a --user-data-dir argument).
 */
export const launchChromium = async (): Promise<Browser> => {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'role-catalog-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    executablePath: chromiumPath,
    headless: true,
    viewport: { height: 900, width: 1280 },
  })
  return {
    close: async () => {
      await context.close()
      rmSync(profile, { force: true, recursive: true })
    },
    context,
  }
}
