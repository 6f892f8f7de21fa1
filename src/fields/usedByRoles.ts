import type { CollectionSlug, JoinField } from 'payload'

import { clientComponent } from './adminComponents.js'

/**
 * Reverse navigation from a catalogue item to the roles that link it. Payload resolves the join
 * in SQL (REST, Local API) and applies the roles' read access to it.
 */
export const usedByRolesField = ({
  defaultLimit = 100,
  on,
  rolesSlug,
}: {
  /** Roles listed when the reader does not ask for a number; a page of them, with hasNextPage. */
  defaultLimit?: number

  /** Path of the relationship on the role, e.g. `skills.skill`. */
  on: string
  rolesSlug: string
}): JoinField => ({
  name: 'roles',
  type: 'join',
  admin: {
    // The plugin's Roles table (src/components/RoleLinksTable.tsx): each role's requirement and note,
    // editable, and a row to add the item to a role. Admin config, kept when the plugin is disabled
    // (the table then lists the roles read-only: its endpoint is behaviour, left out).
    components: { Field: { clientProps: { on, rolesSlug }, path: clientComponent('RoleLinksTable') } },
    defaultColumns: ['title', 'slug', '_status'],
    description: 'Roles that link to this, with the requirement and note of each link; change them here or on the role.',
  },
  collection: rolesSlug as CollectionSlug,
  defaultLimit,
  // By slug, not by the roles' default sort (the title): Payload 3.90 cannot read a join sorted by
  // a localized field from versions, so on a localized site every draft read of the item (the
  // admin's edit view) failed with a 500.
  defaultSort: 'slug',
  on,
})
