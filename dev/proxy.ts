import { type NextRequest, NextResponse } from 'next/server.js'

import { DEFAULT_LANGUAGE, isLanguage, type Language } from './app/(frontend)/_lib/languages.js'

/*
 * Unknown roles answer 404 with their not-found page in the HTML. Next.js (16) renders a page's
 * notFound() of a dynamic route in the browser only: the server sends status 404 with an empty
 * document, so a crawler or a reader without JavaScript sees nothing (vercel/next.js#62228). So
 * before a role page or a comparison renders, this proxy asks the catalogue, over the same GraphQL
 * the pages read (anonymous, published roles; an answer the plugin's response cache shares), whether
 * its roles exist, and answers an unknown one with the server-rendered /<lang>/not-found page and
 * status 404, in the language of the address. In draft mode (an editor's preview, which may show a
 * role not published yet) and when the lookup fails, the page decides as before.
 */

/**
 * The role and comparison addresses, English (no prefix) and under any first segment — each other
 * language of app/(frontend)/_lib/languages.ts, and codes that are no language of the site (/fr/…),
 * which would otherwise reach the page and get the browser-rendered empty 404 — except the API's and
 * the admin's (/api/roles/1 is Payload's REST). Next.js reads the matcher at build time: it must be
 * literal; tests/example-frontend.test.ts compiles it as Next.js does and checks what it sees.
 */
export const config = {
  matcher: ['/roles/:slug', '/compare/:a/:b', '/:lang((?!api|admin)[^/]+)/roles/:slug', '/:lang((?!api|admin)[^/]+)/compare/:a/:b'],
}

/** Next.js draft mode's cookie: the page reads drafts with the editor's session, not the public catalogue. */
const DRAFT_MODE_COOKIE = '__prerender_bypass'

const PUBLISHED_ROLES = /* GraphQL */ `
  query KnownRoles($slugs: [String]) { Roles(where: { slug: { in: $slugs } }, limit: 2) { docs { slug } } }
`

/** The slugs among these of roles an anonymous reader can read; null when the catalogue did not answer. */
const publishedRoles = async (request: NextRequest, slugs: string[]): Promise<null | Set<string>> => {
  const endpoint = process.env.ROLE_CATALOG_GRAPHQL_URL || new URL('/api/graphql', request.nextUrl.origin).toString()
  try {
    const response = await fetch(endpoint, {
      body: JSON.stringify({ query: PUBLISHED_ROLES, variables: { slugs } }),
      cache: 'no-store',
      headers: { Accept: 'application/graphql-response+json, application/json', 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const body = (await response.json()) as { data?: { Roles?: { docs: { slug: string }[] } } }
    const docs = body.data?.Roles?.docs
    return docs ? new Set(docs.map((doc) => doc.slug)) : null
  } catch {
    return null
  }
}

/** The server-rendered not-found page in `language`, with status 404. */
const notFoundIn = (request: NextRequest, language: Language) =>
  NextResponse.rewrite(new URL(`/${language}/not-found`, request.url), { status: 404 })

/** A path segment decoded, or null when its escapes are not UTF-8 (`%E0%A4%A`): no role has such a slug. */
const decoded = (part: string): null | string => {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}

export default async function proxy(request: NextRequest) {
  const parts = request.nextUrl.pathname.split('/').filter(Boolean)
  let language: Language = DEFAULT_LANGUAGE
  if (parts[0] !== 'roles' && parts[0] !== 'compare') {
    const prefix = decoded(parts.shift() ?? '') ?? ''
    // /en/… is redirected to the address without a prefix before this runs: the pages answer.
    if (prefix === DEFAULT_LANGUAGE) return NextResponse.next()
    // A code that is no language of the site: the not-found page in the default language.
    if (!isLanguage(prefix)) return notFoundIn(request, DEFAULT_LANGUAGE)
    language = prefix
  }
  const slugs = parts.slice(1).map(decoded)
  if (slugs.some((slug) => slug === null)) return notFoundIn(request, language)
  if (request.cookies.has(DRAFT_MODE_COOKIE)) return NextResponse.next()
  const known = await publishedRoles(request, slugs as string[])
  if (!known || slugs.every((slug) => known.has(slug!))) return NextResponse.next()
  return notFoundIn(request, language)
}
