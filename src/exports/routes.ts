/**
 * `payload-plugin-role-catalog/routes`: the route helpers a Next.js site puts in its Payload route
 * files to serve GraphQL over GET and POST and REST with the response cache, ETags and
 * Cache-Control (docs/production.md, "The response cache").
 */
export { type RestRouteHandler, withCatalogRestCache } from '../cache/restRoute.js'
export { catalogGraphQLRoute } from '../graphql/route.js'
