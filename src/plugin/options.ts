import type { CollectionConfig, Field, LivePreviewConfig, PayloadRequest } from 'payload'

import { z } from 'zod'

import type { TransportOptions } from '../changes/transport.js'
import type { ChangeNotificationOptions } from '../notify/outbox.js'

import { secretKey } from '../notify/signature.js'
import { MAX_SLUG_LENGTH } from './databaseNames.js'

/** The four collections the plugin adds, by their role in the catalogue (not by slug). */
export const catalogCollections = ['roles', 'responsibilities', 'certifications', 'skills'] as const
export type CatalogCollection = (typeof catalogCollections)[number]

/** The slug each catalogue collection ends up with after overrides. */
export type CatalogSlugs = Record<CatalogCollection, string>

export type CollectionOverride = {
  access?: CollectionConfig['access']
  admin?: CollectionConfig['admin']
  /** Receives the plugin's fields; return the list to use (add, drop or change fields). */
  fields?: (args: { defaultFields: Field[] }) => Field[]
  hooks?: CollectionConfig['hooks']
  labels?: CollectionConfig['labels']
  slug?: string
}

export type ReadLimits = {
  /** Largest `depth` a REST or GraphQL read of the catalogue may ask for. */
  maxDepth?: number
  /** Largest page a REST or GraphQL list may return; `limit=0` and `pagination=false` get this too. */
  maxLimit?: number
}

export type GraphQLLimits = {
  /** Most aliases in one GraphQL operation. */
  maxAliases?: number
  /** Deepest selection in one GraphQL operation (fragments flattened). */
  maxDepth?: number
}

export type EditorDrafts = {
  /**
   * Save drafts while the editor types (Payload's `versions.drafts.autosave`): the interval in
   * milliseconds, or `false` for explicit *Save Draft* only. Default 1000 ms: a reload or a closed
   * tab loses at most about that much typing. Autosaved drafts pass the same hooks (slug
   * uniqueness, delete guard) as saved ones.
   */
  autosave?: false | { interval?: number }
  /**
   * Let editors schedule a publish or unpublish at a date and time (Payload's
   * `versions.drafts.schedulePublish`). Adds Payload's jobs queue (the `payload-jobs` collection);
   * the site must run the queue (`jobs.autoRun`, a job runner, or the `/api/payload-jobs/run`
   * route on a cron). `timeIntervals` are the minutes between the picker's times (default 5),
   * `timeFormat` its clock (default `h:mm aa`). Default true.
   */
  schedulePublish?: boolean | { timeFormat?: string; timeIntervals?: number }
}

export type ResponseCacheOptions = {
  /**
   * Most memory the cached answers may take, in bytes. Answers asked for once go first (least
   * recently used first), then answers that were hit. Default 64 MiB.
   */
  maxBytes?: number
  /**
   * Most cached answers per operation (one GraphQL operation, one REST path pattern such as
   * `/api/roles/:slug/jsonld`): beyond it, that operation's least recently used answer nobody asked
   * for again goes. A flood of distinct parameter values never takes more. Default 10,000.
   */
  maxVariants?: number
  /** `s-maxage` (seconds) on cacheable anonymous answers: how long a CDN may serve one without asking. Default 10. */
  sMaxAge?: number
  /** `stale-while-revalidate` (seconds) on the same answers: how long a CDN may serve one while it refetches. Default 30. */
  staleWhileRevalidate?: number
}

/** What `preview.url` is called with. */
export type RolePreviewURLArgs = {
  /**
   * The role to show, as the editor has it: the form's current values (live preview) or the saved
   * document, drafts included. On a skill, certification or responsibility: the first role (by
   * title) that links it.
   */
  doc: Record<string, unknown> & { id?: number | string; slug?: null | string }
  /** The content locale the editor works in; undefined when the site has no localization. */
  locale: string | undefined
  /** The admin request (the editor's user is `req.user`). */
  req: PayloadRequest
}

export type PreviewOptions = {
  /** Device sizes offered in the live preview's toolbar (Payload's `livePreview.breakpoints`). */
  breakpoints?: LivePreviewConfig['breakpoints']
  /** Show Payload's live preview on the role edit screen. Default true. */
  livePreview?: boolean
  /**
   * Where the host's frontend shows a role: an absolute URL, or a path on the admin's own origin.
   * Used for the live preview on roles and the Preview button on all four collections. Return null
   * when the role cannot be shown yet (e.g. no slug): the admin then offers no preview.
   */
  url: (args: RolePreviewURLArgs) => null | Promise<null | string> | string
}

