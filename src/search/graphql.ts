import type * as GraphQLModule from 'graphql'
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { type LocaleArgs, requestForLocaleArgs } from '../read/requestLocale.js'
import { MAX_SEARCH_LIMIT, MAX_SEARCH_PAGE, MAX_SEARCH_TEXT } from './language.js'
import { searchCatalog, suggestCatalog } from './searchCatalog.js'

type Context = { req: PayloadRequest }

type LocaleArgConfig = Record<string, undefined | { description: string; type: GraphQLModule.GraphQLInputType }>

/**
 * `searchCatalog` and `suggestCatalog`: the GraphQL face of src/search/searchCatalog.ts. Built with
 * the GraphQL module Payload passes in (importing `graphql` here risks a second copy).
 */
export const searchQueries = (GraphQL: Parameters<GraphQLExtension>[0], localeArgs: LocaleArgConfig) => {
  const { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const nonNull = <T extends GraphQLModule.GraphQLNullableType>(type: T) => new GraphQLNonNull(type)
  const ranking = {
    description: '`full` on PostgreSQL (ranked, stemmed, typo-tolerant); `basic` on other databases (Payload\'s `like` filters).',
    type: nonNull(GraphQLString),
  }
  const hit = new GraphQLObjectType({
    name: 'CatalogSearchHit',
    fields: {
      collection: { description: 'The collection\'s slug, e.g. "roles".', type: nonNull(GraphQLString) },
      highlight: { description: 'A fragment of the matched text, HTML-escaped, with the matched words in <mark>…</mark>.', type: GraphQLString },
      id: { type: nonNull(GraphQLID) },
      matchedOn: { description: 'The field that matched best: title, name, alternateNames, abbreviation, summary, focus, description, ...', type: nonNull(GraphQLString) },
      score: { description: 'Relevance from 0 to 1 (docs/frontend.md, "Scores").', type: nonNull(GraphQLFloat) },
      slug: { type: GraphQLString },
      title: { description: 'The title (roles, responsibilities) or name (certifications, skills) in the read\'s locale.', type: GraphQLString },
    },
  })
  const count = new GraphQLObjectType({
    name: 'CatalogSearchCount',
    fields: { collection: { type: nonNull(GraphQLString) }, totalDocs: { type: nonNull(GraphQLInt) } },
  })
  const result = new GraphQLObjectType({
    name: 'CatalogSearchResult',
    fields: {
      counts: { description: 'Matching documents per searched collection.', type: nonNull(new GraphQLList(nonNull(count))) },
      docs: { type: nonNull(new GraphQLList(nonNull(hit))) },
      hasNextPage: { type: nonNull(GraphQLBoolean) },
      limit: { type: nonNull(GraphQLInt) },
      page: { type: nonNull(GraphQLInt) },
      ranking,
      totalDocs: { type: nonNull(GraphQLInt) },
      totalPages: { type: nonNull(GraphQLInt) },
    },
  })
  const suggestion = new GraphQLObjectType({
    name: 'CatalogSuggestion',
    fields: {
      collection: { type: nonNull(GraphQLString) },
      id: { type: nonNull(GraphQLID) },
      matchedOn: { description: 'What `text` is: the title/name, or one of the alternateNames.', type: nonNull(GraphQLString) },
      score: { type: nonNull(GraphQLFloat) },
      slug: { type: GraphQLString },
      text: { description: 'The title or alternate name that starts with what was typed.', type: nonNull(GraphQLString) },
      title: { type: GraphQLString },
    },
  })
  const suggestions = new GraphQLObjectType({
    name: 'CatalogSuggestions',
    fields: { ranking, suggestions: { type: nonNull(new GraphQLList(nonNull(suggestion))) } },
  })
  const collections = {
    description: 'Slugs of the collections to search (default: all four).',
    type: new GraphQLList(nonNull(GraphQLString)),
  }
  return {
    searchCatalog: {
      args: {
        collections,
        draft: { description: 'Editors: search the newest drafts. Others get published documents.', type: GraphQLBoolean },
        limit: { description: `Hits per page, 1–${MAX_SEARCH_LIMIT} (default 10).`, type: GraphQLInt },
        page: { description: `Page, 1–${MAX_SEARCH_PAGE} (default 1).`, type: GraphQLInt },
        text: {
          description: `What to look for, up to ${MAX_SEARCH_TEXT} characters; web search syntax: "a phrase", -exclude, a or b.`,
          type: nonNull(GraphQLString),
        },
        ...localeArgs,
      },
      description: 'Ranked text search over roles, responsibilities, certifications and skills (titles, alternate names, abbreviations, descriptions).',
      resolve: async (
        _source: unknown,
        args: LocaleArgs & { collections?: null | string[]; draft?: boolean | null; limit?: null | number; page?: null | number; text: string },
        context: Context,
      ) => searchCatalog({ ...args, req: requestForLocaleArgs(context.req, args) }),
      type: nonNull(result),
    },
    suggestCatalog: {
      args: {
        collections,
        limit: { description: `Suggestions, 1–${MAX_SEARCH_LIMIT} (default 8).`, type: GraphQLInt },
        prefix: { description: `What was typed so far, up to ${MAX_SEARCH_TEXT} characters; every word may be the start of one ("proj man").`, type: nonNull(GraphQLString) },
        ...localeArgs,
      },
      description: 'Autocomplete: titles and alternate names that start with what was typed, best first (published documents).',
      resolve: async (
        _source: unknown,
        args: LocaleArgs & { collections?: null | string[]; limit?: null | number; prefix: string },
        context: Context,
      ) => suggestCatalog({ ...args, req: requestForLocaleArgs(context.req, args) }),
      type: nonNull(suggestions),
    },
  }
}
