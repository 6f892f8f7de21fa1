import type { Payload } from 'payload'

export const devUser = {
  email: process.env.DEV_USER_EMAIL || 'editor@example.com',
  password: process.env.DEV_USER_PASSWORD || 'role-catalog-dev',
}

/**
 * In development, makes sure an editor can log in at once. Never in production: there the first
 * user is created through the admin's create-first-user screen.
 */
export const ensureDevUser = async (payload: Payload) => {
  if (process.env.NODE_ENV === 'production') return
  const existing = await payload.find({
    collection: 'users',
    limit: 1,
    overrideAccess: true,
    where: { email: { equals: devUser.email } },
  })
  if (existing.docs.length === 0) {
    await payload.create({ collection: 'users', data: devUser, overrideAccess: true })
  }
  payload.logger.info(`Development login: ${devUser.email} / ${devUser.password}`)
}
