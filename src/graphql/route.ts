import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql'
import type { PayloadRequest, SanitizedConfig } from 'payload'

import { configToSchema } from '@payloadcms/graphql'
import { getVariableValues, GraphQLError, Kind, print } from 'graphql'
import type { RequestParams } from 'graphql-http'

import { createHandler, parseRequestParams } from 'graphql-http/lib/use/fetch'
import {
  addDataAndFileToRequest,
  addLocalesToRequestFromData,
  createPayloadRequest,
  getPayload,
  headersWithCors,
  logError,
  mergeHeaders,
  unlinkClientUploadTempFile,
} from 'payload'

import { catalogScopeOf } from '../cache/catalogScope.js'
import { answerBeforePayload, corsHeaders, rememberShape, requestShape } from '../cache/beforePayload.js'
import { startRecording } from '../cache/dependencies.js'
import { answerResponse, carriesCredentials, headAsGet, withCacheControl } from '../cache/httpCaching.js'
import { digest, responseCacheOf, strongETag } from '../cache/responseCache.js'
import { getCatalogConfig } from '../plugin/catalogConfig.js'
import { readContextFor, readContextKey } from '../read/readContext.js'
import { withGraphQLRequestErrors } from './http.js'
import { parsedDocument, type ValidationRules, validationErrors } from './preparedOperations.js'

type ConfigArg = Promise<SanitizedConfig> | SanitizedConfig
type Context = { headers: Record<string, string>; req: PayloadRequest; result?: ExecutionResult }
type Built = { schema: GraphQLSchema; validationRules: ValidationRules }

/**
 * The schema, built once per process and shared with Payload's own GRAPHQL_POST (the same global
 * as @payloadcms/next's getGraphql, rebuilt per request in development as it does there).
 */
const globalSchema = globalThis as unknown as { _payload_graphql?: { graphql: Built | null; promise: Promise<Built> | null } }
const builtSchema = async (config: ConfigArg): Promise<Built> => {
  if (!globalSchema._payload_graphql || process.env.NODE_ENV === 'development') {
    globalSchema._payload_graphql = { graphql: null, promise: null }
  }
  const cached = globalSchema._payload_graphql
  if (cached.graphql) return cached.graphql
  if (!cached.promise) {
    const resolved = await config
    cached.promise = Promise.resolve().then(() => configToSchema(resolved) as unknown as Built)
  }
  try {
    cached.graphql = await cached.promise
  } catch (error) {
    cached.promise = null
    throw error
  }
  return cached.graphql
}

/** As Payload's GRAPHQL_POST formats an error (its handleError): status, hidden 500 details, afterError hooks. */
const formatError = async (err: GraphQLError, req: PayloadRequest): Promise<GraphQLFormattedError> => {
  const { payload } = req
  const original = err.originalError as { data?: unknown; name?: string; status?: number } | undefined
  const status = original?.status || 500
  logError({ err, payload })
  let formatted: GraphQLFormattedError = {
    extensions: {
      name: original?.name || undefined,
      data: original?.data || undefined,
      stack: payload.config.debug ? err.stack : undefined,
      statusCode: status,
    },
    locations: err.locations,
    // Internal errors can carry anything: hidden unless the site runs with `debug`.
    message: !payload.config.debug && status === 500 ? 'Something went wrong.' : err.message,
    path: err.path,
  }
  for (const hook of payload.config.hooks.afterError ?? []) {
    const result = await hook({ context: req.context, error: err, graphqlResult: formatted, req } as never)
    if (result && (result as { graphqlResult?: GraphQLFormattedError }).graphqlResult) {
      formatted = (result as { graphqlResult: GraphQLFormattedError }).graphqlResult
    }
  }
  return formatted
}

const handlers = new WeakMap<GraphQLSchema, (request: Request) => Promise<Response>>()
/** The context of each request in flight, by the fetch Request graphql-http is given (one handler serves all). */
const contexts = new WeakMap<Request, Context>()

