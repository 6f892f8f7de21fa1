import config from '@payload-config'
import { REST_OPTIONS } from '@payloadcms/next/routes'
import { catalogGraphQLRoute } from 'payload-plugin-role-catalog/routes'

// GraphQL over GET and POST, the response cache for anonymous queries, ETags and Cache-Control,
// and a 400 (not an empty 500) for a body that is not JSON: see catalogGraphQLRoute.
export const { GET, HEAD, POST } = catalogGraphQLRoute(config)
export const OPTIONS = REST_OPTIONS(config)