export type InstanceSyncOptions = {
  /** The LISTEN/NOTIFY channel; every instance of one site must use the same. Default `role_catalog_changes`. */
  channel?: string
  /**
   * A connection string for the notification connection, when the adapter's goes through a
   * transaction-pooling proxy (PgBouncer in transaction mode cannot carry LISTEN): point it at
   * PostgreSQL itself, or a session-pooling port. Default: the adapter's pool options.
   */
  connectionString?: string
  /**
   * The promise for cached answers: an instance serves them only while a heartbeat it sent itself
   * through PostgreSQL at most this long ago has come back (so every change committed before then
   * has reached it). While it cannot prove that (starting, reconnecting, a hung or deaf connection)
   * it answers from the database. Heartbeats go out four times per period. Default 2000 ms.
   */
  maxStalenessMs?: number
}

export type ChangeNotificationsOption = {
  /**
   * Days a delivered notification stays in the outbox (for editors to look up) before the delivery
   * task deletes it; `false` keeps every one. Failed deliveries stay until an admin user deletes them.
   * Default 30.
   */
  keepDeliveredDays?: false | number
  /** Tries per notification and URL, the first included; then the delivery is marked failed (an editor can redeliver it). Default 10. */
  maxAttempts?: number
  /** Longest wait between two tries (a receiver's `Retry-After` may ask for longer, up to a day). Default 900000 ms (15 min). */
  maxRetryDelayMs?: number
  /** Wait before the first retry, doubled for each further one. Default 1000 ms. */
  retryDelayMs?: number
  /**
   * Standard Webhooks secrets (`whsec_<base64 of 24 to 64 random bytes>`). Each notification is
   * signed with every one: list the new and the old while receivers move to the new (rotation).
   * Receivers check with `verifyChangeNotification` or any Standard Webhooks library.
   */
  secrets: string[]
  /** Slug of the outbox collection (one document per notification and URL, shown to admin users). Default `role-catalog-deliveries`. */
  slug?: string
  /** How long one POST may take. Default 5000 ms. */
  timeoutMs?: number
  /** Where to POST: the frontends' revalidation routes. */
  urls: string[]
}

export type SearchOptions = {
  /**
   * Fields a host added (through `overrides.<collection>.fields`) that search should find too, by
   * collection: top-level `text` or `textarea` fields (hasMany text too), e.g. `{ roles: ['tags'] }`.
   * They count as descriptions in the ranking. Schema: their indexes are made whether or not `disabled`.
   */
  fields?: Partial<Record<CatalogCollection, string[]>>
  /**
   * PostgreSQL text search configuration per locale code (stemming), e.g. `{ 'de-CH': 'german' }`,
   * over the built-in map (en → english, de → german, fr → french, ...; unknown → simple). A site
   * without localization uses `language` (default `english`).
   */
  configurations?: Record<string, string>
  language?: string
}

