import pg from 'pg'

/**
 * Runs `fn` and records every SQL statement sent to `databaseUrl`'s database meanwhile, by wrapping
 * node-postgres' Client#query (the adapter's pool and drizzle both end up there). Statements for
 * other databases (e.g. another test file's) are not counted.
 */
export const recordStatements = async <T>(
  databaseUrl: string,
  fn: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> => {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
  const statements: string[] = []
  const original = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client & { connectionParameters?: { database?: string } }, ...args: unknown[]) {
    if (this.connectionParameters?.database === database) {
      const first = args[0] as { text?: string } | string
      statements.push(typeof first === 'string' ? first : String(first?.text))
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args)
  } as typeof original
  try {
    const result = await fn()
    return { result, statements }
  } finally {
    pg.Client.prototype.query = original
  }
}

/**
 * The ID-only reads of src/hooks/hideUnreadableLinks.ts (`select "id" from <collection> where id in
 * ...`): the roles collection's afterRead hook, which drops links a restricted reader may not see.
 */
export const isLinkAccessCheck = (sql: string): boolean => /^select "id" from "[^"]+" "[^"]+" where /.test(sql)
