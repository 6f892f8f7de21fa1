import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionConfig,
  CollectionSlug,
  FindOneArgs,
  PayloadRequest,
  Where,
} from 'payload'

import type { CatalogCollection, CatalogSlugs } from '../plugin/options.js'
import type { CatalogChange } from './catalogChange.js'

import { type DocID, relationID, roleLinks } from '../hooks/roleLinks.js'
import { changeBatchOf } from './changeBatch.js'
import { publishOnCommit } from './changeFeed.js'
import { stageLocalChange } from './inTransaction.js'

type Doc = Record<string, unknown> & { _status?: string; id: DocID; slug?: unknown; updatedAt?: unknown }

const slugOf = (doc: Doc | undefined): null | string => (typeof doc?.slug === 'string' && doc.slug !== '' ? doc.slug : null)

const hasField = (req: PayloadRequest, collection: string, name: string) =>
  Boolean(req.payload.collections[collection as CollectionSlug]?.config.flattenedFields.some((field) => field.name === name))

/** Published slugs of the roles matching `where` (the roles table holds what anonymous readers see). */
const roleSlugsWhere = async (req: PayloadRequest, rolesSlug: string, where: Where): Promise<string[]> => {
  const found = await req.payload.db.find({
    collection: rolesSlug as CollectionSlug,
    // As Payload's own reads pass it: the adapter sorts by the localized title in this locale (without
    // one, SQLite refuses the statement's undefined parameter).
    locale: req.locale ?? undefined,
    pagination: false,
    req,
    select: { slug: true },
    where,
  })
  return (found.docs as unknown as Doc[]).map(slugOf).filter((slug): slug is string => slug !== null)
}

/**
 * The roles whose pages show this role through `buildsOn`, both ways: the roles it builds on (as
 * `docs` list them: the new and the previous version) and the roles that build on it (their
 * `builtOnBy` lists it).
 */
const buildsOnNeighbours = async (req: PayloadRequest, slugs: CatalogSlugs, id: DocID, docs: (Doc | undefined)[]): Promise<string[]> => {
  if (!hasField(req, slugs.roles, 'buildsOn')) return []
  const targets = new Set<DocID>()
  for (const doc of docs) {
    for (const value of Array.isArray(doc?.buildsOn) ? doc.buildsOn : []) {
      const target = relationID(value)
      if (target !== undefined) targets.add(target)
    }
  }
  const builders = await roleSlugsWhere(req, slugs.roles, { buildsOn: { equals: id } })
  const builtOn = targets.size ? await roleSlugsWhere(req, slugs.roles, { id: { in: [...targets] } }) : []
  return [...builders, ...builtOn]
}

/** Where a role's neighbours, read before its delete, wait for the afterDelete hook (the link rows are gone by then). */
const DELETED_NEIGHBOURS = 'roleCatalogDeletedRoleNeighbours'
const neighboursOfDeleted = (req: PayloadRequest): Map<string, string[]> => {
  let found = req.context?.[DELETED_NEIGHBOURS] as Map<string, string[]> | undefined
  if (!found) {
    found = new Map()
    req.context = { ...(req.context ?? {}), [DELETED_NEIGHBOURS]: found }
  }
  return found
}

/**
 * Role slugs whose answers a visible change to this document can alter: a role itself (old and
 * new slug) and the roles that build on it; for an item, the roles that link it.
 */
const affectedRoleSlugs = async (
  req: PayloadRequest,
  name: CatalogCollection,
  slugs: CatalogSlugs,
  doc: Doc,
  previousDoc: Doc | undefined,
): Promise<string[]> => {
  const found = new Set<string>()
  if (name === 'roles') {
    for (const slug of [slugOf(doc), slugOf(previousDoc)]) if (slug) found.add(slug)
    for (const slug of await buildsOnNeighbours(req, slugs, doc.id, [doc, previousDoc])) found.add(slug)
  } else {
    const link = roleLinks[name]
    if (hasField(req, slugs.roles, link.arrayName)) {
      const path = `${link.arrayName}.${link.itemName}`
      for (const slug of await roleSlugsWhere(req, slugs.roles, { [path]: { equals: doc.id } })) found.add(slug)
    }
  }
  return [...found]
}

