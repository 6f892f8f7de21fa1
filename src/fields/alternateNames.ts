import type { TextField } from 'payload'

/**
 * Other names the item goes by (synonyms, older titles, a taxonomy's alternative labels), so search
 * and matching find it under any of them. One value per name; human-readable, so localized.
 */
export const alternateNamesField = (): TextField => ({
  name: 'alternateNames',
  type: 'text',
  admin: {
    description: 'Other names for this, one per entry, e.g. "IT project manager". Used for search and matching.',
  },
  hasMany: true,
  localized: true,
})
