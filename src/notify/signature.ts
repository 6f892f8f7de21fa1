/**
 * The signature on change notifications (issue 10, part 4), and the check a receiver runs.
 *
 * Header `X-Role-Catalog-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`,
 * keyed with the shared secret. The timestamp is signed too, so a receiver can refuse an old
 * notification replayed later (the tolerance below), as Stripe's and GitHub's webhooks do.
 * Only node:crypto: a receiver (e.g. a Next.js route handler) imports this without Payload.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-role-catalog-signature'

/** What a change notification's JSON body holds. */
export type ChangeNotification = {
  /** The catalogue collection by its role in the catalogue, and its slug on this site (overrides). */
  collection: 'certifications' | 'responsibilities' | 'roles' | 'skills'
  collectionSlug: string
  /** The documents written, with their slugs (old and new both listed when a slug changed). */
  documents: { id: number | string; slug: null | string }[]
  /** `<origin>:<sequence>`: unique per change, so a receiver can drop a retried duplicate. */
  id: string
  operation: 'create' | 'delete' | 'import' | 'publish' | 'restore' | 'seed' | 'unpublish' | 'update'
  /** Role slugs whose pages (and comparisons) the change can alter. */
  roleSlugs: string[]
  /** When the change was sent (ISO 8601). */
  sentAt: string
}

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')

/** The header value for `body`, signed now (or at `timestamp`, unix seconds). */
export const signChangeNotification = (secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string =>
  `t=${timestamp},v1=${hmac(secret, timestamp, body)}`

export type VerifyResult =
  | { notification: ChangeNotification; ok: true }
  | { ok: false; reason: 'bad-body' | 'bad-signature' | 'expired' | 'missing-signature' }

/**
 * Checks a received notification: the signature header against the RAW body text (read it with
 * `await request.text()` before parsing), within `toleranceSeconds` of its timestamp. Returns the
 * parsed notification, or why it was refused (answer 401 then, and do nothing).
 */
export const verifyChangeNotification = ({
  body,
  now = Date.now(),
  secret,
  signature,
  toleranceSeconds = 300,
}: {
  body: string
  now?: number
  secret: string
  signature: null | string | undefined
  toleranceSeconds?: number
}): VerifyResult => {
  if (!signature) return { ok: false, reason: 'missing-signature' }
  const parts = Object.fromEntries(
    signature.split(',').map((part) => {
      const index = part.indexOf('=')
      return [part.slice(0, index).trim(), part.slice(index + 1).trim()]
    }),
  )
  const timestamp = Number(parts.t)
  const given = parts.v1 ?? ''
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'bad-signature' }
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex')
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'bad-signature' }
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' }
  try {
    const notification = JSON.parse(body) as ChangeNotification
    if (!notification || !Array.isArray(notification.roleSlugs) || !Array.isArray(notification.documents)) {
      return { ok: false, reason: 'bad-body' }
    }
    return { notification, ok: true }
  } catch {
    return { ok: false, reason: 'bad-body' }
  }
}
