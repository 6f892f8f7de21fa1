import { createHash } from 'node:crypto'

/*
 * The demo site is its own frontend: the CMS (dev/payload.config.ts, option `changeNotifications`)
 * notifies the frontend's route app/(frontend)/next/revalidate in the same Next.js server. Both read
 * the secret from here. A frontend on another server gets ROLE_CATALOG_REVALIDATE_URL and the same
 * ROLE_CATALOG_REVALIDATE_SECRET.
 */

/** ROLE_CATALOG_REVALIDATE_SECRET, or one derived from PAYLOAD_SECRET (so the demo needs no setting). */
export const revalidationSecret = (): string =>
  process.env.ROLE_CATALOG_REVALIDATE_SECRET ||
  createHash('sha256')
    .update(`role-catalog-revalidate:${process.env.PAYLOAD_SECRET || 'role-catalog-demo-secret-change-me'}`)
    .digest('hex')

/**
 * Where the frontend's revalidation route listens: ROLE_CATALOG_REVALIDATE_URL, or this server's own.
 * `off`: none (no change notifications; `npm run seed` sets it when no frontend is running).
 */
export const revalidationUrls = (): string[] => {
  const setting = process.env.ROLE_CATALOG_REVALIDATE_URL
  if (setting === 'off') return []
  return (setting || `http://localhost:${process.env.PORT || 3000}/next/revalidate`)
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
}
