/**
 * `payload-plugin-role-catalog/seed`: the article's content, written by a site's own seed script or
 * migration (the `seed: true` option does the same on init).
 */
export type { SeedTranslation } from '../../seed/schema.js'
export { type SeedReport, seedRoleCatalog, type SeedRoleCatalogArgs } from '../../seed/seedRoleCatalog.js'
