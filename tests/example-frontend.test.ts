import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dev/app/(frontend)')

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )

/**
 * The example frontend must show what any frontend can do: read over HTTP GraphQL only. Its
 * behaviour is tested in a browser (tests/e2e/frontend-compare.ts); this guards its imports.
 */
describe('example frontend (dev/app/(frontend))', () => {
  it('imports nothing that reads the database directly', () => {
    const sources = files(frontend).filter((file) => /\.tsx?$/.test(file))
    expect(sources.length).toBeGreaterThan(5)
    // Payload's live preview client is browser code that talks to the server over HTTP: allowed.
    const forbidden =
      /from '(payload|payload\/.*|@payload-config|@payloadcms\/(?!live-preview-react')[^']+|payload-plugin-role-catalog|pg|drizzle-orm)'|getPayload\(/
    const offenders = sources.filter((file) => forbidden.test(readFileSync(file, 'utf8')))
    expect(offenders.map((file) => path.relative(frontend, file))).toEqual([])
  })

  it('fetches /api/graphql with POST at request time, never cached', () => {
    const client = readFileSync(path.join(frontend, '_lib/graphql.ts'), 'utf8')
    expect(client).toMatch(/\/api\/graphql/)
    expect(client).toMatch(/cache: 'no-store'/)
    expect(client).toMatch(/method: 'POST'/)
  })
})

describe('the proxy that answers unknown roles with a 404 (dev/proxy.ts)', () => {
  /** The matcher as Next.js compiles it (path-to-regexp, the copy Next.js ships). */
  const matches = async (pathname: string) => {
    const { config } = await import('../dev/proxy.js')
    const { pathToRegexp } = createRequire(import.meta.url)('next/dist/compiled/path-to-regexp') as { pathToRegexp: (source: string) => RegExp }
    return config.matcher.some((source) => pathToRegexp(source).test(pathname))
  }

  it("sees the role and comparison addresses of every language and of unknown ones, not the API's or the admin's", async () => {
    const { DEFAULT_LANGUAGE, LANGUAGES } = await import('../dev/app/(frontend)/_lib/languages.js')
    for (const language of LANGUAGES) {
      const prefix = language === DEFAULT_LANGUAGE ? '' : `/${language}`
      expect(await matches(`${prefix}/roles/project-manager`), language).toBe(true)
      expect(await matches(`${prefix}/compare/a/b`), language).toBe(true)
    }
    expect(await matches('/fr/roles/project-manager')).toBe(true)
    expect(await matches('/xx/compare/a/b')).toBe(true)
    for (const pathname of ['/api/roles/1', '/api/roles/compare', '/admin/roles/x', '/roles', '/de/roles', '/match', '/api/graphql']) {
      expect(await matches(pathname), pathname).toBe(false)
    }
  })

  describe('its answers, asking a real catalogue over HTTP GraphQL', () => {
    let site: TestSite
    let server: Server
    beforeAll(async () => {
      site = await startSite({ name: 'frontend_proxy' })
      await seedRoleCatalog({ log: () => {}, payload: site.payload })
      // The site's own GraphQL (Payload's route with the plugin), over HTTP as the proxy asks it.
      server = createServer((request, response) => {
        let body = ''
        request.on('data', (chunk) => (body += chunk))
        request.on('end', async () => {
          const { query, variables } = JSON.parse(body)
          const answer = await site.graphql(query, variables)
          response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body))
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const address = server.address() as { port: number }
      process.env.ROLE_CATALOG_GRAPHQL_URL = `http://127.0.0.1:${address.port}/api/graphql`
    })
    afterAll(async () => {
      delete process.env.ROLE_CATALOG_GRAPHQL_URL
      await new Promise((resolve) => server?.close(resolve))
      await site?.stop()
    })

    const answer = async (pathname: string) => {
      const { default: proxy } = await import('../dev/proxy.js')
      const { NextRequest } = await import('next/server.js')
      const response = await proxy(new NextRequest(`http://localhost${pathname}`))
      const rewrite = response.headers.get('x-middleware-rewrite')
      return { page: rewrite ? new URL(rewrite).pathname : null, status: response.status }
    }

    it('lets known roles through and answers unknown ones with the not-found page of the address’s language', async () => {
      expect(await answer('/roles/project-manager')).toEqual({ page: null, status: 200 })
      expect(await answer('/de/roles/project-manager')).toEqual({ page: null, status: 200 })
      expect(await answer('/compare/project-manager/technical-project-manager')).toEqual({ page: null, status: 200 })
      expect(await answer('/roles/chief-wizard')).toEqual({ page: '/en/not-found', status: 404 })
      expect(await answer('/de/roles/chief-wizard')).toEqual({ page: '/de/not-found', status: 404 })
      expect(await answer('/de/compare/project-manager/chief-wizard')).toEqual({ page: '/de/not-found', status: 404 })
    })

    it('answers an unknown language, and an address that is not valid UTF-8, with a 404 page, not an error', async () => {
      expect(await answer('/fr/roles/project-manager')).toEqual({ page: '/en/not-found', status: 404 })
      expect(await answer('/xx/compare/project-manager/technical-project-manager')).toEqual({ page: '/en/not-found', status: 404 })
      expect(await answer('/roles/%E0%A4%A')).toEqual({ page: '/en/not-found', status: 404 })
      expect(await answer('/de/roles/%C3')).toEqual({ page: '/de/not-found', status: 404 })
    })
  })
})

describe('fallback marks (dev/app/(frontend)/_lib/untranslated.ts)', () => {
  it('marks the strings shown that have no text of their own, pairing list items by slug', async () => {
    const { untranslatedText } = await import('../dev/app/(frontend)/_lib/untranslated.js')
    const shown = {
      docs: [
        { slug: 'b', summary: 'English summary', title: 'Zweite' },
        { slug: 'a', summary: '', title: 'First' },
      ],
      skills: { onlyA: [], shared: [{ label: 'Organizational skills', slug: 'organizational-skills' }] },
    }
    // The own-text read, sorted by the language's own titles (missing ones last): another order.
    const own = {
      docs: [
        { slug: 'a', summary: null, title: null },
        { slug: 'b', summary: null, title: 'Zweite' },
      ],
      skills: { onlyA: [], shared: [{ label: 'organizational-skills', slug: 'organizational-skills' }] },
    }
    const marks = untranslatedText(shown, own)
    const [second, first] = shown.docs
    expect(marks.has(first!, 'title')).toBe(true)
    expect(marks.has(first!, 'summary')).toBe(false) // empty: nothing shown, nothing to mark
    expect(marks.has(first!, 'slug')).toBe(false)
    expect(marks.has(second!, 'title')).toBe(false)
    expect(marks.has(second!, 'summary')).toBe(true)
    expect(marks.has(shown.skills.shared[0]!, 'label')).toBe(true)
    expect(marks.count).toBe(3)
  })
})

describe("the frontend's languages (dev/app/(frontend)/_lib/languages.ts)", () => {
  it("are the demo site's content locales, with the same default", async () => {
    const { DEFAULT_LANGUAGE, LANGUAGES } = await import('../dev/app/(frontend)/_lib/languages.js')
    const { demoLocalization } = await import('../dev/localization.js')
    if (!demoLocalization) throw new Error('the demo site has no localization')
    expect([...LANGUAGES]).toEqual(demoLocalization.locales.map((locale) => (typeof locale === 'string' ? locale : locale.code)))
    expect(DEFAULT_LANGUAGE).toBe(demoLocalization.defaultLocale)
  })
})
