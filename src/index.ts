/**
 * The package's entry point: the plugin and what a site's config, seed and migrations use. Every
 * name exported here (and from the subpaths in src/exports/) is a promise to sites: docs/api.md has
 * a line for each, and tests/public-api.test.ts fails on a name it does not list. Field factories,
 * translations, the importer and the admin components sit behind subpaths, as in Payload's own
 * plugins; the rest (readers, SQL builders, hooks) is the plugin's own and may change in any release.
 */
export { roleCatalogPlugin } from './plugin/index.js'
export {
  type CatalogCollection,
  type CatalogSlugs,
  type CollectionOverride,
  type GraphQLLimits,
  type PreviewOptions,
  type ReadLimits,
  type ResponseCacheOptions,
  RoleCatalogOptionsError,
  type RoleCatalogPluginOptions,
  type RolePreviewURLArgs,
} from './plugin/options.js'
export { getCatalogSlugs } from './plugin/catalogConfig.js'
export { type SeedReport, seedRoleCatalog, type SeedRoleCatalogArgs } from '../seed/seedRoleCatalog.js'
export {
  keepTextWhenLocalizing,
  type KeepTextWhenLocalizingArgs,
  type KeptText,
} from './localization/keepTextWhenLocalizing.js'
export { withGraphQLRequestErrors } from './graphql/http.js'
// Serving (issue 10): the route helpers with the response cache, ETags and Cache-Control.
export { type RestRouteHandler, withCatalogRestCache } from './cache/restRoute.js'
export { catalogGraphQLRoute } from './graphql/route.js'
// Change feed (issue 10): committed catalogue changes, for a site's caches and cross-instance transports.
export {
  type CatalogChange,
  lastAppliedChange,
  onCatalogChange,
  onCatalogResync,
  receiveRemoteChange,
  resyncCatalog,
} from './changes/index.js'
export type {
  CatalogCertification,
  CatalogDocuments,
  CatalogResponsibility,
  CatalogRole,
  CatalogSkill,
} from './types/documents.js'
