import type { PayloadRequest } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { TunedSelection } from '../read/tunedReads.js'

import { recordCollections, recordRoleSlugs } from '../cache/dependencies.js'
import { isPostgres } from '../database/adapter.js'
import { CatalogReader, type RoleDoc } from '../read/catalogReader.js'
import { readContextFor } from '../read/readContext.js'
import { parseRoleSlug, roleNotFound } from '../read/roleSlugs.js'
import { parseMatchLimit } from './arguments.js'
import { findCandidateRoles, type LinkedItem, linkedItem, matchingRequest, resolvedLinks } from './readMatches.js'
import { roundScore, weightedJaccard, weightsOf } from './scoring.js'

/** An item both roles link: the similar role's link (`requirement`, `note`) and the origin's. */
export type SharedItem = LinkedItem & { originNote: null | string; originRequirement: string }

export type SimilarRole = {
  role: RoleDoc
  /** 0–1: weighted Jaccard similarity of the two roles' skills and responsibilities (docs/frontend.md). */
  score: number
  sharedResponsibilities: SharedItem[]
  sharedSkills: SharedItem[]
}

export type SimilarRoles = {
  docs: SimilarRole[]
  /** The role asked about. */
  role: RoleDoc
  /** Roles sharing at least one skill or responsibility with it (of which `docs` are the first `limit`). */
  totalDocs: number
}

export type LoadSimilarRolesArgs = {
  draft?: boolean | null
  limit?: unknown
  maxLimit: number
  req: PayloadRequest
  selection?: TunedSelection
  slug: unknown
  slugs: CatalogSlugs
}

const DIMENSIONS = ['skills', 'responsibilities'] as const

/**
 * similarRoles: the roles sharing the most (weighted) skills and responsibilities with a role, with
 * the items they share, for the request's reader. 400 for a malformed slug, 404 for a role the
 * reader cannot see (as roleBySlug).
 */
export const loadSimilarRoles = async (args: LoadSimilarRolesArgs): Promise<SimilarRoles & { reader: CatalogReader }> => {
  const slug = parseRoleSlug(args.slug, 'slug')
  const limit = parseMatchLimit(args.limit, args.maxLimit)
  const { req, slugs } = args
  const context = await readContextFor(req, { draft: args.draft, slugs })
  const reader = new CatalogReader({ context, req, slugs })
  recordRoleSlugs(req, [slug])
  recordCollections(req, ['roles', 'skills', 'responsibilities'])

  const [origin] = await reader.findRolesBySlug([slug], args.selection)
  if (!origin) throw roleNotFound([slug])
  const originRole = await reader.resolve(origin)
  const originLinks = resolvedLinks(originRole, [...DIMENSIONS])
  const originWeights = weightsOf(originLinks.map(({ key, link }) => ({ key, requirement: link.requirement })))
  const empty = { docs: [], reader, role: origin, totalDocs: 0 }
  if (originLinks.length === 0) return empty

  const own = matchingRequest(req)
  let top: { slug: string }[]
  let totalDocs: number
  // PostgreSQL with the plugin's own access rules: the ranking in one statement (src/match/postgres).
  const inPostgres = isPostgres(req.payload)
    ? await (await import('./postgres/rankSql.js')).rankSimilarInPostgres(own, context, {
        excludeID: origin.id,
        limit,
        origin: originLinks
          .filter(({ key }, index) => originLinks.findIndex((each) => each.key === key) === index)
          .map(({ collection, item, key }) => ({ id: item.id, kind: collection, weight: originWeights.get(key)! })),
      })
    : undefined
  if (inPostgres) {
    top = inPostgres.ranked
    totalDocs = inPostgres.total
  } else {
    const candidates = await findCandidateRoles({
      context,
      dimensions: [...DIMENSIONS],
      excludeID: origin.id,
      itemIDs: Object.fromEntries(DIMENSIONS.map((name) => [name, originRole[name].map((link) => link.item.id)])),
      req: own,
      slugs,
    })
    const ranked = candidates
      .filter((candidate) => candidate.slug !== slug)
      .map((candidate) => {
        const weights = weightsOf([...candidate.links.skills, ...candidate.links.responsibilities])
        return { score: weightedJaccard(originWeights, weights), slug: candidate.slug }
      })
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    top = ranked.slice(0, limit)
    totalDocs = ranked.length
  }

  const docs = await reader.findRolesBySlug(
    top.map((each) => each.slug),
    args.selection,
  )
  const bySlug = new Map(docs.map((doc) => [doc.slug, doc]))
  const resolved = await Promise.all(
    top.map(({ slug: each }) => bySlug.get(each)).filter((doc): doc is RoleDoc => !!doc).map((doc) => reader.resolve(doc)),
  )
  const similar = resolved.map((role): SimilarRole => {
    const links = resolvedLinks(role, [...DIMENSIONS])
    const weights = weightsOf(links.map(({ key, link }) => ({ key, requirement: link.requirement })))
    const theirs = new Map(links.map((entry) => [entry.key, entry]))
    const result: SimilarRole = {
      role: role.doc,
      score: roundScore(weightedJaccard(originWeights, weights)),
      sharedResponsibilities: [],
      sharedSkills: [],
    }
    const seen = new Set<string>()
    // In the origin role's order: a role page lists what it shares with each neighbour as it lists its own items.
    for (const { collection, key, link } of originLinks) {
      const other = theirs.get(key)
      if (!other || seen.has(key)) continue
      seen.add(key)
      const shared: SharedItem = { ...linkedItem(slugs[collection], other.link), originNote: link.note, originRequirement: link.requirement }
      if (collection === 'skills') result.sharedSkills.push(shared)
      else result.sharedResponsibilities.push(shared)
    }
    return result
  })
  return { docs: similar, reader, role: origin, totalDocs }
}
