import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { withGraphQLRequestErrors } from 'payload-plugin-role-catalog'

// Wrapped so a body that is not JSON gets a 400 instead of an empty 500 (see withGraphQLRequestErrors).
export const POST = withGraphQLRequestErrors(GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
