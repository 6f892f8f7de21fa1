/**
 * `payload-plugin-role-catalog/import`: bulk import of a catalogue (ESCO's CSV download, or any
 * source parsed into a ParsedCatalogue), in batches through the database adapter.
 */
export {
  type BatchInfo,
  checkImportLanguages,
  escoFilesFor,
  importCatalogue,
  type ImportCatalogueArgs,
  importLanguages,
  importEscoFolder,
  type ImportMethod,
  type ImportProblem,
  type ImportProgress,
  type ImportReport,
  type ImportSource,
  type ParsedCatalogue,
  readEscoCatalogue,
  type ReadEscoOptions,
  type RoleInput,
  type RoleLinkInput,
  type RoleTranslation,
  type SkillInput,
  type SkillTranslation,
  UnsupportedSchemaError,
} from '../import/index.js'
