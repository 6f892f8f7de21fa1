import type { AfterErrorHook, CollectionSlug, Payload, SanitizedConfig } from 'payload'

import { formatNames, toWords } from 'payload'

import { getCatalogSlugs } from '../plugin/catalogConfig.js'

/** The plugin's own GraphQL queries (src/graphql/index.ts, src/search/graphql.ts). */
const CATALOG_QUERIES = ['compareRoles', 'matchRoles', 'roleBySlug', 'searchCatalog', 'similarRoles', 'suggestCatalog']

// node-postgres / libpq codes for "no usable connection": refused, reset, server shutting down or
// starting, connection exceptions (class 08), too many connections.
const UNAVAILABLE_CODES = new Set([
  '08000', '08001', '08003', '08004', '08006', '53300', '57P01', '57P02', '57P03',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND',
  // SQLite (libsql): another connection holds the write lock past the busy timeout; retrying helps.
  'SQLITE_BUSY',
])
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|Connection ended unexpectedly/i

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable. Try again shortly.'

/** True when an error (or anything in its cause chain) says the database cannot be reached. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const { code, message } = current as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true
    const next = current as { cause?: unknown; originalError?: unknown; errors?: unknown[] }
    if (Array.isArray(next.errors) && next.errors.some((inner) => isDatabaseUnavailable(inner))) return true
    current = next.originalError ?? next.cause
  }
  return false
}

type PgError = { code?: string; column?: string; constraint?: string; detail?: string; table?: string }

const findPgError = (error: unknown): PgError | undefined => {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const candidate = current as PgError & { cause?: unknown; originalError?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate
    current = candidate.originalError ?? candidate.cause
  }
  return undefined
}

/** The code of a SQLite (libsql) error in the cause chain: `SQLITE_CONSTRAINT_FOREIGNKEY`, ... */
const findSqliteCode = (error: unknown): string | undefined => {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const candidate = current as { cause?: unknown; code?: unknown; extendedCode?: unknown; originalError?: unknown }
    for (const code of [candidate.extendedCode, candidate.code]) {
      if (typeof code === 'string' && code.startsWith('SQLITE_')) return code
    }
    current = candidate.originalError ?? candidate.cause
  }
  return undefined
}

/**
 * The field a foreign-key violation is about, from Payload's table naming: table `roles_skills`,
 * column `skill_id` → `skills.skill`.
 */
const fieldOfForeignKey = (pgError: PgError, collectionSlugs: string[]): string | undefined => {
  const column = /Key \((\w+)\)/.exec(pgError.detail ?? '')?.[1]
  const table = pgError.table
  if (!column || !table) return undefined
  // GraphQL errors do not say which collection failed: take the longest slug the table starts with.
  const prefix = collectionSlugs
    .map((slug) => `${slug.replace(/-/g, '_')}_`)
    .filter((candidate) => table.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0]
  const arrayPath = prefix ? table.slice(prefix.length) : table
  const field = column.replace(/_id$/, '')
  return arrayPath === 'rels' || arrayPath === '_rels' ? field : `${arrayPath.replace(/_/g, '.')}.${field}`
}

type MappedError = { message: string; path?: string; status: number }

