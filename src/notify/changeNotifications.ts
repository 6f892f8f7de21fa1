/**
 * Change notifications to frontends (issue 10, part 4): after a change anonymous readers can see has
 * committed on this instance, POST a signed JSON body (src/notify/signature.ts) to each configured
 * URL, so a frontend can revalidate exactly the pages it names.
 *
 * The editor's save never waits for a receiver and never fails because of one: deliveries go into an
 * in-memory queue per URL (bounded: past `queueLimit` the oldest is dropped, with an error logged)
 * and are sent in the background, in order, each with a timeout, retried with exponential backoff
 * on network errors, timeouts, 408, 429 and 5xx, and logged through payload.logger.
 *
 * Not Payload's jobs queue: that needs the site to configure jobs and a runner and adds a table
 * to its schema, and its runner polls, so a notification would wait for the next run. A process that
 * stops loses what is still queued (logged at stop); the receivers' caches then expire on their own
 * terms — say so in the frontend's cache policy if that matters.
 */
import type { Payload } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { ChangeNotification } from './signature.js'

import { SIGNATURE_HEADER, signChangeNotification } from './signature.js'

export type ChangeNotificationOptions = {
  /** Tries per notification and URL, the first included. */
  maxAttempts: number
  /** Notifications waiting per URL before the oldest is dropped. */
  queueLimit: number
  /** Wait before the first retry; doubled for each further one. */
  retryDelayMs: number
  /** The HMAC-SHA256 key receivers verify with (verifyChangeNotification). */
  secret: string
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number
  urls: string[]
}

/** The part of a change (src/changes/catalogChange.ts) a notification is made from. */
export type NotifiableChange = {
  collection: ChangeNotification['collection']
  documents: ChangeNotification['documents']
  draftOnly: boolean
  operation: ChangeNotification['operation']
  origin: string
  roleSlugs: string[]
  sequence: number
}

type Delivery = { attempt: number; body: string; id: string }

export type ChangeNotifier = {
  /** Queues the notification of one change for every URL; returns at once. */
  notify: (change: NotifiableChange) => void
  /** Notifications still queued or being sent, over all URLs. */
  readonly pending: number
  stop: () => void
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500

export const createChangeNotifier = (payload: Payload, slugs: CatalogSlugs, options: ChangeNotificationOptions): ChangeNotifier => {
  const log = payload.logger
  let stopped = false
  const inFlight = new Set<AbortController>()
  const timers = new Set<NodeJS.Timeout>()

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve()
      }, ms)
      timer.unref()
      timers.add(timer)
    })

  /** One POST; resolves to 'done', 'retry' or 'give-up' (with why). */
  const post = async (url: string, delivery: Delivery): Promise<{ outcome: 'done' | 'give-up' | 'retry'; why?: string }> => {
    const controller = new AbortController()
    inFlight.add(controller)
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs)
    timer.unref()
    try {
      const response = await fetch(url, {
        body: delivery.body,
        headers: {
          'Content-Type': 'application/json',
          [SIGNATURE_HEADER]: signChangeNotification(options.secret, delivery.body),
          'User-Agent': 'payload-plugin-role-catalog',
        },
        method: 'POST',
        redirect: 'error',
        signal: controller.signal,
      })
      await response.body?.cancel().catch(() => {})
      if (response.ok) return { outcome: 'done' }
      return { outcome: retryable(response.status) ? 'retry' : 'give-up', why: `HTTP ${response.status}` }
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error
      return { outcome: 'retry', why: (reason as Error)?.message ?? String(reason) }
    } finally {
      clearTimeout(timer)
      inFlight.delete(controller)
    }
  }

  const queues = new Map<string, { draining: boolean; items: Delivery[] }>(options.urls.map((url) => [url, { draining: false, items: [] }]))

  const drain = async (url: string) => {
    const queue = queues.get(url)!
    if (queue.draining) return
    queue.draining = true
    try {
      while (!stopped && queue.items.length > 0) {
        const delivery = queue.items[0]!
        delivery.attempt++
        const { outcome, why } = await post(url, delivery)
        if (stopped) return
        if (outcome === 'done') {
          log.debug(`role catalog: change notification ${delivery.id} delivered to ${url}`)
          queue.items.shift()
        } else if (outcome === 'retry' && delivery.attempt < options.maxAttempts) {
          const delay = options.retryDelayMs * 2 ** (delivery.attempt - 1)
          log.warn(`role catalog: change notification ${delivery.id} to ${url} failed (${why}); retry ${delivery.attempt} of ${options.maxAttempts - 1} in ${delay} ms`)
          await wait(delay)
        } else {
          log.error(`role catalog: change notification ${delivery.id} to ${url} not delivered after ${delivery.attempt} attempt(s) (${why}); giving up`)
          queue.items.shift()
        }
      }
    } finally {
      queue.draining = false
    }
  }

  return {
    notify: (change) => {
      if (stopped || change.draftOnly) return
      const notification: ChangeNotification = {
        collection: change.collection,
        collectionSlug: slugs[change.collection],
        documents: change.documents,
        id: `${change.origin}:${change.sequence}`,
        operation: change.operation,
        roleSlugs: change.roleSlugs,
        sentAt: new Date().toISOString(),
      }
      const body = JSON.stringify(notification)
      for (const [url, queue] of queues) {
        if (queue.items.length >= options.queueLimit) {
          // The one being sent stays; the oldest waiting one goes.
          const dropped = queue.items.splice(queue.draining ? 1 : 0, 1)[0]
          log.error(`role catalog: change notification queue for ${url} is full (${options.queueLimit}); dropped ${dropped?.id}`)
        }
        queue.items.push({ attempt: 0, body, id: notification.id })
        void drain(url)
      }
    },
    get pending() {
      let total = 0
      for (const queue of queues.values()) total += queue.items.length
      return total
    },
    stop: () => {
      if (stopped) return
      stopped = true
      const left = [...queues.values()].reduce((sum, queue) => sum + queue.items.length, 0)
      if (left > 0) log.warn(`role catalog: stopping with ${left} change notification(s) undelivered`)
      for (const controller of inFlight) controller.abort(new Error('stopped'))
      for (const timer of timers) clearTimeout(timer)
      for (const queue of queues.values()) queue.items.length = 0
    },
  }
}

const notifiers = new WeakMap<Payload, ChangeNotifier>()

/** This instance's notifier, when the site configured `changeNotifications`. */
export const changeNotifierOf = (payload: Payload): ChangeNotifier | undefined => notifiers.get(payload)

/**
 * Sends a notification for every change made on this instance (each instance notifies its own
 * changes, so receivers get each change once however many instances there are). Stopped by
 * payload.destroy(), like the change transport.
 */
export const startChangeNotifications = (
  payload: Payload,
  onCatalogChange: (payload: Payload, listener: (change: NotifiableChange, source: 'local' | 'remote') => void) => () => void,
  slugs: CatalogSlugs,
  options: ChangeNotificationOptions,
): ChangeNotifier => {
  const notifier = createChangeNotifier(payload, slugs, options)
  const unsubscribe = onCatalogChange(payload, (change, source) => {
    if (source === 'local') notifier.notify(change)
  })
  notifiers.set(payload, notifier)
  ;(payload.crons as unknown as { stop: () => Promise<void> }[]).push({
    stop: async () => {
      unsubscribe()
      notifier.stop()
      notifiers.delete(payload)
    },
  })
  return notifier
}
