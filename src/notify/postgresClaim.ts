/**
 * PostgreSQL only (drizzle-orm from src/database/drizzle.ts; reached through a dynamic import after
 * `isPostgres`, see src/database/adapter.ts): claiming a delivery is one conditional UPDATE, so of two runners (two
 * instances, or the in-process start and the site's job runner) exactly one gets it.
 */
import type { Payload } from 'payload'

import toSnakeCase from 'to-snake-case'

import { drizzleOrm, loadDrizzle } from '../database/drizzle.js'

type DrizzleAdapter = {
  drizzle: { update: (table: unknown) => any }
  tableNameMap: Map<string, string>
  tables: Record<string, Record<string, any>>
}

export const claimDelivery = async (
  payload: Payload,
  slug: string,
  id: number | string,
  now: Date,
  until: Date,
): Promise<boolean> => {
  await loadDrizzle(payload)
  const { and, eq, isNull, lte, or } = drizzleOrm()
  const adapter = payload.db as unknown as DrizzleAdapter
  const table = adapter.tables[adapter.tableNameMap.get(toSnakeCase(slug)) ?? toSnakeCase(slug)]!
  const claimed: unknown[] = await adapter.drizzle
    .update(table)
    .set({ lockedUntil: until.toISOString() })
    .where(
      and(
        eq(table.id, id),
        eq(table.status, 'pending'),
        or(isNull(table.lockedUntil), lte(table.lockedUntil, now.toISOString())),
      ),
    )
    .returning({ id: table.id })
  return claimed.length === 1
}