export type RoleCatalogPluginOptions = {
  /** Label of the admin navigation group that holds the four collections. */
  adminGroup?: string
  /**
   * Webhooks: for every change readers can see, a notification (collection, documents, operation,
   * affected role slugs) is recorded in the change's own transaction (an outbox collection) and
   * POSTed, signed as Standard Webhooks say, to each URL by Payload's jobs queue: at least once, in
   * order per URL, with retries (src/notify). Schema: adds the outbox collection and a jobs task.
   */
  changeNotifications?: ChangeNotificationsOption
  /**
   * Keep the collections (so the database schema and migrations stay the same) but add no hooks,
   * endpoints, GraphQL queries or seeding.
   */
  disabled?: boolean
  /**
   * How editors' drafts behave in the four collections. Schema (autosave adds a column to the
   * versions tables, scheduling adds the jobs collection), so applied whether or not `disabled`.
   */
  drafts?: EditorDrafts
  /**
   * GraphQL validation rules added to the host's, for the whole schema. Off unless given, because
   * they apply to the host's own queries too.
   */
  graphQL?: GraphQLLimits
  /**
   * Several instances of one site: changes made on one reach the others' caches through LISTEN/NOTIFY
   * on a dedicated PostgreSQL connection per instance (src/changes/transport.ts). On by default
   * (one extra connection per instance); `false` for a site that runs one instance only.
   */
  instanceSync?: false | InstanceSyncOptions
  /** Bounds on reads of the catalogue's collections over REST and GraphQL (not the Local API). */
  limits?: ReadLimits
  overrides?: Partial<Record<CatalogCollection, CollectionOverride>>
  /**
   * Answer anonymous reads of the catalogue (GraphQL queries over it, REST reads of its collections,
   * the comparison and JSON-LD endpoints) from an in-memory cache of this instance, each answer
   * dropped by the changes readers could see that affect it; and mark them cacheable for CDNs (`Cache-Control: public`). `true` for
   * the defaults. Needs the plugin's route helpers in the site's route files (`catalogGraphQLRoute`,
   * `withCatalogRestCache`). Default off.
   */
  responseCache?: boolean | ResponseCacheOptions
  /**
   * Previews on the host's frontend: live preview of the role page while an editor types, and a
   * Preview button (roles, and the items, which preview a role that links them). Off unless given.
   */
  preview?: PreviewOptions
  /** Text search and autocomplete (`searchCatalog`, `suggestCatalog`; docs/frontend.md). */
  search?: SearchOptions
  /** Seed the article content on init; only documents whose slug is missing are created. */
  seed?: boolean
  /**
   * Answer `roleBySlug`, `compareRoles`, the JSON-LD endpoint and GraphQL's `roles` joins with the
   * plugin's own SQL (src/read/tunedReads.ts) where it answers exactly what Payload's generic reads
   * would: only while the collections keep the plugin's access, hooks and fields. Default true.
   */
  tunedReads?: boolean
}

export type ResolvedSearchOptions = {
  configurations: Record<string, string>
  fields: Record<CatalogCollection, string[]>
  language: string
}

export type ResolvedEditorDrafts = {
  autosave: false | { interval: number }
  schedulePublish: false | { timeFormat?: string; timeIntervals?: number }
}

export type ResolvedRoleCatalogOptions = {
  adminGroup: string
  changeNotifications: ChangeNotificationOptions | undefined
  disabled: boolean
  drafts: ResolvedEditorDrafts
  graphQL: GraphQLLimits
  instanceSync: false | TransportOptions
  limits: Required<ReadLimits>
  overrides: Partial<Record<CatalogCollection, CollectionOverride>>
  responseCache: Required<ResponseCacheOptions> & { enabled: boolean }
  search: ResolvedSearchOptions
  preview: null | Required<Pick<PreviewOptions, 'livePreview'>> & PreviewOptions
  seed: boolean
  slugs: CatalogSlugs
  tunedReads: boolean
}

export const defaultSlugs: CatalogSlugs = {
  certifications: 'certifications',
  responsibilities: 'responsibilities',
  roles: 'roles',
  skills: 'skills',
}

/** Milliseconds between autosaves while an editor types (`drafts.autosave.interval`). */
export const defaultAutosaveInterval = 1000

const isFunction = (value: unknown): value is (...args: unknown[]) => unknown =>
  typeof value === 'function'

const fn = (what: string) => z.custom<(...args: never[]) => unknown>(isFunction, `must be a function (${what})`)

const collectionSlug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter')
  // Every table, enum, index and key name the plugin's collections make fits PostgreSQL's 63
  // characters up to this length (src/plugin/databaseNames.ts); beyond it, Payload's own names
  // (e.g. `enum__<slug>_v_published_locale`) would not.
  .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters, so the database names made from it fit PostgreSQL's 63`)

const plainObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be an object',
)

const overrideSchema = z
  .object({
    slug: collectionSlug.optional(),
    access: z
      .record(z.string(), z.union([fn('an access function'), z.boolean()]))
      .optional(),
    admin: plainObject.optional(),
    fields: fn('({ defaultFields }) => Field[]').optional(),
    hooks: z.record(z.string(), z.array(fn('a hook'))).optional(),
    labels: z.object({ plural: z.unknown(), singular: z.unknown() }).optional(),
  })
  .strict()

const positiveInt = z.number().int().positive()

const httpUrl = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}, 'must be an http(s) URL')