/** The row in the collection's own table: what anonymous readers are served (not the latest version). */
const mainRow = async (req: PayloadRequest, collection: string, id: DocID): Promise<Doc | null> =>
  (await req.payload.db.findOne({
    collection: collection as CollectionSlug,
    req,
    select: { _status: true, updatedAt: true },
    where: { id: { equals: id } },
  })) as Doc | null

/**
 * What an update or restore did, seen from an anonymous reader. Payload tells hooks neither whether
 * the save was a draft save nor what the collection's own row held before, so this reads that row:
 * - the document comes back published: the row was written and is visible (`publish` if the
 *   previous version was not published, else `update`);
 * - it comes back a draft while the row is still published: a draft saved over a published
 *   document, the row untouched: draft only;
 * - it comes back a draft and the row is a draft: if the row was written now (same `updatedAt`; a
 *   draft save writes versions only) the document may just have been unpublished: visible;
 *   otherwise a draft save of a never-published document: draft only.
 */
const classifyUpdate = async (
  req: PayloadRequest,
  collection: string,
  doc: Doc,
  previousDoc: Doc | undefined,
  restoring: boolean,
): Promise<{ draftOnly: boolean; operation: CatalogChange['operation'] }> => {
  const updated = restoring ? 'restore' : 'update'
  if (doc._status === undefined || doc._status === 'published') {
    return { draftOnly: false, operation: restoring || previousDoc?._status === 'published' ? updated : 'publish' }
  }
  const row = await mainRow(req, collection, doc.id)
  if (!row || row._status === 'published') return { draftOnly: true, operation: updated }
  const written = row.updatedAt !== undefined && String(row.updatedAt) === String(doc.updatedAt)
  if (!written) return { draftOnly: true, operation: updated }
  return { draftOnly: false, operation: previousDoc?._status === 'published' || !restoring ? 'unpublish' : updated }
}

/** The collection's own row in every locale (what anonymous readers are served), without joins; null when there is none. */
const storedRow = async (req: PayloadRequest, collection: string, id: DocID): Promise<Doc | null> =>
  (await req.payload.db.findOne({
    collection: collection as CollectionSlug,
    // No joins (which roles link the item, built-on-by): other documents' data. Cast: a site's generated
    // types narrow JoinQuery per collection, where `false` does not type-check for a string slug.
    joins: false as unknown as FindOneArgs['joins'],
    locale: 'all',
    req,
    where: { id: { equals: id } },
  })) as Doc | null

/** Where the row before a write waits for the afterChange hook, by collection and ID. */
const ROWS_BEFORE = 'roleCatalogRowsBeforeWrite'
const rowsBefore = (req: PayloadRequest): Map<string, Doc | null> => {
  let found = req.context?.[ROWS_BEFORE] as Map<string, Doc | null> | undefined
  if (!found) {
    found = new Map()
    req.context = { ...(req.context ?? {}), [ROWS_BEFORE]: found }
  }
  return found
}

/**
 * The top-level fields whose stored values differ between two rows (compared as JSON, every
 * locale). `updatedAt` included: every write changes it, and a list sorted or filtered by it
 * (`sort=-updatedAt`, the most recently edited) is reordered by any edit, of any field.
 */
const changedFields = (before: Doc, after: Doc): string[] => {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort()
}

