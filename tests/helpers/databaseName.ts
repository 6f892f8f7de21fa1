import { RUN_VARIABLE } from './leftovers.js'

/**
 * The name of a database a test file creates on the shared server: after the server URL's own
 * database (so two checkouts sharing a server never collide), the test's name, the run's tag (so
 * the end of the run finds what it left: tests/helpers/leftovers.ts) and the worker's pid.
 */
export const testDatabaseName = (serverUrl: string, name: string) => {
  const base = new URL(serverUrl).pathname.slice(1) || 'postgres'
  const run = process.env[RUN_VARIABLE] ?? 'norun'
  // The tag goes before the test's name, so cutting at 63 characters never cuts it off.
  return `${base}_${run}_${name.replace(/\W/g, '_')}_${process.pid}`.slice(0, 63)
}
