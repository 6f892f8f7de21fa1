'use client'

import { useLivePreview } from '@payloadcms/live-preview-react'
import React from 'react'

import type { Language } from '../_lib/languages.js'
import type { RolePage } from '../_lib/queries.js'

import { RoleView } from './RoleView.js'

/**
 * The role page inside the admin's live preview: starts from the role as GraphQL answered it (the
 * latest draft) and re-renders with the form's values each time the editor changes something,
 * before anything is saved. Depth 1: each link's item, and the roles it builds on, populated (as the
 * editor's session reads them). The admin sends its content locale along (the preview URL opened
 * this page in that language); the form's text is the editor's own, so nothing is marked as
 * untranslated here.
 *
 * Payload's own request handler on purpose: with `draft: true` in the population request, Payload
 * replaces the posted values with the role's latest saved draft (findByID's draft replacement), so
 * the page would follow autosave instead of the form and lag behind a change made after it.
 */
export const LiveRole = ({ initialRole, language, serverURL }: { initialRole: RolePage; language: Language; serverURL: string }) => {
  const { data } = useLivePreview<RolePage>({ depth: 1, initialData: initialRole, serverURL })
  // What only GraphQL answers (the JSON-LD) stays as loaded; everything the form holds is live.
  return <RoleView language={language} role={{ ...initialRole, ...data, jsonLd: initialRole.jsonLd }} />
}
