import { APIError } from 'payload'

import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../fields/slug.js'

/** Most slugs one `skills` or `certifications` argument may name (documented in docs/frontend.md). */
export const MAX_MATCH_SLUGS = 200

/** Results when `limit` is not given. */
export const DEFAULT_MATCH_LIMIT = 10

const badInput = (message: string) => new APIError(message, 400, undefined, true)

const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)

/**
 * A list of item slugs from a GraphQL list argument or a REST parameter (repeated, or comma-separated),
 * de-duplicated in the order given; a 400 naming the argument for anything that is not a slug.
 * Slugs that are well-formed but unknown are not an error here (see loadRoleMatches).
 */
export const parseSlugList = (value: unknown, parameter: string, { required }: { required: boolean }): string[] => {
  if (value === undefined || value === null) {
    if (required) throw badInput(`"${parameter}" is required: a list of slugs, e.g. ["communication", "leadership"]`)
    return []
  }
  const raw = Array.isArray(value) ? value : [value]
  const slugs: string[] = []
  for (const entry of raw) {
    if (typeof entry !== 'string') throw badInput(`"${parameter}" must be a list of slugs`)
    for (const part of entry.split(',')) {
      const slug = part.trim()
      if (slug === '') continue
      if (slug.length > SLUG_MAX_LENGTH || !SLUG_PATTERN.test(slug)) {
        throw badInput(`"${parameter}" must hold slugs (lower-case letters, digits and single dashes), not ${quote(slug)}`)
      }
      if (!slugs.includes(slug)) slugs.push(slug)
    }
  }
  if (slugs.length > MAX_MATCH_SLUGS) throw badInput(`"${parameter}" may name at most ${MAX_MATCH_SLUGS} slugs, not ${slugs.length}`)
  return slugs
}

/** `limit`: a whole number from 1 to the plugin's `limits.maxLimit`, or a 400 naming it. */
export const parseMatchLimit = (value: unknown, maxLimit: number, parameter = 'limit'): number => {
  if (value === undefined || value === null || value === '') return Math.min(DEFAULT_MATCH_LIMIT, maxLimit)
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > maxLimit) {
    throw badInput(`"${parameter}" must be a whole number from 1 to ${maxLimit}, not ${quote(String(value))}`)
  }
  return number
}

/** `draft` from REST: `true`/`false`, or a 400 naming it. GraphQL's Boolean needs no check. */
export const parseDraftParameter = (value: null | string | undefined): boolean | undefined => {
  if (value === null || value === undefined || value === '') return undefined
  if (value === 'true' || value === 'false') return value === 'true'
  throw badInput(`"draft" must be true or false, not ${quote(value)}`)
}
