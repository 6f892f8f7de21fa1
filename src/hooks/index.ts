import type { CollectionConfig } from 'payload'

import type { CatalogCollection, ResolvedRoleCatalogOptions } from '../plugin/options.js'

import { catalogChangeHooks } from '../changes/changeHooks.js'
import { deleteGuardHook } from './deleteGuard.js'
import { hideUnreadableLinksHook } from './hideUnreadableLinks.js'
import { publishDefaultLocaleFirst } from './publishDefaultLocaleFirst.js'
import { recordReadDocument, recordReadOperation } from './recordDependencies.js'
import { dropDeletedLinksOnRestore } from './restoreVersion.js'
import { roleLinks } from './roleLinks.js'
import { uniqueSlugHook } from './uniqueSlug.js'
import { leaveUnfinishedLinksOutOfAutosaves } from './unfinishedLinks.js'

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
  // Every committed write is published on the change feed (src/changes): caches and transports follow it.
  const changes = catalogChangeHooks(name, slugs)
  // Reads made for a cacheable answer record what it depends on (src/cache/dependencies.ts).
  // "Publish in German" of a document never published with an English name is refused (see the hook).
  const nameField = name === 'roles' || name === 'responsibilities' ? 'title' : 'name'
  const recording = {
    afterRead: [recordReadDocument(name, slugs)],
    beforeOperation: [recordReadOperation(name), publishDefaultLocaleFirst(nameField)],
  }
  if (name === 'roles') {
    return {
      ...changes,
      ...recording,
      afterRead: [...recording.afterRead, hideUnreadableLinksHook(slugs)],
      beforeChange: [uniqueSlugHook, ...(changes.beforeChange ?? [])],
      // Restoring an old version leaves out links to items deleted since (src/hooks/restoreVersion.ts);
      // an autosave leaves out link rows whose item is not picked yet (src/hooks/unfinishedLinks.ts).
      beforeValidate: [dropDeletedLinksOnRestore(slugs), leaveUnfinishedLinksOutOfAutosaves],
    }
  }
  return {
    ...changes,
    ...recording,
    beforeChange: [uniqueSlugHook, ...(changes.beforeChange ?? [])],
    beforeDelete: [...(changes.beforeDelete ?? []), deleteGuardHook({ link: roleLinks[name], rolesSlug: slugs.roles })],
  }
}
