/**
 * Change notifications to frontends (webhooks) that are never lost (issue 20, part 6).
 *
 * - Recorded with the change: for every change readers can see, one delivery per URL is written to
 *   the outbox collection (./deliveries.ts) inside the change's own transaction
 *   (src/changes/inTransaction.ts), together with a job of Payload's jobs queue that delivers it. A
 *   change that rolls back sends nothing; one that commits cannot lose its notification.
 * - Delivered by Payload's jobs queue (task `roleCatalogDeliverChangeNotifications`): right after
 *   the commit the writing instance runs that job itself, so a receiver hears within milliseconds;
 *   what it cannot finish (a receiver down, a crash, `payload.destroy()` in a script) stays in the
 *   outbox for the site's job runner (`jobs.autoRun`, `payload jobs:run`, `/api/payload-jobs/run`).
 * - At least once, in order per URL: a URL's deliveries go out oldest first, each only after the
 *   one before it was delivered or given up on. An attempt first claims its delivery until
 *   twice `timeoutMs` (on PostgreSQL atomically, ./postgresClaim.ts) and queues a job for
 *   when that claim ends: if the process is killed mid-delivery, that job retries it.
 * - Retries: network errors, timeouts, 408, 425, 429 and 5xx are retried after `retryDelayMs`,
 *   doubled per attempt up to `maxRetryDelayMs`, or after what the receiver's `Retry-After` asks if
 *   longer; other answers, or `maxAttempts` reached, mark the delivery failed (an admin user can
 *   redeliver it).
 * - Signed as Standard Webhooks say (./signature.ts), with every configured secret.
 */
import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { randomUUID } from 'node:crypto'

import type { UnstampedChange } from '../changes/catalogChange.js'
import type { CatalogSlugs } from '../plugin/options.js'
import type { DeliveryDoc } from './deliveries.js'
import type { ChangeNotification } from './signature.js'

import { afterCommit } from '../changes/afterCommit.js'
import { onCatalogChangeInTransaction } from '../changes/inTransaction.js'
import { isPostgres } from '../database/adapter.js'
import { setRedeliverer } from './deliveries.js'
import { signChangeNotification } from './signature.js'

export type ChangeNotificationOptions = {
  /** Days delivered deliveries are kept; `false`: for ever. */
  keepDeliveredDays: false | number
  maxAttempts: number
  maxRetryDelayMs: number
  retryDelayMs: number
  /** `whsec_…` secrets; every notification is signed with each. */
  secrets: string[]
  /** The outbox collection. */
  slug: string
  timeoutMs: number
  urls: string[]
}

export const DELIVER_TASK = 'roleCatalogDeliverChangeNotifications'

/** A receiver's Retry-After is honoured up to this. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000
/** Most deliveries looked at per drain pass (the rest in the next pass). */
const SCAN_LIMIT = 500
/** Kept of a receiver's answer, for the admin. */
const RESPONSE_EXCERPT = 500

type Outcome =
  | { kind: 'delivered'; response: string; status: number }
  | { kind: 'failed' | 'retry'; response: string; retryAfterMs?: number; status?: number }
  | { kind: 'stopped' }

const retryableStatus = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export const retryAfterMs = (value: null | string, now = Date.now()): number | undefined => {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.min(Math.max(date - now, 0), MAX_RETRY_AFTER_MS)
}

type Outbox = {
  /** Sends what is due, oldest first per URL; resolves when this pass (and any asked for meanwhile) is done. */
  drain: () => Promise<void>
}

const outboxes = new WeakMap<Payload, Outbox>()

/**
 * Payload's jobs task that delivers: registered whenever the option is given (schema: the jobs' task
 * enum). A runner that started Payload without its onInit still delivers: the outbox starts here then.
 * A disabled plugin delivers nothing (its deliveries wait).
 */
export const deliverChangeNotificationsTask = (slugs: CatalogSlugs, settings: ChangeNotificationOptions, enabled: boolean): TaskConfig => ({
  slug: DELIVER_TASK as TaskConfig['slug'],
  handler: async ({ req }) => {
    if (enabled) await startChangeOutbox(req.payload, slugs, settings).drain()
    return { output: {} }
  },
  label: 'Deliver change notifications (role catalog)',
  // A failing drain (the database away) is tried again; the deliveries themselves are retried by
  // the drain, with their own backoff.
  retries: { attempts: 5, backoff: { delay: 1000, type: 'exponential' } },
})

