import type { Access, CollectionConfig, PayloadRequest } from 'payload'

import { markPluginOwned } from './owned.js'

/** A logged-in user of the collection the admin panel authenticates against. */
export const isAdminUser = (req: PayloadRequest): boolean =>
  Boolean(req.user && req.user.collection === req.payload.config.admin.user)

const adminUsersOnly: Access = markPluginOwned(({ req }) => isAdminUser(req))

/** Editors see drafts; everyone else (anonymous or users of other auth collections) published documents only. */
const publishedUnlessAdmin: Access = markPluginOwned(({ req }) =>
  isAdminUser(req) ? true : { _status: { equals: 'published' } })

/**
 * The plugin's defaults. A host passes its own through `overrides.<collection>.access`; each of its
 * functions replaces the default of the same name.
 */
export const defaultCatalogAccess = (): NonNullable<CollectionConfig['access']> => ({
  create: adminUsersOnly,
  delete: adminUsersOnly,
  read: publishedUnlessAdmin,
  readVersions: adminUsersOnly,
  update: adminUsersOnly,
})
