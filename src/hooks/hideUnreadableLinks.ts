import type { CollectionAfterReadHook, CollectionSlug, PayloadRequest, Where } from 'payload'

import DataLoader from 'dataloader'

import type { CatalogSlugs } from '../plugin/options.js'

import { internalReadRequest } from '../read/internalRead.js'
import { type DocID, linkedCollections, relationID, roleLinks } from './roleLinks.js'

type Readable = {
  /** `true`: the user's read access to the collection is unrestricted (an editor); no query needed. */
  access: Promise<boolean>
  /** Whether the user may read a document, by ID; batched across every role read in the same tick. */
  byID: DataLoader<DocID, boolean, string>
}

/**
 * Per request and collection: which linked documents the reader may read. The afterRead hooks of
 * all the roles in one `find` run together, so the IDs they ask about land in one DataLoader batch:
 * one query per linked collection for a whole list, not one per role. Each ID is looked up once.
 */
const readableCache = new WeakMap<object, Map<string, Readable>>()

const isPopulated = (value: unknown) => typeof value === 'object' && value !== null

const readableFor = (req: PayloadRequest, collection: string): Readable => {
  let cache = readableCache.get(req)
  if (!cache) {
    cache = new Map()
    readableCache.set(req, cache)
  }
  let readable = cache.get(collection)
  if (!readable) {
    const read = req.payload.collections[collection as CollectionSlug]?.config.access?.read
    readable = {
      access: (async () => {
        const result: boolean | Where = read ? await read({ req }) : Boolean(req.user)
        return result === true
      })(),
      byID: new DataLoader(
        async (ids) => {
          const { docs } = await req.payload.find({
            collection: collection as CollectionSlug,
            depth: 0,
            limit: ids.length,
            // The reader's own access decides: this is the read Payload itself did not filter.
            overrideAccess: false,
            pagination: false,
            // The plugin's own read by ID, bounded by the roles' links: exempt from the caller-facing
            // page limit (src/hooks/boundReads.ts), which would otherwise hide links past it.
            req: internalReadRequest(req),
            select: { id: true } as never,
            user: req.user,
            where: { id: { in: [...ids] } },
          })
          const found = new Set(docs.map((doc) => String((doc as { id: DocID }).id)))
          return ids.map((id) => found.has(String(id)))
        },
        { cacheKeyFn: (id) => String(id) },
      ),
    }
    cache.set(collection, readable)
  }
  return readable
}

/**
 * The IDs among `ids` of `collection` that the request's user may read, or `true` when the user's
 * read access to the collection is unrestricted (an editor): then no query is needed at all.
 */
const readableIDs = async (req: PayloadRequest, collection: string, ids: DocID[]): Promise<Set<DocID> | true> => {
  const { access, byID } = readableFor(req, collection)
  if (await access) return true
  const allowed = await byID.loadMany(ids)
  return new Set(ids.filter((_, index) => allowed[index] === true))
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
