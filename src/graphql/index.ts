import type * as GraphQLModule from 'graphql'
import type { GraphQLResolveInfo } from 'graphql'
import type { Config, GraphQLExtension, PayloadRequest } from 'payload'

import { GraphQLJSON } from '@payloadcms/graphql/types'
import { isolateObjectProperty } from 'payload'

import type { CatalogSlugs, ReadLimits } from '../plugin/options.js'

import { loadComparison } from '../compare/loadComparison.js'
import { loadRoleMatches } from '../match/matchRoles.js'
import { loadSimilarRoles } from '../match/similarRoles.js'
import { occupationForDoc } from '../jsonld/loadOccupation.js'
import { unpaginatedReadLimit } from '../hooks/boundReads.js'
import { CatalogReader, type RoleDoc } from '../read/catalogReader.js'
import { type ReadContext, readContextFor, readContextKey } from '../read/readContext.js'
import { type LocaleArgs, requestForLocaleArgs } from '../read/requestLocale.js'
import { parseRoleSlug, roleNotFound } from '../read/roleSlugs.js'
import { searchQueries } from '../search/graphql.js'
import { batchRoleJoins } from './batchedJoins.js'
import { buildComparisonTypes } from './comparisonTypes.js'
import { buildMatchTypes } from './matchTypes.js'
import { inheritLocaleOnType, markReadLocale, requestInheritingLocale } from './inheritLocale.js'
import { plainFieldsOf, selectionOf, tunedSelectionForComparison, tunedSelectionForMatches, tunedSelectionForRole } from './selection.js'
import { answerLinksFromTunedReads } from './tunedLinks.js'
import { renameTakenTypes } from './typeNames.js'

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
const addJsonLdField = (roleType: GraphQLModule.GraphQLObjectType, slugs: CatalogSlugs, localeArgs: GraphQLModule.GraphQLArgument[]) => {
  const fields = roleType.getFields()
  if (fields.jsonLd) return
  fields.jsonLd = {
    name: 'jsonLd',
    args: localeArgs,
    astNode: undefined,
    deprecationReason: undefined,
    description:
      'The role as a schema.org Occupation in JSON-LD, ready for a <script type="application/ld+json"> element.',
    extensions: {},
    resolve: async (parent: RoleDoc, args: LocaleArgs, context: Context) => {
      // In its own locale arguments, else the locale the role was read in (roleBySlug(locale: de)).
      const inherited = requestInheritingLocale(parent, context.req)
      const req = requestForLocaleArgs(inherited, args)
      const reader = readerFor(context, slugs, await readContextFor(req, { slugs }))
      // The role as read is reused only in the language it was read in: `jsonLd(locale: en)` under
      // `roleBySlug(locale: de)` reads the role in English, or the German text would be tagged English.
      const sameRead = req === inherited || (req.locale === inherited.locale && JSON.stringify(req.fallbackLocale) === JSON.stringify(inherited.fallbackLocale))
      const doc = sameRead && jsonLdInputs.every((key) => parent[key] !== undefined)
        ? parent
        : (await reader.findRoles({ id: { equals: parent.id } }, 1))[0]
      if (!doc) return null
      return occupationForDoc({ doc, reader, req, slugs })
    },
    type: GraphQLJSON,
  }
}

