/**
 * The example frontend as a crawler or a reader without JavaScript gets it (issue 19, parts 1 and 4),
 * against `next build` + `next start` of the demo site: the HTML the server sends, read with plain
 * HTTP, and a Chromium page whose scripts are blocked.
 *
 * - Every page's JSON-LD (role pages, comparisons; English and German) is valid schema.org for a
 *   validator the project did not write, and says its language the JSON-LD way, the page's language.
 * - An unknown role or comparison is a 404 whose not-found text, in the address's language, is in the
 *   HTML the server sends (no JavaScript needed), inside the site's page (`<html lang>`, navigation).
 *
 *   npm run test:e2e -- tests/e2e/frontend-crawlers.ts   (E2E_SKIP_BUILD=1 reuses dev/.next)
 */
import type { Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { jsonLdInHtml, schemaOrgIssues, textLanguagesOf } from '../helpers/schemaOrg.js'
import { startSuite, type Suite } from './helpers/suite.js'

const PM = '/roles/project-manager'
const TPM = '/roles/technical-project-manager'
const COMPARE = '/compare/project-manager/technical-project-manager'

const notFoundText = { de: 'Diese Seite gibt es nicht (oder nicht mehr).', en: 'This page could not be found.' }

describe('example frontend without JavaScript (next start, plain HTTP and Chromium without scripts)', () => {
  let suite: Suite
  let page: Page

  beforeAll(async () => {
    suite = await startSuite('frontend-crawlers')
    page = await suite.browser.context.newPage()
    // A reader without JavaScript: the page's scripts never load, so only the server's HTML shows.
    await page.route(/\.js(\?|$)/, (route) => route.abort())
  })
  afterAll(async () => {
    await suite?.stop()
  })

  /** The page as plain HTTP gets it: status, HTML, and the text a crawler reads (scripts and styles left out). */
  const crawl = async (path: string) => {
    const response = await fetch(`${suite.baseURL}${path}`, { headers: { Accept: 'text/html' }, redirect: 'manual' })
    const html = await response.text()
    const text = html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/\s+/g, ' ')
    return { html, lang: /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1], status: response.status, text }
  }

  it('every role and comparison page has valid schema.org JSON-LD in its own language', async () => {
    for (const [language, prefix] of [
      ['en', ''],
      ['de', '/de'],
    ] as const) {
      for (const [path, count] of [
        [PM, 1],
        [TPM, 1],
        [COMPARE, 2],
      ] as const) {
        const { html, lang, status } = await crawl(`${prefix}${path}`)
        expect(status, `${prefix}${path}`).toBe(200)
        expect(lang).toBe(language)
        const documents = jsonLdInHtml(html)
        expect(documents, `${prefix}${path}`).toHaveLength(count)
        expect(await schemaOrgIssues(documents), `${prefix}${path}`).toEqual([])
        for (const document of documents) {
          expect(document).toMatchObject({ '@context': ['https://schema.org', { '@language': language }], '@type': 'Occupation' })
          expect(document).not.toHaveProperty('inLanguage')
          expect(await textLanguagesOf(document)).toEqual(new Set([language]))
        }
      }
    }
  })

  it('an unknown role is a 404 whose not-found text is in the HTML, in the address language', async () => {
    for (const [language, path] of [
      ['en', '/roles/chief-wizard'],
      ['de', '/de/roles/chief-wizard'],
      ['en', '/compare/project-manager/chief-wizard'],
      ['de', '/de/compare/project-manager/chief-wizard'],
    ] as const) {
      const { html, lang, status, text } = await crawl(path)
      expect(status, path).toBe(404)
      expect(lang, path).toBe(language)
      expect(text, path).toContain(notFoundText[language])
      // Inside the site's page: its header navigation leads back to the roles, in that language.
      expect(html, path).toContain(`href="${language === 'de' ? '/de/roles' : '/roles'}"`)
      expect(jsonLdInHtml(html), path).toEqual([])
    }
  })

  it('a browser without JavaScript shows the same not-found page', async () => {
    const response = await page.goto(`${suite.baseURL}/de/roles/chief-wizard`)
    expect(response?.status()).toBe(404)
    // No polling: what shows without scripts is there when the document has loaded, or never.
    expect(await page.getByText(notFoundText.de).count()).toBe(1)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('404')
    expect(await page.locator('html').getAttribute('lang')).toBe('de')
    await suite.screenshot(page, 'not-found-de-without-javascript')

    const english = await page.goto(`${suite.baseURL}/roles/chief-wizard`)
    expect(english?.status()).toBe(404)
    expect(await page.getByText(notFoundText.en).count()).toBe(1)
    // A known role still renders without scripts (the server's HTML is the page).
    expect((await page.goto(`${suite.baseURL}${PM}`))?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Project Manager (PM)')
  })
})
