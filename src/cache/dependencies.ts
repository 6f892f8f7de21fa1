import type { PayloadRequest } from 'payload'

import { AsyncLocalStorage } from 'node:async_hooks'

import type { CatalogChange } from '../changes/catalogChange.js'
import type { CatalogCollection } from '../plugin/options.js'

/**
 * What one cached answer depends on: the ONE record that every read path (roleBySlug, compareRoles,
 * JSON-LD, the collections' own reads, search, suggestions, matching) fills in while it reads, and
 * that the response cache keeps beside the answer to decide which changes drop it. Shared by the
 * serving, search and matching work; extend it here rather than beside it.
 *
 * The rule, conservative by design (a dependency too many costs a cache miss; one too few serves a
 * stale answer):
 * - `roleSlugs`: role pages by slug (`roleBySlug`, `compareRoles`, the JSON-LD endpoint), including
 *   the ones that answered "not found". A change drops the answer when its `roleSlugs` names one of
 *   them (the change feed lists every role whose page the change shows on: the role, roles linking a
 *   changed item, `buildsOn` neighbours both ways, old slugs, deleted roles' neighbours).
 * - `documents`: every catalogue document whose content went into the answer, as `collection:id`
 *   (collection by its role in the catalogue, not its slug). A change drops the answer when one of
 *   its documents is listed.
 * - `collections`: the collections whose *set* of documents the answer reflects: lists, counts,
 *   pages of results, searches, suggestions, matches (which documents exist, match, and in which
 *   order). Any non-draft change in such a collection drops the answer.
 * - `lists`: for lists and counts whose filter and order a reader's request states (Payload's
 *   `find` and `count` of a collection), the top-level fields they filter and sort on (the request's
 *   `where` and `sort`, the collection's default sort, the filter the reader's access adds, status,
 *   trash and creation time). An edit of a published document (`update`) drops them when it
 *   changed one of those fields (the change's `fields`); any other change of the collection
 *   (create, delete, publish, unpublish, restore, an update whose fields are not known) drops them.
 *   What the listed documents show is in `documents`.
 * - `everything`: no finer statement can be made (a read path that recorded nothing, a resync):
 *   any non-draft change drops it. An answer whose read recorded nothing counts as `everything`.
 */
export type AnswerDependencies = {
  collections: Set<CatalogCollection>
  documents: Set<string>
  everything: boolean
  lists: Map<CatalogCollection, Set<string>>
  roleSlugs: Set<string>
}

const DEPENDENCIES = 'roleCatalogAnswerDependencies'

export const emptyDependencies = (): AnswerDependencies => ({
  collections: new Set(),
  documents: new Set(),
  everything: false,
  lists: new Map(),
  roleSlugs: new Set(),
})

/**
 * Starts recording on a request that may produce a cached answer (the route helpers call it before
 * executing). Reads made for the request record into it through the functions below; requests that
 * never started recording (editors, the Local API) record nothing, at no cost.
 */
export const startRecording = (req: Pick<PayloadRequest, 'context'>): AnswerDependencies => {
  const dependencies = emptyDependencies()
  req.context = { ...(req.context ?? {}), [DEPENDENCIES]: dependencies }
  return dependencies
}

/**
 * The record of a route whose reads run on a request Payload makes itself (the REST wrapper hands
 * the fetch Request to Payload's handler, which builds its own PayloadRequest): carried by the
 * async context of the handler's call instead of `req.context`.
 */
const routeRecording = new AsyncLocalStorage<AnswerDependencies>()

/** Runs `read` (a route handler) with every read it makes recording into a fresh record. */
export const recordWhile = async <T>(read: () => Promise<T>): Promise<{ dependencies: AnswerDependencies; result: T }> => {
  const dependencies = emptyDependencies()
  const result = await routeRecording.run(dependencies, read)
  return { dependencies, result }
}

/** The record of a request, or undefined when nothing is recording. */
export const recordingOf = (req: Pick<PayloadRequest, 'context'> | undefined): AnswerDependencies | undefined =>
  (req?.context?.[DEPENDENCIES] as AnswerDependencies | undefined) ?? routeRecording.getStore()

/** The answer shows these documents' content. */
export const recordDocuments = (
  req: Pick<PayloadRequest, 'context'> | undefined,
  collection: CatalogCollection,
  ids: Iterable<number | string>,
): void => {
  const record = recordingOf(req)
  if (record) for (const id of ids) record.documents.add(`${collection}:${id}`)
}

/** The answer reflects which documents of these collections exist, match or come first. */
export const recordCollections = (req: Pick<PayloadRequest, 'context'> | undefined, collections: Iterable<CatalogCollection>): void => {
  const record = recordingOf(req)
  if (record) for (const collection of collections) record.collections.add(collection)
}

/** The answer is a list or count of this collection, filtered and ordered by these top-level fields. */
export const recordList = (req: Pick<PayloadRequest, 'context'> | undefined, collection: CatalogCollection, fields: Iterable<string>): void => {
  const record = recordingOf(req)
  if (!record) return
  let known = record.lists.get(collection)
  if (!known) record.lists.set(collection, (known = new Set()))
  for (const field of fields) known.add(field)
}

/** The answer is the page of these roles, by slug (found or not). */
export const recordRoleSlugs = (req: Pick<PayloadRequest, 'context'> | undefined, slugs: Iterable<string>): void => {
  const record = recordingOf(req)
  if (record) for (const slug of slugs) record.roleSlugs.add(slug)
}

/** Nothing finer can be said about the answer: any change drops it. */
export const recordEverything = (req: Pick<PayloadRequest, 'context'> | undefined): void => {
  const record = recordingOf(req)
  if (record) record.everything = true
}

/** Whether an answer with these dependencies may have been altered by the change (see the rule above). */
export const changeAffects = (change: CatalogChange, dependencies: AnswerDependencies): boolean => {
  if (change.draftOnly) return false
  if (dependencies.everything) return true
  // Bulk writes (seed, import) describe their documents in summary only.
  if (change.operation === 'import' || change.operation === 'seed') return true
  const { collections, documents, lists, roleSlugs } = dependencies
  if (!collections.size && !documents.size && !roleSlugs.size && !lists.size) return true
  if (collections.has(change.collection)) return true
  const listed = lists.get(change.collection)
  if (listed && (change.operation !== 'update' || !change.fields || change.fields.some((field) => listed.has(field)))) return true
  if (change.documents.some((document) => documents.has(`${change.collection}:${document.id}`))) return true
  return change.roleSlugs.some((slug) => roleSlugs.has(slug))
}
