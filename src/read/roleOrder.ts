import type { SanitizedCollectionConfig } from 'payload'

import { ident, snake } from './sqlDocuments.js'

/**
 * `ORDER BY` for the roles' default sort, as Payload's adapter orders a `find` (createdAt breaks
 * ties), with the join it needs: a localized sort field (the title, on a localized site) is sorted
 * by its text in the read's locale, from the `_locales` table, as the adapter does (no fallback).
 */
export const roleOrderBy = (
  rolesConfig: SanitizedCollectionConfig,
  alias: string,
  localized?: { locale: string; table: string },
): undefined | { join: string; order: string } => {
  const sort = rolesConfig.defaultSort ?? '-createdAt'
  if (typeof sort !== 'string' || sort.includes('.') || sort.includes(',')) return undefined
  const descending = sort.startsWith('-')
  const name = descending ? sort.slice(1) : sort
  const field = rolesConfig.flattenedFields.find((each) => each.name === name)
  if (!field || !['date', 'number', 'select', 'text', 'textarea'].includes(field.type) || (field as { hasMany?: boolean }).hasMany) {
    return undefined
  }
  const column = (each: string) => `${alias}.${ident(snake(each))}`
  let join = ''
  let sorted = column(name)
  if ((field as { localized?: boolean }).localized) {
    // Without a locale (the plan's check at start-up) any will do: only the shape is checked.
    const locale = localized?.locale ?? 'en'
    join = ` left join ${localized?.table ?? 'roles_locales'} ${alias}l on ${alias}l._parent_id = ${alias}.id and ${alias}l._locale = '${locale.replace(/'/g, "''")}'`
    sorted = `${alias}l.${ident(snake(name))}`
  }
  const parts = [`${sorted} ${descending ? 'desc' : 'asc'}`]
  if (name !== 'createdAt') parts.push(`${column('createdAt')} desc`)
  parts.push(`${alias}.id`)
  return { join, order: parts.join(', ') }
}
