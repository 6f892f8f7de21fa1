import type * as GraphQLModule from 'graphql'
import type { GraphQLResolveInfo } from 'graphql'
import type { Config, GraphQLExtension, PayloadRequest } from 'payload'

import { GraphQLJSON } from '@payloadcms/graphql/types'
import { isolateObjectProperty } from 'payload'

import type { CatalogSlugs, ReadLimits } from '../plugin/options.js'

import { loadComparison } from '../compare/loadComparison.js'
import { occupationForDoc } from '../jsonld/loadOccupation.js'
import { CatalogReader, type RoleDoc } from '../read/catalogReader.js'
import { type ReadContext, readContextFor, readContextKey } from '../read/readContext.js'
import { parseRoleSlug, roleNotFound } from '../read/roleSlugs.js'
import { batchRoleJoins } from './batchedJoins.js'
import { buildComparisonTypes } from './comparisonTypes.js'
import { selectionOf, tunedSelectionForComparison, tunedSelectionForRole } from './selection.js'
import { answerLinksFromTunedReads } from './tunedLinks.js'

type Context = { req: PayloadRequest }

/**
 * One reader per GraphQL operation and read context (drafts, locale): the `jsonLd` fields of every
 * role in a list share its DataLoader, so `Roles { docs { jsonLd } }` reads the linked items once
 * per collection, not once per role, and `roleBySlug { jsonLd }` reuses what `roleBySlug` read.
 * Keyed by the request's Payload DataLoader (one per request): Payload hands custom queries a
 * context object of their own (wrapCustomResolver), so neither the context nor `req` is the same
 * object for a query and the fields below it.
 */
const readers = new WeakMap<object, Map<string, CatalogReader>>()
const readerFor = (context: Context, slugs: CatalogSlugs, readContext: ReadContext): CatalogReader => {
  const key = (context.req.payloadDataLoader as object | undefined) ?? context
  let byContext = readers.get(key)
  if (!byContext) readers.set(key, (byContext = new Map()))
  const contextKey = readContextKey(readContext)
  let reader = byContext.get(contextKey)
  if (!reader) byContext.set(contextKey, (reader = new CatalogReader({ context: readContext, req: context.req, slugs })))
  return reader
}

// A document read with GraphQL's `select: true` may lack what the JSON-LD needs; it is read again.
const jsonLdInputs = ['slug', 'title', 'responsibilities', 'skills', 'certifications', 'qualifications', 'experience']

/**
 * Adds `jsonLd` (schema.org Occupation) to the roles collection's generated type. Payload offers no
 * hook for extra fields on a generated type, so the field goes into the type's resolved field map
 * before the schema is assembled; a field of that name that the host defined is left alone.
 */
const addJsonLdField = (roleType: GraphQLModule.GraphQLObjectType, slugs: CatalogSlugs) => {
  const fields = roleType.getFields()
  if (fields.jsonLd) return
  fields.jsonLd = {
    name: 'jsonLd',
    args: [],
    astNode: undefined,
    deprecationReason: undefined,
    description:
      'The role as a schema.org Occupation in JSON-LD, ready for a <script type="application/ld+json"> element.',
    extensions: {},
    resolve: async (parent: RoleDoc, _args: unknown, context: Context) => {
      const reader = readerFor(context, slugs, await readContextFor(context.req, { slugs }))
      const doc = jsonLdInputs.every((key) => parent[key] !== undefined)
        ? parent
        : (await reader.findRoles({ id: { equals: parent.id } }, 1))[0]
      if (!doc) return null
      return occupationForDoc({ doc, reader, req: context.req, slugs })
    },
    type: GraphQLJSON,
  }
}

/**
 * The plugin's GraphQL: `compareRoles(a, b)`, `roleBySlug(slug)` and `jsonLd` on the role type.
 * The query names stay the same whatever the roles collection is called; the host's own queries are
 * kept (and win if one has the same name).
 */
