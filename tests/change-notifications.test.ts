/**
 * Webhooks that are never lost (issue 20, part 6): a change readers can see records its notification
 * in its own transaction (the outbox) and Payload's jobs queue delivers it, signed as Standard
 * Webhooks say; checked with the `standardwebhooks` library (not the plugin's own code), in order
 * per URL, retried as `Retry-After` asks, surviving `kill -9` of the delivering process and a
 * script's `payload.destroy()`; admin users see the deliveries and redeliver one, anonymous readers
 * cannot. The receivers are real HTTP servers; the crashed and destroyed instances real processes.
 */
import type { CollectionAfterChangeHook } from 'payload'

import { type ChildProcess, spawn } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'

import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import {
  type ChangeNotification,
  generateWebhookSecret,
  signChangeNotification,
  verifyChangeNotification,
} from '../src/exports/notify.js'
import { retryAfterMs } from '../src/notify/outbox.js'
import { freePort } from '../scripts/database.js'
import { startSite, type TestSite } from './helpers/setup.js'

const NEW_SECRET = generateWebhookSecret()
const OLD_SECRET = generateWebhookSecret()
const DELIVERIES = 'role-catalog-deliveries'

describe('signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ documents: [], roleSlugs: ['project-manager'] })
  const id = 'msg_test1'

  it('the standardwebhooks library verifies what the plugin signs, with each rotated secret', () => {
    const headers = signChangeNotification({ body, id, secrets: [NEW_SECRET, OLD_SECRET] })
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2)
    // A receiver still on the old secret and one already on the new both accept it.
    expect(new Webhook(OLD_SECRET).verify(body, headers)).toEqual(JSON.parse(body))
    expect(new Webhook(NEW_SECRET).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow()
    expect(() => new Webhook(NEW_SECRET).verify(body.replace('project', 'program'), headers)).toThrow()
  })

  it('verifyChangeNotification accepts what the library signs, rotated secrets included', () => {
    const timestamp = new Date()
    const signature = new Webhook(OLD_SECRET).sign(id, timestamp, body)
    const headers = { 'webhook-id': id, 'webhook-signature': signature, 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)) }
    expect(verifyChangeNotification({ body, headers, secrets: [NEW_SECRET, OLD_SECRET] })).toMatchObject({ id, ok: true })
    expect(verifyChangeNotification({ body, headers: new Headers(headers), secrets: OLD_SECRET })).toMatchObject({ ok: true })
    expect(verifyChangeNotification({ body, headers, secrets: NEW_SECRET })).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifyChangeNotification({ body: `${body} `, headers, secrets: OLD_SECRET })).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifyChangeNotification({ body, headers: { ...headers, 'webhook-id': 'msg_other' }, secrets: OLD_SECRET })).toEqual({
      ok: false,
      reason: 'bad-signature',
    })
    expect(verifyChangeNotification({ body, headers: { 'webhook-id': id }, secrets: OLD_SECRET })).toEqual({ ok: false, reason: 'missing-headers' })
  })

  it('refuses a replay outside the tolerance, however well signed', () => {
    const now = Date.now()
    const old = Math.floor(now / 1000) - 301
    const headers = signChangeNotification({ body, id, secrets: [NEW_SECRET], timestamp: old })
    expect(verifyChangeNotification({ body, headers, now, secrets: NEW_SECRET })).toEqual({ ok: false, reason: 'expired' })
    // So does the library: the plugin keeps the specification's 5 minutes.
    expect(() => new Webhook(NEW_SECRET).verify(body, headers)).toThrow(/too old/i)
    const future = signChangeNotification({ body, id, secrets: [NEW_SECRET], timestamp: Math.floor(now / 1000) + 301 })
    expect(verifyChangeNotification({ body, headers: future, now, secrets: NEW_SECRET })).toEqual({ ok: false, reason: 'expired' })
    const recent = signChangeNotification({ body, id, secrets: [NEW_SECRET], timestamp: Math.floor(now / 1000) - 60 })
    expect(verifyChangeNotification({ body, headers: recent, now, secrets: NEW_SECRET })).toMatchObject({ ok: true })
    expect(verifyChangeNotification({ body, headers: recent, now, secrets: NEW_SECRET, toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'expired' })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null)).toBeUndefined()
  })
})

