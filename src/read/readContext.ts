import type { CollectionSlug, PayloadRequest } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { replicasHaveReplayed } from '../replicas/replayFreshness.js'
import { markChangeSeen, readDatabaseFor } from '../replicas/routing.js'
import { normalizeFallbackLocale } from './requestLocale.js'

/**
 * What one read of the catalogue answers for: the ONE shape that the GraphQL queries, the REST
 * endpoints, the readers (src/read/catalogReader.ts, src/read/tunedReads.ts), the response cache and
 * the read-replica routing share. Everything that can change an answer, or where it may be read
 * from and kept, is here and nowhere else; a feature that needs a new dimension adds a field here.
 *
 * Made once per read by `readContextFor`, from the request and the query's own arguments, and then
 * passed down unchanged: nothing below the entry point looks at `req.query.draft` or `req.locale`.
 */
export type ReadContext = {
  /**
   * Cache scope. `public`: the caller presented no credentials and reads published content, so the
   * answer is the same for every such caller and may be shared (the response cache, CDNs).
   * `private`: a user, or a draft: never shared, never kept.
   */
  cacheScope: 'private' | 'public'
  /**
   * Where the read's SQL may go. `replica` only for public reads outside a transaction and outside
   * the instance's read-your-writes window (its own writes, and changes other instances announced),
   * when every replica has replayed the changes this instance knows of (src/replicas/replayFreshness.ts);
   * everything else reads the primary, so an editor always sees what they just saved. Decided by
   * src/replicas/routing.ts, which also picks the connection the plugin's own SQL runs on.
   */
  database: 'primary' | 'replica'
  /** The newest drafts instead of the published documents: only ever true for callers who may read versions. */
  draft: boolean
  /**
   * Where text missing in `locale` comes from: a locale code, a chain of them (a locale's own
   * `fallbackLocale` list in the config), or false for none; undefined when the site has no
   * localization. Normalised (`'none'` → false) so equal reads have equal keys.
   */
  fallbackLocale: false | string | string[] | undefined
  /** The content locale (a configured locale code, or `all`); undefined when the site has no localization. */
  locale: string | undefined
}

export type ReadContextArgs = {
  /** What the caller asked for (`draft` argument or `?draft=true`); granted only with `readVersions` access. */
  draft?: boolean | null
  /** The catalogue's slugs: whose `readVersions` access decides `draft`. */
  slugs: CatalogSlugs
}

/**
 * Whether the request's user may read versions (drafts) of the roles collection: the collection's
 * `readVersions` access, as Payload itself checks it for `draft: true` reads (no function: allowed).
 */
const mayReadVersions = async (req: PayloadRequest, slugs: CatalogSlugs): Promise<boolean> => {
  const readVersions = req.payload.collections[slugs.roles as CollectionSlug]?.config.access?.readVersions
  if (typeof readVersions !== 'function') return true
  return Boolean(await readVersions({ req }))
}

/**
 * The read context of one read: drafts only for callers allowed to read versions (others get the
 * published content, as Payload's own reads do), the request's locale and fallback locale, the cache
 * scope and the database it may be answered from.
 */
export const readContextFor = async (req: PayloadRequest, { draft, slugs }: ReadContextArgs): Promise<ReadContext> => {
  // Taken before anything is awaited: a request the GraphQL resolvers share (the operation's own) has
  // its locale and fallback rewritten by Payload's DataLoader whenever it runs a batch (createLocalReq
  // with the batch's fallback, often the locale's default one), so read later they may no longer be
  // what this read was asked for (a `fallbackLocale: none` read then took English text, at random).
  const localized = Boolean(req.payload.config.localization)
  const fallbackLocale = localized ? normalizeFallbackLocale(req.fallbackLocale) : undefined
  const locale = localized ? (req.locale ?? undefined) : undefined
  const wantsDraft = draft ?? req.query?.draft === 'true'
  const granted = wantsDraft ? await mayReadVersions(req, slugs) : false
  const cacheScope = !req.user && !granted ? 'public' : 'private'
  let database = readDatabaseFor(req, cacheScope)
  if (database === 'replica' && !(await replicasHaveReplayed(req.payload))) {
    // A replica has not replayed a change this instance knows of (src/replicas/replayFreshness.ts):
    // the primary answers, and Payload's own reads follow it (its read-your-writes window reopens).
    markChangeSeen(req.payload)
    database = 'primary'
  }
  return {
    cacheScope,
    database,
    draft: granted,
    // Set by the entry points from their arguments first (src/read/requestLocale.ts), as Payload's own resolvers do.
    fallbackLocale,
    locale,
  }
}

/** A key of everything in the context that changes an answer (not where it is read from). */
export const readContextKey = (context: ReadContext): string =>
  `${context.draft ? 'draft' : 'published'}|${context.locale ?? ''}|${context.fallbackLocale === false ? 'none' : ([context.fallbackLocale ?? ''].flat().join(','))}`
