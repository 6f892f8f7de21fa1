import { createHash } from 'node:crypto'

/*
 * The demo site is its own frontend: the CMS (dev/payload.config.ts, option `changeNotifications`)
 * notifies the frontend's route app/(frontend)/next/revalidate in the same Next.js server. Both read
 * the secret from here. A frontend on another server gets ROLE_CATALOG_REVALIDATE_URL and the same
 * ROLE_CATALOG_REVALIDATE_SECRET.
 */

/**
 * The Standard Webhooks secrets (`whsec_…`) notifications are signed with and checked against:
 * ROLE_CATALOG_REVALIDATE_SECRET (comma-separated while one is rotated: new first, old second), or
 * one derived from PAYLOAD_SECRET (so the demo needs no setting).
 */
export const revalidationSecrets = (): string[] =>
  process.env.ROLE_CATALOG_REVALIDATE_SECRET
    ? process.env.ROLE_CATALOG_REVALIDATE_SECRET.split(',').map((secret) => secret.trim()).filter(Boolean)
    : [
        `whsec_${createHash('sha256')
          .update(`role-catalog-revalidate:${process.env.PAYLOAD_SECRET || 'role-catalog-demo-secret-change-me'}`)
          .digest('base64')}`,
      ]

/** Where the frontend's revalidation route listens: ROLE_CATALOG_REVALIDATE_URL, or this server's own. */
export const revalidationUrls = (): string[] =>
  (process.env.ROLE_CATALOG_REVALIDATE_URL || `http://localhost:${process.env.PORT || 3000}/next/revalidate`)
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
