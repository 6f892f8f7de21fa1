import type { DocID } from '../read/catalogReader.js'

/**
 * How much a link counts in matching and similarity: a required item weighs twice a recommended
 * one (ESCO's essential/optional split; the article's "typically includes" against "can enhance").
 * One place, so the formula in docs/frontend.md and the code cannot drift apart.
 */
export const REQUIREMENT_WEIGHTS = { recommended: 1, required: 2 } as const

export const weightOf = (requirement: null | string | undefined): number =>
  requirement === 'recommended' ? REQUIREMENT_WEIGHTS.recommended : REQUIREMENT_WEIGHTS.required

/** One link of a role reduced to what scoring needs: which item, how strongly asked for. */
export type ScoredLink = { id: DocID; requirement: string }

export type Coverage = {
  recommended: { matched: number; total: number }
  required: { matched: number; total: number }
  /** Weighted share of the role's items that are covered, 0–1 (see coverageOf). */
  score: number
  /** The covered weight: the tie-break between equal shares (more covered first). */
  matchedWeight: number
}

/**
 * matchRoles' score: the weighted share of a role's skill and certification links the person has,
 *
 *     score = (2·requiredMatched + recommendedMatched) / (2·requiredTotal + recommendedTotal)
 *
 * A link counts once per item (a role that lists an item twice is described by its first listing,
 * as comparisons do). `has` says whether the person has an item (by `kind:id`).
 */
export const coverageOf = (links: { key: string; requirement: string }[], has: (key: string) => boolean): Coverage => {
  const seen = new Set<string>()
  const coverage: Coverage = { matchedWeight: 0, recommended: { matched: 0, total: 0 }, required: { matched: 0, total: 0 }, score: 0 }
  let totalWeight = 0
  for (const { key, requirement } of links) {
    if (seen.has(key)) continue
    seen.add(key)
    const level = requirement === 'recommended' ? coverage.recommended : coverage.required
    const weight = weightOf(requirement)
    level.total += 1
    totalWeight += weight
    if (has(key)) {
      level.matched += 1
      coverage.matchedWeight += weight
    }
  }
  coverage.score = totalWeight === 0 ? 0 : coverage.matchedWeight / totalWeight
  return coverage
}

/** Weight per item (`kind:id`) of one role's links; an item listed twice keeps its first listing. */
export const weightsOf = (links: { key: string; requirement: string }[]): Map<string, number> => {
  const weights = new Map<string, number>()
  for (const { key, requirement } of links) if (!weights.has(key)) weights.set(key, weightOf(requirement))
  return weights
}

/**
 * similarRoles' score: the weighted Jaccard (Ruzicka) similarity of two roles' skill and
 * responsibility links,
 *
 *     score = Σ min(wA(i), wB(i)) / Σ max(wA(i), wB(i))     over every item i either role links
 *
 * with w 2 for required, 1 for recommended, 0 for not linked: 1 for the same items at the same
 * requirements, 0 for nothing in common; symmetric.
 */
export const weightedJaccard = (a: Map<string, number>, b: Map<string, number>): number => {
  let shared = 0
  let combined = 0
  for (const [key, weightA] of a) {
    const weightB = b.get(key) ?? 0
    shared += Math.min(weightA, weightB)
    combined += Math.max(weightA, weightB)
  }
  for (const [key, weightB] of b) if (!a.has(key)) combined += weightB
  return combined === 0 ? 0 : shared / combined
}

/** Scores rounded for the answer: stable digits, no 0.6666666666666666. */
export const roundScore = (score: number): number => Math.round(score * 10000) / 10000
