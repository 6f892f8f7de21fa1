import type { Field } from 'payload'

/** Longest text a catalogue field accepts unless the field says otherwise. */
export const DEFAULT_MAX_LENGTH = { text: 300, textarea: 5000 } as const

/**
 * Gives every text and textarea field without a `maxLength` the default one, so an over-long value
 * is a 400 naming the field instead of megabytes stored. Walks rows, tabs, groups and arrays.
 */
export const withMaxLengths = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    if ((field.type === 'text' || field.type === 'textarea') && field.maxLength === undefined) {
      return { ...field, maxLength: DEFAULT_MAX_LENGTH[field.type] } as Field
    }
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withMaxLengths(tab.fields) })) }
    }
    if ('fields' in field && Array.isArray(field.fields)) {
      return { ...field, fields: withMaxLengths(field.fields) } as Field
    }
    return field
  })
