import type { Endpoint, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { parseDraftParameter } from '../match/arguments.js'
import { requestForLocaleQuery } from '../read/requestLocale.js'
import { searchCatalog, suggestCatalog } from './searchCatalog.js'

/** A whole number from the query string; anything else is a 400 naming the parameter. */
const integerParameter = (req: PayloadRequest, name: string): number | undefined => {
  const raw = req.searchParams.get(name)
  if (raw === null || raw === '') return undefined
  if (!/^\d{1,6}$/.test(raw)) throw new APIError(`"${name}" must be a whole number (got ${JSON.stringify(raw.slice(0, 40))})`, 400, undefined, true)
  return Number(raw)
}

/** `?collections=roles,skills` or `?collections=roles&collections=skills`. */
const collectionsParameter = (req: PayloadRequest): string[] | undefined => {
  const values = req.searchParams.getAll('collections').flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
  return values.length ? values : undefined
}

/**
 * `GET /api/<roles>/search?text=…&collections=…&limit=…&page=…&draft=true&locale=…&fallback-locale=…`
 * and `GET /api/<roles>/suggest?prefix=…&collections=…&limit=…&locale=…`: the same parameters as
 * GraphQL's `searchCatalog` / `suggestCatalog`, the same JSON as their results. Collection
 * endpoints of the roles collection, beside `/compare` (the plugin's REST convention); the response
 * cache (withCatalogRestCache) serves anonymous answers like any catalogue read.
 */
export const searchEndpoints = (): Endpoint[] => [
  {
    handler: async (incoming) => {
      const req = requestForLocaleQuery(incoming)
      const result = await searchCatalog({
        collections: collectionsParameter(req),
        // `true`/`false` only, as for matchRoles: `draft=1` silently read as false showed an editor published text.
        draft: parseDraftParameter(req.searchParams.get('draft')),
        limit: integerParameter(req, 'limit'),
        page: integerParameter(req, 'page'),
        req,
        text: req.searchParams.get('text') ?? '',
      })
      return Response.json(result)
    },
    method: 'get',
    path: '/search',
  },
  {
    handler: async (incoming) => {
      const req = requestForLocaleQuery(incoming)
      const result = await suggestCatalog({
        collections: collectionsParameter(req),
        limit: integerParameter(req, 'limit'),
        prefix: req.searchParams.get('prefix') ?? '',
        req,
      })
      return Response.json(result)
    },
    method: 'get',
    path: '/suggest',
  },
]
