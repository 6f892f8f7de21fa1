import type { Field } from 'payload'

import { snake } from '../read/sqlDocuments.js'

/**
 * PostgreSQL cuts identifiers at 63 characters (NAMEDATALEN - 1). Payload names the tables of
 * array fields and the enums of select fields by concatenating the collection's table, the
 * version group and every field on the way (`_job_roles_v_version_qualifications_fields_of_study`),
 * and derives index and foreign-key names from those (`<table>_parent_id_idx`). With a long
 * collection slug that passes 63: Payload warns that the database may drift from the schema, or
 * refuses to start (issue 13). So the plugin gives its own nested tables and enums a `dbName` /
 * `enumName`, but only where Payload's name would not fit: with a short slug (the defaults, and
 * `job-roles` apart from its fields-of-study table) the schema stays exactly as it was, and no
 * site has to migrate.
 */
export const MAX_IDENTIFIER = 63

/**
 * The longest table name an array may have: Payload appends `_parent_id_idx` (14 characters) to
 * it without shortening (drizzle traverseFields), and `_locales` (8) for its localized columns.
 */
export const MAX_ARRAY_TABLE = MAX_IDENTIFIER - '_parent_id_idx'.length

/**
 * The longest name the plugin gives an array table: Payload turns a custom `dbName` X into
 * `_X_v` for the versions table, which must fit MAX_ARRAY_TABLE too.
 */
const MAX_ARRAY_DB_NAME = MAX_ARRAY_TABLE - '_'.length - '_v'.length

/** The longest collection slug the plugin accepts; every name below fits with it. */
export const MAX_SLUG_LENGTH = 30

/** A short, stable hash (FNV-1a, 32 bits, base 36) so shortened names stay distinct. */
const hash = (text: string) => {
  let value = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index)
    value = Math.imul(value, 0x01000193)
  }
  return (value >>> 0).toString(36).padStart(7, '0')
}

/** `name` if it fits in `max`, otherwise its beginning and a hash of the whole. */
export const fitName = (name: string, max: number) =>
  name.length <= max ? name : `${name.slice(0, max - 8).replace(/_+$/, '')}_${hash(name)}`

/**
 * Where a field sits, as Payload names things: the table (or group path) of the collection's
 * own documents and the one of its versions (`_<table>_v_version`).
 */
type Place = { main: string; version: string | undefined }

const nameFields = (fields: Field[], place: Place): Field[] =>
  fields.map((field): Field => {
    switch (field.type) {
      case 'array': {
        const main = `${place.main}_${snake(field.name)}`
        const version = place.version && `${place.version}_${snake(field.name)}`
        const fits = main.length <= MAX_ARRAY_TABLE && (!version || version.length <= MAX_ARRAY_TABLE)
        if (field.dbName || fits) {
          const named = typeof field.dbName === 'string' ? field.dbName : undefined
          const inner: Place = named
            ? { main: named, version: place.version && `_${named}_v` }
            : { main, version }
          return { ...field, fields: nameFields(field.fields, inner) }
        }
        // Payload's own name for the documents' table, shortened only if it must be: the path of
        // fields keeps two arrays (of one collection, or of two) from sharing a table.
        const dbName = fitName(main, MAX_ARRAY_DB_NAME)
        return {
          ...field,
          dbName,
          fields: nameFields(field.fields, { main: dbName, version: place.version && `_${dbName}_v` }),
        }
      }
      case 'select':
      case 'radio': {
        if (field.enumName || field.dbName) return field
        const main = `enum_${place.main}_${snake(field.name)}`
        const version = place.version && `enum_${place.version}_${snake(field.name)}`
        if (main.length <= MAX_IDENTIFIER && (!version || version.length <= MAX_IDENTIFIER)) return field
        // One enum for the documents and their versions: the same field, the same values.
        return { ...field, enumName: fitName(`enum_${place.main}_${snake(field.name)}`, MAX_IDENTIFIER) }
      }
      case 'group': {
        if (!('name' in field) || !field.name) return { ...field, fields: nameFields(field.fields, place) }
        const group = snake(field.name)
        return {
          ...field,
          fields: nameFields(
            field.fields,
            { main: `${place.main}_${group}`, version: place.version && `${place.version}_${group}` },
          ),
        }
      }
      case 'row':
      case 'collapsible':
        return { ...field, fields: nameFields(field.fields, place) }
      case 'tabs':
        return {
          ...field,
          tabs: field.tabs.map((tab) => {
            if (!('name' in tab) || !tab.name) return { ...tab, fields: nameFields(tab.fields, place) }
            const group = snake(tab.name)
            return {
              ...tab,
              fields: nameFields(
                tab.fields,
                { main: `${place.main}_${group}`, version: place.version && `${place.version}_${group}` },
              ),
            }
          }),
        }
      default:
        return field
    }
  })

