import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { LiveRole } from '../../../_components/LiveRole.js'
import { RoleView } from '../../../_components/RoleView.js'
import { payloadOrigin, previewSession } from '../../../_lib/graphql.js'
import { loadRole } from '../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }> }

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const role = await loadRole((await params).slug)
  return { description: role?.summary ?? undefined, title: role ? `${role.title} — Role Catalog` : 'Role not found' }
}

/**
 * Visitors get the published role as plain HTML. In draft mode (an editor's preview, also inside
 * the admin's live preview) the page shows the newest draft and follows the editor's typing.
 */
const RolePage = async ({ params }: Props) => {
  const role = await loadRole((await params).slug)
  if (!role) notFound()
  if (await previewSession()) return <LiveRole initialRole={role} serverURL={await payloadOrigin()} />
  return <RoleView role={role} />
}

export default RolePage
