/**
 * Which locale answered each localized text of a document read with fallbacks, as the tuned read
 * reports it (src/read/tunedReads.ts with `textSources`; the statement's values come as
 * `[value, locale]`, src/read/sqlDocuments.ts). The JSON-LD says the language of text that fell back
 * (src/jsonld/loadOccupation.ts): with these it knows without reading the role again per locale.
 *
 * Kept on the document and on each of its array rows and groups under a symbol: never serialised,
 * never a field, copied along when a host's hook spreads the document. A read that did not report
 * them (the generic path, another adapter) leaves no symbol; the JSON-LD then reads again.
 */
import type { FlattenedField } from 'payload'

export const TEXT_LOCALES = Symbol.for('role-catalog.text-locales')

/**
 * The locale each localized field of one object (a document, an array row, a group) was taken
 * from, by field name: the read's locale, one of its fallbacks, or null when none had text. A
 * field that is not localized has no entry: its text is the same in every locale.
 */
export type TextLocales = {
  /** The read context's key (src/read/readContext.ts `readContextKey`): what the fields were read for. */
  context: string
  fields: Record<string, null | string>
}

type Node = Record<PropertyKey, unknown>

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Takes the `[value, locale]` pairs of a document the statement read with text sources apart, in
 * place: each localized field gets its value back, and the object holding it its TextLocales
 * (`record: false` when what the locales answered may not be what the reader gets, e.g. a host's
 * read hook runs on the document: the pairs are taken apart all the same). Walks the fields as
 * the builder wrote them: localized text at any depth, groups, array rows.
 */
export const takeTextLocales = (fields: FlattenedField[], doc: Node, context: string, record: boolean): void => {
  const visit = (fieldsHere: FlattenedField[], node: Node) => {
    const found: Record<string, null | string> = {}
    for (const field of fieldsHere) {
      if (field.type === 'join' || !(field.name in node)) continue
      const value = node[field.name]
      if ((field as { localized?: boolean }).localized === true) {
        if (Array.isArray(value) && value.length === 2) {
          node[field.name] = value[0]
          found[field.name] = typeof value[1] === 'string' ? value[1] : null
        }
        continue
      }
      if ((field.type === 'group' || field.type === 'tab') && 'flattenedFields' in field && isNode(value)) {
        visit(field.flattenedFields, value)
      } else if (field.type === 'array' && Array.isArray(value)) {
        for (const row of value) if (isNode(row)) visit(field.flattenedFields, row)
      }
    }
    if (record) node[TEXT_LOCALES] = { context, fields: found } satisfies TextLocales
  }
  visit(fields, doc)
}

/** The TextLocales of an object, when they were reported for reads in `context`. */
export const textLocalesOf = (value: unknown, context: string): TextLocales | undefined => {
  const locales = isNode(value) ? (value[TEXT_LOCALES] as TextLocales | undefined) : undefined
  return locales?.context === context ? locales : undefined
}

/**
 * A copy of `value` with only the text `locale` answered: a localized field taken from another
 * locale (or none) is missing (`missing[field]` stands in, when given). `value` must carry its
 * TextLocales (textLocalesOf).
 */
export const textIn = <T extends object>(value: T, locale: string, missing: Partial<Record<keyof T, unknown>> = {}): T => {
  const { fields } = (value as Node)[TEXT_LOCALES] as TextLocales
  const copy: Node = { ...(value as Node) }
  for (const [name, from] of Object.entries(fields)) {
    if (from !== locale) copy[name] = name in missing ? missing[name as keyof T] : null
  }
  return copy as T
}
