type RouteHandler = (request: Request) => Promise<Response>

const clientErrorStatus = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500 ? status : undefined
}

/**
 * Wraps Payload's `GRAPHQL_POST(config)` for a route file. Payload rejects a body that is not JSON
 * by throwing (APIError "Invalid JSON", 400) before GraphQL runs; Next.js turns that into an empty
 * 500. Wrapped, the client gets the 400 with a GraphQL-over-HTTP error body, as the
 * GraphQL-over-HTTP spec asks (graphql-http audit BCF8/B7N8). Server errors are left to Next.js.
 *
 * ```ts
 * export const POST = withGraphQLRequestErrors(GRAPHQL_POST(config))
 * ```
 */
export const withGraphQLRequestErrors =
  (handler: RouteHandler): RouteHandler =>
  async (request) => {
    try {
      return await handler(request)
    } catch (error) {
      const status = clientErrorStatus(error)
      if (status === undefined) throw error
      const graphqlResponse = (request.headers.get('accept') ?? '').includes('application/graphql-response+json')
      return new Response(JSON.stringify({ errors: [{ message: (error as Error).message }] }), {
        headers: {
          'Content-Type': `${graphqlResponse ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`,
        },
        status,
      })
    }
  }
