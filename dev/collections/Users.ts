import type { CollectionConfig } from 'payload'

/** The demo site's editors. Any logged-in user may edit the catalogue (the plugin's default access). */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [],
}
