'use client'

import { useLivePreview } from '@payloadcms/live-preview-react'
import React from 'react'

import type { Language } from '../_lib/languages.js'
import type { RolePage } from '../_lib/queries.js'

import { RoleView } from './RoleView.js'

type RequestHandler = NonNullable<Parameters<typeof useLivePreview>[0]['requestHandler']>

/**
 * Payload's live preview asks the server to populate the form's values (links hold IDs) at the
 * given depth; this adds `draft: true`, so linked items show their newest drafts too, as the rest
 * of the page does in draft mode. Sent with the editor's session cookie (same site as the admin).
 */
const withDrafts: RequestHandler = ({ apiPath, data, endpoint, serverURL }) =>
  fetch(`${serverURL}${apiPath}/${endpoint}`, {
    body: JSON.stringify({ ...data, draft: true }),
    cache: 'no-store',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', 'X-Payload-HTTP-Method-Override': 'GET' },
    method: 'POST',
  })

/**
 * The role page inside the admin's live preview: starts from the role as GraphQL answered it (the
 * latest draft) and re-renders with the form's values each time the editor changes something,
 * before anything is saved. Depth 1: each link's item, and the roles it builds on, populated. The
 * admin sends its content locale along (the preview URL opened this page in that language); the
 * form's text is the editor's own, so nothing is marked as untranslated here.
 */
export const LiveRole = ({ initialRole, language, serverURL }: { initialRole: RolePage; language: Language; serverURL: string }) => {
  const { data } = useLivePreview<RolePage>({ depth: 1, initialData: initialRole, requestHandler: withDrafts, serverURL })
  // What only GraphQL answers (the JSON-LD) stays as loaded; everything the form holds is live.
  return <RoleView language={language} role={{ ...initialRole, ...data, jsonLd: initialRole.jsonLd }} />
}
