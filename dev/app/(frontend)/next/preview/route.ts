import { timingSafeEqual } from 'node:crypto'
import { cookies, draftMode } from 'next/headers.js'

import { previewSecret } from '../../../../preview.js'
import { graphql, SESSION_COOKIE } from '../../_lib/graphql.js'
import { isLocalPath, redirectTo } from '../localRedirect.js'

const sameSecret = (given: string) => {
  const a = Buffer.from(given)
  const b = Buffer.from(previewSecret)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The admin's user behind the browser's session cookie, asked of the GraphQL API (`meUser`): null
 * when there is none, it expired, or it belongs to another auth collection.
 */
const editorOf = async (token: string | undefined) => {
  if (!token) return null
  const data = await graphql<{ meUser: { user: { id: number | string } | null } | null }>(
    /* GraphQL */ `query PreviewEditor { meUser { user { id } } }`,
    {},
    { token },
  )
  return data?.meUser?.user ?? null
}

/**
 * `GET /next/preview?secret=…&path=/roles/<slug>`: where the admin's live preview and Preview
 * buttons send the editor (the plugin's `preview.url`, dev/preview.ts). With the right secret and a
 * logged-in editor, turns on Next.js draft mode (a cookie for this browser only) and redirects to
 * the page, which then reads the newest drafts with the editor's session. Anyone else gets 403 and
 * no draft mode.
 */
export const GET = async (request: Request) => {
  const params = new URL(request.url).searchParams
  const path = params.get('path') ?? ''
  if (!sameSecret(params.get('secret') ?? '')) {
    return new Response('Preview: wrong or missing secret.', { status: 403 })
  }
  if (!isLocalPath(path)) {
    return new Response('Preview: `path` must be a path on this site, such as /roles/project-manager.', { status: 400 })
  }
  const editor = await editorOf((await cookies()).get(SESSION_COOKIE)?.value)
  if (!editor) {
    return new Response('Preview: log in to the admin first; drafts are for editors only.', { status: 403 })
  }
  ;(await draftMode()).enable()
  return redirectTo(path)
}
