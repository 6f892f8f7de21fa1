import type { CollectionConfig } from 'payload'

import type { CatalogCollection, ResolvedRoleCatalogOptions } from '../plugin/options.js'

import { deleteGuardHook } from './deleteGuard.js'
import { hideUnreadableLinksHook } from './hideUnreadableLinks.js'
import { dropDeletedLinksOnRestore } from './restoreVersion.js'
import { roleLinks } from './roleLinks.js'
import { uniqueSlugHook } from './uniqueSlug.js'

export { deleteGuardHook, findLinkingRoles, ITEM_IN_USE_ERROR, ItemInUseError } from './deleteGuard.js'
export { hideUnreadableLinksHook } from './hideUnreadableLinks.js'
export { dropDeletedLinksOnRestore, droppedLinksMessage, restoreVersionEndpoint } from './restoreVersion.js'
export { roleLinks } from './roleLinks.js'
export { uniqueSlugHook } from './uniqueSlug.js'

/**
 * The hooks that carry the editors' rules (drafts, deletes, what readers see) for one catalogue
 * collection. buildCollection leaves them out when the plugin is disabled.
 */
export const catalogHooks = (
  name: CatalogCollection,
  { slugs }: Pick<ResolvedRoleCatalogOptions, 'slugs'>,
): NonNullable<CollectionConfig['hooks']> => {
  if (name === 'roles') {
    return {
      afterRead: [hideUnreadableLinksHook(slugs)],
      beforeChange: [uniqueSlugHook],
      // Restoring an old version leaves out links to items deleted since (src/hooks/restoreVersion.ts).
      beforeValidate: [dropDeletedLinksOnRestore(slugs)],
    }
  }
  return {
    beforeChange: [uniqueSlugHook],
    beforeDelete: [deleteGuardHook({ link: roleLinks[name], rolesSlug: slugs.roles })],
  }
}
