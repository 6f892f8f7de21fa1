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
 * Checks the values of a REST or GraphQL `where` against the fields they filter: a value that is
 * no option of a select, or not a number where the column is numeric, is a 400 naming the field.
 * PostgreSQL would otherwise fail to cast it and Payload would answer 500.
 */
export const validateWhere = (req: PayloadRequest, collection: SanitizedCollectionConfig, where: Where | undefined) => {
  if (!where || typeof where !== 'object') return
  for (const [key, condition] of Object.entries(where)) {
    if (/^(and|or)$/i.test(key) && Array.isArray(condition)) {
      for (const nested of condition) validateWhere(req, collection, nested as Where)
      continue
    }
    if (!condition || typeof condition !== 'object') continue
    const path = key
    const found =
      path === 'id'
        ? ({ name: 'id', type: 'number' } as FlattenedField)
        : getFieldByPath({ config: req.payload.config, fields: collection.flattenedFields, includeRelationships: true, path })?.field
    if (!found) continue
    for (const [operator, value] of Object.entries(condition as Record<string, unknown>)) {
      if ((found.type === 'select' || found.type === 'radio') && TEXT_OPERATORS.has(operator)) {
        // PostgreSQL has no pattern match on enum columns; the select's values are the vocabulary.
        throw badRequest(path, operator, `a select field supports equals, not_equals, in, not_in, all and exists`)
      }
      if (!VALUE_OPERATORS.has(operator)) continue
      for (const item of valuesOf(value)) checkValue(req, found, path, operator, item)
    }
  }
}
