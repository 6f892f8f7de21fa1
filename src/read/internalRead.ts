import type { PayloadRequest } from 'payload'

import { isolateObjectProperty } from 'payload'

const INTERNAL_READ = 'roleCatalogInternalRead'

/**
 * The request, for reads the plugin makes itself on a caller's behalf (a role's linked items by ID):
 * same user, locale and transaction, access still applied, but marked in a `context` of its own so
 * the caller-facing read limits (src/hooks/boundReads.ts) leave them alone. Isolated, so the mark
 * never reaches the caller's own queries in the same request.
 */
export const internalReadRequest = (req: PayloadRequest): PayloadRequest => {
  const isolated = isolateObjectProperty(req, 'context')
  isolated.context = { ...req.context, [INTERNAL_READ]: true }
  return isolated
}

export const isInternalRead = (req: PayloadRequest): boolean => req.context?.[INTERNAL_READ] === true
