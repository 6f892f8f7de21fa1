import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { LiveRole } from '../../../../_components/LiveRole.js'
import { RoleView } from '../../../../_components/RoleView.js'
import { payloadOrigin, previewSession } from '../../../../_lib/graphql.js'
import { isLanguage, words } from '../../../../_lib/languages.js'
import { loadRole } from '../../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ lang: string; slug: string }> }

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { lang, slug } = await params
  if (!isLanguage(lang)) return {}
  const role = (await loadRole(slug, lang))?.data
  return { description: role?.summary ?? undefined, title: role ? `${role.title} — Role Catalog` : words[lang].notFound }
}

/**
 * Visitors get the published role as plain HTML, in the page's language, with text that has no
 * translation yet marked. In draft mode (an editor's preview, also inside the admin's live preview)
 * the page shows the newest draft and follows the editor's typing.
 */
const RolePage = async ({ params }: Props) => {
  const { lang, slug } = await params
  if (!isLanguage(lang)) notFound()
  const role = await loadRole(slug, lang)
  if (!role) notFound()
  if (await previewSession()) return <LiveRole initialRole={role.data} language={lang} serverURL={await payloadOrigin()} />
  return <RoleView language={lang} role={role.data} untranslated={role.untranslated} />
}

export default RolePage
