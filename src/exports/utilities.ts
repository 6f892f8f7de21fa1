/**
 * `payload-plugin-role-catalog/utilities`: for a site's server code that works under any slugs and
 * reacts to the catalogue's committed changes (its own caches, search indexes, revalidation).
 */
export { onCatalogChange, onCatalogResync } from '../changes/changeFeed.js'
export { type CatalogHearing, catalogHearing } from '../changes/hearing.js'
export { getCatalogSlugs } from '../plugin/catalogConfig.js'