/** Input errors that PostgreSQL, not Payload's validation, caught: answered as 400, not 500. */
const mapInputError = (error: unknown, collectionSlugs: string[]): MappedError | undefined => {
  // SQLite says which constraint failed, not which column: the message names no field.
  if (findSqliteCode(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { message: 'A link points to a document that does not exist', status: 400 }
  }
  const pgError = findPgError(error)
  if (!pgError) return undefined
  if (pgError.code === '23503') {
    const path = fieldOfForeignKey(pgError, collectionSlugs)
    return { message: `A link points to a document that does not exist${path ? ` (${path})` : ''}`, path, status: 400 }
  }
  // invalid text representation, value too long, numeric out of range
  if (pgError.code === '22P02' || pgError.code === '22001' || pgError.code === '22003') {
    return { message: 'A value in the request has the wrong type or size', status: 400 }
  }
  return undefined
}

/** The GraphQL root fields of the catalogue, per config: its collections' (as @payloadcms/graphql names them) and the plugin's queries. */
const rootFieldsByConfig = new WeakMap<SanitizedConfig, Set<string>>()

const catalogRootFields = (payload: Payload): Set<string> => {
  let names = rootFieldsByConfig.get(payload.config)
  if (names) return names
  names = new Set(CATALOG_QUERIES)
  for (const slug of Object.values(getCatalogSlugs(payload.config))) {
    const graphQL = payload.collections[slug as CollectionSlug]?.config.graphQL
    if (graphQL === false) continue
    // As @payloadcms/graphql's initCollections names them.
    const fromSlug = formatNames(slug)
    const singular = graphQL?.singularName ? toWords(graphQL.singularName, true) : fromSlug.singular
    let plural = graphQL?.pluralName ? toWords(graphQL.pluralName, true) : fromSlug.plural
    if (singular === plural) plural = `all${singular}`
    for (const name of [singular, plural, `count${plural}`, `docAccess${singular}`, `create${singular}`, `update${singular}`,
      `delete${singular}`, `duplicate${singular}`, `version${singular}`, `versions${plural}`, `restoreVersion${singular}`]) {
      names.add(name)
    }
  }
  rootFieldsByConfig.set(payload.config, names)
  return names
}

/**
 * Whether an error comes from the catalogue: a REST call (or endpoint) of one of its collections,
 * or, over GraphQL (no collection given), a field under one of its root fields. The root field is
 * the error's field when the error is at the root (its name, even under an alias), otherwise the
 * first step of its path (an aliased root with an error further down is left to Payload).
 */
const isCatalogOperation = (
  payload: Payload,
  collectionSlug: string | undefined,
  error: unknown,
  graphqlResult: unknown,
): boolean => {
  const slugs = new Set<string>(Object.values(getCatalogSlugs(payload.config)))
  if (collectionSlug) return slugs.has(collectionSlug)
  if (!graphqlResult) return false
  const { nodes, path } = error as { nodes?: { kind?: string; name?: { value?: string } }[]; path?: (number | string)[] }
  const root =
    path?.length === 1 && nodes?.[0]?.kind === 'Field' ? nodes[0].name?.value : typeof path?.[0] === 'string' ? path[0] : undefined
  return root !== undefined && catalogRootFields(payload).has(root)
}

/**
 * Answers requests that failed because PostgreSQL is unreachable with 503 (REST) or
 * `extensions.statusCode: 503` (GraphQL), so clients and load balancers know to retry; and input
 * errors only the database caught (a link to a missing document, a malformed value) with 400 in
 * the shape of Payload's validation errors, instead of a generic 500.
 */
export const databaseErrorsAfterError: AfterErrorHook = ({ collection, error, graphqlResult, req }) => {
  // The catalogue's own operations only: every other error of the site stays Payload's answer.
  if (!req.payload || !isCatalogOperation(req.payload, collection?.slug, error, graphqlResult)) return
  const slugs = collection ? [collection.slug] : Object.values(getCatalogSlugs(req.payload.config))
  const mapped: MappedError | undefined = isDatabaseUnavailable(error)
    ? { message: DATABASE_UNAVAILABLE_MESSAGE, status: 503 }
    : mapInputError(error, slugs)
  if (!mapped) return
  const data = mapped.path ? { errors: [{ message: mapped.message, path: mapped.path }] } : undefined
  const name = mapped.status === 400 ? 'ValidationError' : 'DatabaseUnavailable'
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        extensions: { ...graphqlResult.extensions, data, name, statusCode: mapped.status },
        message: mapped.message,
      },
    }
  }
  return { response: { errors: [{ data, message: mapped.message, name }] }, status: mapped.status }
}
