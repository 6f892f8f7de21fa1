import React from 'react'

import { Document } from '../../../../_components/Document.js'
import { DEFAULT_LANGUAGE, isLanguage } from '../../../../_lib/languages.js'
import { loadRole } from '../../../../_lib/queries.js'

type Props = { children: React.ReactNode; params: Promise<{ lang: string; slug: string }> }

/** Root layout of the role page: the role's Occupation JSON-LD, in the page's language, goes into <head>. */
const RoleLayout = async ({ children, params }: Props) => {
  const { lang, slug } = await params
  const role = isLanguage(lang) ? await loadRole(slug, lang) : null
  return (
    <Document jsonLd={[role?.data.jsonLd]} language={isLanguage(lang) ? lang : DEFAULT_LANGUAGE} path={`/roles/${slug}`}>
      {children}
    </Document>
  )
}

export default RoleLayout
