import type { PayloadRequest } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'
import type { CatalogReader, RoleDoc } from '../read/catalogReader.js'

import { buildOccupationJsonLd, occupationId, type OccupationJsonLd } from './occupation.js'

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
  return buildOccupationJsonLd(role, occupationId({ config: req.payload.config, rolesSlug: slugs.roles, slug: doc.slug }), { language })
}
