import type { AfterErrorHook, Payload } from 'payload'

// node-postgres / libpq codes for "no usable connection": refused, reset, server shutting down or
// starting, connection exceptions (class 08), too many connections.
const UNAVAILABLE_CODES = new Set([
  '08000', '08001', '08003', '08004', '08006', '53300', '57P01', '57P02', '57P03',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND',
])
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|Connection ended unexpectedly/i

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable. Try again shortly.'

/** True when an error (or anything in its cause chain) says the database cannot be reached. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const { code, message } = current as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true
    const next = current as { cause?: unknown; originalError?: unknown; errors?: unknown[] }
    if (Array.isArray(next.errors) && next.errors.some((inner) => isDatabaseUnavailable(inner))) return true
    current = next.originalError ?? next.cause
  }
  return false
}

type PgError = { code?: string; column?: string; constraint?: string; detail?: string; table?: string }

const findPgError = (error: unknown): PgError | undefined => {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const candidate = current as PgError & { cause?: unknown; originalError?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate
    current = candidate.originalError ?? candidate.cause
  }
  return undefined
}

/**
 * The field a foreign-key violation is about, from Payload's table naming: table `roles_skills`,
 * column `skill_id` → `skills.skill`.
 */
const fieldOfForeignKey = (pgError: PgError, collectionSlugs: string[]): string | undefined => {
  const column = /Key \((\w+)\)/.exec(pgError.detail ?? '')?.[1]
  const table = pgError.table
  if (!column || !table) return undefined
  // GraphQL errors do not say which collection failed: take the longest slug the table starts with.
  const prefix = collectionSlugs
    .map((slug) => `${slug.replace(/-/g, '_')}_`)
    .filter((candidate) => table.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0]
  const arrayPath = prefix ? table.slice(prefix.length) : table
  const field = column.replace(/_id$/, '')
  return arrayPath === 'rels' || arrayPath === '_rels' ? field : `${arrayPath.replace(/_/g, '.')}.${field}`
}

type MappedError = { message: string; path?: string; status: number }

/** Input errors that PostgreSQL, not Payload's validation, caught: answered as 400, not 500. */
const mapInputError = (error: unknown, collectionSlugs: string[]): MappedError | undefined => {
  const pgError = findPgError(error)
  if (!pgError) return undefined
  if (pgError.code === '23503') {
    const path = fieldOfForeignKey(pgError, collectionSlugs)
    return { message: `A link points to a document that does not exist${path ? ` (${path})` : ''}`, path, status: 400 }
  }
  // invalid text representation, value too long, numeric out of range
  if (pgError.code === '22P02' || pgError.code === '22001' || pgError.code === '22003') {
    return { message: 'A value in the request has the wrong type or size', status: 400 }
  }
  return undefined
}

/**
 * Answers requests that failed because PostgreSQL is unreachable with 503 (REST) or
 * `extensions.statusCode: 503` (GraphQL), so clients and load balancers know to retry; and input
 * errors only the database caught (a link to a missing document, a malformed value) with 400 in
 * the shape of Payload's validation errors, instead of a generic 500.
 */
export const databaseErrorsAfterError: AfterErrorHook = ({ collection, error, graphqlResult, req }) => {
  const slugs = collection ? [collection.slug] : Object.keys(req.payload?.collections ?? {})
  const mapped: MappedError | undefined = isDatabaseUnavailable(error)
    ? { message: DATABASE_UNAVAILABLE_MESSAGE, status: 503 }
    : mapInputError(error, slugs)
  if (!mapped) return
  const data = mapped.path ? { errors: [{ message: mapped.message, path: mapped.path }] } : undefined
  const name = mapped.status === 400 ? 'ValidationError' : 'DatabaseUnavailable'
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        extensions: { ...graphqlResult.extensions, data, name, statusCode: mapped.status },
        message: mapped.message,
      },
    }
  }
  return { response: { errors: [{ data, message: mapped.message, name }] }, status: mapped.status }
}

/**
 * node-postgres emits `error` on the pool when the server drops an idle connection; without a
 * listener that event kills the process. The same for the read replicas' pools (a replica ends its
 * sessions when it replays a conflicting change, e.g. a dropped database).
 */
export const keepProcessAliveOnPoolErrors = (payload: Payload) => {
  type Emitter = { on(event: string, listener: (value: any) => void): void }
  type Pool = Emitter & { listenerCount(event: string): number }
  const adapter = payload.db as unknown as { drizzle?: { $replicas?: { $client?: Pool }[] }; pool?: Pool }
  const pools = [adapter.pool, ...(adapter.drizzle?.$replicas ?? []).map((replica) => replica.$client)]
  for (const pool of pools) {
    if (!pool || typeof pool.listenerCount !== 'function' || pool.listenerCount('error') > 0) continue
    pool.on('error', (error) => {
      payload.logger.warn({ err: error }, 'role catalog: PostgreSQL dropped an idle connection; the pool will reconnect')
    })
    // A connection lost while checked out (mid-transaction: a network cut, a proxy going away) fails
    // its query, which the request answers; node-postgres also emits 'error' on the client, and with
    // no listener that would end the process.
    pool.on('connect', (client: Emitter) => {
      client.on('error', (error: Error) => {
        payload.logger.warn({ err: error }, 'role catalog: PostgreSQL dropped a connection in use; its request failed')
      })
    })
  }
}
