import config from '@payload-config'
import { GRAPHQL_PLAYGROUND_GET } from '@payloadcms/next/routes'

// Payload serves the playground only outside production.
export const GET = GRAPHQL_PLAYGROUND_GET(config)
