import type { CollectionBeforeValidateHook, CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import { APIError, headersWithCors, NotFound, parseParams, restoreVersionOperation } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { type DocID, linkedCollections, relationID, roleLinks } from './roleLinks.js'

/** Where the hook leaves what it dropped, for the restore endpoint's message (same request). */
const DROPPED_LINKS = 'roleCatalogDroppedLinks'

type DroppedLink = { arrayLabel: string; note?: string; position: number; requirement?: string }

const label = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? value : fallback)

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * Restoring an old version of a role brings back its links as they were, including links to items
 * deleted since. PostgreSQL has already emptied those rows' item (ON DELETE SET NULL on the versions
 * tables), so the restored role would get link rows without an item: a validation error on the
 * restore and on every later publish. Drops those rows (and rows whose item ID no longer exists,
 * where the database kept it) and notes what it dropped for the message.
 *
 * Runs only while Payload restores a version (`context.isRestoringVersion`), before validation.
 */
export const dropDeletedLinksOnRestore =
  (slugs: CatalogSlugs): CollectionBeforeValidateHook =>
  async ({ collection, context, data, req }) => {
    if (!context?.isRestoringVersion || !data) return data
    const dropped: DroppedLink[] = []
    // In the order the role's form shows the link lists, so the message reads like the form.
    const position = (name: (typeof linkedCollections)[number]) =>
      collection.flattenedFields.findIndex((field) => field.name === roleLinks[name].arrayName)
    for (const name of [...linkedCollections].sort((a, b) => position(a) - position(b))) {
      const { arrayName, itemName } = roleLinks[name]
      const rows = data[arrayName]
      if (!Array.isArray(rows) || rows.length === 0) continue
      const existing = await existingIDs(req, slugs[name], rows.map((row) => relationID(row?.[itemName])))
      const field = collection.flattenedFields.find((each) => each.name === arrayName)
      const arrayLabel = label(
        field && 'label' in field && typeof field.label === 'string' ? field.label : undefined,
        capitalised(arrayName),
      )
      const kept = rows.filter((row, index) => {
        const id = relationID(row?.[itemName])
        if (id !== undefined && existing.has(String(id))) return true
        dropped.push({
          arrayLabel,
          note: typeof row?.note === 'string' && row.note !== '' ? row.note : undefined,
          position: index + 1,
          requirement: typeof row?.requirement === 'string' ? row.requirement : undefined,
        })
        return false
      })
      data[arrayName] = kept
    }
    if (dropped.length > 0) {
      req.context[DROPPED_LINKS] = [...((req.context[DROPPED_LINKS] as DroppedLink[] | undefined) ?? []), ...dropped]
    }
    return data
  }

const existingIDs = async (req: PayloadRequest, slug: string, ids: (DocID | undefined)[]) => {
  const wanted = [...new Set(ids.filter((id): id is DocID => id !== undefined))]
  if (wanted.length === 0) return new Set<string>()
  // Whether the item exists at all, whatever the restoring editor may read: a link to an item
  // they cannot read is still a link (read through the adapter, like the delete guard).
  const found = await req.payload.db.find({
    collection: slug as CollectionSlug,
    limit: wanted.length,
    pagination: false,
    req,
    select: { id: true } as never,
    // By ID, not the collection's default sort (a localized name, which SQLite cannot sort by without a locale).
    sort: 'id',
    where: { id: { in: wanted } },
  })
  return new Set(found.docs.map((doc) => String((doc as { id: DocID }).id)))
}

const requirementLabel = (value?: string) => (value ? capitalised(value) : undefined)

/** "Left out 2 links to items deleted since this version: Skills row 1 (Required, note "…"), ..." */
export const droppedLinksMessage = (req: PayloadRequest): string | undefined => {
  const dropped = req.context[DROPPED_LINKS] as DroppedLink[] | undefined
  if (!dropped?.length) return undefined
  const described = dropped.map(({ arrayLabel, note, position, requirement }) => {
    const details = [requirementLabel(requirement), note ? `note "${note}"` : undefined].filter(Boolean).join(', ')
    return `${arrayLabel} row ${position}${details ? ` (${details})` : ''}`
  })
  return `Left out ${dropped.length === 1 ? 'a link to an item' : `${dropped.length} links to items`} deleted since this version: ${described.join(', ')}. Everything else is as in the version.`
}

/**
 * Payload's own `POST /:collection/versions/:id` (restore), with the message telling the editor
 * which links were left out; the admin shows the message as its toast. Added with the collection
 * config, so it answers before Payload's default endpoint of the same path.
 */
export const restoreVersionEndpoint = (rolesSlug: string): Endpoint => ({
  handler: async (req) => {
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number') throw new APIError('Missing ID of version to restore.', 400, undefined, true)
    const collection = req.payload.collections[rolesSlug as CollectionSlug]
    if (!collection) throw new NotFound(req.t)
    // Payload's own handler, step for step (its Local API `restoreVersion` drops the `draft` flag);
    // the operation applies the caller's access (req.user, overrideAccess false) in one transaction.
    const { depth, draft, populate } = parseParams(req.query)
    const doc = await restoreVersionOperation({ id, collection, depth, draft, overrideAccess: false, populate, req })
    const message = [req.t('version:restoredSuccessfully'), droppedLinksMessage(req)].filter(Boolean).join(' ')
    return Response.json({ ...doc, message }, { headers: headersWithCors({ headers: new Headers(), req }), status: 200 })
  },
  method: 'post',
  path: '/versions/:id',
})
