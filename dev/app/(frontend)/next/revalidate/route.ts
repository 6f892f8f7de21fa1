import { revalidateTag } from 'next/cache.js'
import { SIGNATURE_HEADER, verifyChangeNotification } from 'payload-plugin-role-catalog/notify'

import { revalidationSecret } from '../../../../revalidation.js'
import { tagsFor } from '../../_lib/cacheTags.js'

/**
 * Receives the plugin's change notifications (option `changeNotifications` in dev/payload.config.ts):
 * checks the HMAC-SHA256 signature against the raw body, then expires exactly the cached answers the
 * change affects (_lib/cacheTags.ts). Anything unsigned or wrongly signed gets 401 and changes nothing.
 */
export const POST = async (request: Request): Promise<Response> => {
  const body = await request.text()
  const result = verifyChangeNotification({ body, secret: revalidationSecret(), signature: request.headers.get(SIGNATURE_HEADER) })
  if (!result.ok) return Response.json({ error: `change notification refused: ${result.reason}` }, { status: 401 })
  const tags = tagsFor(result.notification)
  // `{ expire: 0 }`: expired now, so the next visit reads fresh data (not stale-while-revalidate).
  for (const tag of tags) revalidateTag(tag, { expire: 0 })
  return Response.json({ id: result.notification.id, revalidated: tags })
}
