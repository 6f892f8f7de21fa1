import type { FlattenedField } from 'payload'

/**
 * The bulk writer bypasses Payload's validation, so the one rule its data can break is checked
 * here, the way Payload would: a text or textarea value (each value of a hasMany text) longer than
 * the field's `maxLength`. Returns why the data would be refused, or undefined.
 */
export const findTooLong = (
  fields: FlattenedField[],
  data: Record<string, unknown>,
  path = '',
): string | undefined => {
  for (const field of fields) {
    if (!('name' in field)) continue
    const value = data[field.name]
    if (value === undefined || value === null) continue
    const fieldPath = `${path}${field.name}`
    if ((field.type === 'text' || field.type === 'textarea') && typeof field.maxLength === 'number') {
      const values = Array.isArray(value) ? value : [value]
      for (const item of values) {
        if (typeof item === 'string' && item.length > field.maxLength) {
          return `${fieldPath} has ${item.length} characters, more than the ${field.maxLength} the field allows`
        }
      }
    } else if (field.type === 'group') {
      const found = findTooLong(field.flattenedFields, value as Record<string, unknown>, `${fieldPath}.`)
      if (found) return found
    } else if (field.type === 'array' && Array.isArray(value)) {
      for (const [index, row] of value.entries()) {
        const found = findTooLong(field.flattenedFields, row as Record<string, unknown>, `${fieldPath}.${index}.`)
        if (found) return found
      }
    }
  }
  return undefined
}
