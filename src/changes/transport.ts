/**
 * Carries the catalogue's changes between the instances of one site, through the PostgreSQL they
 * already share, and proves that it still hears them (issue 10 part 2, issue 20 part 2).
 *
 * - Announcing: a change is sent with `pg_notify` inside the transaction that makes it, right
 *   before COMMIT (src/changes/afterCommit.ts): PostgreSQL delivers it at COMMIT and only then, so a
 *   change and its announcement commit or fail together; a failed NOTIFY fails the write (503,
 *   nothing saved). A write without a transaction is announced after the fact on the sender
 *   connection; if that fails, the heartbeats below make the gap visible to every other instance.
 *   A change too large for NOTIFY's 8000-byte payload is sent as a bare "resync".
 * - Listening: one dedicated connection per instance, outside the adapter's pool (LISTEN belongs to
 *   a session), `instanceSync.connectionString` or the adapter's pool options.
 * - Proving it hears: every `heartbeatIntervalMs` the instance NOTIFYs a heartbeat addressed to
 *   itself from a second dedicated connection (the sender, built from the adapter's pool options:
 *   the path its transactions' NOTIFYs take). PostgreSQL delivers notifications in commit order, so
 *   when a heartbeat sent at time t comes back, every change committed before t has arrived. Cached
 *   answers are served only while a heartbeat sent at most `maxStalenessMs` ago has come back
 *   (src/changes/hearing.ts): starting up, reconnecting, a hung connection, or a connection that
 *   answers but hears nothing (a transaction-mode pooler) all make the instance answer from the
 *   database until it hears again.
 * - Gaps: each announcement carries its origin's announcement number, each heartbeat the number
 *   through which its origin's announcements have committed. A receiver that sees a heartbeat
 *   through n without having received all of that origin's announcements up to n, or that misses
 *   one of its own heartbeats, has lost notifications: it drops every cached answer (resync).
 * - First word from an origin: the numbering of another instance is learnt from the first message
 *   heard from it since this one (re)started listening. Unless that message shows the origin has
 *   announced nothing before it (a heartbeat through 0, announcement 1), announcements numbered
 *   below it may have been lost after LISTEN began, unseen by any later heartbeat: the instance
 *   resyncs (drops what it cached since). To make that a no-op in the usual case, an instance
 *   that finds other instances' transport connections when it (re)starts listening serves no
 *   cached answers for its first heartbeat interval and a half (SETTLE_INTERVALS): every live
 *   instance's heartbeat, and with it its first-word resync, arrives while nothing is cached.
 * - The listening connection is pinged (with a timeout) while heartbeats are overdue and dropped
 *   when the ping hangs; it is reconnected with backoff. After a reconnect every cache drops
 *   everything (changes sent meanwhile never arrive).
 * - A received change also opens the read-your-writes window (src/replicas/routing.ts).
 */
import type { Payload } from 'payload'

import { performance } from 'node:perf_hooks'

import type { TransactionSql } from './afterCommit.js'
import type { CommitAnnouncer } from './changeFeed.js'

import { markChangeSeen } from '../replicas/routing.js'
import { type CatalogHearing, provideHearing } from './hearing.js'

/** What the transport needs of a change: who made it, and whether anonymous readers can see it. */
export type TransportedChange = { draftOnly: boolean; origin: string; sequence: number }

/** The change feed's functions the transport uses (src/changes/changeFeed.ts). */
export type ChangeFeedPort<Change extends TransportedChange> = {
  onCatalogChange: (payload: Payload, listener: (change: Change, source: 'local' | 'remote') => void) => () => void
  /** Registers the in-transaction announcer (the real feed has it; without it, changes are announced after commit). */
  onCommitAnnounce?: (payload: Payload, announcer: CommitAnnouncer) => () => void
  receiveRemoteChange: (payload: Payload, change: Change) => void
  resyncCatalog: (payload: Payload, reason: string) => void
}