/**
 * Starts the outbox for this Payload instance: records a notification with every change made here
 * (in its transaction), delivers right after the commit, and through the job runner afterwards.
 * Stopped by payload.destroy(): an attempt under way is abandoned (not counted) and left for the
 * next runner.
 */
export const startChangeOutbox = (payload: Payload, slugs: CatalogSlugs, settings: ChangeNotificationOptions): Outbox => {
  const started = outboxes.get(payload)
  if (started) return started
  const log = payload.logger
  const collection = settings.slug as never
  let stopped = false
  const inFlight = new Set<AbortController>()
  const runs = new Set<Promise<unknown>>()

  const track = <T>(promise: Promise<T>): Promise<T> => {
    runs.add(promise)
    void promise.finally(() => runs.delete(promise)).catch(() => {})
    return promise
  }

  // Payload types `queue` by the site's generated task slugs, which a plugin cannot see.
  type QueueArgs = { input: object; req?: PayloadRequest; task: string; waitUntil?: Date }
  const queueJob = (args: Omit<QueueArgs, 'input' | 'task'>) =>
    (payload.jobs.queue as unknown as (args: QueueArgs) => Promise<{ id: number | string }>)({ ...args, input: {}, task: DELIVER_TASK })

  /**
   * A job for the site's runner at `at`, unless one not yet started is due within a moment after it.
   * Only jobs due at or after `at` count: one due earlier might be taken by this very process and
   * join the drain under way, so it could die with it.
   */
  const ensureJob = async (at: Date) => {
    const slack = new Date(at.getTime() + Math.max(settings.timeoutMs, 1000))
    const queued = await payload.find({
      collection: 'payload-jobs' as never,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      where: {
        and: [
          { taskSlug: { equals: DELIVER_TASK } },
          { processing: { equals: false } },
          { completedAt: { exists: false } },
          { hasError: { not_equals: true } },
          { waitUntil: { greater_than_equal: at.toISOString() } },
          { waitUntil: { less_than_equal: slack.toISOString() } },
        ],
      },
    })
    if (queued.docs.length === 0) await queueJob({ waitUntil: at })
  }

  const claim = async (delivery: DeliveryDoc, now: Date, until: Date): Promise<boolean> => {
    if (isPostgres(payload)) {
      const { claimDelivery } = await import('./postgresClaim.js')
      return claimDelivery(payload, settings.slug, delivery.id, now, until)
    }
    // Other adapters: through the Local API. Not atomic between two runners at the same instant:
    // a notification may then go out twice (receivers drop repeats by webhook-id).
    const result = await payload.update({
      collection,
      data: { lockedUntil: until.toISOString() } as never,
      depth: 0,
      overrideAccess: true,
      where: {
        and: [
          { id: { equals: delivery.id } },
          { status: { equals: 'pending' } },
          { or: [{ lockedUntil: { exists: false } }, { lockedUntil: { less_than_equal: now.toISOString() } }] },
        ],
      },
    })
    return result.docs.length === 1
  }

  const attempt = async (delivery: DeliveryDoc): Promise<Outcome> => {
    const controller = new AbortController()
    inFlight.add(controller)
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${settings.timeoutMs} ms`)), settings.timeoutMs)
    try {
      const response = await fetch(delivery.url, {
        body: delivery.body,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'payload-plugin-role-catalog',
          ...signChangeNotification({ body: delivery.body, id: delivery.webhookId, secrets: settings.secrets }),
        },
        method: 'POST',
        redirect: 'error',
        signal: controller.signal,
      })
      const text = (await response.text().catch(() => '')).slice(0, RESPONSE_EXCERPT)
      if (response.ok) return { kind: 'delivered', response: text, status: response.status }
      return {
        kind: retryableStatus(response.status) ? 'retry' : 'failed',
        response: text,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        status: response.status,
      }
    } catch (error) {
      if (stopped) return { kind: 'stopped' }
      const reason = controller.signal.aborted ? controller.signal.reason : error
      const cause = (reason as { cause?: { code?: string; message?: string } })?.cause
      return { kind: 'retry', response: [(reason as Error)?.message ?? String(reason), cause?.code ?? cause?.message].filter(Boolean).join(': ') }
    } finally {
      clearTimeout(timer)
      inFlight.delete(controller)
    }
  }

  const record = async (delivery: DeliveryDoc, outcome: Exclude<Outcome, { kind: 'stopped' }>, at: Date): Promise<Date | undefined> => {
    const attempts = delivery.attempts + 1
    const giveUp = outcome.kind === 'failed' || (outcome.kind === 'retry' && attempts >= settings.maxAttempts)
    const backoff = Math.min(settings.retryDelayMs * 2 ** (attempts - 1), settings.maxRetryDelayMs)
    const next = outcome.kind === 'retry' && !giveUp ? new Date(at.getTime() + Math.max(backoff, outcome.retryAfterMs ?? 0)) : undefined
    const status = outcome.kind === 'delivered' ? 'delivered' : giveUp ? 'failed' : 'pending'
    await payload.update({
      id: delivery.id,
      collection,
      data: {
        attempts,
        deliveredAt: outcome.kind === 'delivered' ? at.toISOString() : null,
        lastAttemptAt: at.toISOString(),
        lastResponse: outcome.response,
        lastResponseStatus: outcome.status ?? null,
        lockedUntil: null,
        nextAttemptAt: next?.toISOString() ?? null,
        status,
      } as never,
      depth: 0,
      overrideAccess: true,
    })
    const what = `role catalog: change notification ${delivery.webhookId} to ${delivery.url}`
    const why = outcome.status ? `HTTP ${outcome.status}` : outcome.response
    if (status === 'delivered') log.debug(`${what} delivered`)
    else if (status === 'failed') log.error(`${what} not delivered after ${attempts} attempt(s) (${why}); marked failed`)
    // Quiet at first (a frontend restarting, a seed run with the site down); loud once it persists.
    else log[attempts >= 3 ? 'warn' : 'debug'](`${what} failed (${why}); attempt ${attempts} of ${settings.maxAttempts}, next at ${next!.toISOString()}`)
    return next
  }

  const oldestPending = async (url: string): Promise<DeliveryDoc | undefined> =>
    (
      await payload.find({
        collection,
        depth: 0,
        limit: 1,
        overrideAccess: true,
        pagination: false,
        sort: 'id',
        where: { and: [{ status: { equals: 'pending' } }, { url: { equals: url } }] },
      })
    ).docs[0] as unknown as DeliveryDoc | undefined

  /** One URL, oldest first, until nothing is due; returns when it next needs looking at. */
  const drainURL = async (url: string): Promise<Date | undefined> => {
    for (let attempts = 0; !stopped; attempts++) {
      // A bounded pass (see deleteAbandonedJobs); the rest in the next one, queued for now.
      if (attempts === SCAN_LIMIT) return new Date()
      const head = await oldestPending(url)
      if (!head) return undefined
      const now = new Date()
      const due = Math.max(Date.parse(head.nextAttemptAt ?? '') || 0, Date.parse(head.lockedUntil ?? '') || 0)
      if (due > now.getTime()) return new Date(due)
      // Twice the POST's timeout: room to record the answer after a slow one.
      const until = new Date(now.getTime() + 2 * settings.timeoutMs)
      if (!(await claim(head, now, until))) return until
      // Should this process die during the attempt, this job retries it once the claim ends.
      await ensureJob(until)
      const outcome = await attempt(head)
      if (outcome.kind === 'stopped') {
        // payload.destroy() (a script ending): not an attempt; free it for the next runner.
        await payload.update({ id: head.id, collection, data: { lockedUntil: null } as never, depth: 0, overrideAccess: true })
        await ensureJob(new Date())
        return undefined
      }
      const next = await record(head, outcome, now)
      if (next) return next
    }
    return undefined
  }

  /**
   * Payload never frees a job whose process was killed while running it (`processing` stays true):
   * this task's own such jobs are deleted once no run could still be under way (a drain pass is
   * bounded by SCAN_LIMIT attempts of at most `timeoutMs` each). Their deliveries were retried by the
   * job queued at their claim.
   */
  const deleteAbandonedJobs = async () => {
    const before = new Date(Date.now() - Math.max(3600_000, 2 * SCAN_LIMIT * settings.timeoutMs))
    await payload.db.deleteMany({
      collection: 'payload-jobs' as never,
      where: {
        and: [{ taskSlug: { equals: DELIVER_TASK } }, { processing: { equals: true } }, { updatedAt: { less_than: before.toISOString() } }],
      },
    })
  }

  /**
   * The outbox keeps one row per notification and URL: without an end it grows with every publish.
   * Delivered rows older than `keepDeliveredDays` go with each drain (one statement); failed ones
   * stay for an admin user to redeliver or delete.
   */
  const deleteOldDeliveries = async () => {
    if (settings.keepDeliveredDays === false) return
    const before = new Date(Date.now() - settings.keepDeliveredDays * 86_400_000)
    await payload.db.deleteMany({
      collection,
      where: { and: [{ status: { equals: 'delivered' } }, { deliveredAt: { less_than: before.toISOString() } }] },
    })
  }

  const drainOnce = async () => {
    await deleteAbandonedJobs()
    await deleteOldDeliveries()
    const pending = await payload.find({
      collection,
      depth: 0,
      limit: SCAN_LIMIT,
      overrideAccess: true,
      pagination: false,
      select: { url: true } as never,
      sort: 'id',
      where: { status: { equals: 'pending' } },
    })
    const urls = [...new Set((pending.docs as unknown as DeliveryDoc[]).map((doc) => doc.url))]
    // URLs side by side: a slow or dead receiver holds up only its own queue.
    const wakes = await Promise.all(urls.map(drainURL))
    const next = wakes.filter((wake): wake is Date => wake !== undefined).sort((a, b) => a.getTime() - b.getTime())[0]
    if (next && !stopped) await ensureJob(next)
  }

  let running: Promise<void> | undefined
  let again = false
  const drain = (): Promise<void> => {
    if (stopped) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = track(
      (async () => {
        try {
          do {
            again = false
            await drainOnce()
          } while (again && !stopped)
        } finally {
          running = undefined
        }
      })(),
    )
    return running
  }

  const outbox: Outbox = { drain }
  outboxes.set(payload, outbox)

  // A restarted instance makes sure the runner looks at what is pending, whatever happened to the
  // jobs of the process that died. (Before the schema exists, e.g. while migrating, there is nothing to do.)
  track(
    (async () => {
      const pending = await payload.count({ collection, overrideAccess: true, where: { status: { equals: 'pending' } } })
      if (pending.totalDocs > 0 && !stopped) await ensureJob(new Date())
    })(),
  ).catch((error: unknown) => log.debug({ err: error, msg: 'role catalog: could not look for pending change notifications at start' }))

  const unsubscribe = onCatalogChangeInTransaction(payload, async (req, change: UnstampedChange) => {
    const notification: ChangeNotification = {
      changedAt: new Date().toISOString(),
      collection: change.collection,
      collectionSlug: slugs[change.collection],
      documents: change.documents,
      id: `msg_${randomUUID().replaceAll('-', '')}`,
      operation: change.operation,
      roleSlugs: change.roleSlugs,
    }
    const body = JSON.stringify(notification)
    for (const url of settings.urls) {
      await payload.create({
        collection,
        data: {
          attempts: 0,
          body,
          collectionSlug: notification.collectionSlug,
          operation: notification.operation,
          status: 'pending',
          url,
          webhookId: notification.id,
        } as never,
        depth: 0,
        // The plugin's own bookkeeping: nobody may create deliveries by hand (access: create false).
        overrideAccess: true,
        req,
      })
    }
    const job = await queueJob({ req })
    // Once committed, this instance runs that job itself: the receiver hears now, not at the next poll.
    await afterCommit(req, () => {
      if (stopped) return
      track(payload.jobs.runByID({ id: job.id, overrideAccess: true, silent: true })).catch((error: unknown) =>
        log.error({ err: error, msg: 'role catalog: delivering change notifications failed' }),
      )
    })
  })

  setRedeliverer(payload, async (req, delivery) => {
    const queued = (await payload.create({
      collection,
      data: {
        attempts: 0,
        body: delivery.body,
        collectionSlug: (delivery as DeliveryDoc & { collectionSlug?: string }).collectionSlug,
        operation: (delivery as DeliveryDoc & { operation?: string }).operation,
        redeliveryOf: delivery.id,
        status: 'pending',
        url: delivery.url,
        webhookId: delivery.webhookId,
      } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })) as unknown as DeliveryDoc
    const job = await queueJob({ req })
    await afterCommit(req, () => {
      if (!stopped) track(payload.jobs.runByID({ id: job.id, overrideAccess: true, silent: true })).catch(() => {})
    })
    return queued
  })

  ;(payload.crons as unknown as { stop: () => Promise<void> }[]).push({
    stop: async () => {
      stopped = true
      unsubscribe()
      for (const controller of inFlight) controller.abort(new Error('stopped'))
      // Before the adapter closes: what is under way records that it stopped.
      await Promise.allSettled([...runs])
      outboxes.delete(payload)
    },
  })
  return outbox
}
