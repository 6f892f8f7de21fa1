import type { PayloadRequest } from 'payload'

import type { DocID } from '../hooks/roleLinks.js'

import { drizzleOrm, loadDrizzle } from '../database/drizzle.js'

/**
 * PostgreSQL only (imported after `isPostgres`, src/database/adapter.ts): makes changes to one
 * role's links from items' Roles tables (`/:id/role-links`) wait for each other, inside the
 * request's transaction, until it ends. Without it two such changes made at the same moment could
 * both read the role before either wrote it, and the second would save over the first, each passing
 * the `roleUpdatedAt` check. A transaction-level advisory lock keyed by the role: nothing to release,
 * nothing held beyond the transaction.
 */
export const waitForOtherChangesToRole = async (req: PayloadRequest, roleID: DocID): Promise<void> => {
  const transactionID = await req.transactionID
  const sessions = (req.payload.db as unknown as { sessions?: Record<string, { db?: { execute: (query: unknown) => Promise<unknown> } }> }).sessions
  const db = transactionID !== undefined ? sessions?.[String(transactionID)]?.db : undefined
  if (!db) return
  await loadDrizzle(req.payload)
  const { sql } = drizzleOrm()
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`role-catalog:role-links:${String(roleID)}`}, 0))`)
}
