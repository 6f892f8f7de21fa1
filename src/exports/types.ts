/**
 * `payload-plugin-role-catalog/types`: the types of what the catalogue holds and announces, for
 * code that works on any site (a site's generated `payload-types.ts` has its own exact types).
 * Types only: importing this subpath loads nothing.
 */
export type { CatalogChange } from '../changes/catalogChange.js'
export type { CatalogCollection, CatalogSlugs, RoleCatalogPluginOptions } from '../plugin/options.js'
export type {
  CatalogCertification,
  CatalogDocuments,
  CatalogResponsibility,
  CatalogRole,
  CatalogSkill,
} from '../types/documents.js'
