export {
  certificationsCollection,
  defaultCertificationFields,
} from './collections/certifications.js'
export {
  defaultResponsibilityFields,
  responsibilitiesCollection,
} from './collections/responsibilities.js'
export {
  defaultRoleFields,
  type DegreeLevel,
  degreeLevels,
  type ExperienceKind,
  experienceKinds,
  rolesCollection,
} from './collections/roles.js'
export { defaultSkillFields, type SkillKind, skillKinds, skillsCollection } from './collections/skills.js'
export * from './fields/index.js'
// Frontend API: comparison, JSON-LD, GraphQL (issue 3).
export {
  type ComparisonDimension,
  type ComparisonDimensionName,
  comparisonDimensions,
  type ComparisonLink,
  compareResolvedRoles,
  loadComparison,
  type OnlyItem,
  type RoleComparison,
  type SharedItem,
} from './compare/index.js'
// Change feed (issue 10): committed catalogue changes, for caches and cross-instance transports.
export {
  type CatalogChange,
  lastAppliedChange,
  onCatalogChange,
  onCatalogResync,
  receiveRemoteChange,
  resyncCatalog,
} from './changes/index.js'
export { roleEndpoints } from './endpoints/index.js'
export { withGraphQLRequestErrors } from './graphql/http.js'
export { roleCatalogGraphQL } from './graphql/index.js'
export {
  buildOccupationJsonLd,
  occupationId,
  type OccupationJsonLd,
  serializeJsonLdForHtml,
} from './jsonld/index.js'
export { CatalogReader, type ResolvedRole, type RoleDoc } from './read/catalogReader.js'
export { findLinkingRoles, ITEM_IN_USE_ERROR, ItemInUseError } from './hooks/index.js'
export { defaultCatalogAccess, isAdminUser } from './plugin/access.js'
export { getCatalogConfig, getCatalogSlugs } from './plugin/catalogConfig.js'
export { roleCatalogPlugin } from './plugin/index.js'
export {
  type CatalogCollection,
  catalogCollections,
  type CatalogSlugs,
  type CollectionOverride,
  defaultSlugs,
  type PreviewOptions,
  type ResolvedRoleCatalogOptions,
  resolveOptions,
  RoleCatalogOptionsError,
  type RoleCatalogPluginOptions,
  type RolePreviewURLArgs,
} from './plugin/options.js'
export { articleSeed } from '../seed/data.js'
export type { CatalogSeed } from '../seed/schema.js'
export { catalogSeedSchema } from '../seed/schema.js'
export { type SeedReport, seedRoleCatalog, type SeedRoleCatalogArgs } from '../seed/seedRoleCatalog.js'
export {
  mergeTranslations,
  roleCatalogTranslations,
  type RoleCatalogTranslationKey,
  TRANSLATION_NAMESPACE,
} from './translations/index.js'
export type {
  CatalogCertification,
  CatalogDocuments,
  CatalogResponsibility,
  CatalogRole,
  CatalogSkill,
} from './types/documents.js'
export {
  keepTextWhenLocalizing,
  type KeepTextWhenLocalizingArgs,
  type KeptText,
} from './localization/keepTextWhenLocalizing.js'
export { requiredInDefaultLocale } from './localization/requiredInDefaultLocale.js'
export { type TaxonomySeed, taxonomySeed, taxonomySeedSchema } from '../seed/taxonomy.js'
export * from './import/index.js'
