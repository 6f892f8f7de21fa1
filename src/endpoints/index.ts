import type { Endpoint } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { loadComparison } from '../compare/loadComparison.js'
import { occupationForDoc } from '../jsonld/loadOccupation.js'
import { jsonLdLanguage } from '../jsonld/occupation.js'
import { CatalogReader, type RoleDoc } from '../read/catalogReader.js'
import { readContextFor } from '../read/readContext.js'
import { requestForLocaleQuery } from '../read/requestLocale.js'
import { parseRoleSlug, roleNotFound } from '../read/roleSlugs.js'

/** What REST returns for each compared role: enough to title the comparison without another call. */
const roleSummary = (doc: RoleDoc) => ({
  id: doc.id,
  slug: doc.slug,
  abbreviation: doc.abbreviation ?? null,
  focus: doc.focus ?? null,
  summary: doc.summary ?? null,
  // Null, not absent, when the role has no title in the locale or its fallbacks.
  title: doc.title ?? null,
})

/**
 * `GET /api/<roles>/compare?a=<slug>&b=<slug>` and `GET /api/<roles>/<slug>/jsonld` (both with
 * `?locale=` and `?fallback-locale=` on a localized site), as collection
 * endpoints of the roles collection (custom endpoints match before Payload's own `/:id`). Errors are
 * thrown as APIError, which Payload answers with `{ errors: [{ message }] }` and the error's status.
 */
export const roleEndpoints = (slugs: CatalogSlugs): Endpoint[] => [
  {
    handler: async (incoming) => {
      // `?locale=` / `?fallback-locale=`, as Payload's REST takes them (an unknown locale: 400).
      const req = requestForLocaleQuery(incoming)
      const comparison = await loadComparison({
        a: req.searchParams.get('a'),
        b: req.searchParams.get('b'),
        req,
        slugs,
      })
      return Response.json({ ...comparison, a: roleSummary(comparison.a), b: roleSummary(comparison.b) })
    },
    method: 'get',
    path: '/compare',
  },
  {
    handler: async (incoming) => {
      const req = requestForLocaleQuery(incoming)
      const slug = parseRoleSlug(req.routeParams?.slug, 'slug')
      const reader = new CatalogReader({ context: await readContextFor(req, { draft: false, slugs }), req, slugs })
      const [doc] = await reader.findRolesBySlug([slug])
      if (!doc) throw roleNotFound([slug])
      const jsonLd = await occupationForDoc({ doc, reader, req, slugs })
      const language = jsonLdLanguage(jsonLd)
      return new Response(JSON.stringify(jsonLd), {
        headers: {
          'Content-Type': 'application/ld+json',
          ...(language ? { 'Content-Language': language } : {}),
        },
        status: 200,
      })
    },
    method: 'get',
    path: '/:slug/jsonld',
  },
]