type Request = { body: string; headers: Record<string, string>; id: string; status: number; verified: boolean }

/** A receiver that checks every request with the `standardwebhooks` library and the OLD secret. */
const receiver = async () => {
  const requests: Request[] = []
  const answers: { headers?: Record<string, string>; status: number }[] = []
  let held: (() => void)[] | undefined
  const server = http.createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]))
    let verified = true
    try {
      new Webhook(OLD_SECRET).verify(body, headers)
    } catch {
      verified = false
    }
    const finish = () => {
      // The sender is gone (killed): nobody hears an answer, it counts as not received.
      if (request.socket.destroyed) {
        requests.push({ body, headers, id: headers['webhook-id']!, status: 0, verified })
        return
      }
      const answer = verified ? (answers.shift() ?? { status: 200 }) : { status: 401 }
      requests.push({ body, headers, id: headers['webhook-id']!, status: answer.status, verified })
      response.writeHead(answer.status, answer.headers).end(answer.status === 200 ? 'ok' : 'not now')
    }
    if (held) held.push(finish)
    else finish()
  })
  server.on('clientError', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    /** The next answers, in order (then 200). */
    answer: (...next: { headers?: Record<string, string>; status: number }[]) => void answers.push(...next),
    /** Accepted notifications, in the order they were accepted. */
    get accepted() {
      return requests.filter((each) => each.status === 200).map((each) => ({ id: each.id, notification: JSON.parse(each.body) as ChangeNotification }))
    },
    hold: () => void (held = []),
    get held() {
      return held?.length ?? 0
    },
    release: () => {
      const waiting = held ?? []
      held = undefined
      for (const finish of waiting) finish()
    },
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/revalidate`,
  }
}

type Delivery = {
  attempts: number
  body: string
  id: number
  last_attempt_at: Date | null
  last_response_status: null | number
  locked_until: Date | null
  next_attempt_at: Date | null
  status: string
  url: string
  webhook_id: string
}

describe('webhooks from the outbox', () => {
  let site: TestSite
  let live: Awaited<ReturnType<typeof receiver>>
  let token: string
  let deadUrl: string
  let roleID: number | string
  const log: string[] = []
  const children = new Set<ChildProcess>()
  let pluginOptions: Record<string, unknown>
  /** Set by a test: the host's afterChange hook that throws after the plugin's (a failing save). */
  let failSave: string | undefined
  /** What the host's hook saw of the outbox inside the save's transaction, and outside it. */
  let seenInTransaction: { inside: number; outside: number } | undefined

  const hostHook: CollectionAfterChangeHook = async ({ doc, req }) => {
    if (failSave && doc.summary === failSave) {
      // The newest deliveries as this save's transaction sees them, and as another connection does.
      const inside = await req.payload.find({ collection: DELIVERIES as never, depth: 0, limit: 2, overrideAccess: true, req, sort: '-id' })
      const ids = inside.docs.map((doc) => doc.id)
      const outside = await site.query(`select count(*)::int as n from role_catalog_deliveries where id = any($1)`, [ids])
      const known = await site.query(`select max(id) as max from role_catalog_deliveries`)
      seenInTransaction = { inside: ids.filter((id) => Number(id) > Number(known[0].max ?? 0)).length, outside: outside[0].n }
      throw new Error('host hook refuses this save')
    }
    return doc
  }

  beforeAll(async () => {
    live = await receiver()
    deadUrl = `http://127.0.0.1:${await freePort()}/nobody-listens`
    const destination = new Writable({
      write: (chunk, _encoding, done) => {
        log.push(String(chunk))
        done()
      },
    })
    pluginOptions = {
      changeNotifications: { maxAttempts: 3, retryDelayMs: 50, secrets: [NEW_SECRET, OLD_SECRET], timeoutMs: 1500, urls: [live.url, deadUrl] },
      overrides: { roles: { slug: 'job-roles' } },
    }
    site = await startSite({
      config: { logger: { destination, options: { level: 'warn' } } },
      name: 'notifications',
      plugin: { ...pluginOptions, overrides: { roles: { hooks: { afterChange: [hostHook] }, slug: 'job-roles' } }, seed: true },
    })
    token = await site.login()
    roleID = (await site.payload.find({ collection: 'job-roles' as never, where: { slug: { equals: 'project-manager' } } })).docs[0]!.id
  })
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await site?.stop()
    await live?.stop()
  })

  /** The site's job runner, as `payload jobs:run` would run it. */
  const runQueue = () => site.payload.jobs.run({ silent: true })
  const deliveries = (where = 'true', values: unknown[] = []) =>
    site.query<Delivery>(`select *, attempts::int as attempts, last_response_status::int as last_response_status from role_catalog_deliveries where ${where} order by id`, values)
  const patch = (query: string, body: Record<string, unknown>) => site.rest.patch(`/job-roles/${roleID}${query}`, { body, token })
  const publish = async (summary: string): Promise<string> => {
    expect((await patch('', { _status: 'published', summary })).status).toBe(200)
    return (await deliveries('url = $1', [live.url])).at(-1)!.webhook_id
  }

  it('delivers a published change, signed so the standardwebhooks library accepts it, and records it', async () => {
    // The seed's four changes (one per collection) went out at start-up.
    await vi.waitFor(() => expect(live.accepted.map((each) => each.notification.operation)).toEqual(['seed', 'seed', 'seed', 'seed']))
    const id = await publish('Notified summary.')
    await vi.waitFor(() => expect(live.accepted.at(-1)?.id).toBe(id))
    const { notification } = live.accepted.at(-1)!
    expect(notification).toMatchObject({
      collection: 'roles',
      collectionSlug: 'job-roles',
      documents: [{ id: roleID, slug: 'project-manager' }],
      id,
      roleSlugs: expect.arrayContaining(['project-manager']),
    })
    expect(live.requests.every((each) => each.verified)).toBe(true)
    await vi.waitFor(async () => expect((await deliveries('webhook_id = $1 and url = $2', [id, live.url]))[0]).toMatchObject({ attempts: 1, last_response_status: 200, status: 'delivered' }))
  })

  it('records the notification in the change’s own transaction: a failed save sends nothing', async () => {
    failSave = 'A save the host refuses.'
    const before = (await deliveries()).length
    const response = await patch('', { _status: 'published', summary: failSave })
    expect(response.status).toBeGreaterThanOrEqual(400)
    // Inside the save's transaction the plugin's rows were there; outside, not yet.
    expect(seenInTransaction!.inside).toBe(2)
    expect(seenInTransaction!.outside).toBe(0)
    // Rolled back with the save.
    expect((await deliveries()).length).toBe(before)
    failSave = undefined
  })

  it('records nothing for a draft save', async () => {
    const before = (await deliveries()).length
    expect((await patch('?draft=true', { summary: 'A draft nobody is told about.' })).status).toBe(200)
    expect((await deliveries()).length).toBe(before)
  })

  it('keeps order per URL and waits as long as Retry-After asks', async () => {
    live.answer({ headers: { 'Retry-After': '2' }, status: 503 })
    const first = await publish('First of two.')
    const second = await publish('Second of two.')
    await vi.waitFor(async () => expect((await deliveries('webhook_id = $1 and url = $2', [first, live.url]))[0]?.attempts).toBe(1))
    const [waiting] = await deliveries('webhook_id = $1 and url = $2', [first, live.url])
    expect(waiting).toMatchObject({ last_response_status: 503, status: 'pending' })
    // retryDelayMs is 50 ms; the receiver asked for 2 s.
    expect(waiting!.next_attempt_at!.getTime() - waiting!.last_attempt_at!.getTime()).toBeGreaterThanOrEqual(2000)
    // The second waits behind the first: it was not even tried.
    expect(live.requests.some((each) => each.id === second)).toBe(false)
    await vi.waitFor(
      async () => {
        await runQueue()
        expect(live.accepted.map((each) => each.id).slice(-2)).toEqual([first, second])
      },
      { interval: 500, timeout: 15_000 },
    )
    const attemptsOfFirst = live.requests.filter((each) => each.id === first).map((each) => each.status)
    expect(attemptsOfFirst).toEqual([503, 200])
  })

  it('gives up on a dead URL after maxAttempts, logs it, and the live URL never waited for it', async () => {
    await vi.waitFor(
      async () => {
        await runQueue()
        expect((await deliveries('url = $1 and status = $2', [deadUrl, 'failed'])).length).toBeGreaterThan(0)
      },
      { interval: 300, timeout: 20_000 },
    )
    const [failed] = await deliveries('url = $1 and status = $2', [deadUrl, 'failed'])
    expect(failed!.attempts).toBe(3)
    expect(log.join('')).toMatch(/not delivered after 3 attempt\(s\).*marked failed/)
  })

  it('shows deliveries to admin users only, and lets them redeliver one', async () => {
    const anonymous = await site.rest.get(`/${DELIVERIES}`)
    expect(anonymous.status).toBe(403)
    const listed = await site.rest.get(`/${DELIVERIES}?limit=100&sort=-id&where[url][equals]=${encodeURIComponent(live.url)}`, { token })
    expect(listed.status).toBe(200)
    const delivered = listed.body.docs.find((doc: { status: string }) => doc.status === 'delivered')
    expect(delivered).toMatchObject({ attempts: expect.any(Number), lastAttemptAt: expect.any(String), lastResponseStatus: 200, url: live.url })
    // Nobody creates or edits a delivery by hand.
    expect((await site.rest.post(`/${DELIVERIES}`, { body: { body: '{}', url: live.url, webhookId: 'x' }, token })).status).toBe(403)
    expect((await site.rest.post(`/${DELIVERIES}/${delivered.id}/redeliver`)).status).toBe(401)
    expect((await site.rest.post(`/${DELIVERIES}/abc/redeliver`, { token })).status).toBe(400)
    expect((await site.rest.post(`/${DELIVERIES}/999999/redeliver`, { token })).status).toBe(404)

    const before = live.accepted.filter((each) => each.id === delivered.webhookId).length
    const redelivered = await site.rest.post(`/${DELIVERIES}/${delivered.id}/redeliver`, { token })
    expect(redelivered.status).toBe(201)
    expect(redelivered.body.doc).toMatchObject({ redeliveryOf: delivered.id, status: 'pending', webhookId: delivered.webhookId })
    await vi.waitFor(() => expect(live.accepted.filter((each) => each.id === delivered.webhookId).length).toBe(before + 1))
  })

  /** An instance in a child process (tests/fixtures/webhookInstance.ts). */
  const startChild = (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/webhookInstance.ts'], {
      env: { ...process.env, DATABASE_URL: site.databaseUrl, PLUGIN_OPTIONS: JSON.stringify(pluginOptions), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    children.add(child)
    let output = ''
    let errors = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (errors += chunk))
    const exited = new Promise<{ code: null | number; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => {
        children.delete(child)
        resolve({ code, signal })
      }),
    )
    return {
      child,
      exited,
      get errors() {
        return errors
      },
      said: (line: string) => vi.waitFor(() => expect(output).toContain(line), { interval: 100, timeout: 60_000 }),
    }
  }

  it('survives kill -9 of the instance mid-delivery: after a restart the notification arrives', async () => {
    live.hold()
    const summary = `Published by an instance about to crash ${Date.now()}.`
    const crashing = startChild({ MODE: 'publish', ROLE_ID: String(roleID), SUMMARY: summary })
    await crashing.said('published')
    const id = (await deliveries('url = $1', [live.url])).at(-1)!.webhook_id
    // The crashing instance's POST is at the receiver, unanswered.
    await vi.waitFor(() => expect(live.held).toBe(1), { timeout: 15_000 })
    crashing.child.kill('SIGKILL')
    expect((await crashing.exited).signal).toBe('SIGKILL')
    const [inFlight] = await deliveries('webhook_id = $1 and url = $2', [id, live.url])
    expect(inFlight).toMatchObject({ attempts: 0, status: 'pending' })
    expect(inFlight!.locked_until).not.toBeNull()
    live.release()
    expect(live.accepted.some((each) => each.id === id)).toBe(false)

    // The restarted instance runs the site's job queue: the claim of the killed one ends, it delivers.
    const restarted = startChild({ MODE: 'run' })
    await restarted.said('running')
    await vi.waitFor(() => expect(live.accepted.some((each) => each.id === id)).toBe(true), { interval: 200, timeout: 30_000 })
    expect(live.accepted.find((each) => each.id === id)!.notification.documents).toEqual([{ id: roleID, slug: 'project-manager' }])
    await vi.waitFor(async () => expect((await deliveries('webhook_id = $1 and url = $2', [id, live.url]))[0]).toMatchObject({ status: 'delivered' }))
    restarted.child.stdin!.write('destroy\n')
    expect((await restarted.exited).code).toBe(0)

    // Payload leaves the killed process's job `processing` for ever; the outbox deletes its own such
    // jobs once no run can still be under way (an hour here).
    const stuck = await site.query<{ id: number }>(`select id from payload_jobs where task_slug = 'roleCatalogDeliverChangeNotifications' and processing`)
    expect(stuck.length).toBeGreaterThan(0)
    await site.query(`update payload_jobs set updated_at = now() - interval '2 hours' where id = any($1)`, [stuck.map((job) => job.id)])
    await (site.payload.jobs.queue as (args: object) => Promise<unknown>)({ input: {}, task: 'roleCatalogDeliverChangeNotifications' })
    await runQueue()
    expect(await site.query(`select id from payload_jobs where id = any($1)`, [stuck.map((job) => job.id)])).toEqual([])
  })

  it('survives payload.destroy() in a script: left for the next runner, not dropped, not warned about', async () => {
    live.hold()
    const script = startChild({ MODE: 'publish', ROLE_ID: String(roleID), SUMMARY: `Published by a script ${Date.now()}.` })
    await script.said('published')
    const id = (await deliveries('url = $1', [live.url])).at(-1)!.webhook_id
    await vi.waitFor(() => expect(live.held).toBe(1), { timeout: 15_000 })
    script.child.stdin!.write('destroy\n')
    await script.said('destroyed')
    expect((await script.exited).code).toBe(0)
    expect(script.errors).not.toMatch(/undelivered|notification/i)
    // The abandoned attempt is not counted, and the delivery is free for the next runner.
    const [left] = await deliveries('webhook_id = $1 and url = $2', [id, live.url])
    expect(left).toMatchObject({ attempts: 0, locked_until: null, status: 'pending' })
    live.release()
    await vi.waitFor(
      async () => {
        await runQueue()
        expect(live.accepted.some((each) => each.id === id)).toBe(true)
      },
      { interval: 300, timeout: 20_000 },
    )
  })

  it('deletes delivered notifications older than keepDeliveredDays (default 30) as it delivers; failed and recent ones stay', async () => {
    const delivered = await deliveries(`status = 'delivered'`)
    expect(delivered.length).toBeGreaterThanOrEqual(2)
    const [aged, recent] = delivered as [Delivery, Delivery]
    const [failed] = await deliveries(`status = 'failed'`)
    expect(failed).toBeDefined()
    await site.query(`update role_catalog_deliveries set delivered_at = now() - interval '31 days' where id = $1`, [aged.id])
    await site.query(`update role_catalog_deliveries set delivered_at = now() - interval '29 days' where id = $1`, [recent.id])
    await site.query(`update role_catalog_deliveries set created_at = now() - interval '90 days', last_attempt_at = now() - interval '90 days' where id = $1`, [failed!.id])
    const id = await publish(`After a month ${Date.now()}.`)
    await vi.waitFor(async () => expect((await deliveries('webhook_id = $1 and url = $2', [id, live.url]))[0]?.status).toBe('delivered'), { timeout: 15_000 })
    expect(await deliveries('id = $1', [aged.id])).toEqual([])
    expect(await deliveries('id = $1', [recent.id])).toHaveLength(1)
    expect(await deliveries('id = $1', [failed!.id])).toHaveLength(1)
  })

  it('a redelivery whose original was deleted as old still lists, reads, delivers and redelivers; a pending one is never deleted', async () => {
    const [original] = await deliveries(`status = 'delivered' and url = $1 and redelivery_of_id is null`, [live.url])
    // The redelivery's first try is answered "later": it stays pending, waiting an hour.
    live.answer({ headers: { 'Retry-After': '3600' }, status: 503 })
    const redelivered = await site.rest.post(`/${DELIVERIES}/${original!.id}/redeliver`, { token })
    expect(redelivered.status).toBe(201)
    const id = redelivered.body.doc.id as number
    await vi.waitFor(async () => expect((await deliveries('id = $1', [id]))[0]).toMatchObject({ attempts: 1, status: 'pending' }), { timeout: 15_000 })
    // Its original is old enough to go; the pending redelivery itself was created long ago and was once delivered.
    await site.query(`update role_catalog_deliveries set delivered_at = now() - interval '31 days' where id = $1`, [original!.id])
    await site.query(`update role_catalog_deliveries set created_at = now() - interval '90 days', delivered_at = now() - interval '90 days' where id = $1`, [id])
    await (site.payload.jobs.queue as (args: object) => Promise<unknown>)({ input: {}, task: 'roleCatalogDeliverChangeNotifications' })
    await runQueue()
    expect(await deliveries('id = $1', [original!.id])).toEqual([])
    expect((await deliveries('id = $1', [id]))[0]).toMatchObject({ status: 'pending' })

    // The admin's list and the document load; the link to the deleted original is empty.
    const listed = await site.rest.get(`/${DELIVERIES}?limit=100&sort=-id`, { token })
    expect(listed.status).toBe(200)
    expect(listed.body.docs.find((doc: { id: number }) => doc.id === id)).toMatchObject({ redeliveryOf: null, status: 'pending' })
    const read = await site.rest.get(`/${DELIVERIES}/${id}`, { token })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ id, redeliveryOf: null, webhookId: original!.webhook_id })

    // Due now: it is delivered, and can be redelivered in turn.
    await site.query(`update role_catalog_deliveries set next_attempt_at = now() - interval '1 second' where id = $1`, [id])
    const before = live.accepted.filter((each) => each.id === original!.webhook_id).length
    await (site.payload.jobs.queue as (args: object) => Promise<unknown>)({ input: {}, task: 'roleCatalogDeliverChangeNotifications' })
    await runQueue()
    await vi.waitFor(async () => expect((await deliveries('id = $1', [id]))[0]).toMatchObject({ status: 'delivered' }), { timeout: 15_000 })
    expect(live.accepted.filter((each) => each.id === original!.webhook_id).length).toBe(before + 1)
    const again = await site.rest.post(`/${DELIVERIES}/${id}/redeliver`, { token })
    expect(again.status).toBe(201)
    expect(again.body.doc).toMatchObject({ redeliveryOf: id, status: 'pending' })
    await vi.waitFor(async () => expect((await deliveries('id = $1', [again.body.doc.id]))[0]).toMatchObject({ status: 'delivered' }), { timeout: 15_000 })
  })
})

