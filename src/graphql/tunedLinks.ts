import type * as GraphQLModule from 'graphql'
import type { GraphQLExtension } from 'payload'

import { roleLinks } from '../hooks/roleLinks.js'
import { TUNED_BUILDS_ON, TUNED_ITEM } from '../read/tunedReads.js'

type GraphQLArg = Parameters<GraphQLExtension>[0]
type Resolver = GraphQLModule.GraphQLFieldResolver<unknown, unknown>
type Args = { draft?: unknown; fallbackLocale?: unknown; locale?: unknown }

const wrapped = new WeakSet<object>()

/** Only a plain read: a `draft` or locale argument asks for something else than what was loaded. */
const plain = (args: Args) => args.draft == null && args.locale == null && args.fallbackLocale == null

const wrap = (field: GraphQLModule.GraphQLField<unknown, unknown> | undefined, take: (parent: Record<PropertyKey, unknown>) => unknown) => {
  const original = field?.resolve
  if (!field || !original || wrapped.has(original)) return
  const resolve: Resolver = (parent, args, context, info) => {
    const value = parent && typeof parent === 'object' && plain(args as Args) ? take(parent as Record<PropertyKey, unknown>) : undefined
    return value !== undefined ? value : original(parent, args, context, info)
  }
  wrapped.add(resolve)
  field.resolve = resolve
}

/**
 * The role type's relationship fields answer from what a tuned read (src/read/tunedReads.ts)
 * already loaded with the role: a link row's item, the roles of `buildsOn`. Documents read any
 * other way carry nothing of the kind and go to Payload's own resolvers, unchanged.
 */
export const answerLinksFromTunedReads = (GraphQL: GraphQLArg, roleType: GraphQLModule.GraphQLObjectType) => {
  const fields = roleType.getFields()
  for (const { arrayName, itemName } of Object.values(roleLinks)) {
    const rowType = fields[arrayName] && GraphQL.getNamedType(fields[arrayName].type)
    if (!rowType || !GraphQL.isObjectType(rowType)) continue
    wrap(rowType.getFields()[itemName], (row) => (TUNED_ITEM in row ? row[TUNED_ITEM] : undefined))
  }
  for (const [name, field] of Object.entries(fields)) {
    const payloadField = (field.extensions as { field?: { hasMany?: boolean; relationTo?: unknown; type?: string } } | undefined)?.field
    if (payloadField?.type !== 'relationship' || !payloadField.hasMany) continue
    wrap(field, (role) => (role[TUNED_BUILDS_ON] as Record<string, unknown> | undefined)?.[name])
  }
}
