import type { Endpoint } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { loadComparison } from '../compare/loadComparison.js'
import { parseDraftParameter } from '../match/arguments.js'
import { loadRoleMatches } from '../match/matchRoles.js'
import { loadSimilarRoles } from '../match/similarRoles.js'
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
 * `GET /api/<roles>/compare?a=<slug>&b=<slug>`, `GET /api/<roles>/match?skills=<slug>,<slug>&certifications=…&limit=`,
 * `GET /api/<roles>/<slug>/similar?limit=` and `GET /api/<roles>/<slug>/jsonld` (all with
 * `?locale=` and `?fallback-locale=` on a localized site), as collection
 * endpoints of the roles collection (custom endpoints match before Payload's own `/:id`). Errors are
 * thrown as APIError, which Payload answers with `{ errors: [{ message }] }` and the error's status.
 */

/**
 * A slug from the address as the reader wrote it: Payload leaves route parameters escaped
 * (`gh%C3%B6st`), so errors would name it so; an escape that is no UTF-8 stays as sent.
 */
const routeSlug = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export const roleEndpoints = (slugs: CatalogSlugs, maxLimit: number): Endpoint[] => [
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
      const params = req.searchParams
      // Lists as a repeated parameter (`skills=a&skills=b`) or comma-separated (`skills=a,b`).
      const list = (name: string) => (params.has(name) ? params.getAll(name) : undefined)
      const { reader: _reader, ...answer } = await loadRoleMatches({
        certifications: list('certifications'),
        draft: parseDraftParameter(params.get('draft')),
        limit: params.get('limit') ?? undefined,
        maxLimit,
        req,
        skills: list('skills'),
        slugs,
      })
      return Response.json({ ...answer, docs: answer.docs.map((match) => ({ ...match, role: roleSummary(match.role) })) })
    },
    method: 'get',
    path: '/match',
  },
  {
    handler: async (incoming) => {
      const req = requestForLocaleQuery(incoming)
      const { reader: _reader, ...answer } = await loadSimilarRoles({
        draft: parseDraftParameter(req.searchParams.get('draft')),
        limit: req.searchParams.get('limit') ?? undefined,
        maxLimit,
        req,
        slug: routeSlug(req.routeParams?.slug),
        slugs,
      })
      return Response.json({
        ...answer,
        docs: answer.docs.map((similar) => ({ ...similar, role: roleSummary(similar.role) })),
        role: roleSummary(answer.role),
      })
    },
    method: 'get',
    path: '/:slug/similar',
  },
  {
    handler: async (incoming) => {
      const req = requestForLocaleQuery(incoming)
      const slug = parseRoleSlug(routeSlug(req.routeParams?.slug), 'slug')
      const reader = new CatalogReader({ context: await readContextFor(req, { draft: false, slugs }), req, slugs })
      // With the locales its text came from: the JSON-LD says which text fell back without reading again.
      const [doc] = await reader.findRolesBySlug([slug], { neighbours: false, textSources: true })
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
