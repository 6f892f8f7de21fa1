import type { CollectionSlug, FlattenedField, Payload } from 'payload'

import { formatNames, toWords } from 'payload'

import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { catalogCollections } from '../plugin/options.js'

export type CatalogScope = {
  /**
   * Why nothing can be cached on this site, or undefined. The cache is cleared by changes to the
   * catalogue only; a catalogue document that links a host collection (a field a site added with
   * `overrides.*.fields`) would carry that collection's data into cached answers, where a change
   * to it would never reach. Such sites get no response cache (logged once at first use).
   */
  uncacheable: string | undefined
  /** Root fields of GraphQL's Query type that read the catalogue only (the plugin's and the collections' reads). */
  graphQLRootFields: Set<string>
  /** The four collections' slugs, for REST paths. */
  slugs: Set<string>
}

const relationTargets = (field: FlattenedField): string[] => {
  if (field.type === 'relationship' || field.type === 'upload') {
    return Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
  }
  if (field.type === 'join') return Array.isArray(field.collection) ? field.collection : [field.collection]
  return []
}

const outsideLinks = (fields: FlattenedField[], catalogue: Set<string>): string[] => {
  const found: string[] = []
  for (const field of fields) {
    for (const target of relationTargets(field)) if (!catalogue.has(target)) found.push(`${field.name} → ${target}`)
    if ('flattenedFields' in field && Array.isArray(field.flattenedFields)) found.push(...outsideLinks(field.flattenedFields, catalogue))
    if (field.type === 'blocks') {
      for (const block of field.blocks ?? []) found.push(...outsideLinks(block.flattenedFields ?? [], catalogue))
    }
  }
  return found
}

/**
 * The names @payloadcms/graphql gives a collection's queries (initCollections): `Role` (by id),
 * `Roles` (list) and `countRoles`. Versions and docAccess queries are left out: they answer for
 * the caller's permissions, not for anonymous readers.
 */
const collectionQueries = (payload: Payload, slug: string): string[] => {
  const config = payload.collections[slug as CollectionSlug]?.config
  if (!config || config.graphQL === false) return []
  const fromSlug = formatNames(slug)
  const singular = config.graphQL?.singularName ? toWords(config.graphQL.singularName, true) : fromSlug.singular
  let plural = config.graphQL?.pluralName ? toWords(config.graphQL.pluralName, true) : fromSlug.plural
  if (singular === plural) plural = `all${singular}`
  return [singular, plural, `count${plural}`]
}

/** Per config: Payload's reload (a config change in development) gives the same Payload a new config and collections. */
const scopes = new WeakMap<Payload['config'], CatalogScope>()

export const catalogScopeOf = (payload: Payload): CatalogScope => {
  let scope = scopes.get(payload.config)
  if (scope) return scope
  const { slugs } = getCatalogConfig(payload.config)
  const catalogue = new Set(catalogCollections.map((name) => slugs[name]))
  const outside = [...catalogue].flatMap((slug) =>
    outsideLinks(payload.collections[slug as CollectionSlug]?.config.flattenedFields ?? [], catalogue).map((link) => `${slug}.${link}`),
  )
  const uncacheable = outside.length
    ? `the catalogue links collections outside it (${outside.join(', ')}), whose changes would not clear the cache`
    : undefined
  if (uncacheable && getCatalogConfig(payload.config).responseCache.enabled) {
    payload.logger.warn(`role catalog: responseCache is off: ${uncacheable}`)
  }
  scope = {
    graphQLRootFields: new Set(['compareRoles', 'roleBySlug', 'matchRoles', 'similarRoles', 'searchCatalog', 'suggestCatalog', '__typename', ...[...catalogue].flatMap((slug) => collectionQueries(payload, slug))]),
    slugs: catalogue,
    uncacheable,
  }
  scopes.set(payload.config, scope)
  return scope
}
