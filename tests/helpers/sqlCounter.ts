/**
 * Counts and records the SQL statements this process sends to PostgreSQL, at the driver: every
 * `Client#query` of node-postgres (the pool's `query`, drizzle and Payload's adapter all end up
 * there), whoever issues it. Used by the tests (statement counts, "never reached the database")
 * and by the benchmark (`npm run bench`: statementsPerListQuery).
 *
 * Recorders may overlap (each sees every statement sent while it records); the driver is patched
 * once and restored when the last recorder stops.
 */
import pg from 'pg'

import { TRANSPORT_APPLICATION_NAME } from '../../src/changes/transport.js'

type Recorder = {
  /** Only statements sent to this database (a connection's `database`), when given. */
  database?: string
  statements: string[]
}

const active = new Set<Recorder>()
let original: typeof pg.Client.prototype.query | undefined

const statementText = (first: unknown): string =>
  typeof first === 'string' ? first : String((first as { text?: string } | undefined)?.text ?? first)

const install = () => {
  if (original) return
  const unpatched = pg.Client.prototype.query
  original = unpatched
  pg.Client.prototype.query = function (
    this: pg.Client & { connectionParameters?: { application_name?: string; database?: string } },
    ...args: unknown[]
  ) {
    // The cross-instance change transport's own connection (LISTEN, pings, NOTIFY) is background
    // traffic of the instance, not statements of the work being counted; so is a NOTIFY it sends
    // through the pool while that connection is down.
    const background =
      this.connectionParameters?.application_name === TRANSPORT_APPLICATION_NAME || statementText(args[0]).startsWith('select pg_notify(')
    if (active.size > 0 && !background) {
      const text = statementText(args[0])
      const database = this.connectionParameters?.database
      for (const recorder of active) {
        if (recorder.database === undefined || recorder.database === database) recorder.statements.push(text)
      }
    }
    return (unpatched as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof pg.Client.prototype.query
}

const uninstall = () => {
  if (!original || active.size > 0) return
  pg.Client.prototype.query = original
  original = undefined
}

/** The database a connection string names, to record statements for that database only. */
export const databaseOf = (databaseUrl: string): string => decodeURIComponent(new URL(databaseUrl).pathname.slice(1))

/**
 * Starts recording every SQL statement (or, with `databaseUrl`, those sent to that URL's
 * database only: another test file's or a pool's admin connection are then left out).
 */
export const recordSql = ({ databaseUrl }: { databaseUrl?: string } = {}) => {
  const recorder: Recorder = { database: databaseUrl ? databaseOf(databaseUrl) : undefined, statements: [] }
  install()
  active.add(recorder)
  return {
    statements: recorder.statements,
    stop: () => {
      active.delete(recorder)
      uninstall()
    },
  }
}

/** Runs `fn` and returns its result with the SQL statements sent meanwhile. */
export const recordStatements = async <T>(
  databaseUrl: string | undefined,
  fn: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> => {
  const recorder = recordSql({ databaseUrl })
  try {
    const result = await fn()
    return { result, statements: recorder.statements }
  } finally {
    recorder.stop()
  }
}

/** Runs `work` and returns the SQL statements it caused. */
export const sqlDuring = async (work: () => Promise<unknown>, options: { databaseUrl?: string } = {}): Promise<string[]> =>
  (await recordStatements(options.databaseUrl, work)).statements

/** Runs `run` and returns its result, the number of SQL statements it caused and their text. */
export const countStatements = async <T>(
  run: () => Promise<T>,
  options: { databaseUrl?: string } = {},
): Promise<{ count: number; result: T; statements: string[] }> => {
  const { result, statements } = await recordStatements(options.databaseUrl, run)
  return { count: statements.length, result, statements }
}

/**
 * The ID-only reads of src/hooks/hideUnreadableLinks.ts (`select "id" from <collection> where id in
 * ...`): the roles collection's afterRead hook, which drops links a restricted reader may not see.
 */
export const isLinkAccessCheck = (sql: string): boolean => /^select "id" from "[^"]+" "[^"]+" where /.test(sql)
