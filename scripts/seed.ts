/**
 * `npm run seed`: seeds the article content (and its German, the demo having German) into the
 * configured database and prints what it did.
 *
 * The demo's CMS tells its frontend what changed (change notifications, dev/revalidation.ts). In
 * development the frontend is often not running while you seed; then there is nobody to tell and
 * nothing cached in a running frontend, so the seed says that once instead of warning about
 * undelivered notifications. When a frontend is listening, the seed waits until it has been told.
 * In production (NODE_ENV=production) notifications are sent as configured, and a receiver that
 * does not answer is warned about, as it should be.
 */
import { getPayload } from 'payload'

import { revalidationUrls } from '../dev/revalidation.js'
import { changeNotifierOf } from '../src/notify/changeNotifications.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'

/** True when something answers HTTP at `url` (any status); false when nothing listens there. */
const listening = async (url: string): Promise<boolean> => {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(2000) })
    await response.body?.cancel().catch(() => {})
    return true
  } catch {
    return false
  }
}

// The demo config seeds on init; here the seed runs explicitly so its report is printed.
process.env.ROLE_CATALOG_SEED = 'false'

const receivers = revalidationUrls()
let told: string[] = []
if (process.env.NODE_ENV !== 'production' && receivers.length > 0) {
  told = (await Promise.all(receivers.map(async (url) => ((await listening(url)) ? url : undefined)))).filter(
    (url): url is string => url !== undefined,
  )
  if (told.length < receivers.length) {
    // Only the ones listening are told (none: notifications off for this run).
    process.env.ROLE_CATALOG_REVALIDATE_URL = told.length > 0 ? told.join(',') : 'off'
    const absent = receivers.filter((url) => !told.includes(url))
    console.log(
      `[seed] no frontend running at ${absent.join(', ')}: nothing to tell it (started later, it reads the new content; in production a receiver that does not answer is warned about)`,
    )
  }
}

const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
try {
  const report = await seedRoleCatalog({ log: (line) => console.log(line), payload })
  const created = Object.values(report.created).flat().length
  const existing = Object.values(report.existing).flat().length
  const translated = Object.entries(report.translated)
    .map(([locale, filled]) => [locale, Object.values(filled).flat().length] as const)
    .filter(([, filled]) => filled > 0)
    .map(([locale, filled]) => `${filled} given their ${locale} text`)
  console.log(`seed done: ${created} created, ${existing} already there and left alone${translated.length ? `, ${translated.join(', ')}` : ''}`)

  // Notifications go out in the background; a script that exits at once would drop them.
  const notifier = changeNotifierOf(payload)
  if (notifier && told.length > 0 && created + translated.length > 0) {
    const deadline = Date.now() + 30_000
    while (notifier.pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    if (notifier.pending === 0) console.log(`[seed] change notifications to the frontend at ${told.join(', ')} sent (a failed one is logged above)`)
  }
} finally {
  await payload.destroy()
}
process.exit(0)