export const roleCatalogGraphQL = (
  graphQL: Config['graphQL'],
  slugs: CatalogSlugs,
  /** The plugin's read limits; given, the `roles` join fields get the batched resolver (batchedJoins.ts). */
  limits?: Required<ReadLimits>,
): Config['graphQL'] => {
  if (graphQL?.disable) return graphQL
  const hostQueries = graphQL?.queries
  const queries: GraphQLExtension = (GraphQL, context) => {
    const host = hostQueries ? hostQueries(GraphQL, context) : {}
    const roleType = context.collections[slugs.roles]?.graphQL?.type as GraphQLModule.GraphQLObjectType | undefined
    // The host may hide the roles collection from GraphQL (`graphQL: false`).
    if (!roleType) return host
    addJsonLdField(roleType, slugs)
    answerLinksFromTunedReads(GraphQL, roleType)
    if (limits) batchRoleJoins({ collections: context.collections as never, limits, slugs })
    const { comparison } = buildComparisonTypes(GraphQL, roleType)
    const { GraphQLBoolean, GraphQLNonNull, GraphQLString } = GraphQL

    return {
      compareRoles: {
        args: {
          a: { description: 'Slug of the first role, e.g. "project-manager".', type: new GraphQLNonNull(GraphQLString) },
          b: { description: 'Slug of the second role.', type: new GraphQLNonNull(GraphQLString) },
          draft: {
            description: 'Editors: compare the newest drafts (of the roles and the items they link). Others get the published roles.',
            type: GraphQLBoolean,
          },
        },
        description:
          'Compares two roles by slug: per dimension, the items both have and the items only one has. Unknown slug: error with extensions.statusCode 404.',
        resolve: async (
          _source: unknown,
          args: { a: string; b: string; draft?: boolean | null },
          context: Context,
          info: GraphQLResolveInfo,
        ) => {
          const selection = tunedSelectionForComparison(selectionOf(info))
          if (args.draft) {
            // As roleBySlug(draft: true): the compared roles' own relationship fields follow suit.
            const req = isolateObjectProperty(context.req, ['locale', 'fallbackLocale', 'transactionID'])
            req.query = req.query || {}
            req.query.draft = 'true'
            const reader = new CatalogReader({ context: await readContextFor(req, { draft: args.draft, slugs }), req, slugs })
            return loadComparison({ a: args.a, b: args.b, reader, req, selection, slugs })
          }
          // The operation's reader: the two roles' `jsonLd` fields then reuse what the comparison read.
          // Without `draft: true` a comparison reads the published roles, whoever asks.
          const reader = readerFor(context, slugs, await readContextFor(context.req, { draft: false, slugs }))
          return loadComparison({ a: args.a, b: args.b, reader, req: context.req, selection, slugs })
        },
        type: comparison,
      },
      roleBySlug: {
        args: {
          slug: { type: new GraphQLNonNull(GraphQLString) },
          draft: { description: 'Editors: read the newest draft.', type: GraphQLBoolean },
        },
        description:
          'One role by slug, for role pages: ask for its links (responsibilities, skills, ...) and jsonLd in one call. Unknown slug: error with extensions.statusCode 404.',
        resolve: async (
          _source: unknown,
          args: { draft?: boolean | null; slug: string },
          context: Context,
          info: GraphQLResolveInfo,
        ) => {
          const slug = parseRoleSlug(args.slug, 'slug')
          let reader: CatalogReader
          if (typeof args.draft === 'boolean') {
            // As Payload's own `Role(id, draft)` does: the role's relationship fields follow suit.
            const req = isolateObjectProperty(context.req, ['locale', 'fallbackLocale', 'transactionID'])
            req.query = req.query || {}
            req.query.draft = String(args.draft)
            reader = new CatalogReader({ context: await readContextFor(req, { draft: args.draft, slugs }), req, slugs })
          } else {
            // The operation's reader: `jsonLd` then reuses what this read (on the tuned path, everything).
            reader = readerFor(context, slugs, await readContextFor(context.req, { slugs }))
          }
          // On the tuned path, what the query selects is read in one statement (src/read/tunedReads.ts).
          const [doc] = await reader.findRolesBySlug([slug], tunedSelectionForRole(selectionOf(info)))
          if (!doc) throw roleNotFound([slug])
          return doc
        },
        type: roleType,
      },
      ...host,
    }
  }
  return { ...graphQL, queries }
}