/**
 * graphql-http's handler as Payload's route sets it up (media types, GET and POST parameters,
 * mutations over GET refused with 405, error formatting, `payload.extensions`), with the parse and
 * validation of each operation cached (./preparedOperations.ts) instead of redone per request.
 */
const graphqlHandler = (schema: GraphQLSchema, validationRules: ValidationRules) => {
  let handler = handlers.get(schema)
  if (handler) return handler
  handler = createHandler<Context>({
    onOperation: async (request, args, result) => {
      const { req } = args.contextValue as Context
      const extended = typeof req.payload.extensions === 'function'
        ? ((await req.payload.extensions({ args, req: request as never, result })) as ExecutionResult)
        : (result as ExecutionResult)
      ;(args.contextValue as Context).result = extended
      if (!extended.errors) return extended
      const errors = await Promise.all((result as ExecutionResult).errors!.map((error) => formatError(error, req)))
      return { ...extended, errors } as unknown as ExecutionResult
    },
    // What the route parsed to build the cache key, when it did: executed as keyed.
    parseRequestParams: (request) => parsedParams.get(request.raw),
    onSubscribe: (request, params) => {
      const document = parsedDocument(schema, params.query)
      if (document instanceof GraphQLError) return [document]
      const contextValue = contexts.get(request.raw)
      if (!contextValue) throw new Error('role catalog GraphQL route: request without a context')
      const args: ExecutionArgs & { contextValue: Context } = {
        contextValue,
        document,
        operationName: params.operationName,
        schema,
        variableValues: params.variables,
      }
      const errors = validationErrors(schema, validationRules, { ...args, query: params.query })
      return errors.length ? errors : args
    },
    schema,
  })
  handlers.set(schema, handler)
  return handler
}

/** The operation graphql-http will run: the named one, or the only one. */
const operationOf = (document: DocumentNode, operationName: null | string | undefined): OperationDefinitionNode | undefined => {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  if (operationName) return operations.find((operation) => operation.name?.value === operationName)
  return operations.length === 1 ? operations[0] : undefined
}

/** The root fields an operation selects, through fragments and inline fragments. */
const rootFields = (document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): string[] =>
  selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value]
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(document, selection.selectionSet, seen)
    const name = selection.name.value
    if (seen.has(name)) return []
    seen.add(name)
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name)
    return fragment && fragment.kind === Kind.FRAGMENT_DEFINITION ? rootFields(document, fragment.selectionSet, seen) : ['?']
  })

/**
 * Whether the document asks for drafts anywhere: a `draft` argument that is true, literally or
 * through a variable (its value, or its default when the request leaves it out). `$draft` left
 * unset, null or false reads published content (the example frontend's queries declare it and
 * set it in draft mode only). Drafts are never cached, whoever asks.
 */
const asksForDrafts = (document: DocumentNode, variables: Record<string, unknown> | undefined): boolean => {
  const defaults = new Map<string, unknown>()
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    for (const variable of definition.variableDefinitions ?? []) {
      const value = variable.defaultValue
      if (value?.kind === Kind.BOOLEAN) defaults.set(variable.variable.name.value, value.value)
    }
  }
  let found = false
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(visit)
    const value = node as { kind?: string; name?: { value: string }; value?: { kind: string; name?: { value: string }; value?: unknown } }
    if (value.kind === Kind.ARGUMENT && value.name?.value === 'draft') {
      const argument = value.value!
      if (argument.kind === Kind.BOOLEAN) found = argument.value === true
      else if (argument.kind === Kind.VARIABLE) {
        const name = argument.name!.value
        found = (variables && name in variables ? variables[name] : defaults.get(name)) === true
      }
      return
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') visit(child)
  }
  visit(document.definitions)
  return found
}

/**
 * The media type graphql-http answers in for this `Accept` (its createHandler's own choice, in its
 * order): the representation is part of the key, the rest of the header is not.
 */
