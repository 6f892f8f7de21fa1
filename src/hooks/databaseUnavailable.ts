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

/**
 * Answers requests that failed because PostgreSQL is unreachable with 503 (REST) or
 * `extensions.statusCode: 503` (GraphQL) instead of a generic 500, so clients and load balancers
 * know to retry.
 */
export const databaseUnavailableAfterError: AfterErrorHook = ({ error, graphqlResult }) => {
  if (!isDatabaseUnavailable(error)) return
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        extensions: { ...graphqlResult.extensions, statusCode: 503 },
        message: DATABASE_UNAVAILABLE_MESSAGE,
      },
    }
  }
  return { response: { errors: [{ message: DATABASE_UNAVAILABLE_MESSAGE }] }, status: 503 }
}

/**
 * node-postgres emits `error` on the pool when the server drops an idle connection; without a
 * listener that event kills the process.
 */
export const keepProcessAliveOnPoolErrors = (payload: Payload) => {
  const pool = (payload.db as unknown as { pool?: { listenerCount(event: string): number; on(event: 'error', listener: (error: Error) => void): void } }).pool
  if (!pool || pool.listenerCount('error') > 0) return
  pool.on('error', (error) => {
    payload.logger.warn({ err: error }, 'role catalog: PostgreSQL dropped an idle connection; the pool will reconnect')
  })
}
