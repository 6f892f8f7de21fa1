import type { CollectionAfterReadHook, CollectionBeforeOperationHook, CollectionSlug, FlattenedField, PayloadRequest, Where } from 'payload'

import type { CatalogCollection, CatalogSlugs } from '../plugin/options.js'

import { recordCollections, recordDocuments, recordingOf, recordList, recordRoleSlugs } from '../cache/dependencies.js'
import { isPluginOwned } from '../plugin/owned.js'
import { type DocID, linkedCollections, relationID, roleLinks } from './roleLinks.js'

/**
 * Payload's own read path (REST and GraphQL reads of the collections, relationship population,
 * Payload's join resolvers, the plugin's Local API reads) recording what a cacheable answer depends
 * on (src/cache/dependencies.ts). Both hooks do nothing unless the request is recording.
 */

const asIDs = (value: unknown): DocID[] | undefined => {
  const values = Array.isArray(value) ? value : [value]
  const ids = values.filter((each): each is DocID => typeof each === 'number' || typeof each === 'string')
  return ids.length === values.length ? ids : undefined
}

/**
 * What a `where` selects, when it names documents outright: `{ id: { equals | in } }` (by ID) or, on
 * the roles, `{ slug: { equals | in } }` (role pages by slug). Anything else is a search of the
 * collection.
 */
const namedBy = (where: undefined | Where): undefined | { field: 'id' | 'slug'; values: DocID[] } => {
  if (!where) return undefined
  const keys = Object.keys(where)
  if (keys.length !== 1) return undefined
  const field = keys[0]
  if (field !== 'id' && field !== 'slug') return undefined
  const condition = where[field] as Record<string, unknown> | undefined
  if (!condition || typeof condition !== 'object') return undefined
  const operators = Object.keys(condition)
  if (operators.length !== 1 || (operators[0] !== 'equals' && operators[0] !== 'in')) return undefined
  const values = asIDs(condition[operators[0]])
  return values ? { field, values } : undefined
}

/** What every list of anonymous readers is filtered and ordered by too: status, trash, creation time (Payload's fallback order), ID. */
const ALWAYS_LISTED = ['_status', 'createdAt', 'deletedAt', 'id']

/**
 * The top-level field of a where or sort path. Payload reads `__` as `.` (GraphQL's where inputs
 * spell `externalCodes.scheme` as `externalCodes__scheme`; the adapter and Payload's query
 * validation replace it), so `__` ends the first segment too.
 */
const topLevelField = (path: string): string => path.replace(/__/g, '.').split('.')[0]!

/**
 * The top-level fields a `where` filters on (through `and`/`or`, paths by their first segment);
 * undefined when it cannot be read. `and`/`or` in any case: Payload's adapter and query validation
 * read them so, and GraphQL's where inputs spell them `AND`/`OR`.
 */
const whereFields = (where: unknown, found = new Set<string>()): Set<string> | undefined => {
  if (where === null || where === undefined) return found
  if (typeof where !== 'object' || Array.isArray(where)) return undefined
  for (const [key, condition] of Object.entries(where)) {
    const lower = key.toLowerCase()
    if (lower === 'and' || lower === 'or') {
      if (!Array.isArray(condition)) return undefined
      for (const each of condition) if (!whereFields(each, found)) return undefined
    } else found.add(topLevelField(key))
  }
  return found
}

/** The top-level fields a sort orders by (`-title`, `a,b`, arrays). */
const sortFields = (sort: unknown): string[] | undefined => {
  if (sort === null || sort === undefined || sort === '') return []
  const items = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : undefined
  if (!items || items.some((item) => typeof item !== 'string')) return undefined
  return (items as string[]).map((item) => topLevelField(item.trim().replace(/^-/, '')))
}

/**
 * Whether a hook of someone else's (the site's overrides, another plugin) runs before the
 * collection's reads: it runs after the plugin's own and can rewrite the `where` and `sort` this
 * hook sees, so the fields read here are not the ones the read filters and sorts on.
 */
const othersRewriteReads = (collection: { hooks?: { beforeOperation?: unknown[] } }): boolean =>
  (collection.hooks?.beforeOperation ?? []).some((hook) => !isPluginOwned(hook))

/**
 * The top-level fields a list or count's members and order depend on: its own filter and sort (or
 * the collection's default sort), the filter the reader's read access adds (asked again here, as
 * Payload asks it for the read), and ALWAYS_LISTED. Undefined when it cannot tell.
 */