// Spliced into SQL as a `regconfig` literal: a plain identifier only.
const textSearchConfiguration = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a PostgreSQL text search configuration name, e.g. "german"')
const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a top-level field name')

const optionsSchema = z
  .object({
    adminGroup: z.string().min(1).optional(),
    changeNotifications: z
      .object({
        keepDeliveredDays: z.union([z.literal(false), z.number().positive().max(36_500, 'must be at most 36500 (a hundred years), or false to keep every delivery')]).optional(),
        maxAttempts: z.number().int().min(1).max(50).optional(),
        maxRetryDelayMs: positiveInt.optional(),
        retryDelayMs: positiveInt.optional(),
        secrets: z
          .array(
            z.string().superRefine((value, context) => {
              const key = secretKey(value)
              if (typeof key === 'string') context.addIssue({ code: 'custom', message: key })
            }),
          )
          .min(1, 'must list at least one secret'),
        slug: collectionSlug.optional(),
        timeoutMs: positiveInt.optional(),
        urls: z.array(httpUrl).min(1),
      })
      .strict()
      .optional(),
    disabled: z.boolean().optional(),
    drafts: z
      .object({
        autosave: z
          .union([
            z.literal(false),
            // Below 100 ms every keystroke is a request; above a minute a reload loses too much.
            z.object({ interval: z.number().int().min(100).max(60_000).optional() }).strict(),
          ])
          .optional(),
        schedulePublish: z
          .union([
            z.boolean(),
            z
              .object({
                timeFormat: z.string().min(1).optional(),
                timeIntervals: z.number().int().min(1).max(60).optional(),
              })
              .strict(),
          ])
          .optional(),
      })
      .strict()
      .optional(),
    graphQL: z
      .object({ maxAliases: positiveInt.optional(), maxDepth: positiveInt.optional() })
      .strict()
      .optional(),
    instanceSync: z
      .union([
        z.literal(false),
        z
          .object({
            channel: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case identifier (letters, digits, _)').optional(),
            connectionString: z.string().min(1).optional(),
            maxStalenessMs: z.number().int().min(200).max(600_000).optional(),
          })
          .strict(),
      ])
      .optional(),
    limits: z
      .object({ maxDepth: z.number().int().min(0).max(10).optional(), maxLimit: positiveInt.optional() })
      .strict()
      .optional(),
    overrides: z
      .object({
        certifications: overrideSchema.optional(),
        responsibilities: overrideSchema.optional(),
        roles: overrideSchema.optional(),
        skills: overrideSchema.optional(),
      })
      .strict()
      .optional(),
    // `true` is the object with every default, `false` none: errors then name the field at fault.
    responseCache: z
      .preprocess(
        (value) => (value === true ? {} : value === false ? undefined : value),
        z
          .object({
            maxBytes: z.number().int().min(1024).optional(),
            maxVariants: z.number().int().min(1).optional(),
            sMaxAge: z.number().int().min(0).optional(),
            staleWhileRevalidate: z.number().int().min(0).optional(),
          })
          .strict()
          .optional(),
      )
      .optional(),
    preview: z
      .object({
        breakpoints: z
          .array(
            z
              .object({
                name: z.string().min(1),
                height: z.union([z.number().positive(), z.string().min(1)]),
                label: z.string().min(1),
                width: z.union([z.number().positive(), z.string().min(1)]),
              })
              .strict(),
          )
          .optional(),
        livePreview: z.boolean().optional(),
        url: fn('({ doc, locale, req }) => string | null'),
      })
      .strict()
      .optional(),
    search: z
      .object({
        configurations: z.record(z.string(), textSearchConfiguration).optional(),
        fields: z
          .object(Object.fromEntries(catalogCollections.map((name) => [name, z.array(fieldName).optional()])) as Record<CatalogCollection, z.ZodOptional<z.ZodArray<typeof fieldName>>>)
          .strict()
          .optional(),
        language: textSearchConfiguration.optional(),
      })
      .strict()
      .optional(),
    seed: z.boolean().optional(),
    tunedReads: z.boolean().optional(),
  })
  .strict()

export class RoleCatalogOptionsError extends Error {
  constructor(message: string) {
    super(`roleCatalogPlugin: ${message}`)
    this.name = 'RoleCatalogOptionsError'
  }
}

