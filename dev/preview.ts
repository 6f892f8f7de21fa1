/**
 * The demo's previews (plugin option `preview`): the admin's live preview and Preview buttons open
 * the example frontend's role page through its draft-mode route, `/next/preview`, which checks this
 * secret and the editor's session before turning Next.js draft mode on (see
 * app/(frontend)/next/preview/route.ts). Set PREVIEW_SECRET in production.
 */
import type { RolePreviewURLArgs } from 'payload-plugin-role-catalog'

import { DEFAULT_LANGUAGE, isLanguage, localizedPath } from './app/(frontend)/_lib/languages.js'

export const previewSecret = process.env.PREVIEW_SECRET || 'role-catalog-demo-preview-secret-change-me'

/** The role page's path on the example frontend, in a language (`/roles/x`, `/de/roles/x`). */
export const rolePagePath = (slug: string, locale?: string) =>
  localizedPath(locale && isLanguage(locale) ? locale : DEFAULT_LANGUAGE, `/roles/${encodeURIComponent(slug)}`)

/**
 * A path on this site (the admin's origin) that enters draft mode and shows the role's page in the
 * content locale the editor is working in: editing German text previews the German page.
 */
export const rolePreviewURL = ({ doc, locale }: RolePreviewURLArgs): null | string => {
  if (typeof doc.slug !== 'string' || doc.slug === '') return null
  return `/next/preview?${new URLSearchParams({ path: rolePagePath(doc.slug, locale), secret: previewSecret })}`
}