const acceptedMediaType = (accept: null | string): 'application/graphql-response+json' | 'application/json' | undefined => {
  for (const each of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType, ...params] = each.split(';')
    const charset = params.find((param) => param.includes('charset=')) || 'charset=utf-8'
    if (mediaType === 'application/graphql-response+json' && charset === 'charset=utf-8') return 'application/graphql-response+json'
    if ((mediaType === 'application/json' || mediaType === 'application/*' || mediaType === '*/*') && (charset === 'charset=utf-8' || charset === 'charset=utf8')) {
      return 'application/json'
    }
  }
  return undefined
}

/**
 * The operation as text, in one form whatever the request's spacing, comments and other operations
 * (the operation and the fragments it may use, printed): equal text, equal execution.
 */
const printedOperations = new WeakMap<DocumentNode, Map<OperationDefinitionNode, string>>()
const printedOperation = (document: DocumentNode, operation: OperationDefinitionNode): string => {
  let byOperation = printedOperations.get(document)
  if (!byOperation) printedOperations.set(document, (byOperation = new Map()))
  let printed = byOperation.get(operation)
  if (printed === undefined) {
    const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
    printed = digest(print({ definitions: [operation, ...fragments], kind: Kind.DOCUMENT }))
    byOperation.set(operation, printed)
  }
  return printed
}

/** The parameters graphql-http parsed for a request, handed to the handler so it executes exactly what was keyed. */
const parsedParams = new WeakMap<Request, RequestParams>()

/**
 * The plugin's GraphQL route: Payload's GRAPHQL_POST with queries over GET as well (GraphQL over
 * HTTP), parsed and validated documents cached, and, with the plugin's `responseCache` option,
 * anonymous queries over the catalogue answered from the instance's response cache. Every answer
 * carries Cache-Control: `public, s-maxage, stale-while-revalidate` for cacheable anonymous answers,
 * `private, no-store` for callers with credentials, `no-store` for errors; anonymous answers carry
 * a strong ETag and `If-None-Match` gets 304.
 *
 * ```ts
 * // app/(payload)/api/graphql/route.ts
 * export const { GET, POST } = catalogGraphQLRoute(config)
 * ```
 */