/**
 * The plugin's GraphQL: `compareRoles(a, b)`, `roleBySlug(slug)`, `matchRoles(skills)`,
 * `similarRoles(slug)`, `searchCatalog`, `suggestCatalog` and `jsonLd` on the role type.
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
    const { GraphQLBoolean, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLString } = GraphQL
    // Payload's own enums of the site's locales (only with localization): the same arguments, with
    // the same values, as its `Role(id, locale, fallbackLocale)`.
    const { fallbackLocaleInputType, localeInputType } = context.types as {
      fallbackLocaleInputType?: GraphQLModule.GraphQLEnumType
      localeInputType?: GraphQLModule.GraphQLEnumType
    }
    const localeArgs =
      localeInputType && fallbackLocaleInputType
        ? {
            fallbackLocale: {
              description: 'Where text missing in `locale` comes from (`none`: nowhere). Default: as for the request.',
              type: fallbackLocaleInputType,
            },
            locale: { description: "The language of the answer's text. Default: the request's locale.", type: localeInputType },
          }
        : {}
    const jsonLdArgs = Object.entries(localeArgs).map(
      ([name, arg]): GraphQLModule.GraphQLArgument => ({
        name,
        astNode: undefined,
        defaultValue: undefined,
        deprecationReason: undefined,
        description: arg.description,
        extensions: {},
        type: arg.type,
      }),
    )
    addJsonLdField(roleType, slugs, jsonLdArgs)
    answerLinksFromTunedReads(GraphQL, roleType)
    if (limits) batchRoleJoins({ collections: context.collections as never, limits, slugs })
    if (localeInputType) {
      // Last, around the wrappers above: the fields below a role read in the role's locale.
      const collectionTypes = new Set(
        Object.values(slugs)
          .map((slug) => context.collections[slug]?.graphQL?.type as GraphQLModule.GraphQLObjectType | undefined)
          .filter((type): type is GraphQLModule.GraphQLObjectType => !!type),
      )
      for (const type of collectionTypes) inheritLocaleOnType(GraphQL, type, collectionTypes)
    }
    const { comparison } = buildComparisonTypes(GraphQL, roleType)
    const { matches, similar } = buildMatchTypes(GraphQL, roleType)
    const maxLimit = limits?.maxLimit ?? 100
    const limitArg = {
      description: `How many roles to return: 1 to ${maxLimit} (default 10).`,
      type: GraphQLInt,
    }
    /** The request for a match or similarity read: the locale arguments, then `draft` (granted to editors only). */
    const matchingRequestFor = (context: Context, args: LocaleArgs & { draft?: boolean | null }) => {
      const localeReq = requestForLocaleArgs(context.req, args)
      if (!args.draft) return localeReq
      // As roleBySlug(draft: true): the returned roles' own relationship fields follow suit.
      const req = isolateObjectProperty(localeReq, ['locale', 'fallbackLocale', 'transactionID'])
      req.query = req.query || {}
      req.query.draft = 'true'
      return req
    }
    /** The fields below the returned roles read in the answer's locale. */
    const markRoles = <T extends { docs: { role: RoleDoc }[] }>(answer: T, reader: CatalogReader) => {
      for (const each of answer.docs) markReadLocale(each.role, reader.context)
      return answer
    }

    const own = {
      compareRoles: {
        args: {
          a: { description: 'Slug of the first role, e.g. "project-manager".', type: new GraphQLNonNull(GraphQLString) },
          b: { description: 'Slug of the second role.', type: new GraphQLNonNull(GraphQLString) },
          draft: {
            description: 'Editors: compare the newest drafts (of the roles and the items they link). Others get the published roles.',
            type: GraphQLBoolean,
          },
          ...localeArgs,
        },
        description:
          'Compares two roles by slug: per dimension, the items both have and the items only one has. Unknown slug: error with extensions.statusCode 404.',
        resolve: async (
          _source: unknown,
          args: LocaleArgs & { a: string; b: string; draft?: boolean | null },
          context: Context,
          info: GraphQLResolveInfo,
        ) => {
          const selection = tunedSelectionForComparison(selectionOf(info))
          // The locale arguments first, as Payload's own resolvers apply them.
          const localeReq = requestForLocaleArgs(context.req, args)
          let reader: CatalogReader
          let req = localeReq
          if (args.draft) {
            // As roleBySlug(draft: true): the compared roles' own relationship fields follow suit.
            req = isolateObjectProperty(localeReq, ['locale', 'fallbackLocale', 'transactionID'])
            req.query = req.query || {}
            req.query.draft = 'true'
            reader = new CatalogReader({ context: await readContextFor(req, { draft: args.draft, slugs }), req, slugs })
          } else {
            // The operation's reader: the two roles' `jsonLd` fields then reuse what the comparison read.
            // Without `draft: true` a comparison reads the published roles, whoever asks.
            reader = readerFor(context, slugs, await readContextFor(localeReq, { draft: false, slugs }))
          }
          const comparison = await loadComparison({ a: args.a, b: args.b, reader, req, selection, slugs })
          // The fields below the compared roles (their items, joins, jsonLd) read in the comparison's locale.
          markReadLocale(comparison.a, reader.context)
          markReadLocale(comparison.b, reader.context)
          return comparison
        },
        type: comparison,
      },
      roleBySlug: {
        args: {
          slug: { type: new GraphQLNonNull(GraphQLString) },
          draft: { description: 'Editors: read the newest draft.', type: GraphQLBoolean },
          ...localeArgs,
        },
        description:
          'One role by slug, for role pages: ask for its links (responsibilities, skills, ...) and jsonLd in one call. Unknown slug: error with extensions.statusCode 404.',
        resolve: async (
          _source: unknown,
          args: LocaleArgs & { draft?: boolean | null; slug: string },
          context: Context,
          info: GraphQLResolveInfo,
        ) => {
          const slug = parseRoleSlug(args.slug, 'slug')
          // The locale arguments first, as Payload's own resolvers apply them.
          const localeReq = requestForLocaleArgs(context.req, args)
          let reader: CatalogReader
          if (typeof args.draft === 'boolean') {
            // As Payload's own `Role(id, draft)` does: the role's relationship fields follow suit.
            const req = isolateObjectProperty(localeReq, ['locale', 'fallbackLocale', 'transactionID'])
            req.query = req.query || {}
            req.query.draft = String(args.draft)
            reader = new CatalogReader({ context: await readContextFor(req, { draft: args.draft, slugs }), req, slugs })
          } else {
            // The operation's reader: `jsonLd` then reuses what this read (on the tuned path, everything).
            reader = readerFor(context, slugs, await readContextFor(localeReq, { slugs }))
          }
          // On the tuned path, what the query selects is read in one statement (src/read/tunedReads.ts).
          // Its join fields asked for without arguments (`builtOnBy { docs { ... } }`) too, when the batched
          // join resolver (src/graphql/batchedJoins.ts) is there to answer from them.
          const joins = limits ? { limit: unpaginatedReadLimit(0, limits.maxLimit), plain: plainFieldsOf(info) } : undefined
          const [doc] = await reader.findRolesBySlug([slug], tunedSelectionForRole(selectionOf(info), joins))
          if (!doc) throw roleNotFound([slug])
          // The fields below the role (its items, joins, jsonLd) read in the role's locale.
          return markReadLocale(doc, reader.context)
        },
        type: roleType,
      },
      matchRoles: {
        args: {
          skills: {
            description: 'Slugs of the skills the person has, e.g. ["communication", "leadership"]. Unknown slugs are ignored and listed in `unknownSkills`.',
            type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))),
          },
          certifications: {
            description: 'Slugs of the certifications the person holds. Unknown slugs are ignored and listed in `unknownCertifications`.',
            type: new GraphQLList(new GraphQLNonNull(GraphQLString)),
          },
          limit: limitArg,
          draft: { description: 'Editors: match against the newest drafts. Others get the published roles.', type: GraphQLBoolean },
          ...localeArgs,
        },
        description:
          'Roles ranked by how well the given skills and certifications cover them (required items weigh twice recommended ones), with what each role still asks for. A malformed slug or limit: error with extensions.statusCode 400.',
        resolve: async (
          _source: unknown,
          args: LocaleArgs & { certifications?: null | string[]; draft?: boolean | null; limit?: null | number; skills: string[] },
          context: Context,
          info: GraphQLResolveInfo,
        ) => {
          const req = matchingRequestFor(context, args)
          const { reader, ...answer } = await loadRoleMatches({
            certifications: args.certifications,
            draft: args.draft ?? false,
            limit: args.limit,
            maxLimit,
            req,
            selection: tunedSelectionForMatches(selectionOf(info)),
            skills: args.skills,
            slugs,
          })
          return markRoles(answer, reader)
        },
        type: matches,
      },
      similarRoles: {
        args: {
          slug: { description: 'Slug of the role, e.g. "project-manager".', type: new GraphQLNonNull(GraphQLString) },
          limit: limitArg,
          draft: { description: 'Editors: compare the newest drafts. Others get the published roles.', type: GraphQLBoolean },
          ...localeArgs,
        },
        description:
          'Roles sharing the most (weighted) skills and responsibilities with a role, with the shared items: the related roles a role page shows. Unknown slug: error with extensions.statusCode 404.',
        resolve: async (
          _source: unknown,
          args: LocaleArgs & { draft?: boolean | null; limit?: null | number; slug: string },
          context: Context,
          info: GraphQLResolveInfo,
        ) => {
          const req = matchingRequestFor(context, args)
          const { reader, ...answer } = await loadSimilarRoles({
            draft: args.draft ?? false,
            limit: args.limit,
            maxLimit,
            req,
            selection: tunedSelectionForMatches(selectionOf(info)),
            slug: args.slug,
            slugs,
          })
          markReadLocale(answer.role, reader.context)
          return markRoles(answer, reader)
        },
        type: similar,
      },
      // searchCatalog, suggestCatalog (src/search).
      ...searchQueries(GraphQL, localeArgs),
    }
    // Names the site already uses (a collection `role-comparisons` is `RoleComparison`) would make
    // GraphQL refuse the whole schema: those of the plugin's types are renamed (typeNames.ts).
    renameTakenTypes(GraphQL, context, host, own)
    return { ...own, ...host }
  }
  return { ...graphQL, queries }
}
