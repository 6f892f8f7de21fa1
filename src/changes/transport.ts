/**
 * Carries the catalogue's changes between the instances of one site, through the PostgreSQL they
 * already share: `NOTIFY` after a change committed here, `LISTEN` for the others' (issue 10, part 2).
 *
 * - One dedicated connection per instance, outside the adapter's pool: LISTEN belongs to a session,
 *   and a pooled connection (or a transaction-pooling proxy such as PgBouncer in transaction mode)
 *   would lose it. Built with the adapter's own `pg` module and connection options.
 * - The connection is pinged and reconnected after a drop (backoff up to `maxReconnectDelayMs`).
 *   Changes sent while it was down are lost to this instance, so after every reconnect it calls
 *   `resyncCatalog` (every cache drops everything); while it is down it does so every
 *   `resyncWhileDownMs`, so no cache holds an answer older than that while changes cannot arrive.
 * - Changes are sent with `pg_notify` on the same connection (through the adapter's pool while it is
 *   down), after their transaction committed (the change feed publishes them then). A change too large for NOTIFY's 8000-byte
 *   payload is sent as a bare "resync" from its origin: receivers drop their caches instead.
 * - A received change also opens the read-your-writes window (src/replicas/routing.ts): until the
 *   replicas had the interval to replay it, this instance reads from the primary.
 */
import type { Payload } from 'payload'

import { markChangeSeen } from '../replicas/routing.js'

/** What the transport needs of a change: who made it, and whether anonymous readers can see it. */
export type TransportedChange = { draftOnly: boolean; origin: string; sequence: number }

/** The change feed's functions the transport uses (src/changes/changeFeed.ts). */
export type ChangeFeedPort<Change extends TransportedChange> = {
  onCatalogChange: (payload: Payload, listener: (change: Change, source: 'local' | 'remote') => void) => () => void
  receiveRemoteChange: (payload: Payload, change: Change) => void
  resyncCatalog: (payload: Payload, reason: string) => void
}

export type TransportOptions = {
  /** LISTEN/NOTIFY channel; instances of one site (one database) must use the same. */
  channel: string
  /** The notification connection's own connection string; defaults to the adapter's pool options. */
  connectionString?: string
  /** Longest wait between reconnect attempts. */
  maxReconnectDelayMs: number
  /** How often the connection is checked with a ping (a silently dropped socket otherwise goes unnoticed). */
  pingIntervalMs: number
  /** While disconnected, how often every cache is dropped again. */
  resyncWhileDownMs: number
}

export type ChangeTransport = {
  /** True while the notification connection is up and listening. */
  readonly connected: boolean
  /** The listening connection's backend process id (what pg_terminate_backend takes), while connected. */
  readonly backendPid: number | undefined
  /** How many times the connection was re-established after a drop. */
  readonly reconnects: number
  stop: () => Promise<void>
}

/** NOTIFY's payload limit is 8000 bytes; leave room for the envelope. */
const MAX_PAYLOAD_BYTES = 7900
/** How long stop() waits for announcements in flight before it closes the connection anyway. */
const STOP_FLUSH_MS = 2000

/** The notification connection's `application_name`: how it is told apart in pg_stat_activity (and by tests counting statements). */
export const TRANSPORT_APPLICATION_NAME = 'role-catalog-changes'

type Envelope<Change> = { change: Change; v: 1 } | { origin: string; resync: string; v: 1 }

type PgClient = {
  connect: () => Promise<void>
  end: () => Promise<void>
  on: (event: string, listener: (...args: any[]) => void) => void
  processID?: number
  query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }>
  removeAllListeners: () => void
}

type PgAdapter = {
  pg?: { Client: new (options: Record<string, unknown>) => PgClient }
  pool?: { query: (text: string, values?: unknown[]) => Promise<unknown> }
  poolOptions?: Record<string, unknown>
}

const transports = new WeakMap<Payload, ChangeTransport>()

/** This instance's transport, when it runs one. */
export const changeTransportOf = (payload: Payload): ChangeTransport | undefined => transports.get(payload)

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

