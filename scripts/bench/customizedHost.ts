/**
 * The catalogue as a team customizes it on its own site (docs/site-owners.md), for the benchmark's
 * customizedRoleBySlugVsSql: fields of its own on roles (the common field types, a relationship to
 * one of its collections, `regions`), a read hook, and read access that returns a query for
 * anonymous readers (published AND public) instead of the plugin's default.
 */
import type { Access, CollectionAfterReadHook, CollectionConfig, Field, Where } from 'payload'

import type { RoleCatalogPluginOptions } from '../../src/index.js'

const publishedAndPublic: Where = { and: [{ _status: { equals: 'published' } }, { visibility: { equals: 'public' } }] }

/** Editors read everything; anonymous readers published roles marked public. */
export const publicUnlessLoggedIn: Access = ({ req }) => (req.user ? true : publishedAndPublic)

/** Anonymous readers see a salary band as "on request". */
const salaryOnRequest: CollectionAfterReadHook = ({ doc, req }) => (req.user || !doc.salaryBand ? doc : { ...doc, salaryBand: 'on request' })

/** The host's own collection the roles link to. */
export const regionsCollection: CollectionConfig = { slug: 'regions', access: { read: () => true }, fields: [{ name: 'name', type: 'text' }] }

/** Fields of the common types a host adds to roles. */
export const customizedRoleFields: Field[] = [
  { name: 'salaryBand', type: 'text' },
  { name: 'headcount', type: 'number' },
  { name: 'level', type: 'select', options: ['junior', 'senior'] },
  { name: 'remote', type: 'checkbox' },
  { name: 'reviewedAt', type: 'date' },
  { name: 'region', type: 'relationship', relationTo: 'regions' as never },
  { name: 'perks', type: 'array', fields: [{ name: 'perk', type: 'text' }] },
  { name: 'meta', type: 'group', fields: [{ name: 'owner', type: 'text' }] },
  { name: 'visibility', type: 'select', defaultValue: 'public', options: ['public', 'internal'] },
]

export const customizedHostOverrides: NonNullable<RoleCatalogPluginOptions['overrides']> = {
  roles: {
    access: { read: publicUnlessLoggedIn },
    fields: ({ defaultFields }) => [...defaultFields, ...customizedRoleFields],
    hooks: { afterRead: [salaryOnRequest] },
  },
}
