import type { Payload } from 'payload'

/**
 * node-postgres emits `error` on the pool when the server drops an idle connection (a restart, a
 * failover, an idle timeout); without a listener that event ends the process. The plugin leaves
 * the site's pool alone (docs/site-owners.md, "What the plugin adds to your site"): the demo site
 * keeps itself alive with this listener of its own, as a production site should.
 */
export const keepProcessAliveOnPoolErrors = (payload: Payload) => {
  const pool = (payload.db as unknown as { pool?: { listenerCount(event: string): number; on(event: 'error', listener: (error: Error) => void): void } }).pool
  if (!pool || pool.listenerCount('error') > 0) return
  pool.on('error', (error) => {
    payload.logger.warn({ err: error }, 'PostgreSQL dropped an idle connection; the pool will reconnect')
  })
}
