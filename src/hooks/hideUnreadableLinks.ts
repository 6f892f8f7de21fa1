import type { CollectionAfterReadHook, CollectionSlug, PayloadRequest, Where } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { type DocID, linkedCollections, relationID, roleLinks } from './roleLinks.js'

/**
 * Per request: which linked documents the reader may read. A list of roles links the same skills
 * over and over; each is looked up once. Promises are stored so concurrent lookups share one query.
 */
const readableCache = new WeakMap<object, Map<string, Promise<Set<DocID> | true>>>()

const isPopulated = (value: unknown) => typeof value === 'object' && value !== null

/**
 * The IDs among `ids` of `collection` that the request's user may read, or `true` when the user's
 * read access to the collection is unrestricted (an editor): then no query is needed at all.
 */
const readableIDs = async (req: PayloadRequest, collection: string, ids: DocID[]): Promise<Set<DocID> | true> => {
  let cache = readableCache.get(req)
  if (!cache) {
    cache = new Map()
    readableCache.set(req, cache)
  }

  const accessKey = `${collection}:access`
  let access = cache.get(accessKey)
  if (!access) {
    const read = req.payload.collections[collection as CollectionSlug]?.config.access?.read
    access = (async () => {
      const result: boolean | Where = read ? await read({ req }) : Boolean(req.user)
      return result === true ? true : new Set<DocID>()
    })()
    cache.set(accessKey, access)
  }
  if ((await access) === true) return true

  const readable = new Set<DocID>()
  const missing: DocID[] = []
  const lookups: Promise<void>[] = []
  for (const id of ids) {
    const known = cache.get(`${collection}:${id}`)
    if (known) lookups.push(known.then((set) => void (set !== true && set.has(id) && readable.add(id))))
    else missing.push(id)
  }
  if (missing.length > 0) {
    const query = req.payload
      .find({
        collection: collection as CollectionSlug,
        depth: 0,
        limit: missing.length,
        // The reader's own access decides: this is the read Payload itself did not filter.
        overrideAccess: false,
        pagination: false,
        req,
        select: { id: true } as never,
        user: req.user,
        where: { id: { in: missing } },
      })
      .then(({ docs }) => new Set(docs.map((doc) => (doc as { id: DocID }).id)))
    for (const id of missing) cache.set(`${collection}:${id}`, query)
    lookups.push(query.then((set) => void missing.forEach((id) => set.has(id) && readable.add(id))))
  }
  await Promise.all(lookups)
  return readable
}

/**
 * Payload answers a link to a document the reader may not read (a draft skill on a published role,
 * say) with the bare ID. For readers with restricted access (anonymous visitors), this removes such
 * links from a role altogether: the link rows to skills, responsibilities and certifications, and
 * `buildsOn` entries. Readers with unrestricted access (editors) and trusted Local API calls
 * (`overrideAccess`) get the document unchanged.
 */
export const hideUnreadableLinksHook =
  (slugs: CatalogSlugs): CollectionAfterReadHook =>
  async ({ doc, overrideAccess, req }) => {
    if (overrideAccess === true || !doc || typeof doc !== 'object') return doc

    const checks: Promise<void>[] = []
    for (const name of linkedCollections) {
      const { arrayName, itemName } = roleLinks[name]
      const rows = doc[arrayName]
      if (!Array.isArray(rows) || rows.length === 0) continue
      const ids = rows
        .map((row) => row?.[itemName])
        .filter((value) => !isPopulated(value))
        .map(relationID)
        .filter((id): id is DocID => id !== undefined)
      checks.push(
        readableIDs(req, slugs[name], ids).then((readable) => {
          if (readable === true) return
          doc[arrayName] = rows.filter((row) => {
            const value = row?.[itemName]
            if (isPopulated(value)) return true
            const id = relationID(value)
            return id !== undefined && readable.has(id)
          })
        }),
      )
    }

    const buildsOn = doc.buildsOn
    if (Array.isArray(buildsOn) && buildsOn.length > 0) {
      const ids = buildsOn.filter((value) => !isPopulated(value)).map(relationID)
      checks.push(
        readableIDs(req, slugs.roles, ids.filter((id): id is DocID => id !== undefined)).then((readable) => {
          if (readable === true) return
          doc.buildsOn = buildsOn.filter((value) => {
            if (isPopulated(value)) return true
            const id = relationID(value)
            return id !== undefined && readable.has(id)
          })
        }),
      )
    }

    await Promise.all(checks)
    return doc
  }
