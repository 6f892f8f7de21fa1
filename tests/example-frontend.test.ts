import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

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
  it('sees the role and comparison addresses of every language, and nothing else', async () => {
    const { config } = await import('../dev/proxy.js')
    const { DEFAULT_LANGUAGE, LANGUAGES } = await import('../dev/app/(frontend)/_lib/languages.js')
    const prefixes = LANGUAGES.map((language) => (language === DEFAULT_LANGUAGE ? '' : `/${language}`))
    expect([...config.matcher].sort()).toEqual(prefixes.flatMap((prefix) => [`${prefix}/roles/:slug`, `${prefix}/compare/:a/:b`]).sort())
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
