import React from 'react'

import { Document } from '../../../_components/Document.js'
import { loadRole } from '../../../_lib/queries.js'

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> }

/** Root layout of the role page: the role's Occupation JSON-LD goes into <head>. */
const RoleLayout = async ({ children, params }: Props) => {
  const { slug } = await params
  const role = await loadRole(slug)
  return <Document jsonLd={[role?.jsonLd]} path={`/roles/${slug}`}>{children}</Document>
}

export default RoleLayout
