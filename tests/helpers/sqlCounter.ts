import pg from 'pg'

/**
 * Records every SQL statement this process sends through `pg` (the driver under Payload's adapter),
 * so a test can count statements or prove that a request never reached the database.
 */
export const recordSql = () => {
  const statements: string[] = []
  const original = pg.Client.prototype.query
  pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
    const [first] = args
    statements.push(typeof first === 'string' ? first : (first?.text ?? String(first)))
    return (original as (...a: any[]) => any).apply(this, args)
  } as typeof original
  return {
    statements,
    stop: () => {
      pg.Client.prototype.query = original
    },
  }
}

/** Runs `work` and returns the SQL statements it caused. */
export const sqlDuring = async (work: () => Promise<unknown>) => {
  const recorder = recordSql()
  try {
    await work()
  } finally {
    recorder.stop()
  }
  return recorder.statements
}
