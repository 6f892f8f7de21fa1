/**
 * Gives a fresh database the demo site's schema, the article seed and an editor login, before the
 * production server (`next start`, which never pushes a schema) opens it.
 *
 * Run in a child process with NODE_ENV=development and DATABASE_URL set: Payload's PostgreSQL
 * adapter pushes the schema on connect in development, and the demo config seeds on init.
 *   NODE_ENV=development DATABASE_URL=... tsx tests/e2e/helpers/prepareDatabase.ts
 */
import { getPayload } from 'payload'

import { e2eEditor } from './credentials.js'

if (process.env.NODE_ENV === 'production') throw new Error('prepareDatabase must run with NODE_ENV=development')

const { default: config } = await import('@payload-config')
const payload = await getPayload({ config })
try {
  const existing = await payload.count({ collection: 'users', where: { email: { equals: e2eEditor.email } } })
  if (existing.totalDocs === 0) await payload.create({ collection: 'users', data: e2eEditor })
  const roles = await payload.count({ collection: 'roles' })
  console.log(`[e2e] database ready: schema pushed, ${roles.totalDocs} roles seeded, editor ${e2eEditor.email}`)
} finally {
  await payload.destroy()
}
process.exit(0)
