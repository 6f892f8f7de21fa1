/**
 * Change notifications to frontends (issue 10, part 4): after a change readers can see commits, a
 * signed JSON body reaches every configured URL; a draft save sends nothing; a dead receiver is
 * retried with backoff, logged and given up on, and neither a dead nor a slow receiver slows or
 * fails the editor's save. The receivers are real HTTP servers on free ports.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { changeNotifierOf } from '../src/notify/changeNotifications.js'
import { type ChangeNotification, SIGNATURE_HEADER, signChangeNotification, verifyChangeNotification } from '../src/exports/notify.js'
import { freePort } from '../scripts/database.js'
import { startSite, type TestSite } from './helpers/setup.js'

const SECRET = 'a-test-secret-of-some-length'

type Received = { body: string; notification: ChangeNotification; signature: string }

/** A receiver that answers with what `answer` says; `hold` keeps requests waiting until released. */
const receiver = async () => {
  const received: Received[] = []
  let status = 200
  let held: (() => void)[] | undefined
  const server = http.createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const finish = () => {
      response.writeHead(status).end()
    }
    const signature = String(request.headers[SIGNATURE_HEADER] ?? '')
    const result = verifyChangeNotification({ body, secret: SECRET, signature })
    if (result.ok && status === 200) received.push({ body, notification: result.notification, signature })
    if (held) held.push(finish)
    else finish()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    hold: () => void (held = []),
    get pendingRequests() {
      return held?.length ?? 0
    },
    received,
    release: () => {
      const waiting = held ?? []
      held = undefined
      for (const finish of waiting) finish()
    },
    setStatus: (value: number) => void (status = value),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/revalidate`,
  }
}

describe('verifyChangeNotification', () => {
  const body = JSON.stringify({ documents: [], roleSlugs: ['project-manager'] })
  it('accepts what signChangeNotification signed, and nothing else', () => {
    const signature = signChangeNotification(SECRET, body)
    expect(verifyChangeNotification({ body, secret: SECRET, signature })).toMatchObject({ ok: true })
    expect(verifyChangeNotification({ body: body.replace('project', 'program'), secret: SECRET, signature })).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifyChangeNotification({ body, secret: 'another-secret-entirely', signature })).toEqual({ ok: false, reason: 'bad-signature' })
    expect(verifyChangeNotification({ body, secret: SECRET, signature: null })).toEqual({ ok: false, reason: 'missing-signature' })
    expect(verifyChangeNotification({ body, secret: SECRET, signature: 't=1,v1=zz' })).toEqual({ ok: false, reason: 'bad-signature' })
  })
  it('refuses a notification replayed after the tolerance', () => {
    const signature = signChangeNotification(SECRET, body, Math.floor(Date.now() / 1000) - 3600)
    expect(verifyChangeNotification({ body, secret: SECRET, signature })).toEqual({ ok: false, reason: 'expired' })
  })
})

describe('change notifications', () => {
  let site: TestSite
  let live: Awaited<ReturnType<typeof receiver>>
  let token: string
  let deadUrl: string
  const log: string[] = []
  let roleID: number | string

  beforeAll(async () => {
    live = await receiver()
    deadUrl = `http://127.0.0.1:${await freePort()}/nobody-listens`
    const destination = new Writable({
      write: (chunk, _encoding, done) => {
        log.push(String(chunk))
        done()
      },
    })
    site = await startSite({
      // pino writes JSON lines to the destination: the test reads what the plugin logged.
      config: { logger: { destination, options: { level: 'warn' } } },
      name: 'notifications',
      plugin: {
        changeNotifications: { maxAttempts: 3, retryDelayMs: 20, secret: SECRET, timeoutMs: 1000, urls: [live.url, deadUrl] },
        overrides: { roles: { slug: 'job-roles' } },
        seed: true,
      },
    })
    token = await site.login()
    roleID = (await site.payload.find({ collection: 'job-roles', where: { slug: { equals: 'project-manager' } } })).docs[0]!.id
  })
  afterAll(async () => {
    await site?.stop()
    await live?.stop()
  })

  const patch = (query: string, body: Record<string, unknown>) => site.rest.patch(`/job-roles/${roleID}${query}`, { body, token })

  it('posts a signed body naming the collection, documents, operation and affected role slugs', async () => {
    const before = live.received.length
    const response = await patch('', { _status: 'published', summary: 'Notified summary.' })
    expect(response.status).toBe(200)
    await vi.waitFor(() => expect(live.received.length).toBe(before + 1))
    const { notification } = live.received.at(-1)!
    expect(notification).toMatchObject({
      collection: 'roles',
      collectionSlug: 'job-roles',
      documents: [{ id: roleID, slug: 'project-manager' }],
      roleSlugs: expect.arrayContaining(['project-manager']),
    })
    expect(['publish', 'update']).toContain(notification.operation)
    expect(notification.id).toMatch(/^.+:\d+$/)
  })

  it('sends nothing for a draft save', async () => {
    const before = live.received.length
    expect((await patch('?draft=true', { summary: 'A draft nobody is told about.' })).status).toBe(200)
    // A change after it: once that has arrived, the draft would have arrived before it (one queue, in order).
    expect((await patch('', { _status: 'published', summary: 'Published after the draft.' })).status).toBe(200)
    await vi.waitFor(() => expect(live.received.length).toBe(before + 1))
    expect(live.received.at(-1)!.body).toContain('project-manager')
    expect(live.received.map((each) => each.body).join('\n')).not.toContain('A draft nobody is told about.')
  })

  it('retries a dead receiver with backoff, logs, gives up, and never fails the save', async () => {
    await vi.waitFor(() => expect(log.join('')).toMatch(/not delivered after 3 attempt\(s\)/), { timeout: 15_000 })
    const lines = log.join('').split('\n').filter((line) => line.includes(deadUrl))
    expect(lines.some((line) => line.includes('retry 1 of 2'))).toBe(true)
    expect(lines.some((line) => line.includes('retry 2 of 2'))).toBe(true)
  })

  it('a slow receiver does not hold up the save; the notification arrives once it answers', async () => {
    live.hold()
    const before = live.received.length
    const response = await patch('', { _status: 'published', summary: 'Saved while the receiver stalls.' })
    // The save has answered although the receiver has not: the delivery waits in the background.
    expect(response.status).toBe(200)
    await vi.waitFor(() => expect(live.pendingRequests).toBe(1))
    expect(changeNotifierOf(site.payload)!.pending).toBeGreaterThan(0)
    live.release()
    await vi.waitFor(() => expect(live.received.length).toBe(before + 1))
  })

  it('retries a receiver that answered 500, and delivers', async () => {
    live.setStatus(500)
    const before = live.received.length
    expect((await patch('', { _status: 'published', summary: 'After a 500.' })).status).toBe(200)
    await vi.waitFor(() => expect(log.join('')).toMatch(/failed \(HTTP 500\); retry 1/))
    live.setStatus(200)
    await vi.waitFor(() => expect(live.received.length).toBe(before + 1))
    expect(live.received.at(-1)!.body).toContain('project-manager')
  })
})