export const startChangeTransport = <Change extends TransportedChange>(
  payload: Payload,
  feed: ChangeFeedPort<Change>,
  options: TransportOptions,
): ChangeTransport | undefined => {
  const adapter = payload.db as unknown as PgAdapter
  if (!adapter.pg?.Client || !adapter.pool) {
    payload.logger.debug('role catalog: no PostgreSQL adapter; changes are not shared between instances')
    return undefined
  }
  const log = payload.logger
  const localOrigins = new Set<string>()
  let client: PgClient | undefined
  let connected = false
  let stopped = false
  /** pg_notify calls not answered yet (stop() lets them finish). */
  const inFlight = new Set<Promise<void>>()
  let everConnected = false
  let reconnects = 0
  let attempt = 0
  let reconnectTimer: NodeJS.Timeout | undefined
  let pingTimer: NodeJS.Timeout | undefined
  let downTimer: NodeJS.Timeout | undefined

  const resync = (reason: string) => {
    markChangeSeen(payload)
    feed.resyncCatalog(payload, reason)
  }

  const onNotification = (message: { channel: string; payload?: string }) => {
    if (message.channel !== options.channel || !message.payload) return
    let envelope: Envelope<Change>
    try {
      envelope = JSON.parse(message.payload) as Envelope<Change>
    } catch {
      log.warn(`role catalog: ignored an unreadable change notification on "${options.channel}"`)
      return
    }
    if ('resync' in envelope) {
      if (!localOrigins.has(envelope.origin)) resync(`another instance sent a change too large to carry (${envelope.resync})`)
      return
    }
    const change = envelope.change
    if (!change || typeof change.origin !== 'string' || localOrigins.has(change.origin)) return
    markChangeSeen(payload)
    feed.receiveRemoteChange(payload, change)
  }

  const whileDown = () => {
    if (downTimer || stopped) return
    downTimer = setInterval(() => resync('the notification connection is down'), options.resyncWhileDownMs)
    downTimer.unref()
  }

  const dropped = (error?: unknown) => {
    if (!connected && client === undefined) return
    const previous = client
    client = undefined
    connected = false
    clearInterval(pingTimer)
    previous?.removeAllListeners()
    previous?.on('error', () => {})
    void previous?.end().catch(() => {})
    if (stopped) return
    log.warn(
      `role catalog: change notification connection lost${error instanceof Error ? ` (${error.message})` : ''}; reconnecting, caches are dropped meanwhile`,
    )
    resync('the notification connection dropped')
    whileDown()
    scheduleConnect()
  }

  // One query at a time on the notification connection (pings and announcements): node-postgres
  // queues overlapping ones itself but warns that it will stop doing so (pg 9).
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = (on: PgClient, text: string, values?: unknown[]) => {
    const run = turn.then(() => on.query(text, values))
    turn = run.catch(() => {})
    return run
  }

  const connect = async () => {
    if (stopped) return
    const next = new adapter.pg!.Client({
      ...(options.connectionString ? { connectionString: options.connectionString } : adapter.poolOptions),
      application_name: TRANSPORT_APPLICATION_NAME,
      keepAlive: true,
    })
    next.on('error', (error: unknown) => (client === next ? dropped(error) : undefined))
    next.on('end', () => (client === next ? dropped() : undefined))
    try {
      await next.connect()
      await next.query(`LISTEN ${quoteIdent(options.channel)}`)
      // The socket never keeps the process alive: payload.destroy() or the process's end closes it.
      ;(next as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.()
    } catch (error) {
      next.removeAllListeners()
      next.on('error', () => {})
      void next.end().catch(() => {})
      if (!stopped) {
        if (attempt === 1 || attempt % 20 === 0) log.warn(`role catalog: cannot open the change notification connection (${(error as Error).message}); retrying`)
        // Changes from other instances cannot arrive: keep caches from outliving them.
        whileDown()
        scheduleConnect()
      }
      return
    }
    if (stopped) {
      await next.end().catch(() => {})
      return
    }
    client = next
    connected = true
    next.on('notification', onNotification)
    attempt = 0
    clearInterval(downTimer)
    downTimer = undefined
    if (everConnected) {
      reconnects++
      // Whatever was sent while the connection was down never reaches this instance: start afresh.
      resync('the notification connection was re-established')
      log.info('role catalog: change notification connection re-established; caches dropped')
    }
    everConnected = true
    pingTimer = setInterval(() => {
      inTurn(next, 'select 1').catch((error) => (client === next ? dropped(error) : undefined))
    }, options.pingIntervalMs)
    pingTimer.unref()
  }

  const scheduleConnect = () => {
    if (stopped || reconnectTimer) return
    const delay = Math.min(options.maxReconnectDelayMs, 50 * 2 ** Math.min(attempt, 10))
    attempt++
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      void connect()
    }, delay)
    reconnectTimer.unref()
  }

  const send = (change: Change) => {
    localOrigins.add(change.origin)
    let text = JSON.stringify({ change, v: 1 } satisfies Envelope<Change>)
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      text = JSON.stringify({ origin: change.origin, resync: `change ${change.sequence} of ${change.origin}`, v: 1 } satisfies Envelope<Change>)
    }
    // On the notification connection while it is up (it keeps all of the transport's traffic on one
    // session, apart from the pool's); through the pool otherwise.
    const notify = 'select pg_notify($1, $2)'
    const values = [options.channel, text]
    const sending: Promise<void> = (connected && client ? inTurn(client, notify, values) : adapter.pool!.query(notify, values))
      .then(
        () => undefined,
        (error: Error) => {
          // The other instances miss this change: they must not keep answers it made stale. Nothing
          // reaches them now; their own connection checks (and this log) are what is left.
          log.error(`role catalog: could not announce change ${change.sequence} to other instances (${error.message})`)
        },
      )
      .finally(() => inFlight.delete(sending))
    inFlight.add(sending)
  }

  const unsubscribe = feed.onCatalogChange(payload, (change, source) => {
    if (source !== 'local') return
    localOrigins.add(change.origin)
    // Drafts change nothing anonymous readers see: nothing to invalidate elsewhere.
    if (change.draftOnly) return
    send(change)
  })

  const transport: ChangeTransport = {
    get backendPid() {
      return connected ? client?.processID : undefined
    },
    get connected() {
      return connected
    },
    get reconnects() {
      return reconnects
    },
    stop: async () => {
      if (stopped) return
      stopped = true
      unsubscribe()
      // Announcements already sent go out before the connection closes: a script that saves and then
      // destroys Payload (the seed, an import) would otherwise cut them off and lose them.
      let flushTimer: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => (flushTimer = setTimeout(resolve, STOP_FLUSH_MS))),
      ])
      clearTimeout(flushTimer)
      clearTimeout(reconnectTimer)
      clearInterval(pingTimer)
      clearInterval(downTimer)
      const current = client
      client = undefined
      connected = false
      if (current) {
        current.removeAllListeners()
        current.on('error', () => {})
        await current.end().catch(() => {})
      }
      transports.delete(payload)
    },
  }
  transports.set(payload, transport)
  // payload.destroy() stops whatever is in payload.crons (its job runners): register the transport's
  // stop there, so destroying Payload also closes the notification connection and its timers.
  ;(payload.crons as unknown as { stop: () => Promise<void> }[]).push({ stop: transport.stop })
  void connect()
  return transport
}
