/**
 * Counts the SQL statements a piece of code sends to PostgreSQL, at the driver: every
 * `Client#query` of node-postgres (the pool's `query` goes through it too), whoever issues it
 * (Payload's adapter, drizzle, a resolver). One counter at a time.
 */
import pg from 'pg'

let active: { count: number; statements: string[] } | undefined
let installed = false

const install = () => {
  if (installed) return
  installed = true
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (active) {
      active.count++
      const [first] = args
      const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text
      if (text && active.statements.length < 50) active.statements.push(text.slice(0, 200))
    }
    return original.apply(this, args)
  } as typeof pg.Client.prototype.query
}

export const countStatements = async <T>(run: () => Promise<T>): Promise<{ count: number; result: T; statements: string[] }> => {
  install()
  if (active) throw new Error('countStatements does not nest')
  active = { count: 0, statements: [] }
  try {
    const result = await run()
    return { count: active.count, result, statements: active.statements }
  } finally {
    active = undefined
  }
}