describe('webhooks from the outbox on SQLite: delivered rows older than a fractional keepDeliveredDays go, nothing else', () => {
  let site: TestSite
  let live: Awaited<ReturnType<typeof receiver>>
  let token: string

  beforeAll(async () => {
    live = await receiver()
    site = await startSite({
      adapter: 'sqlite',
      name: 'notifications_sqlite',
      plugin: { changeNotifications: { keepDeliveredDays: 0.5, retryDelayMs: 50, secrets: [OLD_SECRET], timeoutMs: 1500, urls: [live.url] } },
    })
    token = await site.login()
  })
  afterAll(async () => {
    await site?.stop()
    await live?.stop()
  })

  const rows = () =>
    site.query<{ delivered_at: null | string; id: number; redelivery_of_id: null | number; status: string; webhook_id: string }>(
      `select id, status, delivered_at, redelivery_of_id, webhook_id from role_catalog_deliveries order by id`,
    )
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString()
  const drain = async () => {
    await (site.payload.jobs.queue as (args: object) => Promise<unknown>)({ input: {}, task: 'roleCatalogDeliverChangeNotifications' })
    await site.payload.jobs.run({ silent: true })
  }

  it('deletes a row delivered 13 hours ago, keeps one of 11 hours, one just delivered, failed and pending ones (a pending redelivery of the deleted row too)', async () => {
    for (let i = 0; i < 5; i++) {
      const created = await site.rest.post(`/skills?depth=0`, { body: { _status: 'published', kind: 'technical', name: `Outbox skill ${i}` }, token })
      expect(created.status).toBe(201)
    }
    await vi.waitFor(async () => expect((await rows()).filter((row) => row.status === 'delivered')).toHaveLength(5), { timeout: 15_000 })
    expect(live.accepted).toHaveLength(5)
    const [aged, recent, failed, pending, fresh] = (await rows()) as [Awaited<ReturnType<typeof rows>>[number], ...Awaited<ReturnType<typeof rows>>]
    await site.query(`update role_catalog_deliveries set delivered_at = ? where id = ?`, [hoursAgo(13), aged.id])
    await site.query(`update role_catalog_deliveries set delivered_at = ? where id = ?`, [hoursAgo(11), recent.id])
    await site.query(`update role_catalog_deliveries set status = 'failed', delivered_at = ?, created_at = ? where id = ?`, [hoursAgo(48), hoursAgo(48), failed!.id])
    // Waiting a day for its next try; once delivered long ago, and a redelivery of the row that goes.
    await site.query(`update role_catalog_deliveries set status = 'pending', delivered_at = ?, next_attempt_at = ?, redelivery_of_id = ? where id = ?`, [
      hoursAgo(48),
      hoursAgo(-24),
      aged.id,
      pending!.id,
    ])
    await drain()
    const left = await rows()
    expect(left.map((row) => row.id)).toEqual([recent, failed, pending, fresh].map((row) => row!.id))
    expect(left.find((row) => row.id === pending!.id)).toMatchObject({ redelivery_of_id: null, status: 'pending' })
    const listed = await site.rest.get(`/${DELIVERIES}?limit=100`, { token })
    expect(listed.status).toBe(200)
    expect(listed.body.docs.map((doc: { id: number }) => doc.id).sort()).toEqual(left.map((row) => row.id).sort())
  })
})

