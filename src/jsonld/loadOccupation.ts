import type { PayloadRequest } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { CatalogReader, RoleDoc } from '../read/catalogReader.js'

import { buildOccupationJsonLd, degreeWordsFor, occupationId, type OccupationJsonLd } from './occupation.js'

/** JSON-LD for a role document already read for this request (REST endpoint, GraphQL field). */
export const occupationForDoc = async ({
  doc,
  reader,
  req,
  slugs,
}: {
  doc: RoleDoc
  reader: CatalogReader
  req: PayloadRequest
  slugs: CatalogSlugs
}): Promise<OccupationJsonLd> => {
  const role = await reader.resolve(doc)
  // The language of its text: the read's locale on a localized site (`all` never reaches here).
  const language = reader.context.locale
  const { config } = req.payload
  // The degree words in the language of the text (English on a site without localization).
  const words = degreeWordsFor(config.i18n?.translations as Record<string, unknown> | undefined, language)
  return buildOccupationJsonLd(role, occupationId({ config, rolesSlug: slugs.roles, slug: doc.slug }), { language, words })
}
