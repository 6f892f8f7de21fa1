/**
 * The bilingual example frontend in a real browser, against `next build` + `next start` of the demo
 * site (English and German content, the article seeded in English): a German reader's pages, their
 * language, alternates and fallback marks, switching language without losing the page, and a German
 * translation published over REST replacing the marked English text.
 *
 *   npm run test:e2e            (all browser suites; E2E_SKIP_BUILD=1 reuses dev/.next)
 */
import type { Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSuite, type Suite } from './helpers/suite.js'

const PM = '/roles/project-manager'
const COMPARE = '/compare/project-manager/technical-project-manager'

describe('example frontend in two languages (next start + Chromium)', () => {
  let suite: Suite
  let page: Page

  beforeAll(async () => {
    suite = await startSuite('frontend-languages')
    page = await suite.browser.context.newPage()
  })
  afterAll(async () => {
    await suite?.stop()
  })

  const html = () => page.locator('html').getAttribute('lang')
  const heading = () => page.getByRole('heading', { level: 1 }).innerText()
  /** The <link rel="alternate" hreflang> elements in <head>, as { hreflang: href }. */
  const alternates = () =>
    page.locator('head link[rel="alternate"]').evaluateAll((links) =>
      Object.fromEntries(links.map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')])),
    )
  const jsonLd = async () => JSON.parse((await page.locator('head script[type="application/ld+json"]').first().textContent())!)
  /** The texts on the page marked as shown in English for want of German. */
  const marked = () => page.locator('.untranslated[lang="en"]').allInnerTexts()

  it('a German role page says it is German, links its alternates and marks the English it falls back to', async () => {
    const response = await page.goto(`${suite.baseURL}/de${PM}`)
    expect(response?.status()).toBe(200)
    expect(await html()).toBe('de')
    expect(await alternates()).toEqual({
      de: `${suite.baseURL}/de${PM}`,
      en: `${suite.baseURL}${PM}`,
      'x-default': `${suite.baseURL}${PM}`,
    })
    expect(await page.locator('head link[rel="canonical"]').getAttribute('href')).toBe(`${suite.baseURL}/de${PM}`)
    // The frontend's own words are German; the catalogue's text is the seeded English, marked.
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(
      expect.arrayContaining(['Verantwortlichkeiten', 'Fähigkeiten', 'Zertifizierungen', 'Abschlüsse']),
    )
    expect(await page.getByRole('note').innerText()).toContain('noch nicht übersetzt')
    expect(await heading()).toMatch(/^Project Manager \(PM\)\s*EN$/)
    const marks = await marked()
    expect(marks.some((text) => text.startsWith('Stakeholder Management'))).toBe(true)
    expect(marks.some((text) => text.startsWith('Leadership'))).toBe(true)
    expect(await page.locator('.fallback-mark').first().getAttribute('title')).toBe('Noch nicht übersetzt: englischer Text')
    // The JSON-LD is the German document (its text falling back to English).
    expect(await jsonLd()).toMatchObject({ '@context': ['https://schema.org', { '@language': 'de' }], '@type': 'Occupation', name: 'Project Manager' })
  })

  it('the English page is unchanged: English, no marks, the same alternates', async () => {
    await page.goto(`${suite.baseURL}${PM}`)
    expect(await html()).toBe('en')
    expect(await heading()).toBe('Project Manager (PM)')
    expect(await page.locator('.untranslated').count()).toBe(0)
    expect(await page.getByRole('note').count()).toBe(0)
    expect(Object.keys(await alternates()).sort()).toEqual(['de', 'en', 'x-default'])
    expect((await jsonLd())['@context']).toEqual(['https://schema.org', { '@language': 'en' }])
  })

  it('the language switch leads to the same page in the other language, and back', async () => {
    await page.goto(`${suite.baseURL}${COMPARE}`)
    const english = await page.locator('table.compare tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')))
    expect(english.length).toBeGreaterThan(10)

    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click()
    await page.waitForURL(`${suite.baseURL}/de${COMPARE}`)
    expect(await html()).toBe('de')
    expect(await page.getByRole('navigation', { name: 'Sprache' }).locator('[aria-current="page"]').innerText()).toBe('Deutsch')
    // Items are matched by document, so the German comparison has the same rows, in the same order.
    const german = await page.locator('table.compare tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')))
    expect(german).toEqual(english)
    expect(await page.getByRole('region', { name: 'Fähigkeiten', exact: true }).count()).toBe(1)
    // Item names without German are marked in the table too (a comparison labels them by document).
    expect(await page.locator('table.compare th[scope="row"] .untranslated[lang="en"]').count()).toBe(german.length)

    await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'English' }).click()
    await page.waitForURL(`${suite.baseURL}${COMPARE}`)
    expect(await html()).toBe('en')
    expect(await page.getByRole('region', { name: 'Skills', exact: true }).count()).toBe(1)
  })

  it('each page has one address per language: /en/… redirects, an unknown language is not found', async () => {
    const redirected = await page.goto(`${suite.baseURL}/en${PM}`)
    expect(redirected?.url()).toBe(`${suite.baseURL}${PM}`)
    expect(await html()).toBe('en')
    expect((await page.goto(`${suite.baseURL}/fr${PM}`))?.status()).toBe(404)
    // A German address that leads nowhere says so in German, inside the site's page.
    expect((await page.goto(`${suite.baseURL}/de/roles/chief-wizard`))?.status()).toBe(404)
    await expect.poll(() => page.getByText('Diese Seite gibt es nicht').count()).toBe(1)
    expect(await html()).toBe('de')
    const list = await page.goto(`${suite.baseURL}/de`)
    expect(list?.url()).toBe(`${suite.baseURL}/de/roles`)
    expect(await heading()).toBe('Rollen')
  })

  it('German text published over REST replaces the marked English on the German page only', async () => {
    const token = await suite.editorToken()
    const send = async (path: string, data: Record<string, unknown>) => {
      const response = await fetch(`${suite.baseURL}/api${path}`, {
        body: JSON.stringify(data),
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        method: 'PATCH',
      })
      expect(response.status, await response.clone().text()).toBe(200)
    }
    const idOf = async (collection: string, slug: string) =>
      ((await (await fetch(`${suite.baseURL}/api/${collection}?where[slug][equals]=${slug}&depth=0`)).json()) as { docs: { id: number }[] })
        .docs[0]!.id

    await send(`/roles/${await idOf('roles', 'project-manager')}?locale=de`, { _status: 'published', title: 'Projektmanager' })
    await send(`/skills/${await idOf('skills', 'leadership')}?locale=de`, { _status: 'published', name: 'Führung' })

    // Cached pages are expired by the change notification; the German page shows the German text.
    await expect
      .poll(async () => {
        await page.goto(`${suite.baseURL}/de${PM}`)
        return heading()
      })
      .toBe('Projektmanager (PM)')
    const marks = await marked()
    expect(marks.some((text) => text.startsWith('Projektmanager'))).toBe(false)
    expect(marks.some((text) => text.startsWith('Führung') || text.startsWith('Leadership'))).toBe(false)
    expect(await page.getByText('Führung', { exact: true }).count()).toBe(1)
    // What has no German yet is still marked.
    expect(marks.some((text) => text.startsWith('Stakeholder Management'))).toBe(true)
    expect((await jsonLd()).name).toBe('Projektmanager')

    // The English page keeps its English.
    await page.goto(`${suite.baseURL}${PM}`)
    expect(await heading()).toBe('Project Manager (PM)')
    expect(await page.getByText('Leadership', { exact: true }).count()).toBe(1)
    await suite.screenshot(page, 'role-page-en')
    await page.goto(`${suite.baseURL}/de${PM}`)
    await suite.screenshot(page, 'role-page-de', { fullPage: true })
  })
})
