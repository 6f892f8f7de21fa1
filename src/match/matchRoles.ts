import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { TunedSelection } from '../read/tunedReads.js'

import { recordCollections } from '../cache/dependencies.js'
import { isPostgres } from '../database/adapter.js'
import { CatalogReader, type RoleDoc } from '../read/catalogReader.js'
import { readContextFor } from '../read/readContext.js'
import { parseMatchLimit, parseSlugList } from './arguments.js'
import {
  findCandidateRoles,
  findItemsBySlug,
  itemKey,
  type LinkedItem,
  linkedItem,
  matchingRequest,
  resolvedLinks,
} from './readMatches.js'
import { type Coverage, coverageOf, roundScore } from './scoring.js'

export type MatchCount = { matched: number; total: number }

/** One role ranked by how well the given skills and certifications cover it. */
export type RoleMatch = {
  /** The items of the role the person has, skills first, in the role's order. */
  covered: LinkedItem[]
  missingRecommended: LinkedItem[]
  missingRequired: LinkedItem[]
  recommended: MatchCount
  required: MatchCount
  role: RoleDoc
  /** 0–1: the weighted share of the role's skills and certifications covered (docs/frontend.md). */
  score: number
}

export type RoleMatches = {
  docs: RoleMatch[]
  /** Roles with a score above 0 (of which `docs` are the first `limit`). */
  totalDocs: number
  /** Certification slugs that named nothing this reader may read: ignored, reported here. */
  unknownCertifications: string[]
  /** Skill slugs that named nothing this reader may read: ignored, reported here. */
  unknownSkills: string[]
}

export type LoadRoleMatchesArgs = {
  certifications?: unknown
  /** `true`: the newest drafts, granted only to readers allowed to read versions (src/read/readContext.ts). */
  draft?: boolean | null
  limit?: unknown
  maxLimit: number
  req: PayloadRequest
  /** GraphQL: what the query reads of the roles (the tuned path reads no more). */
  selection?: TunedSelection
  skills: unknown
  slugs: CatalogSlugs
}

const DIMENSIONS = ['skills', 'certifications'] as const

/** Ranked: higher share first, then more covered weight, then more required items, then by slug. */
const byRank = (a: { coverage: Coverage; slug: string }, b: { coverage: Coverage; slug: string }) =>
  b.coverage.score - a.coverage.score ||
  b.coverage.matchedWeight - a.coverage.matchedWeight ||
  b.coverage.required.matched - a.coverage.required.matched ||
  (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)

/**
 * matchRoles: the roles the given skills and certifications (by slug) cover best, for the
 * request's reader. Unknown slugs (or items the reader may not read) are ignored and reported in
 * `unknownSkills` / `unknownCertifications`; malformed arguments are a 400 naming the argument.
 *
 * Reads: one `find` per item collection for the slugs, one for the candidate roles (those linking
 * any of the items), then the top `limit` roles with their items through the CatalogReader (one
 * statement on the tuned path, else one `find` per collection).
 */
export const loadRoleMatches = async (args: LoadRoleMatchesArgs): Promise<RoleMatches & { reader: CatalogReader }> => {
  const skillSlugs = parseSlugList(args.skills, 'skills', { required: true })
  const certificationSlugs = parseSlugList(args.certifications, 'certifications', { required: false })
  if (skillSlugs.length === 0 && certificationSlugs.length === 0) {
    throw new APIError('"skills" must name at least one skill (or "certifications" one certification)', 400, undefined, true)
  }
  const limit = parseMatchLimit(args.limit, args.maxLimit)
  const { req, slugs } = args
  const context = await readContextFor(req, { draft: args.draft, slugs })
  const reader = new CatalogReader({ context, req, slugs })
  // Which roles match, and in which order, follows from every role, skill and certification there is.
  recordCollections(req, ['roles', 'skills', 'certifications'])

  const own = matchingRequest(req)
  const skillIDs = await findItemsBySlug(own, context, slugs.skills, skillSlugs)
  const certificationIDs = await findItemsBySlug(own, context, slugs.certifications, certificationSlugs)
  const unknownSkills = skillSlugs.filter((slug) => !skillIDs.has(slug))
  const unknownCertifications = certificationSlugs.filter((slug) => !certificationIDs.has(slug))
  const has = new Set<string>([
    ...[...skillIDs.values()].map((id) => itemKey('skills', id)),
    ...[...certificationIDs.values()].map((id) => itemKey('certifications', id)),
  ])
  if (has.size === 0) return { docs: [], reader, totalDocs: 0, unknownCertifications, unknownSkills }

  const given = { certifications: [...certificationIDs.values()], skills: [...skillIDs.values()] }
  let top: { slug: string }[]
  let totalDocs: number
  // PostgreSQL with the plugin's own access rules: the ranking in one statement (src/match/postgres).
  const inPostgres = isPostgres(req.payload)
    ? await (await import('./postgres/rankSql.js')).rankMatchesInPostgres(own, context, { given, limit })
    : undefined
  if (inPostgres) {
    top = inPostgres.ranked
    totalDocs = inPostgres.total
  } else {
    const candidates = await findCandidateRoles({ context, dimensions: [...DIMENSIONS], itemIDs: given, req: own, slugs })
    const ranked = candidates
      .map((role) => ({ coverage: coverageOf([...role.links.skills, ...role.links.certifications], (key) => has.has(key)), slug: role.slug }))
      .filter(({ coverage }) => coverage.matchedWeight > 0)
      .sort(byRank)
    top = ranked.slice(0, limit)
    totalDocs = ranked.length
  }

  // The roles themselves (whatever the query selects of them) and their items, labelled in the read's locale.
  const docs = await reader.findRolesBySlug(
    top.map(({ slug }) => slug),
    args.selection,
  )
  const bySlug = new Map(docs.map((doc) => [doc.slug, doc]))
  const resolved = await Promise.all(
    top.map(({ slug }) => bySlug.get(slug)).filter((doc): doc is RoleDoc => !!doc).map((doc) => reader.resolve(doc)),
  )
  const matches = resolved.map((role): RoleMatch => {
    const links = resolvedLinks(role, [...DIMENSIONS])
    const coverage = coverageOf(links.map(({ key, link }) => ({ key, requirement: link.requirement })), (key) => has.has(key))
    const seen = new Set<string>()
    const match: RoleMatch = {
      covered: [],
      missingRecommended: [],
      missingRequired: [],
      recommended: coverage.recommended,
      required: coverage.required,
      role: role.doc,
      score: roundScore(coverage.score),
    }
    for (const { collection, key, link } of links) {
      if (seen.has(key)) continue
      seen.add(key)
      const item = linkedItem(slugs[collection], link)
      if (has.has(key)) match.covered.push(item)
      else if (link.requirement === 'recommended') match.missingRecommended.push(item)
      else match.missingRequired.push(item)
    }
    return match
  })
  return { docs: matches, reader, totalDocs, unknownCertifications, unknownSkills }
}