/**
 * Drizzle's relational queries (every find and findVersions Payload runs) alias each array's
 * lateral join by the chain of relation names from the collection's table, whatever the array's
 * `dbName`: `_<table>_v_version_qualifications_fieldsOfStudy`, then `..._fieldsOfStudy__locales`
 * inside it. PostgreSQL cuts both at 63 characters, and two aliases cut to the same name fail
 * the query ("table name ... specified more than once"). An alias that has aliases inside it
 * (its `__locales`, a nested array) must therefore stay within this length.
 */
const MAX_PARENT_ALIAS = MAX_IDENTIFIER - 2

/** The longest chain of relation names below the collection's table (`_version_a_b`), in the versions' query or the documents'. */
const longestAliasChain = (fields: Field[], chain: string): number =>
  fields.reduce((longest, field) => {
    switch (field.type) {
      case 'array': {
        const alias = `${chain}_${field.name}`
        return Math.max(longest, alias.length, longestAliasChain(field.fields, alias))
      }
      case 'group':
        return 'name' in field && field.name
          ? Math.max(longest, longestAliasChain(field.fields, `${chain}_${field.name}`))
          : Math.max(longest, longestAliasChain(field.fields, chain))
      case 'row':
      case 'collapsible':
        return Math.max(longest, longestAliasChain(field.fields, chain))
      case 'tabs':
        return Math.max(
          longest,
          ...field.tabs.map((tab) => longestAliasChain(tab.fields, 'name' in tab && tab.name ? `${chain}_${tab.name}` : chain)),
        )
      default:
        return longest
    }
  }, 0)

/**
 * The collection's table name and the plugin's fields for the collection `slug`: the table keeps
 * Payload's name (the slug, snake_cased) unless the query aliases made from it would be cut (see
 * MAX_PARENT_ALIAS); arrays get a `dbName` and selects an `enumName` wherever Payload's name (or
 * one derived from it) would pass 63 characters. Fields that already carry a name keep it.
 */
export const databaseNamesFor = ({ fields, slug, versions }: { fields: Field[]; slug: string; versions: boolean }) => {
  const documentsChain = longestAliasChain(fields, '')
  const versionsChain = versions ? longestAliasChain(fields, '_version') : 0
  const longestTable = Math.min(
    documentsChain ? MAX_PARENT_ALIAS - documentsChain : Infinity,
    // The versions' table is `_<table>_v`.
    versionsChain ? MAX_PARENT_ALIAS - versionsChain - '_'.length - '_v'.length : Infinity,
  )
  // A slug of MAX_SLUG_LENGTH leaves room for the plugin's own fields (longestTable is 20 for roles).
  const dbName = snake(slug).length > longestTable ? fitName(snake(slug), Math.max(longestTable, 12)) : undefined
  const table = dbName ?? snake(slug)
  return {
    dbName,
    fields: nameFields(fields, { main: table, version: versions ? `_${table}_v_version` : undefined }),
  }
}
