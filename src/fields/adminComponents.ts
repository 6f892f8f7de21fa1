/**
 * Where the admin finds the plugin's client components (src/exports/client.ts). A site's import
 * map (`payload generate:importmap`) resolves these paths; a site that moves the package can
 * still override a field's `admin.components`.
 */
export const CLIENT_EXPORT = 'payload-plugin-role-catalog/client'

export const clientComponent = (name: 'LinkRowLabel' | 'RedeliverButton' | 'RoleLinksTable' | 'SlugInput') => `${CLIENT_EXPORT}#${name}`

/** Where the admin finds the plugin's server components (src/exports/rsc.ts). */
export const RSC_EXPORT = 'payload-plugin-role-catalog/rsc'

export const serverComponent = (name: 'UntranslatedFilter') => `${RSC_EXPORT}#${name}`
