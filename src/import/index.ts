export {
  assignSlug,
  type BatchInfo,
  checkImportLanguages,
  importCatalogue,
  type ImportCatalogueArgs,
  importLanguages,
  type ImportMethod,
  type ImportProgress,
  type ImportReport,
} from './importCatalogue.js'
export { readEscoCatalogue, type ReadEscoOptions } from './esco/readEscoCatalogue.js'
export {
  DEFAULT_SOURCE_TITLE,
  escoFiles,
  escoFilesFor,
  escoRelationTypes,
  escoReuseLevels,
  escoSkillTypes,
  kindFromReuseLevel,
} from './esco/vocabulary.js'
export { UnsupportedSchemaError } from './sqlRows.js'
export type {
  ImportProblem,
  ImportSource,
  ParsedCatalogue,
  RoleInput,
  RoleLinkInput,
  RoleTranslation,
  SkillInput,
  SkillTranslation,
} from './types.js'

import type { ImportCatalogueArgs, ImportReport } from './importCatalogue.js'
import type { ReadEscoOptions } from './esco/readEscoCatalogue.js'

import { readEscoCatalogue } from './esco/readEscoCatalogue.js'
import { checkImportLanguages, importCatalogue, importLanguages } from './importCatalogue.js'

/**
 * Reads a folder in the layout of ESCO's CSV download, in the languages asked for (default: the
 * site's locales), and imports it (see importCatalogue).
 */
export const importEscoFolder = async ({
  folder,
  languages,
  sourceTitle,
  ...args
}: Omit<ImportCatalogueArgs, 'catalogue'> & ReadEscoOptions & { folder: string }): Promise<ImportReport> => {
  // The site's locales unless told otherwise; checked before any file is read.
  const chosen = languages ?? importLanguages(args.payload)
  checkImportLanguages(args.payload, chosen)
  return importCatalogue({
    ...args,
    catalogue: await readEscoCatalogue(folder, { languages: chosen, optionalTranslations: !languages, sourceTitle }),
  })
}
