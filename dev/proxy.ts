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
 * The role and comparison addresses, English (no prefix) and each other language of
 * app/(frontend)/_lib/languages.ts (Next.js reads the matcher at build time: it must be literal;
 * tests/example-frontend.test.ts checks it lists every language).
 */
export const config = {
  matcher: ['/roles/:slug', '/compare/:a/:b', '/de/roles/:slug', '/de/compare/:a/:b'],
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

export default async function proxy(request: NextRequest) {
  const parts = request.nextUrl.pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part))
  let language: Language = DEFAULT_LANGUAGE
  if (parts[0] !== 'roles' && parts[0] !== 'compare') {
    const prefix = parts.shift() ?? ''
    // An unknown language, or /en/… (redirected before this runs): the pages answer as before.
    if (!isLanguage(prefix) || prefix === DEFAULT_LANGUAGE) return NextResponse.next()
    language = prefix
  }
  if (request.cookies.has(DRAFT_MODE_COOKIE)) return NextResponse.next()
  const slugs = parts.slice(1)
  const known = await publishedRoles(request, slugs)
  if (!known || slugs.every((slug) => known.has(slug))) return NextResponse.next()
  return NextResponse.rewrite(new URL(`/${language}/not-found`, request.url), { status: 404 })
}