const describePath = (path: PropertyKey[]): string =>
  path.length === 0 ? 'options' : path.map(String).join('.')

/**
 * Validates the options once and applies every default in one place. Throws a
 * RoleCatalogOptionsError naming the first offending option.
 */
export const resolveOptions = (options: unknown = {}): ResolvedRoleCatalogOptions => {
  // The option of 0.1 (one HMAC key of any form) has no safe meaning under Standard Webhooks.
  if ((options as { changeNotifications?: { secret?: unknown } } | null)?.changeNotifications?.secret !== undefined) {
    throw new RoleCatalogOptionsError(
      'invalid option `changeNotifications.secret`: replaced by `secrets`, a list of Standard Webhooks secrets (`whsec_<base64 of 24 to 64 random bytes>`), see docs/production.md',
    )
  }
  const parsed = optionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const keys =
      issue.code === 'unrecognized_keys' ? ` (unknown: ${issue.keys.join(', ')})` : ''
    throw new RoleCatalogOptionsError(
      `invalid option \`${describePath(issue.path)}\`: ${issue.message}${keys}`,
    )
  }
  const value = parsed.data as RoleCatalogPluginOptions
  const overrides = value.overrides ?? {}
  const slugs = Object.fromEntries(
    catalogCollections.map((name) => [name, overrides[name]?.slug ?? defaultSlugs[name]]),
  ) as CatalogSlugs

  const seen = new Map<string, CatalogCollection>()
  for (const name of catalogCollections) {
    const other = seen.get(slugs[name])
    if (other) {
      throw new RoleCatalogOptionsError(
        `invalid option \`overrides.${name}.slug\`: "${slugs[name]}" is already used by ${other}`,
      )
    }
    seen.set(slugs[name], name)
  }

  const notifications = value.changeNotifications
  return {
    adminGroup: value.adminGroup ?? 'Role Catalog',
    changeNotifications: notifications
      ? {
          keepDeliveredDays: notifications.keepDeliveredDays ?? 30,
          maxAttempts: notifications.maxAttempts ?? 10,
          maxRetryDelayMs: notifications.maxRetryDelayMs ?? 15 * 60_000,
          retryDelayMs: notifications.retryDelayMs ?? 1000,
          secrets: notifications.secrets,
          slug: notifications.slug ?? 'role-catalog-deliveries',
          timeoutMs: notifications.timeoutMs ?? 5000,
          urls: notifications.urls,
        }
      : undefined,
    disabled: value.disabled ?? false,
    drafts: {
      autosave:
        value.drafts?.autosave === false ? false : { interval: value.drafts?.autosave?.interval ?? defaultAutosaveInterval },
      schedulePublish:
        value.drafts?.schedulePublish === false
          ? false
          : value.drafts?.schedulePublish === true || value.drafts?.schedulePublish === undefined
            ? {}
            : value.drafts.schedulePublish,
    },
    graphQL: value.graphQL ?? {},
    instanceSync:
      value.instanceSync === false
        ? false
        : {
            channel: value.instanceSync?.channel ?? 'role_catalog_changes',
            connectionString: value.instanceSync?.connectionString,
            heartbeatIntervalMs: Math.round((value.instanceSync?.maxStalenessMs ?? 2000) / 4),
            maxReconnectDelayMs: 5000,
            maxStalenessMs: value.instanceSync?.maxStalenessMs ?? 2000,
          },
    limits: { maxDepth: value.limits?.maxDepth ?? 3, maxLimit: value.limits?.maxLimit ?? 100 },
    overrides,
    responseCache: {
      enabled: Boolean(value.responseCache),
      maxBytes: 64 * 1024 * 1024,
      maxVariants: 10_000,
      sMaxAge: 10,
      staleWhileRevalidate: 30,
      ...(typeof value.responseCache === 'object' ? value.responseCache : {}),
    },
    preview: value.preview ? { ...value.preview, livePreview: value.preview.livePreview ?? true } : null,
    search: {
      configurations: value.search?.configurations ?? {},
      fields: Object.fromEntries(catalogCollections.map((name) => [name, value.search?.fields?.[name] ?? []])) as Record<CatalogCollection, string[]>,
      language: value.search?.language ?? 'english',
    },
    seed: value.seed ?? false,
    slugs,
    tunedReads: value.tunedReads ?? true,
  }
}