export const catalogGraphQLRoute = (
  config: ConfigArg,
): { GET: (request: Request) => Promise<Response>; HEAD: (request: Request) => Promise<Response>; POST: (request: Request) => Promise<Response> } => {
  const handle = async (incoming: Request): Promise<Response> => {
    let request = incoming
    // A request without credentials whose answer is cached is answered before Payload's request is built.
    let shape: string | undefined
    const early = await getPayload({ config })
    const earlyOptions = getCatalogConfig(early.config).responseCache
    if (earlyOptions.enabled && !early.config.graphQL?.disable && (request.method === 'GET' || request.method === 'POST')) {
      // The body's bytes, read once (no tee of the stream) and keyed one character a byte (no decoding).
      const bytes = request.method === 'POST' && request.body ? await request.arrayBuffer() : undefined
      shape = requestShape(early, request, 'graphql', bytes ? Buffer.from(bytes).toString('latin1') : '')
      const answered = answerBeforePayload(early, shape, request, earlyOptions)
      if (answered) return answered
      // Not answered: the rest reads the body again, from the same bytes.
      if (bytes) request = new Request(incoming.url, { body: bytes, headers: incoming.headers, method: 'POST', signal: incoming.signal })
    }
    const originalRequest = request.clone()
    const req = await createPayloadRequest({ canSetHeaders: true, config, request })
    const { payload } = req
    if (payload.config.graphQL?.disable) return new Response(null, { status: 404 })
    try {
      await addDataAndFileToRequest(req)
      addLocalesToRequestFromData(req)
      const { schema, validationRules } = await builtSchema(config)
      const catalog = getCatalogConfig(payload.config)
      const options = catalog.responseCache
      const responseHeaders: Record<string, string> = {}

      // Who is asking, and may the answer be shared? The key is built from the parameters
      // graphql-http parses (once: the handler executes these, see graphqlHandler).
      const anonymous = !carriesCredentials(request.headers, payload) && !req.user
      let params: RequestParams | undefined
      if (anonymous) {
        try {
          const parsed = await parseRequestParams(originalRequest.clone())
          if (!(parsed instanceof Response)) params = parsed
        } catch {
          // Malformed: graphql-http parses it again and answers its own 400.
        }
      }
      if (params) parsedParams.set(originalRequest, params)
      let cacheKey: string | undefined
      /** The operation the key is a variant of: the cache holds at most `maxVariants` answers of one. */
      let cacheGroup: string | undefined
      const mediaType = acceptedMediaType(request.headers.get('accept'))
      if (params && mediaType) {
        const document = parsedDocument(schema, params.query)
        const operation = document instanceof GraphQLError ? undefined : operationOf(document, params.operationName)
        const scope = catalogScopeOf(payload)
        const variables = params.variables ?? undefined
        // The variables as execution sees them: declared ones only, coerced, defaults applied.
        const coerced = operation ? getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}) : undefined
        if (
          operation?.operation === 'query' &&
          coerced?.coerced &&
          !scope.uncacheable &&
          rootFields(document as DocumentNode, operation.selectionSet).every((field) => scope.graphQLRootFields.has(field)) &&
          !asksForDrafts(document as DocumentNode, variables)
        ) {
          const context = await readContextFor(req, { slugs: catalog.slugs })
          if (context.cacheScope === 'public') {
            cacheGroup = `graphql ${printedOperation(document as DocumentNode, operation)}`
            cacheKey = [
              'graphql',
              mediaType,
              JSON.stringify(coerced.coerced),
              readContextKey(context),
              printedOperation(document as DocumentNode, operation),
            ].join('\u0000')
          }
        }
      }
      const cache = cacheKey && options.enabled ? responseCacheOf(payload, options) : undefined

      const hit = cache && cacheKey ? cache.get(cacheKey) : undefined
      if (hit) {
        rememberShape(payload, shape, cacheKey!)
        return answerResponse({ answer: hit, extra: corsHeaders(payload, request.headers.get('origin')), kind: 'public', options, request })
      }

      const ticket = cache?.begin()
      // The reads the operation makes record what its answer depends on.
      const dependencies = cache ? startRecording(req) : undefined
      const context: Context = { headers: responseHeaders, req }
      contexts.set(originalRequest, context)
      const apiResponse = await graphqlHandler(schema, validationRules)(originalRequest)
      const headers = headersWithCors({ headers: new Headers(apiResponse.headers), req })
      for (const key in responseHeaders) headers.append(key, responseHeaders[key]!)
      const merged = req.responseHeaders ? mergeHeaders(req.responseHeaders, headers) : headers

      const succeeded = apiResponse.status === 200 && context.result !== undefined && !context.result.errors
      if (!succeeded) return withCacheControl(new Response(apiResponse.body, { headers: merged, status: apiResponse.status }), 'error', options)
      if (!anonymous) return withCacheControl(new Response(apiResponse.body, { headers: merged, status: 200 }), 'private', options)

      const body = new Uint8Array(await apiResponse.arrayBuffer())
      const contentType = merged.get('content-type') ?? 'application/json'
      const answer = { body, contentType, etag: strongETag(body, contentType) }
      if (cache && cacheKey && ticket && dependencies && cache.store(cacheKey, answer, ticket, dependencies, cacheGroup!)) rememberShape(payload, shape, cacheKey)
      merged.delete('content-type')
      return answerResponse({ answer, extra: merged, kind: cacheKey && options.enabled ? 'public' : 'revalidate', options, request })
    } finally {
      // As Payload's route: GraphQL parses the body itself, so upload temp files are cleaned here.
      await unlinkClientUploadTempFile({ req })
    }
  }
  // A body that is not JSON: a 400 with a GraphQL-over-HTTP error body, not an empty 500.
  const route = withGraphQLRequestErrors(handle)
  // HEAD: as GET, without the body (also when Next.js answers HEAD with the GET export).
  const get = (request: Request) => headAsGet(request, route)
  return { GET: get, HEAD: get, POST: route }
}
