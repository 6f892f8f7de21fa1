import type { Access, CollectionConfig, Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { ChangeNotificationOptions } from './outbox.js'

import { clientComponent } from '../fields/adminComponents.js'
import { isAdminUser } from '../plugin/access.js'

/** Status of one delivery: waiting (or between retries), received by the URL, or given up on. */
export const deliveryStatuses = ['pending', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof deliveryStatuses)[number]

/** One document of the outbox collection, as the plugin reads and writes it. */
export type DeliveryDoc = {
  attempts: number
  body: string
  deliveredAt?: null | string
  id: number | string
  lastAttemptAt?: null | string
  lastResponse?: null | string
  lastResponseStatus?: null | number
  lockedUntil?: null | string
  nextAttemptAt?: null | string
  status: DeliveryStatus
  url: string
  webhookId: string
}

const adminUsersOnly: Access = ({ req }) => isAdminUser(req)

/**
 * The outbox: one document per notification and receiving URL, written in the change's own
 * transaction (./outbox.ts) and updated by every attempt. Admin users see it in the admin (status,
 * attempts, last response, when) and can redeliver one; nobody else can read it, and nobody creates
 * or edits one by hand (the plugin writes it with overrideAccess). Schema: present whenever the option
 * is given, whether or not the plugin is disabled.
 */
export const deliveriesCollection = (
  settings: ChangeNotificationOptions,
  adminGroup: NonNullable<CollectionConfig['admin']>['group'],
): CollectionConfig => ({
  slug: settings.slug,
  access: {
    create: () => false,
    delete: adminUsersOnly,
    read: adminUsersOnly,
    update: () => false,
  },
  admin: {
    defaultColumns: ['webhookId', 'url', 'status', 'attempts', 'lastResponseStatus', 'lastAttemptAt', 'createdAt'],
    description:
      'Change notifications (webhooks) sent to the frontends: one row per change and URL, in the order they are sent. A failed one can be sent again.',
    group: adminGroup,
    useAsTitle: 'webhookId',
  },
  endpoints: [redeliverEndpoint(settings)],
  // Nobody edits a delivery: no duplicating, no edit locks (and no column in Payload's locks table).
  disableDuplicate: true,
  // Not part of the public GraphQL schema: REST and the admin are enough for admin users.
  graphQL: false,
  fields: [
    { name: 'webhookId', type: 'text', admin: { readOnly: true }, index: true, label: 'Notification id', required: true },
    { name: 'url', type: 'text', admin: { readOnly: true }, index: true, label: 'URL', required: true },
    {
      name: 'status',
      type: 'select',
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: 'pending',
      index: true,
      options: [...deliveryStatuses],
      required: true,
    },
    // No defaultValue: a numeric column default is a difference drizzle-kit's push never settles; the plugin always sets it.
    { name: 'attempts', type: 'number', admin: { position: 'sidebar', readOnly: true }, required: true },
    { name: 'lastAttemptAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true } },
    { name: 'nextAttemptAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true } },
    { name: 'deliveredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true } },
    // While an attempt is under way: another runner leaves the URL alone until then (a crashed
    // runner's attempt is retried after it).
    { name: 'lockedUntil', type: 'date', admin: { hidden: true } },
    { name: 'lastResponseStatus', type: 'number', admin: { readOnly: true }, label: 'Last HTTP status' },
    { name: 'lastResponse', type: 'textarea', admin: { readOnly: true }, label: 'Last response (or error)' },
    { name: 'operation', type: 'text', admin: { readOnly: true } },
    { name: 'collectionSlug', type: 'text', admin: { readOnly: true }, label: 'Collection' },
    {
      name: 'redeliveryOf',
      type: 'relationship',
      admin: { readOnly: true },
      relationTo: settings.slug as never,
    },
    // Exactly the bytes that are signed: text, not JSON (PostgreSQL's jsonb would reorder keys).
    { name: 'body', type: 'textarea', admin: { readOnly: true }, label: 'Body (JSON)', required: true },
    {
      name: 'redeliver',
      type: 'ui',
      admin: { components: { Field: clientComponent('RedeliverButton') } },
    },
  ],
  labels: { plural: 'Webhook deliveries', singular: 'Webhook delivery' },
  lockDocuments: false,
  timestamps: true,
})

type RedeliverHandler = (req: PayloadRequest, delivery: DeliveryDoc) => Promise<DeliveryDoc>

const redeliverers = new WeakMap<object, RedeliverHandler>()

/** Wired by the outbox at start-up (it owns writing deliveries); keyed by the Payload instance. */
export const setRedeliverer = (payload: object, handler: RedeliverHandler): void => void redeliverers.set(payload, handler)

/**
 * `POST /api/<slug>/:id/redeliver`: queues the delivery's notification again for its URL, as a new
 * delivery at the end of that URL's queue (same `webhook-id`, so a receiver that has it can drop
 * it). Admin users only: the delivery is read with the caller's access first.
 */
const redeliverEndpoint = (settings: ChangeNotificationOptions): Endpoint => ({
  handler: async (req) => {
    if (!isAdminUser(req)) throw new APIError('Only admin users may redeliver webhooks.', req.user ? 403 : 401, undefined, true)
    const id = req.routeParams?.id
    const numeric = req.payload.db.defaultIDType === 'number'
    if (typeof id !== 'string' || (numeric && !/^\d+$/.test(id))) {
      throw new APIError('id: not a delivery id', 400, undefined, true)
    }
    const delivery = (await req.payload
      .findByID({ id, collection: settings.slug as never, depth: 0, overrideAccess: false, req, user: req.user })
      .catch(() => null)) as DeliveryDoc | null
    if (!delivery) throw new APIError(`id: no delivery ${id}`, 404, undefined, true)
    const redeliver = redeliverers.get(req.payload)
    if (!redeliver) throw new APIError('Change notifications are not running on this site (plugin disabled).', 409, undefined, true)
    const queued = await redeliver(req, delivery)
    return Response.json({ doc: queued, message: `Delivery ${queued.id} queued.` }, { status: 201 })
  },
  method: 'post',
  path: '/:id/redeliver',
})