const listFields = async (
  collection: PayloadRequest['payload']['collections'][CollectionSlug]['config'],
  args: { sort?: unknown; where?: unknown },
  req: PayloadRequest,
): Promise<Set<string> | undefined> => {
  if (othersRewriteReads(collection)) return undefined
  const fields = whereFields(args.where)
  // As Payload's find: any falsy sort (`sort: ''` from a site's own code) is the default sort.
  const sorted = sortFields(args.sort || collection.defaultSort)
  if (!fields || !sorted) return undefined
  for (const field of [...sorted, ...ALWAYS_LISTED]) fields.add(field)
  const read = collection.access?.read
  if (typeof read === 'function') {
    let granted: unknown
    try {
      granted = await read({ req } as never)
    } catch {
      return undefined
    }
    if (typeof granted === 'object' && granted !== null && !whereFields(granted, fields)) return undefined
  }
  return fields
}

/**
 * Before a read: a read by ID depends on those documents (found or not: a hidden one may be
 * published later), a read of roles by slug on those role pages, any other `find` or `count` on
 * which documents of the collection exist and match, and in which order: the fields it filters and
 * sorts on (`lists`; every change of the collection when they cannot be told, `collections`).
 */
export const recordReadOperation =
  (name: CatalogCollection): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    if (operation !== 'read' && operation !== 'count') return args
    if (!recordingOf(req)) return args
    const { id, where } = args as { id?: unknown; where?: Where }
    if (operation === 'read' && (typeof id === 'number' || typeof id === 'string')) {
      recordDocuments(req, name, [id])
      return args
    }
    const named = operation === 'read' ? namedBy(where) : undefined
    if (named?.field === 'id') recordDocuments(req, name, named.values)
    else if (named?.field === 'slug' && name === 'roles') recordRoleSlugs(req, named.values.map(String))
    else {
      const fields = await listFields(collection, args as { sort?: unknown; where?: unknown }, req)
      if (fields) recordList(req, name, fields)
      else recordCollections(req, [name])
    }
    return args
  }

/** The collections a catalogue collection's join fields list, by their role in the catalogue. */
const joinTargets = (fields: FlattenedField[], slugs: CatalogSlugs): { field: string; target: CatalogCollection }[] => {
  const bySlug = new Map(Object.entries(slugs).map(([role, slug]) => [slug, role as CatalogCollection]))
  return fields.flatMap((field) => {
    if (field.type !== 'join') return []
    const targets = Array.isArray(field.collection) ? field.collection : [field.collection]
    return targets.map((slug) => bySlug.get(slug)).filter((target): target is CatalogCollection => !!target).map((target) => ({ field: field.name, target }))
  })
}

/**
 * After a document is read (first among the afterRead hooks, so links later hidden from the reader
 * are still seen): the answer shows it; a role also shows the items and roles it links (their IDs
 * at least), and it is that role's page (by slug: the change feed names the pages a change shows
 * on). A join field read with it lists which documents of another collection link it.
 */
export const recordReadDocument =
  (name: CatalogCollection, slugs: CatalogSlugs): CollectionAfterReadHook =>
  ({ collection, doc, req }) => {
    if (!doc || typeof doc !== 'object' || !recordingOf(req)) return doc
    if (doc.id !== undefined) recordDocuments(req, name, [doc.id as DocID])
    if (name === 'roles') {
      if (typeof doc.slug === 'string') recordRoleSlugs(req, [doc.slug])
      for (const linked of linkedCollections) {
        const { arrayName, itemName } = roleLinks[linked]
        const rows = doc[arrayName]
        if (!Array.isArray(rows)) continue
        recordDocuments(req, linked, rows.map((row) => relationID(row?.[itemName])).filter((id): id is DocID => id !== undefined))
      }
      if (Array.isArray(doc.buildsOn)) {
        recordDocuments(req, 'roles', doc.buildsOn.map(relationID).filter((id: DocID | undefined): id is DocID => id !== undefined))
      }
    }
    for (const { field, target } of joinTargets(collection.flattenedFields, slugs)) {
      // A role's own `builtOnBy`: which roles build on it is part of its page, named by the feed's roleSlugs.
      if (name === 'roles' && target === 'roles' && typeof doc.slug === 'string') continue
      if (doc[field] !== undefined) recordCollections(req, [target])
    }
    return doc
  }