export type TransportOptions = {
  /** LISTEN/NOTIFY channel; instances of one site (one database) must use the same. */
  channel: string
  /** The listening connection's own connection string; defaults to the adapter's pool options. */
  connectionString?: string
  /** How often the instance sends itself a heartbeat (and checks its listening connection). */
  heartbeatIntervalMs: number
  /** Longest wait between reconnect attempts. */
  maxReconnectDelayMs: number
  /**
   * The promise: cached answers are served only while a heartbeat sent at most this long ago has
   * come back, so none is older than this behind the database. Also the ping and connect timeout.
   */
  maxStalenessMs: number
}

export type ChangeTransport = {
  /** The listening connection's backend process id (what pg_terminate_backend takes), while connected. */
  readonly backendPid: number | undefined
  /** True while the listening connection is up and listening (not proof of hearing: see `hearing`). */
  readonly connected: boolean
  /** Times an origin's announcements or this instance's own heartbeats were found missing (each a resync). */
  readonly gaps: number
  /** What the caches are told (src/changes/hearing.ts). */
  readonly hearing: CatalogHearing
  /** How many of its own heartbeats this instance has heard back (each a proof of hearing). */
  readonly heartbeatsHeard: number
  /** This transport's id, as its heartbeats and announcements carry it (`beat`, `from`). */
  readonly origin: string
  /** How many times the listening connection was re-established after a drop. */
  readonly reconnects: number
  /** Resolves true once the instance has heard its first heartbeat, false after `timeoutMs`. */
  heard: (timeoutMs: number) => Promise<boolean>
  stop: () => Promise<void>
}

/** NOTIFY's payload limit is 8000 bytes; leave room for the envelope. */
const MAX_PAYLOAD_BYTES = 7900
/** How long stop() waits for announcements in flight before it closes the connection anyway. */
const STOP_FLUSH_MS = 2000

/** The transport's connections' `application_name`: how they are told apart in pg_stat_activity (and by tests counting statements). */
export const TRANSPORT_APPLICATION_NAME = 'role-catalog-changes'

/**
 * `from`: the sending transport's id (as in its heartbeats' `beat`); `n`: its announcement number,
 * for gap detection. Both absent from instances of older versions.
 */
type Envelope<Change> =
  | { change: Change; from?: string; n?: number; v: 1 }
  | { from?: string; n?: number; origin: string; resync: string; v: 1 }
  | { beat: string; id: number; through: number; v: 1 }

type PgClient = {
  connect: () => Promise<void>
  end: () => Promise<void>
  on: (event: string, listener: (...args: any[]) => void) => void
  processID?: number
  query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }>
  removeAllListeners: () => void
}

type PgAdapter = {
  pg?: { Client: new (options: Record<string, unknown>) => PgClient; escapeLiteral?: (text: string) => string }
  pool?: unknown
  poolOptions?: Record<string, unknown>
}

const transports = new WeakMap<Payload, ChangeTransport>()

/** This instance's transport, when it runs one. */
export const changeTransportOf = (payload: Payload): ChangeTransport | undefined => transports.get(payload)

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
/** A string literal (standard_conforming_strings, on since PostgreSQL 9.1), as pg's escapeLiteral makes it. */
const quoteLiteral = (text: string) => {
  const quoted = `'${text.replace(/'/g, "''")}'`
  return text.includes('\\') ? `E${quoted.replace(/\\/g, '\\\\')}` : quoted
}

class Timeout extends Error {}
/** `promise`, or a Timeout rejection after `ms`. */
const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout(`${what} took longer than ${ms} ms`)), ms)
      timer.unref()
    }),
  ]).finally(() => clearTimeout(timer))
}

