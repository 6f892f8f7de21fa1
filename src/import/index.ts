export {
  assignSlug,
  type BatchInfo,
  importCatalogue,
  type ImportCatalogueArgs,
  type ImportMethod,
  type ImportProgress,
  type ImportReport,
} from './importCatalogue.js'
export { readEscoCatalogue, type ReadEscoOptions } from './esco/readEscoCatalogue.js'
export {
  DEFAULT_SOURCE_TITLE,
  escoFiles,
  escoRelationTypes,
  escoReuseLevels,
  escoSkillTypes,
  kindFromReuseLevel,
} from './esco/vocabulary.js'
export { UnsupportedSchemaError } from './sqlRows.js'
export type { ImportProblem, ImportSource, ParsedCatalogue, RoleInput, RoleLinkInput, SkillInput } from './types.js'

import type { ImportCatalogueArgs, ImportReport } from './importCatalogue.js'
import type { ReadEscoOptions } from './esco/readEscoCatalogue.js'

import { readEscoCatalogue } from './esco/readEscoCatalogue.js'
import { importCatalogue } from './importCatalogue.js'

/** Reads a folder in the layout of ESCO's CSV download and imports it (see importCatalogue). */
export const importEscoFolder = async ({
  folder,
  sourceTitle,
  ...args
}: Omit<ImportCatalogueArgs, 'catalogue'> & ReadEscoOptions & { folder: string }): Promise<ImportReport> =>
  importCatalogue({ ...args, catalogue: await readEscoCatalogue(folder, { sourceTitle }) })