describe('webhooks from the outbox with keepDeliveredDays: false', () => {
  let site: TestSite
  let live: Awaited<ReturnType<typeof receiver>>

  beforeAll(async () => {
    live = await receiver()
    site = await startSite({
      name: 'notifications_keep_all',
      plugin: { changeNotifications: { keepDeliveredDays: false, retryDelayMs: 50, secrets: [OLD_SECRET], timeoutMs: 1500, urls: [live.url] } },
    })
  })
  afterAll(async () => {
    await site?.stop()
    await live?.stop()
  })

  it('keeps every delivered notification, however old', async () => {
    const token = await site.login()
    const publishSkill = async (name: string) =>
      expect((await site.rest.post(`/skills?depth=0`, { body: { _status: 'published', kind: 'technical', name }, token })).status).toBe(201)
    await publishSkill('Kept for ever')
    await vi.waitFor(async () => expect(await site.query(`select id from role_catalog_deliveries where status = 'delivered'`)).toHaveLength(1), { timeout: 15_000 })
    await site.query(`update role_catalog_deliveries set delivered_at = now() - interval '200 years'`)
    // The next delivery drains the outbox: the old one stays.
    await publishSkill('Delivered after it')
    await vi.waitFor(async () => expect(await site.query(`select id from role_catalog_deliveries where status = 'delivered'`)).toHaveLength(2), { timeout: 15_000 })
    expect(live.accepted).toHaveLength(2)
  })
})
