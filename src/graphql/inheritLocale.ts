import type * as GraphQLModule from 'graphql'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { isolateObjectProperty } from 'payload'

import type { ReadContext } from '../read/readContext.js'

type GraphQLArg = Parameters<GraphQLExtension>[0]
type Resolver = GraphQLModule.GraphQLFieldResolver<unknown, { req: PayloadRequest }>
type Mark = Pick<ReadContext, 'fallbackLocale' | 'locale'>

/**
 * The locale a document was read in, on the document (a symbol: never serialised, never a field).
 *
 * Payload's own `Role(id, locale: de)` resolver puts the locale on the operation's request, so the
 * fields below it (the items a role links, its joins) read German too. The plugin's queries cannot
 * do that: Payload hands custom queries a copy of the GraphQL context (wrapCustomResolver), so the
 * request their fields see is the operation's. Instead `roleBySlug` and `compareRoles` mark the
 * documents they return, and the catalogue types' relationship and join fields read in the
 * parent's locale (and mark what they return, so it carries on down).
 */
export const READ_LOCALE = Symbol.for('role-catalog.read-locale')

const isObject = (value: unknown): value is Record<PropertyKey, unknown> => typeof value === 'object' && value !== null

/** Marks a document and the rows of its arrays (a link row is the parent of its item's field). */
export const markReadLocale = <T>(value: T, mark: Mark | undefined): T => {
  if (!mark || mark.locale === undefined) return value
  const visit = (node: unknown, depth: number) => {
    if (Array.isArray(node)) {
      for (const each of node) visit(each, depth)
      return
    }
    if (!isObject(node) || depth > 3) return
    node[READ_LOCALE] = mark
    for (const child of Object.values(node)) if (Array.isArray(child)) visit(child, depth + 1)
  }
  visit(value, 0)
  return value
}

/** The request to resolve a field of `parent` with: in the parent's locale when it carries one. */
export const requestInheritingLocale = (parent: unknown, req: PayloadRequest): PayloadRequest => {
  const mark = isObject(parent) ? (parent[READ_LOCALE] as Mark | undefined) : undefined
  if (!mark || mark.locale === undefined) return req
  if (req.locale === mark.locale && req.fallbackLocale === mark.fallbackLocale) return req
  const isolated = isolateObjectProperty(req, ['locale', 'fallbackLocale', 'transactionID'])
  // PayloadRequest['locale'] is the site's generated locale union: a site without localization types it 'all'.
  isolated.locale = mark.locale as PayloadRequest['locale']
  isolated.fallbackLocale = mark.fallbackLocale as PayloadRequest['fallbackLocale']
  return isolated
}

const wrapped = new WeakSet<object>()

const markResult = (result: unknown, mark: Mark) => {
  if (isObject(result) && Array.isArray(result.docs)) markReadLocale(result.docs, mark)
  else markReadLocale(result, mark)
  return result
}

const wrap = (field: GraphQLModule.GraphQLField<unknown, unknown>) => {
  const original = field.resolve as Resolver | undefined
  if (!original || wrapped.has(original)) return
  const resolve: Resolver = async (parent, args, context, info) => {
    const mark = isObject(parent) ? (parent[READ_LOCALE] as Mark | undefined) : undefined
    const own = args as { fallbackLocale?: unknown; locale?: unknown }
    // The field's own locale arguments win, as in Payload (`args.locale || req.locale`).
    if (!mark || own.locale != null || own.fallbackLocale != null) return original(parent, args, context, info)
    const req = requestInheritingLocale(parent, context.req)
    const result = await original(parent, args, req === context.req ? context : { ...context, req }, info)
    return markResult(result, mark)
  }
  wrapped.add(resolve)
  field.resolve = resolve as never
}

/**
 * Every relationship and join field of a catalogue type (and of its array rows) reads in its
 * parent's locale; called last, around the plugin's other wrappers (tuned links, batched joins).
 */
export const inheritLocaleOnType = (
  GraphQL: GraphQLArg,
  type: GraphQLModule.GraphQLObjectType,
  /** The collections' own types: reached through a relationship, never walked into from here. */
  collectionTypes: Set<GraphQLModule.GraphQLObjectType>,
) => {
  const seen = new Set<GraphQLModule.GraphQLObjectType>()
  const visit = (objectType: GraphQLModule.GraphQLObjectType) => {
    if (seen.has(objectType)) return
    seen.add(objectType)
    for (const field of Object.values(objectType.getFields())) {
      const payloadField = (field.extensions as { field?: { type?: string } } | undefined)?.field
      if (payloadField?.type === 'relationship' || payloadField?.type === 'join') {
        wrap(field)
        continue
      }
      // Array rows, groups and tabs: their relationship fields (a link row's item) too.
      const named = GraphQL.getNamedType(field.type)
      if (GraphQL.isObjectType(named) && !collectionTypes.has(named)) visit(named)
    }
  }
  visit(type)
}
