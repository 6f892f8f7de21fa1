import type { FlattenedField, PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'

import { APIError, getFieldByPath } from 'payload'

const VALUE_OPERATORS = new Set(['equals', 'not_equals', 'in', 'not_in', 'all'])
const TEXT_OPERATORS = new Set(['like', 'contains', 'not_like'])

const valuesOf = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value
  if (typeof value === 'string' && value.includes(',')) return value.split(',')
  return [value]
}

const badRequest = (path: string, operator: string, message: string) =>
  new APIError(`where[${path}][${operator}]: ${message}`, 400, undefined, true)

const checkValue = (req: PayloadRequest, field: FlattenedField, path: string, operator: string, value: unknown) => {
  if (value === null || value === undefined || value === '') return
  if (field.type === 'select' || field.type === 'radio') {
    const allowed = field.options.map((option) => (typeof option === 'string' ? option : option.value))
    if (!allowed.includes(String(value))) {
      throw badRequest(path, operator, `"${String(value)}" is not one of ${allowed.join(', ')}`)
    }
  }
  const numericID =
    (field.type === 'relationship' || field.name === 'id') && req.payload.db.defaultIDType === 'number'
  if ((numericID && !/^\d+$/.test(String(value))) || (field.type === 'number' && Number.isNaN(Number(value)))) {
    throw badRequest(path, operator, `"${String(value)}" is not a number`)
  }
}

/**
 * The localized list of texts, numbers or options (`hasMany` and `localized`, as `alternateNames`)
 * a path starts at or goes through (`alternateNames`, `meta.tags`, `rows__words`), on a SQL
 * database: Payload's drizzle adapters (3.90: PostgreSQL and SQLite) write the SQL of a filter or
 * sort on one without the locale column (`... and  = $2`, a syntax error), which they answer with a
 * 500, at the top level and inside groups and arrays alike. MongoDB filters them. Its path, or
 * undefined. Links are not followed: a filter through one is the linked collection's (guardLinkFilters).
 */
const localizedListOnSql = (req: PayloadRequest, collection: SanitizedCollectionConfig, path: string): string | undefined => {
  if (!req.payload.config.localization || (req.payload.db.name !== 'postgres' && req.payload.db.name !== 'sqlite')) return undefined
  let fields: FlattenedField[] = collection.flattenedFields
  const names: string[] = []
  for (const segment of path.replace(/__/g, '.').split('.')) {
    const field = fields.find((each) => 'name' in each && each.name === segment)
    if (!field) return undefined
    names.push(segment)
    if ((field.type === 'text' || field.type === 'number' || field.type === 'select') && field.hasMany === true && field.localized === true) {
      return names.join('.')
    }
    if (!('flattenedFields' in field)) return undefined
    fields = field.flattenedFields
  }
  return undefined
}

const LOCALIZED_LIST = 'is a list kept per language, which the database adapter cannot filter or sort on; search finds alternate names (searchCatalog, or /search on the roles collection)'

/**
 * A path as a path of the collection's own fields. Versions reads (`/api/<collection>/versions`,
 * GraphQL `versions<Collection>`; Payload runs them as a `read` too, so the hook cannot tell them
 * apart) have the document's fields under `version` (`version.alternateNames`,
 * `version__alternateNames`), where the adapter writes the same broken SQL. Anywhere else such a
 * path names no field, a 400 from Payload as from here.
 */
const fieldPath = (collection: SanitizedCollectionConfig, path: string): string => {
  const version = /^version(\.|__)/
  if (!collection.versions || !version.test(path) || collection.flattenedFields.some((field) => field.name === 'version')) return path
  return path.replace(version, '')
}

/** The paths a REST or GraphQL `sort` orders by (`-title`, `a,b`, arrays), without their direction. */
export const sortPaths = (sort: string | string[] | undefined): string[] =>
  (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []).map((each) => each.replace(/^-/, '').trim())

/**
 * A REST or GraphQL `sort` on a localized list (see localizedListOnSql): a 400 naming it.
 */
export const validateSort = (req: PayloadRequest, collection: SanitizedCollectionConfig, sort: string | string[] | undefined) => {
  for (const key of sortPaths(sort)) {
    const list = key ? localizedListOnSql(req, collection, fieldPath(collection, key)) : undefined
    if (list) throw new APIError(`sort: "${key}" ${list === key ? '' : `(${list}) `}${LOCALIZED_LIST}`, 400, undefined, true)
  }
}

/**
 * Checks the values of a REST or GraphQL `where` against the fields they filter: a value that is
 * no option of a select, or not a number where the column is numeric, is a 400 naming the field.
 * PostgreSQL would otherwise fail to cast it and Payload would answer 500. So is a filter on a
 * localized list (see localizedListOnSql). Versions reads are checked alike (see fieldPath).
 */
export const validateWhere = (req: PayloadRequest, collection: SanitizedCollectionConfig, where: Where | undefined) => {
  if (!where || typeof where !== 'object') return
  for (const [key, condition] of Object.entries(where)) {
    if (/^(and|or)$/i.test(key) && Array.isArray(condition)) {
      for (const nested of condition) validateWhere(req, collection, nested as Where)
      continue
    }
    if (!condition || typeof condition !== 'object') continue
    const path = fieldPath(collection, key)
    const list = localizedListOnSql(req, collection, path)
    if (list) throw badRequest(key, Object.keys(condition)[0] ?? 'equals', `${list} ${LOCALIZED_LIST}`)
    const found =
      path === 'id'
        ? ({ name: 'id', type: 'number' } as FlattenedField)
        : getFieldByPath({ config: req.payload.config, fields: collection.flattenedFields, includeRelationships: true, path })?.field
    if (!found) continue
    for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
      if ((found.type === 'select' || found.type === 'radio') && TEXT_OPERATORS.has(operator)) {
        // PostgreSQL has no pattern match on enum columns; the select's values are the vocabulary.
        throw badRequest(key, operator, `a select field supports equals, not_equals, in, not_in, all and exists`)
      }
      if (!VALUE_OPERATORS.has(operator)) continue
      for (const item of valuesOf(value)) checkValue(req, found, key, operator, item)
    }
  }
}
