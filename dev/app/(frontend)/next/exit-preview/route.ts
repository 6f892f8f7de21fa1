import { draftMode } from 'next/headers.js'

import { isLocalPath, redirectTo } from '../localRedirect.js'

/** `GET /next/exit-preview?path=/roles/<slug>`: leaves draft mode and shows the published page. */
export const GET = async (request: Request) => {
  ;(await draftMode()).disable()
  const path = new URL(request.url).searchParams.get('path') ?? ''
  return redirectTo(isLocalPath(path) ? path : '/roles')
}
