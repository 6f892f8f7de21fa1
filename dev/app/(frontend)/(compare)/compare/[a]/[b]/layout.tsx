import React from 'react'

import { Document } from '../../../../_components/Document.js'
import { loadComparison } from '../../../../_lib/queries.js'

type Props = { children: React.ReactNode; params: Promise<{ a: string; b: string }> }

/** Root layout of the comparison page: both roles' Occupation JSON-LD go into <head>. */
const CompareLayout = async ({ children, params }: Props) => {
  const { a, b } = await params
  const comparison = await loadComparison(a, b)
  return <Document jsonLd={[comparison?.a.jsonLd, comparison?.b.jsonLd]} path={`/compare/${a}/${b}`}>{children}</Document>
}

export default CompareLayout
