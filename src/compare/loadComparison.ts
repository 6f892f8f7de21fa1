import type { PayloadRequest } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { TunedSelection } from '../read/tunedReads.js'
import type { RoleComparison } from './compareRoles.js'

import { CatalogReader } from '../read/catalogReader.js'
import { readContextFor } from '../read/readContext.js'
import { parseRoleSlug, roleNotFound } from '../read/roleSlugs.js'
import { compareResolvedRoles } from './compareRoles.js'

export type LoadComparisonArgs = {
  a: unknown
  b: unknown
  /**
   * The newest drafts instead of the published roles (and items), as `roleBySlug(draft:)` and
   * Payload's `?draft=true`: granted only to callers allowed to read versions (src/read/readContext.ts).
   * Unset: the request's `?draft` (REST). Ignored when a reader is given (its context decides).
   */
  draft?: boolean | null
  /** The request's reader, when the caller has one (GraphQL: the `jsonLd` fields then reuse what it read). */
  reader?: CatalogReader
  req: PayloadRequest
  /** GraphQL: what the query reads of the roles and their items (the tuned path reads no more). */
  selection?: TunedSelection
  slugs: CatalogSlugs
}

/**
 * Compares two roles by slug for the request's user: 400 for a malformed slug, 404 naming the
 * slugs the user cannot see, otherwise the comparison. Runs one `find` for both roles and at most
 * one per linked collection, however many items the roles link; on the tuned path
 * (src/read/tunedReads.ts), one statement in all.
 */
export const loadComparison = async ({ a, b, draft, reader: given, req, selection, slugs }: LoadComparisonArgs): Promise<RoleComparison> => {
  const slugA = parseRoleSlug(a, 'a')
  const slugB = parseRoleSlug(b, 'b')
  const reader = given ?? new CatalogReader({ context: await readContextFor(req, { draft, slugs }), req, slugs })
  const docs = await reader.findRolesBySlug([slugA, slugB], selection)
  const docA = docs.find((doc) => doc.slug === slugA)
  const docB = docs.find((doc) => doc.slug === slugB)
  if (!docA || !docB) {
    throw roleNotFound([...new Set([docA ? undefined : slugA, docB ? undefined : slugB])].filter((s): s is string => !!s))
  }
  // Resolved together, so the DataLoader batches both roles' links into one query per collection.
  const [resolvedA, resolvedB] = await Promise.all([reader.resolve(docA), reader.resolve(docB)])
  return compareResolvedRoles(resolvedA, resolvedB)
}
