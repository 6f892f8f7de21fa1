import React from 'react'

import { Document } from '../../_components/Document.js'
import { DEFAULT_LANGUAGE, isLanguage } from '../../_lib/languages.js'

export const metadata = { title: 'Role Catalog' }

type Props = { children: React.ReactNode; params: Promise<{ lang: string }> }

/** Root layout of the search results page, in the page's language (an unknown one: the page answers 404). */
const Layout = async ({ children, params }: Props) => {
  const { lang } = await params
  return (
    <Document language={isLanguage(lang) ? lang : DEFAULT_LANGUAGE} path="/search">
      {children}
    </Document>
  )
}

export default Layout