/** Ends a client whose socket may hang: the socket is destroyed, not drained. */
const discard = (client: PgClient | undefined) => {
  if (!client) return
  client.removeAllListeners()
  client.on('error', () => {})
  ;(client as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection?.stream?.destroy?.()
  void client.end().catch(() => {})
}

/** Per origin: the announcement numbers received, to find a missing one. */
type OriginTrack = { ahead: Set<number>; contiguous: number; lastHeard: number }
/** Origins not heard from for this long are forgotten (instances that stopped). */
const FORGET_ORIGIN_MS = 10 * 60_000
/**
 * After (re)starting to listen with other instances about, no cached answers for this many
 * heartbeat intervals: each other instance heartbeats once per interval, so its first word (and
 * the resync it may cost, see the header) comes while nothing is cached.
 */
const SETTLE_INTERVALS = 1.5

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
  const Client = adapter.pg.Client
  const log = payload.logger
  const now = () => performance.now()
  /** This instance's origin ids (the feed's; learned from its local changes) and its transport id for heartbeats. */
  const localOrigins = new Set<string>()
  const beatOrigin = `transport-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`
  localOrigins.add(beatOrigin)

  let stopped = false
  let listener: PgClient | undefined
  let listenerPid: number | undefined
  let connected = false
  let everConnected = false
  let connecting = false
  let reconnects = 0
  let attempt = 0
  let nextConnectAt = 0
  let gaps = 0
  let tick: NodeJS.Timeout | undefined

  // Hearing: heartbeats sent (id → when), acknowledged but not yet heard, and the newest proof.
  let nextBeatId = 0
  const beatSentAt = new Map<number, number>()
  const ackedUnheard = new Set<number>()
  let lastHeardBeat = 0
  let heartbeatsHeard = 0
  /** Queries of ours running on the listening connection. */
  let listenerBusy = 0
  let provenSentAt: number | undefined
  /** Until when, after LISTEN, cached answers wait for the other instances' first words. */
  let settleUntil = 0
  let overdueSince: number | undefined
  let deafLogged = false
  const firstProof: ((heard: boolean) => void)[] = []

  // Announcing: this instance's announcement numbers, and those not yet committed or failed.
  let lastAnnounced = 0
  const unsettled = new Set<number>()
  const announcedInTransaction = new Map<TransportedChange, number>()
  const inFlight = new Set<Promise<void>>()

  const origins = new Map<string, OriginTrack>()

  const resync = (reason: string) => {
    markChangeSeen(payload)
    feed.resyncCatalog(payload, reason)
  }

  const hearing = (): CatalogHearing => {
    if (stopped) return { reason: 'the change transport is stopped', serve: false }
    if (!connected) return { reason: everConnected ? 'reconnecting the notification connection' : 'starting: not listening yet', serve: false }
    if (provenSentAt === undefined) return { reason: 'no heartbeat heard yet', serve: false }
    if (now() < settleUntil) return { reason: 'listening since less than a heartbeat interval and a half: waiting for the other instances\' first heartbeats', serve: false }
    if (now() - provenSentAt > options.maxStalenessMs) return { reason: 'heartbeat overdue', serve: false }
    return { serve: true }
  }

  // ---- receiving ----

  /**
   * The origin's track; undefined on its first word since listening (re)started, which sets the
   * baseline to `first`. `proves`: that word shows nothing was announced before it (heartbeat
   * through 0, announcement 1); otherwise announcements before it may have been lost unseen, and
   * the instance resyncs (see the header).
   */
  const trackOf = (origin: string, first: number, proves: boolean): OriginTrack | undefined => {
    const track = origins.get(origin)
    if (track) {
      track.lastHeard = Date.now()
      return track
    }
    origins.set(origin, { ahead: new Set(), contiguous: first, lastHeard: Date.now() })
    if (!proves) {
      const serving = hearing().serve
      ;(serving ? log.info : log.debug).call(log, `role catalog: first word from another instance (through ${first}) since listening began; caches dropped`)
      resync(`first word from another instance since listening began (its announcements through ${first} may have been lost)`)
    }
    return undefined
  }

  const advance = (track: OriginTrack) => {
    while (track.ahead.delete(track.contiguous + 1)) track.contiguous++
    for (const n of track.ahead) if (n <= track.contiguous) track.ahead.delete(n)
  }

  /** An announcement numbered `n` from the transport `origin` arrived (out of order is fine: transactions commit in any order). */
  const received = (origin: string | undefined, n: number | undefined) => {
    if (typeof n !== 'number' || typeof origin !== 'string' || origin === beatOrigin) return
    const track = trackOf(origin, n, n === 1)
    if (!track || n <= track.contiguous) return
    track.ahead.add(n)
    advance(track)
  }

  /** `origin` says its announcements through `through` have committed: any not received were lost. */
  const committedThrough = (origin: string, through: number) => {
    const track = trackOf(origin, through, through === 0)
    if (!track || through <= track.contiguous) return
    const missing: number[] = []
    for (let n = track.contiguous + 1; n <= through; n++) if (!track.ahead.has(n)) missing.push(n)
    track.contiguous = through
    advance(track)
    if (missing.length > 0) {
      gaps++
      log.warn(`role catalog: missed ${missing.length} change notification(s) of another instance; caches dropped`)
      resync(`a gap in another instance's changes (missing ${missing.slice(0, 5).join(', ')})`)
    }
  }

  const ownBeat = (id: number) => {
    const sentAt = beatSentAt.get(id)
    if (sentAt === undefined || id <= lastHeardBeat) return
    // Heard while a query of ours ran on the connection: through a transaction-mode pooler that is
    // the only time anything is heard (the pooler hands the session to whoever runs a query), so
    // it proves nothing about the times in between.
    const duringQuery = listenerBusy > 0
    const lost = [...ackedUnheard].filter((each) => each < id)
    for (const each of [...ackedUnheard]) if (each <= id) ackedUnheard.delete(each)
    for (const each of [...beatSentAt.keys()]) if (each <= id) beatSentAt.delete(each)
    lastHeardBeat = id
    if (lost.length > 0) {
      // Heartbeats that committed before this one never arrived: so may changes have. Not a proof.
      gaps++
      log.warn(`role catalog: ${lost.length} heartbeat(s) of this instance were never heard; caches dropped`)
      resync('notifications were lost on the way to this instance')
      return
    }
    if (duringQuery) return
    if (overdueSince !== undefined) log.info('role catalog: hearing changes again; caches are served again')
    overdueSince = undefined
    deafLogged = false
    provenSentAt = sentAt
    heartbeatsHeard++
    attempt = 0
    for (const resolve of firstProof.splice(0)) resolve(true)
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
    if ('beat' in envelope) {
      if (envelope.beat === beatOrigin) ownBeat(envelope.id)
      else if (typeof envelope.through === 'number') committedThrough(envelope.beat, envelope.through)
      return
    }
    if ('resync' in envelope) {
      if (localOrigins.has(envelope.origin) || envelope.from === beatOrigin) return
      received(envelope.from, envelope.n)
      resync(`another instance sent a change too large to carry (${envelope.resync})`)
      return
    }
    const change = envelope.change
    if (!change || typeof change.origin !== 'string' || localOrigins.has(change.origin) || envelope.from === beatOrigin) return
    markChangeSeen(payload)
    feed.receiveRemoteChange(payload, change)
    received(envelope.from, envelope.n)
  }

  // ---- the listening connection ----

  const dropped = (error?: unknown) => {
    if (!listener) return
    const previous = listener
    listener = undefined
    listenerPid = undefined
    connected = false
    provenSentAt = undefined
    discard(previous)
    if (stopped) return
    log.warn(
      `role catalog: change notification connection lost${error instanceof Error ? ` (${error.message})` : ''}; reconnecting, cached answers are not served meanwhile`,
    )
    resync('the notification connection dropped')
  }

  const connect = async () => {
    if (stopped || connecting) return
    connecting = true
    attempt++
    nextConnectAt = now() + Math.min(options.maxReconnectDelayMs, 50 * 2 ** Math.min(attempt, 10))
    const next = new Client({
      ...(options.connectionString ? { connectionString: options.connectionString } : adapter.poolOptions),
      application_name: TRANSPORT_APPLICATION_NAME,
      connectionTimeoutMillis: options.maxStalenessMs,
      keepAlive: true,
    })
    next.on('error', (error: unknown) => (listener === next ? dropped(error) : undefined))
    next.on('end', () => (listener === next ? dropped() : undefined))
    try {
      await within(next.connect(), options.maxStalenessMs, 'connecting')
      // Other instances' transport connections on this database: wait for their first words
      // (SETTLE_INTERVALS). Only an optimization (the first-word rule is what keeps answers fresh):
      // when it cannot be asked, assume there are some. Asked before LISTEN, so nothing delays
      // attaching the notification listener after it.
      const others = await within(
        next.query(
          `select count(*)::int as others from pg_stat_activity where application_name = $1 and datname = current_database() and pid <> pg_backend_pid() and pid <> $2`,
          [TRANSPORT_APPLICATION_NAME, sender?.processID ?? 0],
        ),
        options.maxStalenessMs,
        'asking for other instances',
      ).catch(() => ({ rows: [{ others: 1 }] }))
      await within(next.query(`LISTEN ${quoteIdent(options.channel)}`), options.maxStalenessMs, 'LISTEN')
      const { rows } = await within(next.query('select pg_backend_pid() as pid'), options.maxStalenessMs, 'a ping')
      // The socket never keeps the process alive: payload.destroy() or the process's end closes it.
      ;(next as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.()
      if (stopped) throw new Error('stopped')
      listener = next
      listenerPid = Number(rows[0]?.pid)
      connected = true
      settleUntil = Number(others.rows[0]?.others) > 0 ? now() + SETTLE_INTERVALS * options.heartbeatIntervalMs : 0
      next.on('notification', onNotification)
      overdueSince = undefined
      // Heartbeats sent before this LISTEN cannot come back on it: only later ones prove anything.
      ackedUnheard.clear()
      lastHeardBeat = nextBeatId
      if (everConnected) {
        reconnects++
        // Whatever was sent while the connection was down never reaches this instance: start afresh.
        resync('the notification connection was re-established')
        log.info('role catalog: change notification connection re-established; caches dropped')
      }
      everConnected = true
      origins.clear()
    } catch (error) {
      discard(next)
      if (!stopped && (attempt === 1 || attempt % 20 === 0)) {
        log.warn(`role catalog: cannot open the change notification connection (${(error as Error).message}); retrying`)
      }
    } finally {
      connecting = false
    }
  }

  /** Overdue heartbeats: is the listening connection hung (ping times out) or deaf (answers, hears nothing)? */
  let pinging = false
  const checkListener = async () => {
    const current = listener
    if (!current || pinging) return
    pinging = true
    listenerBusy++
    try {
      const { rows } = await within(current.query('select pg_backend_pid() as pid'), options.maxStalenessMs, 'a ping').finally(
        () => listenerBusy--,
      )
      if (listener !== current) return
      const pid = Number(rows[0]?.pid)
      const overdueFor = overdueSince === undefined ? 0 : now() - overdueSince
      if (pid !== listenerPid || overdueFor > 2 * options.maxStalenessMs) {
        if (!deafLogged) {
          deafLogged = true
          log.error(
            pid !== listenerPid
              ? 'role catalog: the change notification connection changes server sessions (a transaction-mode pooler?): LISTEN cannot work through it. Set instanceSync.connectionString to PostgreSQL itself or a session-mode port; until then cached answers are not served'
              : 'role catalog: the change notification connection answers but hears no notifications (a transaction-mode pooler or a proxy in between?). Set instanceSync.connectionString to PostgreSQL itself; until then cached answers are not served',
          )
        }
        // Perhaps a fresh session hears: try again, with backoff.
        if (now() >= nextConnectAt) dropped(new Error('it hears no notifications'))
      }
    } catch (error) {
      if (listener === current) dropped(error)
    } finally {
      pinging = false
    }
  }

  // ---- the sender connection (heartbeats, announcements of writes without a transaction) ----

  let sender: PgClient | undefined
  let senderReady: Promise<PgClient> | undefined
  let senderTurn: Promise<unknown> = Promise.resolve()

  const senderClient = (): Promise<PgClient> => {
    if (senderReady) return senderReady
    const next = new Client({
      ...adapter.poolOptions,
      application_name: TRANSPORT_APPLICATION_NAME,
      connectionTimeoutMillis: options.maxStalenessMs,
      keepAlive: true,
    })
    const forget = () => {
      if (sender === next || senderReady === opening) {
        sender = undefined
        senderReady = undefined
      }
      discard(next)
    }
    next.on('error', forget)
    next.on('end', forget)
    const opening: Promise<PgClient> = within(next.connect(), options.maxStalenessMs, 'connecting').then(
      () => {
        ;(next as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.()
        sender = next
        return next
      },
      (error) => {
        forget()
        throw error
      },
    )
    senderReady = opening
    return opening
  }

  /** One statement at a time on the sender, each with the timeout; a timeout discards the connection. */
  const send = (text: string): Promise<void> => {
    const run = senderTurn.then(async () => {
      const client = await senderClient()
      try {
        await within(client.query(text), options.maxStalenessMs, 'a NOTIFY')
      } catch (error) {
        if (error instanceof Timeout && sender === client) {
          sender = undefined
          senderReady = undefined
          discard(client)
        }
        throw error
      }
    })
    const settled = run.then(
      () => void inFlight.delete(settled),
      () => void inFlight.delete(settled),
    )
    senderTurn = settled
    inFlight.add(settled)
    return run
  }

  const notifySql = (text: string) => `select pg_notify(${quoteLiteral(options.channel)}, ${quoteLiteral(text)})`

  const envelopeOf = (change: Change | TransportedChange, n: number) => {
    const text = JSON.stringify({ change, from: beatOrigin, n, v: 1 })
    if (Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES) return text
    return JSON.stringify({ from: beatOrigin, n, origin: change.origin, resync: `change ${change.sequence} of ${change.origin}`, v: 1 })
  }

  /** Through which announcement number this instance's announcements have all committed or failed. */
  const settledThrough = () => (unsettled.size === 0 ? lastAnnounced : Math.min(...unsettled) - 1)

  let beating = false
  const beat = async () => {
    if (beating || stopped) return
    beating = true
    const id = ++nextBeatId
    beatSentAt.set(id, now())
    try {
      await send(notifySql(JSON.stringify({ beat: beatOrigin, id, through: settledThrough(), v: 1 })))
      if (id > lastHeardBeat) ackedUnheard.add(id)
    } catch (error) {
      beatSentAt.delete(id)
      if (!stopped && hearing().serve === false && !deafLogged) log.debug(`role catalog: heartbeat not sent (${(error as Error).message})`)
    } finally {
      beating = false
    }
  }

  let checkTimer: NodeJS.Timeout | undefined
  const onTick = () => {
    if (stopped) return
    if (!listener) {
      if (now() >= nextConnectAt) void connect()
    } else if (provenSentAt === undefined || now() - provenSentAt > options.maxStalenessMs) {
      overdueSince ??= now()
      // Half a period after the heartbeat, not with it (a heartbeat heard during the ping proves nothing).
      clearTimeout(checkTimer)
      checkTimer = setTimeout(() => void checkListener(), options.heartbeatIntervalMs / 2)
      checkTimer.unref()
    }
    void beat()
    const forgetBefore = Date.now() - FORGET_ORIGIN_MS
    for (const [origin, track] of origins) if (track.lastHeard < forgetBefore) origins.delete(origin)
  }

  // ---- announcing ----

  const announcer: CommitAnnouncer = {
    announce: async (changes, sql: TransactionSql) => {
      for (const change of changes) {
        localOrigins.add(change.origin)
        if (change.draftOnly) continue
        const n = ++lastAnnounced
        unsettled.add(n)
        announcedInTransaction.set(change, n)
        await sql(notifySql(envelopeOf(change, n)))
      }
    },
    settled: (changes) => {
      // Committed or not, the number is settled: receivers that never got it resync (a failed
      // COMMIT then costs one needless resync, never a stale answer).
      for (const change of changes) {
        const n = announcedInTransaction.get(change)
        if (n === undefined) continue
        announcedInTransaction.delete(change)
        unsettled.delete(n)
      }
    },
  }
  const unannounce = feed.onCommitAnnounce?.(payload, announcer)

  const unsubscribe = feed.onCatalogChange(payload, (change, source) => {
    if (source !== 'local') return
    localOrigins.add(change.origin)
    // Drafts change nothing anonymous readers see; changes announced in their transaction are out.
    if (change.draftOnly || announcedInTransaction.has(change)) return
    const n = ++lastAnnounced
    unsettled.add(n)
    send(notifySql(envelopeOf(change, n)))
      .catch((error: Error) => {
        // The other instances miss this change: its number is settled regardless, so the next
        // heartbeat shows them the gap and they drop their caches.
        log.error(`role catalog: could not announce change ${change.sequence} to other instances (${error.message}); they resync at the next heartbeat`)
      })
      .finally(() => unsettled.delete(n))
  })

  const unprovide = provideHearing(payload, hearing)

  const transport: ChangeTransport = {
    get backendPid() {
      return connected ? listenerPid : undefined
    },
    get connected() {
      return connected
    },
    get gaps() {
      return gaps
    },
    get hearing() {
      return hearing()
    },
    get heartbeatsHeard() {
      return heartbeatsHeard
    },
    get origin() {
      return beatOrigin
    },
    get reconnects() {
      return reconnects
    },
    heard: async (timeoutMs) => {
      const deadline = now() + timeoutMs
      const proven =
        provenSentAt !== undefined ||
        (await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), timeoutMs)
          timer.unref()
          firstProof.push((heard) => {
            clearTimeout(timer)
            resolve(heard)
          })
        }))
      // And the other instances' first words (SETTLE_INTERVALS), within the same bound.
      const wait = Math.min(settleUntil, deadline) - now()
      if (proven && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref())
      return proven && hearing().serve
    },
    stop: async () => {
      if (stopped) return
      unsubscribe()
      unannounce?.()
      // Announcements already sent go out before the connection closes: a script that saves and then
      // destroys Payload (an import without transactions) would otherwise cut them off.
      let flushTimer: NodeJS.Timeout | undefined
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (flushTimer = setTimeout(resolve, STOP_FLUSH_MS)))])
      clearTimeout(flushTimer)
      stopped = true
      clearInterval(tick)
      clearTimeout(checkTimer)
      unprovide()
      for (const resolve of firstProof.splice(0)) resolve(false)
      const current = listener
      listener = undefined
      connected = false
      const currentSender = sender
      sender = undefined
      senderReady = undefined
      await Promise.all(
        [current, currentSender].map(async (client) => {
          if (!client) return
          client.removeAllListeners()
          client.on('error', () => {})
          await within(client.end(), 1000, 'closing').catch(() => discard(client))
        }),
      )
      transports.delete(payload)
    },
  }
  transports.set(payload, transport)
  // payload.destroy() stops whatever is in payload.crons (its job runners): register the transport's
  // stop there, so destroying Payload also closes the notification connections and the timer.
  ;(payload.crons as unknown as { stop: () => Promise<void> }[]).push({ stop: transport.stop })
  tick = setInterval(onTick, options.heartbeatIntervalMs)
  tick.unref()
  // Listen first, then the first heartbeat: it can only prove hearing once LISTEN is in place.
  void connect().then(() => beat())
  return transport
}
