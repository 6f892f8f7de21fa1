import type { CollectionConfig, CollectionSlug, PayloadRequest } from 'payload'

import type { CatalogCollection, ResolvedRoleCatalogOptions, RolePreviewURLArgs } from '../plugin/options.js'

import { roleLinks } from '../hooks/roleLinks.js'

type Doc = RolePreviewURLArgs['doc']

/** The content locale as a code, or undefined on a site without localization (Payload passes its default then). */
const localeCode = (req: PayloadRequest, locale: unknown): string | undefined => {
  if (!req.payload.config.localization) return undefined
  if (typeof locale === 'string') return locale
  if (locale && typeof locale === 'object' && typeof (locale as { code?: unknown }).code === 'string') {
    return (locale as { code: string }).code
  }
  return req.locale ?? undefined
}

/**
 * The first role, by title, that links an item: what the Preview button of a skill, certification
 * or responsibility opens. Drafts included (the editor is previewing unpublished work), read as
 * the editor with the collection's access rules.
 */
const firstRoleLinking = async (
  name: Exclude<CatalogCollection, 'roles'>,
  item: Doc,
  { locale, req, slugs }: { locale: string | undefined; req: PayloadRequest; slugs: ResolvedRoleCatalogOptions['slugs'] },
): Promise<Doc | null> => {
  if (item.id === undefined || item.id === null) return null
  const { arrayName, itemName } = roleLinks[name]
  const { docs } = await req.payload.find({
    collection: slugs.roles as CollectionSlug,
    depth: 0,
    draft: true,
    // Only the role itself is needed. (Payload 3.90 also fails to read the roles' join fields from
    // versions on a localized site: a join sorted by a localized field refers to the wrong table.)
    // (Typed loosely: the collection slugs are only known at runtime.)
    joins: false as never,
    limit: 1,
    ...(locale ? { locale: locale as never } : {}),
    overrideAccess: false,
    pagination: false,
    req,
    sort: 'title',
    user: req.user,
    where: { [`${arrayName}.${itemName}`]: { equals: item.id } },
  })
  return (docs[0] as unknown as Doc | undefined) ?? null
}

/**
 * The admin settings that give a catalogue collection its previews on the host's frontend
 * (`preview` option): on roles, Payload's live preview (the page beside the form, updated from
 * the form's values as the editor types) and the Preview button; on the items, a Preview button
 * that opens a role linking the item, since items have no page of their own. Nothing when the
 * option is not given or the plugin is disabled.
 */
export const previewAdmin = (name: CatalogCollection, options: ResolvedRoleCatalogOptions): CollectionConfig['admin'] => {
  const { preview, slugs } = options
  if (!preview || options.disabled) return {}
  const urlFor = async (doc: Doc, locale: string | undefined, req: PayloadRequest): Promise<null | string> => {
    const url = await preview.url({ doc, locale, req })
    return typeof url === 'string' && url.length > 0 ? url : null
  }

  if (name === 'roles') {
    return {
      ...(preview.livePreview
        ? {
            livePreview: {
              breakpoints: preview.breakpoints,
              url: ({ data, locale, req }) => urlFor(data as Doc, localeCode(req, locale), req),
            },
          }
        : {}),
      preview: (doc, { locale, req }) => urlFor(doc as Doc, localeCode(req, locale), req),
    }
  }

  return {
    preview: async (doc, { locale, req }) => {
      const code = localeCode(req, locale)
      const role = await firstRoleLinking(name, doc as Doc, { locale: code, req, slugs })
      return role ? urlFor(role, code, req) : null
    },
  }
}
