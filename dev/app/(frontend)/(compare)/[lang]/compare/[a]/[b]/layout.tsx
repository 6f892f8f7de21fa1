import React from 'react'

import { Document } from '../../../../../_components/Document.js'
import { DEFAULT_LANGUAGE, isLanguage } from '../../../../../_lib/languages.js'
import { loadComparison } from '../../../../../_lib/queries.js'

type Props = { children: React.ReactNode; params: Promise<{ a: string; b: string; lang: string }> }

/** Root layout of the comparison page: both roles' Occupation JSON-LD, in the page's language, go into <head>. */
const CompareLayout = async ({ children, params }: Props) => {
  const { a, b, lang } = await params
  const comparison = isLanguage(lang) ? (await loadComparison(a, b, lang))?.data : null
  return (
    <Document
      jsonLd={[comparison?.a.jsonLd, comparison?.b.jsonLd]}
      language={isLanguage(lang) ? lang : DEFAULT_LANGUAGE}
      path={`/compare/${a}/${b}`}
    >
      {children}
    </Document>
  )
}

export default CompareLayout
