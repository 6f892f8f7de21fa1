import { revalidateTag } from 'next/cache.js'
import { verifyChangeNotification } from 'payload-plugin-role-catalog/notify'

import { revalidationSecrets } from '../../../../revalidation.js'
import { tagsFor } from '../../_lib/cacheTags.js'

/**
 * Receives the plugin's change notifications (option `changeNotifications` in dev/payload.config.ts),
 * Standard Webhooks signed: checks the `webhook-signature` against the raw body with the site's
 * secrets (several while one is rotated) and refuses a timestamp more than 5 minutes off (a replay),
 * then expires exactly the cached answers the change affects (_lib/cacheTags.ts). Anything unsigned,
 * wrongly signed or replayed gets 401 and changes nothing. A notification can arrive twice (at least
 * once delivery); expiring tags twice is harmless, so no `webhook-id` bookkeeping is needed here.
 */
export const POST = async (request: Request): Promise<Response> => {
  const body = await request.text()
  const result = verifyChangeNotification({ body, headers: request.headers, secrets: revalidationSecrets() })
  if (!result.ok) return Response.json({ error: `change notification refused: ${result.reason}` }, { status: 401 })
  const tags = tagsFor(result.notification)
  // `{ expire: 0 }`: expired now, so the next visit reads fresh data (not stale-while-revalidate).
  for (const tag of tags) revalidateTag(tag, { expire: 0 })
  return Response.json({ id: result.id, revalidated: tags })
}