const record = async (
  req: PayloadRequest,
  name: CatalogCollection,
  slugs: CatalogSlugs,
  change: Pick<CatalogChange, 'draftOnly' | 'fields' | 'operation'>,
  doc: Doc,
  previousDoc: Doc | undefined,
) => {
  const documents: CatalogChange['documents'] = [{ id: doc.id, slug: slugOf(doc) }]
  const previousSlug = slugOf(previousDoc)
  if (previousSlug !== null && previousSlug !== slugOf(doc)) documents.push({ id: doc.id, slug: previousSlug })
  // A draft save alters no anonymous answer: only the role's own slugs are named, without queries.
  const roleSlugs = change.draftOnly
    ? name === 'roles'
      ? documents.map((entry) => entry.slug).filter((slug): slug is string => slug !== null)
      : []
    : await affectedRoleSlugs(req, name, slugs, doc, previousDoc)
  if (change.operation === 'delete' && name === 'roles') {
    const key = String(doc.id)
    const neighbours = neighboursOfDeleted(req)
    for (const slug of neighbours.get(key) ?? []) if (!roleSlugs.includes(slug)) roleSlugs.push(slug)
    neighbours.delete(key)
  }

  const batch = changeBatchOf(req)
  if (batch) {
    if (!change.draftOnly) {
      batch.add(name, documents, roleSlugs)
      await batch.bindTo(req)
    }
    return
  }
  // In the write's transaction: the webhook outbox's rows (./inTransaction.ts); then announced before
  // its COMMIT and published after it (./changeFeed.ts).
  await stageLocalChange(req, { collection: name, documents, roleSlugs, ...change })
  await publishOnCommit(req, { collection: name, documents, roleSlugs, ...change })
}

/**
 * The change feed's source: after every write to a catalogue collection, the change it made is
 * described (inside the write's transaction, which sees the new state), announced to the other
 * instances inside that transaction and published here once it commits (./changeFeed.ts
 * publishOnCommit), before the write's response returns.
 */
export const catalogChangeHooks = (
  name: CatalogCollection,
  slugs: CatalogSlugs,
): Pick<NonNullable<CollectionConfig['hooks']>, 'afterChange' | 'afterDelete' | 'beforeChange' | 'beforeDelete'> => {
  // The row before a write that may change what anonymous readers see (not a draft save), for the
  // change's `fields`: which lists it can reorder (src/cache/dependencies.ts).
  const beforeChange: CollectionBeforeChangeHook = async ({ collection, data, operation, originalDoc, req }) => {
    const id = (originalDoc as Doc | undefined)?.id
    if (operation !== 'update' || id === undefined || data?._status === 'draft' || changeBatchOf(req)) return data
    rowsBefore(req).set(`${collection.slug}:${id}`, await storedRow(req, collection.slug, id))
    return data
  }
  const afterChange: CollectionAfterChangeHook = async ({ collection, data, doc, operation, previousDoc, req }) => {
    const current = doc as Doc
    const previous = operation === 'update' ? (previousDoc as Doc | undefined) : undefined
    const change: Pick<CatalogChange, 'draftOnly' | 'fields' | 'operation'> =
      operation === 'create'
        ? { draftOnly: current._status !== undefined && current._status !== 'published', operation: 'create' as const }
        : // Payload's restoreVersion is the one operation that hands its hooks the result as `data`.
          await classifyUpdate(req, collection.slug, current, previous, data === doc)
    const key = `${collection.slug}:${current.id}`
    const waiting = rowsBefore(req)
    const before = waiting.get(key)
    waiting.delete(key)
    if (change.operation === 'update' && !change.draftOnly && before) {
      const after = await storedRow(req, collection.slug, current.id)
      if (after) change.fields = changedFields(before, after)
    }
    await record(req, name, slugs, change, current, previous)
    return doc
  }
  const afterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
    const current = doc as Doc
    const change = { draftOnly: current._status !== undefined && current._status !== 'published', operation: 'delete' as const }
    await record(req, name, slugs, change, current, undefined)
    return doc
  }
  // A role's neighbours through `buildsOn`, read while the link rows still exist.
  const beforeDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
    if (name !== 'roles' || changeBatchOf(req)) return
    const row = (await req.payload.db.findOne({
      collection: slugs.roles as CollectionSlug,
      req,
      select: hasField(req, slugs.roles, 'buildsOn') ? { buildsOn: true, slug: true } : { slug: true },
      where: { id: { equals: id } },
    })) as Doc | null
    neighboursOfDeleted(req).set(String(id), await buildsOnNeighbours(req, slugs, id, [row ?? undefined]))
  }
  return { afterChange: [afterChange], afterDelete: [afterDelete], beforeChange: [beforeChange], beforeDelete: [beforeDelete] }
}
