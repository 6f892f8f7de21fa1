import type { CollectionBeforeOperationHook, CollectionSlug, Where } from 'payload'

import { getFieldByPath, isolateObjectProperty, NotFound } from 'payload'

import type { ReadLimits } from '../plugin/options.js'

import { isInternalRead } from '../read/internalRead.js'
import { guardLinkFilters } from './guardLinkFilters.js'
import { validateSort, validateWhere } from './validateWhere.js'

/**
 * Payload's own population of links (its per-request DataLoader, which GraphQL relationship fields
 * and `depth` use): an unpaginated `find` by `id in [...]` with `disableErrors`. It reads documents
 * the response already links, so it is bounded by them; capping it at `maxLimit` turned every link
 * past the first `maxLimit` distinct documents into `null` (a list of 100 roles with 40 skills each).
 */
const isLinkPopulation = (args: Record<string, unknown>): boolean => {
  const where = args.where as Where | undefined
  return (
    args.disableErrors === true &&
    args.pagination === false &&
    args.limit === undefined &&
    !!where &&
    Object.keys(where).length === 1 &&
    Array.isArray((where.id as { in?: unknown } | undefined)?.in) &&
    Object.keys(where.id as object).length === 1
  )
}

/**
 * The page size of an unpaginated read made by Payload itself (a GraphQL join asks for `limit + 1`
 * documents to learn whether there is a next page): `limit` 0 gets `maxLimit`, more than
 * `maxLimit + 1` gets `maxLimit + 1`. Exported so the plugin's batched joins answer the same.
 */
export const unpaginatedReadLimit = (limit: number | undefined, maxLimit: number): number => {
  if (limit === 0 || limit === undefined) return maxLimit
  return limit > maxLimit + 1 ? maxLimit + 1 : limit
}

/**
 * Clamps what a REST or GraphQL read may ask for before it reaches the database: `limit=0`,
 * `pagination=false` and huge limits get `maxLimit`; `depth` is capped at `maxDepth`. Reads through
 * the Local API (seeding, imports, a site's own code) are the developer's call and left alone.
 *
 * A non-numeric ID is answered with 404 here: PostgreSQL would otherwise fail to cast it and
 * Payload would answer 500.
 */
export const boundReads =
  ({ maxDepth, maxLimit }: Required<ReadLimits>): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req: request }) => {
    if (request.payloadAPI === 'local') return args
    // The plugin's own reads by ID for a comparison or JSON-LD: bounded by the role's links.
    if (isInternalRead(request)) return args
    // Payload (3.90) leaves `req.locale` null for a request that names no locale when
    // `localization.fallback` is off (it substitutes the default locale only with fallback on), and
    // its query validation then fails on it: a 500 for `GET /api/skills` or GraphQL `Skills`. A
    // request without a locale reads and writes the default locale, as Payload documents. On a
    // request of this operation's own (the operation takes `args.req`): GraphQL resolvers share one
    // request, and a host collection's query next to a catalogue one must read as without the plugin.
    const localization = request.payload.config.localization
    let req = request
    if (localization && (req.locale === null || req.locale === undefined)) {
      req = isolateObjectProperty(request, 'locale')
      Object.assign(req, { locale: localization.defaultLocale })
    }
    validateWhere(req, collection, (args as { where?: Where }).where)
    validateSort(req, collection, (args as { sort?: string | string[] }).sort)
    // Joins asked for over REST (`joins[builtOnBy][where]…`, `joins[roles][sort]=…`) are read by the
    // adapter in the same query, with the same broken SQL for a localized list (a 500): checked
    // against the joined collection. (GraphQL's joins are reads of their own: src/graphql/batchedJoins.ts.)
    const joins = (args as { joins?: unknown }).joins
    if (joins && typeof joins === 'object') {
      for (const [path, query] of Object.entries(joins as Record<string, unknown>)) {
        if (!query || typeof query !== 'object') continue
        const field = getFieldByPath({ fields: collection.flattenedFields, path })?.field
        const joined = field?.type === 'join' && typeof field.collection === 'string' ? req.payload.collections[field.collection as CollectionSlug]?.config : undefined
        if (!joined) continue
        validateWhere(req, joined, (query as { where?: Where }).where)
        validateSort(req, joined, (query as { sort?: string | string[] }).sort)
      }
    }
    const next = { ...args, req }
    if ((next as { draft?: boolean }).draft && operation === 'read') {
      // Drafts live in the versions: a caller who may not read versions gets the published
      // documents, not an empty answer for every document that has a newer draft.
      const readVersions = collection.access?.readVersions
      const allowed = typeof readVersions === 'function' ? await readVersions({ req }) : true
      if (!allowed) Object.assign(next, { draft: false })
    }
    if ('where' in next || 'sort' in next) {
      const where = await guardLinkFilters({
        collection,
        maxMatches: maxLimit,
        req,
        sort: (next as { sort?: string | string[] }).sort,
        where: (next as { where?: Where }).where,
      })
      if (where) Object.assign(next, { where })
    }
    // REST has already run parseFloat over the ID ("12abc" → 12): judge the ID as it was sent.
    const id = (req.routeParams as { id?: unknown } | undefined)?.id ?? (args as { id?: unknown }).id
    if (id !== undefined && req.payload.db.defaultIDType === 'number' && !/^\d+$/.test(String(id))) {
      throw new NotFound(req.t)
    }
    if (operation === 'read' || operation === 'readDistinct' || operation === 'update' || operation === 'delete') {
      if ('depth' in next && typeof next.depth === 'number' && next.depth > maxDepth) next.depth = maxDepth
      if (operation !== 'read' && operation !== 'readDistinct') return next
      if (isLinkPopulation(next as Record<string, unknown>)) return next
      const { limit, pagination } = next as { limit?: number; pagination?: boolean }
      const unbounded = limit === 0 || (limit === undefined && pagination === false)
      const routeParams = req.routeParams as { collection?: string; id?: string } | undefined
      if (pagination === false && routeParams?.collection === collection.slug && !routeParams.id) {
        // `?pagination=false` on the REST list: answer with the first page and the paging information.
        Object.assign(next, { limit: unbounded || (limit ?? 0) > maxLimit ? maxLimit : limit, pagination: true })
      } else {
        // Unpaginated reads made by Payload itself stay unpaginated. The GraphQL join resolver asks
        // for limit + 1 to learn whether there is a next page, so that one extra row is allowed.
        if (pagination === false) {
          if (unbounded || (typeof limit === 'number' && limit > maxLimit + 1)) {
            Object.assign(next, { limit: unpaginatedReadLimit(limit ?? 0, maxLimit) })
          }
        } else if (unbounded) Object.assign(next, { limit: maxLimit })
        else if (typeof limit === 'number' && limit > maxLimit) Object.assign(next, { limit: maxLimit })
      }
    }
    return next
  }
