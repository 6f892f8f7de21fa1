import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { isolateObjectProperty } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { relationID, roleLinks, type LinkedCollection } from '../hooks/roleLinks.js'
import { type CatalogItem, type DocID, type ResolvedLink, type ResolvedRole } from '../read/catalogReader.js'
import { internalReadRequest } from '../read/internalRead.js'
import type { ReadContext } from '../read/readContext.js'

/**
 * The reads matching and similarity share, all through the Local API as the request's user with
 * `overrideAccess: false`: the host's read access decides which roles and items take part, drafts
 * only when the read context grants them, and the roles' afterRead hook
 * (src/hooks/hideUnreadableLinks.ts) has already dropped links to items the reader may not read, so
 * they are neither counted nor listed as missing. Works on every database adapter.
 */

/** A role's link as matching sees it: the item's key (`skills:12`) and the link's requirement. */
export type KeyedLink = { key: string; requirement: string }

/** A candidate role, with only what scoring needs. */
export type CandidateRole = { id: DocID; links: Record<LinkedCollection, KeyedLink[]>; slug: string }

export const itemKey = (collection: LinkedCollection, id: DocID): string => `${collection}:${String(id)}`

/** The request the plugin's own reads run on: locale isolated, exempt from caller-facing page limits. */
export const matchingRequest = (req: PayloadRequest): PayloadRequest =>
  internalReadRequest(isolateObjectProperty(req, ['locale', 'fallbackLocale']))

/**
 * The items of one collection with these slugs that the reader may read (published ones for
 * anonymous readers): slug → ID. Slugs missing from the answer are unknown to this reader.
 */
export const findItemsBySlug = async (
  req: PayloadRequest,
  context: ReadContext,
  collection: string,
  itemSlugs: string[],
): Promise<Map<string, DocID>> => {
  if (itemSlugs.length === 0) return new Map()
  const { docs } = await req.payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    draft: context.draft,
    joins: false as never,
    overrideAccess: false,
    pagination: false,
    req,
    select: { slug: true } as never,
    user: req.user,
    where: { slug: { in: itemSlugs } },
  })
  return new Map((docs as unknown as { id: DocID; slug: string }[]).map((doc) => [doc.slug, doc.id]))
}

/**
 * Every role the reader may read that links at least one of these items (by collection), with its
 * links of the given collections. One `find`; its afterRead hooks check the links' readability in
 * one query per linked collection for all the roles together.
 */
export const findCandidateRoles = async ({
  context,
  dimensions,
  excludeID,
  itemIDs,
  req,
  slugs,
}: {
  context: ReadContext
  /** The links read and scored. */
  dimensions: LinkedCollection[]
  excludeID?: DocID
  /** The items a candidate must link one of, per collection. */
  itemIDs: Partial<Record<LinkedCollection, DocID[]>>
  req: PayloadRequest
  slugs: CatalogSlugs
}): Promise<CandidateRole[]> => {
  const anyOf: Where[] = Object.entries(itemIDs)
    .filter(([, ids]) => ids && ids.length > 0)
    .map(([name, ids]) => {
      const { arrayName, itemName } = roleLinks[name as LinkedCollection]
      return { [`${arrayName}.${itemName}`]: { in: ids } }
    })
  if (anyOf.length === 0) return []
  const where: Where = excludeID === undefined ? { or: anyOf } : { and: [{ id: { not_equals: excludeID } }, { or: anyOf }] }
  const { docs } = await req.payload.find({
    collection: slugs.roles as CollectionSlug,
    depth: 0,
    draft: context.draft,
    joins: false as never,
    overrideAccess: false,
    pagination: false,
    req,
    select: Object.fromEntries([['slug', true], ...dimensions.map((name) => [roleLinks[name].arrayName, true])]) as never,
    user: req.user,
    where,
  })
  return (docs as unknown as Record<string, unknown>[])
    .filter((doc) => typeof doc.slug === 'string')
    .map((doc) => {
      const links = { certifications: [], responsibilities: [], skills: [] } as Record<LinkedCollection, KeyedLink[]>
      for (const name of dimensions) {
        const { arrayName, itemName } = roleLinks[name]
        for (const row of (doc[arrayName] as Record<string, unknown>[] | null | undefined) ?? []) {
          const id = relationID(row?.[itemName])
          if (id === undefined) continue
          links[name].push({ key: itemKey(name, id), requirement: typeof row.requirement === 'string' ? row.requirement : 'required' })
        }
      }
      return { id: doc.id as DocID, links, slug: doc.slug as string }
    })
}

/** A linked item as matching answers it: which collection (its slug on the site), the item, the link. */
export type LinkedItem = {
  abbreviation: null | string
  /** The collection's slug on the site (e.g. `skills`, or `job-skills` when renamed). */
  collection: string
  description: null | string
  id: DocID
  /** Skills: soft or technical. */
  kind: null | string
  /** Title or name in the read's locale (the slug when it has none). */
  label: string
  /** What the role says about the item. */
  note: null | string
  requirement: string
  slug: string
}

export const linkedItem = (collection: string, { item, note, requirement }: ResolvedLink): LinkedItem => ({
  abbreviation: item.abbreviation,
  collection,
  description: item.description,
  id: item.id,
  kind: item.kind,
  label: item.label,
  note,
  requirement,
  slug: item.slug,
})

/** A resolved role's links of these collections, keyed, in the editor's order (skills first). */
export const resolvedLinks = (
  role: ResolvedRole,
  dimensions: LinkedCollection[],
): { collection: LinkedCollection; item: CatalogItem; key: string; link: ResolvedLink }[] =>
  dimensions.flatMap((name) => role[name].map((link) => ({ collection: name, item: link.item, key: itemKey(name, link.item.id), link })))

