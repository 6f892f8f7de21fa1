import type { CollectionSlug, PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'

import { APIError, getFieldByPath } from 'payload'
import { isNestedRelationshipQuery } from 'payload/shared'

import { sortPaths } from './validateWhere.js'

type Split = { linkPath: string; relationTo: string; rest: string }

/** Where a filter path crosses into another collection: `skills.skill.name` → `skills.skill` + `name`. */
const splitAtLink = (collection: SanitizedCollectionConfig, path: string): Split | 'join' | undefined => {
  // Payload reads `__` as a dot (`sort=skills__skill__name` sorts through the link as the dotted path does).
  const segments = path.replace(/__/g, '.').split('.')
  for (let index = 1; index <= segments.length; index++) {
    const prefix = segments.slice(0, index).join('.')
    const field = getFieldByPath({ fields: collection.flattenedFields, path: prefix })?.field
    if (!field) return undefined
    if (field.type === 'join') return 'join'
    if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
      return { linkPath: prefix, relationTo: field.relationTo, rest: segments.slice(index).join('.') }
    }
  }
  return undefined
}

const refuse = (message: string) => new APIError(message, 400, undefined, true)

/**
 * Payload filters and sorts through a link (`where[skills.skill.name]`, `sort=skills.skill.name`)
 * in SQL without the linked collection's read access, so a published role would be found by the
 * name of a draft skill it links. For callers of the REST and GraphQL APIs, a filter through a link
 * is answered in two steps instead: the linked documents matching it are looked up as the caller
 * (their access applies), and the filter becomes `link in [those IDs]`. Sorting through a link,
 * and filtering through a join, are refused with a 400.
 */
export const guardLinkFilters = async ({
  collection,
  maxMatches,
  req,
  sort,
  where,
}: {
  collection: SanitizedCollectionConfig
  /** Most linked documents one such filter may match. */
  maxMatches: number
  req: PayloadRequest
  sort?: string | string[]
  where?: Where
}): Promise<Where | undefined> => {
  for (const key of sortPaths(sort)) {
    const split = key && splitAtLink(collection, key)
    if (split === 'join' || (split && split.rest !== '' && split.rest !== 'id')) {
      throw refuse(`sort: "${key}" sorts through a link; sort by a field of this collection`)
    }
  }
  if (!where || typeof where !== 'object') return where

  // An ID no document has: what a link filter becomes when no readable document meets it.
  const noID = req.payload.db.defaultIDType === 'number' ? -1 : '00000000-0000-0000-0000-000000000000'

  const rewrite = async (node: Where): Promise<Where> => {
    const parts: Where[] = []
    for (const [key, condition] of Object.entries(node)) {
      if (/^(and|or)$/i.test(key) && Array.isArray(condition)) {
        parts.push({ [key]: await Promise.all(condition.map((nested) => rewrite(nested as Where))) })
        continue
      }
      const split = splitAtLink(collection, key)
      if (split === 'join') throw refuse(`where[${key}]: filtering through a join is not supported; filter the other collection`)
      if (!split || !condition || typeof condition !== 'object') {
        parts.push({ [key]: condition } as Where)
        continue
      }
      const linked = split.rest === '' || split.rest === 'id' ? 'id' : split.rest
      // Payload's nested filter of a link (`where[buildsOn][contains][title][equals]=…`, one linked
      // document meeting all of it): its `where` is the linked documents' own. As `{ id: … }` it
      // named no path Payload accepts (a 400 "cannot be queried: id").
      const { contains, ...others } = condition as Record<string, unknown>
      const nested = split.rest === '' && isNestedRelationshipQuery(contains)
      const linkedWhere = (
        nested ? (Object.keys(others).length > 0 ? { and: [contains, { id: others }] } : contains) : { [linked]: condition }
      ) as Where
      // Linked documents the caller may read that meet the condition.
      const found = await req.payload.find({
        collection: split.relationTo as CollectionSlug,
        depth: 0,
        limit: maxMatches + 1,
        overrideAccess: false,
        pagination: false,
        req,
        select: {},
        user: req.user,
        where: linkedWhere,
      })
      if (found.docs.length > maxMatches) {
        throw refuse(`where[${key}]: matches more than ${maxMatches} linked documents; narrow the filter`)
      }
      const ids = found.docs.map((doc) => doc.id)
      parts.push({ [split.linkPath]: { in: ids.length > 0 ? ids : [noID] } })
    }
    return parts.length === 1 ? parts[0]! : { and: parts }
  }
  return rewrite(where)
}
