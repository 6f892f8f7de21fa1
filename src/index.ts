/**
 * The package's entry point: the plugin and the option types a site's config needs, as in Payload's
 * own plugins. Everything else a site may use sits behind a purposeful subpath (src/exports/):
 * `./types`, `./routes`, `./seed`, `./migrations`, `./utilities`, `./fields`, `./client`, `./rsc`,
 * `./translations`, `./import`, `./notify`. Every name exported is a promise to sites: docs/api.md
 * has a line for each, and tests/public-api.test.ts fails on a name it does not list. Plumbing used
 * only by the plugin's transports and tests (receiving remote changes, resyncs) is not exported.
 */
export { roleCatalogPlugin } from './plugin/index.js'
export {
  type CatalogCollection,
  type CatalogSlugs,
  type ChangeNotificationsOption,
  type CollectionOverride,
  type EditorDrafts,
  type GraphQLLimits,
  type InstanceSyncOptions,
  type PreviewOptions,
  type ReadLimits,
  type ResponseCacheOptions,
  RoleCatalogOptionsError,
  type RoleCatalogPluginOptions,
  type RolePreviewURLArgs,
} from './plugin/options.js'
