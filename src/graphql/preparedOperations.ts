import type { DocumentNode, ExecutionArgs, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql'

import { parse, specifiedRules, validate } from 'graphql'
import { LRUCache } from 'lru-cache'

/** Payload's validation rules for one operation (configToSchema's `validationRules`): they may read its variables. */
export type ValidationRules = (args: ExecutionArgs) => ValidationRule[]

type Caches = {
  /** Query text → parsed document, or its syntax error. */
  parsed: LRUCache<string, DocumentNode | GraphQLError>
  /** Query text + variables → validation errors (none: valid). */
  validated: LRUCache<string, readonly GraphQLError[]>
}

// Per schema: a schema rebuilt (development, tests) starts with empty caches.
const cachesBySchema = new WeakMap<GraphQLSchema, Caches>()

/** Memory for the documents of one schema; each entry is sized by its query text. */
const MAX_QUERY_BYTES = 8 * 1024 * 1024

const cachesOf = (schema: GraphQLSchema): Caches => {
  let caches = cachesBySchema.get(schema)
  if (!caches) {
    caches = {
      parsed: new LRUCache({ maxSize: MAX_QUERY_BYTES, sizeCalculation: (_value, key) => 4 * key.length + 64 }),
      validated: new LRUCache({ maxSize: MAX_QUERY_BYTES, sizeCalculation: (value, key) => 2 * key.length + 64 + 256 * value.length }),
    }
    cachesBySchema.set(schema, caches)
  }
  return caches
}

/** A parsed document shared by every request with the same query text (GraphQL never mutates one). */
export const parsedDocument = (schema: GraphQLSchema, query: string): DocumentNode | GraphQLError => {
  const { parsed } = cachesOf(schema)
  let document = parsed.get(query)
  if (!document) {
    try {
      document = parse(query)
    } catch (error) {
      document = error as GraphQLError
    }
    parsed.set(query, document)
  }
  return document
}

/**
 * Validates a document as Payload's GraphQL route does (GraphQL's specified rules, then Payload's:
 * query complexity, no introspection in production, the site's and the plugin's rules), once per
 * query text and variables: Payload's complexity rule reads the variables, so they are part of the
 * key. A site's own `graphQL.validationRules` must therefore depend on the operation only, not on
 * the request (its user, headers), which is what GraphQL's rules are for.
 */
export const validationErrors = (
  schema: GraphQLSchema,
  validationRules: ValidationRules,
  args: ExecutionArgs & { query: string },
): readonly GraphQLError[] => {
  const { validated } = cachesOf(schema)
  const key = `${args.variableValues ? JSON.stringify(args.variableValues) : ''}\u0000${args.query}`
  let errors = validated.get(key)
  if (!errors) {
    errors = validate(schema, args.document, [...specifiedRules, ...validationRules(args)])
    validated.set(key, errors)
  }
  return errors
}
