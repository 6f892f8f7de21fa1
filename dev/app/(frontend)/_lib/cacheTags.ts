import type { ChangeNotification } from 'payload-plugin-role-catalog/notify'

/*
 * The example frontend keeps the catalogue's answers in the Next.js data cache, tagged by what they
 * show, and the plugin's change notifications (option `changeNotifications`, received by
 * app/(frontend)/next/revalidate/route.ts) expire exactly the tags a change affects:
 * - `role:<slug>`: the role page of <slug> and every comparison that includes it;
 * - `catalog`: the lists (/ and /roles), which show every role and item.
 */
export const CATALOG_TAG = 'catalog'
export const roleTag = (slug: string) => `role:${slug}`

/** The tags one change notification expires. */
export const tagsFor = (notification: Pick<ChangeNotification, 'roleSlugs'>): string[] => [
  CATALOG_TAG,
  ...new Set(notification.roleSlugs.map(roleTag)),
]

/**
 * A safety net, not the mechanism: should a notification be lost (the site restarted with one
 * queued), a cached answer is refetched after this long anyway.
 */
export const CACHE_SECONDS = 300
