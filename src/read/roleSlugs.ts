import { APIError } from 'payload'

import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../fields/slug.js'

const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)

/**
 * A role slug taken from a request (query parameter, path, GraphQL argument), or a 400 naming the
 * parameter. Messages are public: callers see them as they are.
 */
export const parseRoleSlug = (value: unknown, parameter: string): string => {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new APIError(`"${parameter}" is required: the slug of a role, e.g. "project-manager"`, 400, undefined, true)
  }
  if (value.length > SLUG_MAX_LENGTH || !SLUG_PATTERN.test(value)) {
    throw new APIError(
      `"${parameter}" must be a role slug (lower-case letters, digits and single dashes), not ${quote(value)}`,
      400,
      undefined,
      true,
    )
  }
  return value
}

/**
 * Named like Payload's own NotFound so `config.loggingLevels.NotFound` (default `info`) applies: a
 * request for an unknown role is not a server error worth an ERROR log line.
 */
class RoleNotFound extends APIError {
  constructor(message: string) {
    super(message, 404, undefined, true)
    // Set explicitly: minified server bundles rename classes.
    this.name = 'NotFound'
  }
}

/**
 * 404 naming the slugs. A role the caller may not read (a draft, for anonymous readers) is reported
 * the same way as one that does not exist, so nothing leaks about unpublished content.
 */
export const roleNotFound = (slugs: string[]): APIError =>
  new RoleNotFound(
    slugs.length === 1
      ? `No role with slug ${quote(slugs[0]!)}`
      : `No roles with slugs ${slugs.map(quote).join(' and ')}`,
  )
