import { draftMode } from 'next/headers.js'
import { redirect } from 'next/navigation.js'

/** `GET /next/exit-preview?path=/roles/<slug>`: leaves draft mode and shows the published page. */
export const GET = async (request: Request) => {
  ;(await draftMode()).disable()
  const path = new URL(request.url).searchParams.get('path') ?? ''
  redirect(path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/roles')
}
