/**
 * A lock within this process, for the writers that take a PostgreSQL advisory lock on PostgreSQL
 * (the seed, the importer's batches) when the site runs on another adapter. A SQLite site is one
 * process on one file (and SQLite lets one writer commit at a time); what this adds is that two
 * seeds or imports started in the same process (`seed: true` with a second Payload, a script beside
 * the server) queue up instead of racing on the same unique slugs.
 */
const tails = new Map<string, Promise<void>>()

/** Waits until the holders before it released `key`; resolves with the release function (idempotent). */
export const acquireProcessLock = async (key: string): Promise<() => void> => {
  const previous = tails.get(key) ?? Promise.resolve()
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  const tail = previous.then(() => held)
  tails.set(key, tail)
  await previous
  return () => {
    release()
    if (tails.get(key) === tail) tails.delete(key)
  }
}
