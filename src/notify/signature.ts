/**
 * The signature on change notifications, and the check a receiver runs: the Standard Webhooks
 * specification (https://www.standardwebhooks.com), so any receiver library for it (npm
 * `standardwebhooks`, Svix's libraries, ...) verifies what the plugin sends.
 *
 * Headers: `webhook-id` (the notification's id, the same on every retry: receivers drop duplicates
 * by it), `webhook-timestamp` (unix seconds of this attempt) and `webhook-signature`: `v1,<base64
 * HMAC-SHA256 of "<id>.<timestamp>.<raw body>">`, one per secret, space-separated, so a secret can be
 * rotated (send with old and new while receivers move over). Secrets are `whsec_<base64 key>`.
 *
 * Only node:crypto: a receiver (e.g. a Next.js route handler) imports this without Payload.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const WEBHOOK_ID_HEADER = 'webhook-id'
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp'
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature'

/** The specification's default: a notification signed more than 5 minutes away from now is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300

const SECRET_PREFIX = 'whsec_'

/** What a change notification's JSON body holds. */
export type ChangeNotification = {
  /** When the change was recorded (ISO 8601): the same on every retry. */
  changedAt: string
  /** The catalogue collection by its role in the catalogue, and its slug on this site (overrides). */
  collection: 'certifications' | 'responsibilities' | 'roles' | 'skills'
  collectionSlug: string
  /** The documents written, with their slugs (old and new both listed when a slug changed). */
  documents: { id: number | string; slug: null | string }[]
  /** The notification's id, also sent as `webhook-id`: unique per change, the same on every retry. */
  id: string
  operation: 'create' | 'delete' | 'import' | 'publish' | 'restore' | 'seed' | 'unpublish' | 'update'
  /** Role slugs whose pages (and comparisons) the change can alter. */
  roleSlugs: string[]
}

/**
 * The key bytes of a `whsec_…` secret, or why it is not one. The specification asks for 24 to 64
 * random bytes; fewer are refused (a short key is guessable).
 */
export const secretKey = (secret: string): Buffer | string => {
  if (!secret.startsWith(SECRET_PREFIX)) return `must start with "${SECRET_PREFIX}" (Standard Webhooks secret)`
  const encoded = secret.slice(SECRET_PREFIX.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return 'must be "whsec_" followed by base64'
  const key = Buffer.from(encoded, 'base64')
  if (key.length < 24 || key.length > 64) return `must hold 24 to 64 bytes after "whsec_" (this one holds ${key.length})`
  return key
}

const keyOf = (secret: string): Buffer => {
  const key = secretKey(secret)
  if (typeof key === 'string') throw new TypeError(`change notification secret ${key}`)
  return key
}

const sign = (key: Buffer, id: string, timestamp: number, body: string) =>
  createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest()

/** A new random secret in the `whsec_…` form (32 bytes), e.g. for a site's setup script. */
export const generateWebhookSecret = (): string => {
  const bytes = new Uint8Array(32)
  globalThis.crypto.getRandomValues(bytes)
  return `${SECRET_PREFIX}${Buffer.from(bytes).toString('base64')}`
}

/**
 * The three Standard Webhooks headers for `body`, signed with every secret (rotation), now or at
 * `timestamp` (unix seconds).
 */
export const signChangeNotification = ({
  body,
  id,
  secrets,
  timestamp = Math.floor(Date.now() / 1000),
}: {
  body: string
  id: string
  secrets: readonly string[] | string
  timestamp?: number
}): Record<string, string> => ({
  [WEBHOOK_ID_HEADER]: id,
  [WEBHOOK_SIGNATURE_HEADER]: (typeof secrets === 'string' ? [secrets] : secrets)
    .map((secret) => `v1,${sign(keyOf(secret), id, timestamp, body).toString('base64')}`)
    .join(' '),
  [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
})

export type VerifyResult =
  | { id: string; notification: ChangeNotification; ok: true; timestamp: number }
  | { ok: false; reason: 'bad-body' | 'bad-signature' | 'expired' | 'missing-headers' }

type HeaderBag = Headers | Record<string, string | string[] | undefined>

const header = (headers: HeaderBag, name: string): string | undefined => {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const bag = headers as Record<string, string | string[] | undefined>
  const value = bag[name] ?? Object.entries(bag).find(([key]) => key.toLowerCase() === name)?.[1]
  return Array.isArray(value) ? value[0] : value
}

/**
 * Checks a received notification as the specification says: a `v1` signature matching one of
 * `secrets` (several while a secret is rotated) over the RAW body text (read it with
 * `await request.text()` before parsing), and a timestamp within `toleranceSeconds` of now, so a
 * recorded notification replayed later is refused. Returns the parsed notification, or why it was
 * refused (answer 401 then, and do nothing). Throws if a secret is not in the `whsec_…` form.
 */
export const verifyChangeNotification = ({
  body,
  headers,
  now = Date.now(),
  secrets,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}: {
  body: string
  /** The request's headers (`request.headers`, or Node's `IncomingMessage.headers`). */
  headers: HeaderBag
  now?: number
  secrets: readonly string[] | string
  toleranceSeconds?: number
}): VerifyResult => {
  const keys = (typeof secrets === 'string' ? [secrets] : secrets).map(keyOf)
  const id = header(headers, WEBHOOK_ID_HEADER)
  const timestampText = header(headers, WEBHOOK_TIMESTAMP_HEADER)
  const signatures = header(headers, WEBHOOK_SIGNATURE_HEADER)
  if (!id || !timestampText || !signatures) return { ok: false, reason: 'missing-headers' }
  if (!/^\d+$/.test(timestampText)) return { ok: false, reason: 'bad-signature' }
  const timestamp = Number(timestampText)
  const given = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .filter((parts) => parts.length === 2 && parts[0] === 'v1')
    .map((parts) => Buffer.from(parts[1]!, 'base64'))
  const matches = keys.some((key) => {
    const expected = sign(key, id, timestamp, body)
    return given.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected))
  })
  if (!matches) return { ok: false, reason: 'bad-signature' }
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' }
  try {
    const notification = JSON.parse(body) as ChangeNotification
    if (!notification || !Array.isArray(notification.roleSlugs) || !Array.isArray(notification.documents)) {
      return { ok: false, reason: 'bad-body' }
    }
    return { id, notification, ok: true, timestamp }
  } catch {
    return { ok: false, reason: 'bad-body' }
  }
}
