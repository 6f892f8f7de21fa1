/**
 * The demo's previews (plugin option `preview`): the admin's live preview and Preview buttons open
 * the example frontend's role page through its draft-mode route, `/next/preview`, which checks this
 * secret and the editor's session before turning Next.js draft mode on (see
 * app/(frontend)/next/preview/route.ts). Set PREVIEW_SECRET in production.
 */
import type { RolePreviewURLArgs } from 'payload-plugin-role-catalog'

export const previewSecret = process.env.PREVIEW_SECRET || 'role-catalog-demo-preview-secret-change-me'

/** The role page's path on the example frontend. */
export const rolePagePath = (slug: string) => `/roles/${encodeURIComponent(slug)}`

/**
 * A path on this site (the admin's origin) that enters draft mode and shows the role's page. The
 * locale goes along for a frontend with localized pages; this one has English pages only.
 */
export const rolePreviewURL = ({ doc, locale }: RolePreviewURLArgs): null | string => {
  if (typeof doc.slug !== 'string' || doc.slug === '') return null
  const params = new URLSearchParams({ path: rolePagePath(doc.slug), secret: previewSecret })
  if (locale) params.set('locale', locale)
  return `/next/preview?${params}`
}
