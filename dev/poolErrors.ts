import type { Payload } from 'payload'

/**
 * node-postgres emits `error` on the pool when the server drops an idle connection (a restart, a
 * failover, an idle timeout), and on a client when its connection is lost while checked out (a
 * network cut mid-transaction: the query fails and the request answers for it); without a listener
 * either event ends the process. The read replicas' pools the same. The plugin leaves the site's
 * pools alone (docs/site-owners.md, "What the plugin adds to your site"): the demo site keeps itself
 * alive with these listeners of its own, as a production site should.
 */
export const keepProcessAliveOnPoolErrors = (payload: Payload) => {
  type Emitter = { on(event: string, listener: (value: any) => void): void }
  type Pool = Emitter & { listenerCount(event: string): number }
  const adapter = payload.db as unknown as { drizzle?: { $replicas?: { $client?: Pool }[] }; pool?: Pool }
  const pools = [adapter.pool, ...(adapter.drizzle?.$replicas ?? []).map((replica) => replica.$client)]
  for (const pool of pools) {
    if (!pool || typeof pool.listenerCount !== 'function') continue
    if (pool.listenerCount('error') === 0) {
      pool.on('error', (error: Error) => {
        payload.logger.warn({ err: error }, 'PostgreSQL dropped an idle connection; the pool will reconnect')
      })
    }
    // On every client, including those the pool opened before this ran (at start-up): when checked out.
    const watched = new WeakSet<Emitter>()
    const watch = (client: Emitter) => {
      if (watched.has(client)) return
      watched.add(client)
      client.on('error', (error: Error) => {
        payload.logger.warn({ err: error }, 'PostgreSQL dropped a connection in use; its request failed')
      })
    }
    pool.on('connect', watch)
    pool.on('acquire', watch)
  }
}
