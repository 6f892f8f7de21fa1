import type { CollectionSlug, JoinField } from 'payload'

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
    defaultColumns: ['title', 'slug', '_status'],
    description: 'Roles that link to this. Edit the link on the role.',
  },
  collection: rolesSlug as CollectionSlug,
  defaultLimit,
  // By slug (the title's words, not localized), not by the roles' default sort (the localized title):
  // Payload 3.90's SQL for a join over drafts sorted by a localized field fails (a 500 on every
  // `?draft=true` read of an item, the admin's edit view included, once localization is on).
  defaultSort: 'slug',
  on,
})
