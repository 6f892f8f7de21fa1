/**
 * The bilingual example frontend in a real browser, against `next build` + `next start` of the demo
 * site (English and German content, the article seeded in English with its German translation): a
 * German reader's pages in German with no fallback marks, their language and alternates, switching
 * language without losing the page, and text an editor adds in English only marked on the German
 * page until its German is published over REST.
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

  it('a German role page says it is German, links its alternates and shows the seeded German with no fallback marks', async () => {
    const response = await page.goto(`${suite.baseURL}/de${PM}`)
    expect(response?.status()).toBe(200)
    expect(await html()).toBe('de')
    expect(await alternates()).toEqual({
      de: `${suite.baseURL}/de${PM}`,
      en: `${suite.baseURL}${PM}`,
      'x-default': `${suite.baseURL}${PM}`,
    })
    expect(await page.locator('head link[rel="canonical"]').getAttribute('href')).toBe(`${suite.baseURL}/de${PM}`)
    // The frontend's own words and the catalogue's text are German (the seed's translation).
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(
      expect.arrayContaining(['Verantwortlichkeiten', 'Fähigkeiten', 'Zertifizierungen', 'Abschlüsse']),
    )
    expect(await heading()).toBe('Projektmanager/in (PM)')
    expect(await page.getByText('Stakeholder-Management', { exact: false }).count()).toBeGreaterThan(0)
    expect(await page.getByText('Führungskompetenz', { exact: true }).count()).toBe(1)
    expect(await page.getByText('Betriebswirtschaftslehre', { exact: false }).count()).toBeGreaterThan(0)
    // Nothing fell back to English: no marks, no "not translated yet" note.
    expect(await marked()).toEqual([])
    expect(await page.locator('.fallback-mark').count()).toBe(0)
    expect(await page.getByRole('note').count()).toBe(0)
    expect(await page.getByText('Leadership', { exact: true }).count()).toBe(0)
    // The JSON-LD is the German document.
    expect(await jsonLd()).toMatchObject({ '@context': ['https://schema.org', { '@language': 'de' }], '@type': 'Occupation', name: 'Projektmanager/in' })
    expect(await jsonLd()).not.toHaveProperty('inLanguage')
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
    // Every item has its German name: nothing in the table is marked as English.
    expect(await page.locator('table.compare th[scope="row"]').allInnerTexts()).toEqual(expect.arrayContaining(['Qualitätssicherung', 'Risikobewertung']))
    expect(await page.locator('.untranslated').count()).toBe(0)

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

  it('a skill an editor adds in English is marked on the German page until its German is published over REST', async () => {
    const token = await suite.editorToken()
    const call = async (method: 'PATCH' | 'POST', path: string, data: Record<string, unknown>) => {
      const response = await fetch(`${suite.baseURL}/api${path}`, {
        body: JSON.stringify(data),
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        method,
      })
      expect(response.status, await response.clone().text()).toBeLessThan(300)
      return (await response.json()) as { doc: { id: number } }
    }
    const roleRows = async (slug: string) =>
      ((await (await fetch(`${suite.baseURL}/api/roles?where[slug][equals]=${slug}&depth=0`)).json()) as { docs: { id: number; skills: Record<string, unknown>[] }[] })
        .docs[0]!

    // English only: a new skill, linked to the Project Manager (the rows keep their IDs, so their German notes stay).
    const skill = await call('POST', '/skills', { _status: 'published', kind: 'soft', name: 'Negotiation' })
    const pm = await roleRows('project-manager')
    await call('PATCH', `/roles/${pm.id}`, { _status: 'published', skills: [...pm.skills, { requirement: 'recommended', skill: skill.doc.id }] })

    // Cached pages are expired by the change notification; the German page marks the English name.
    await expect
      .poll(async () => {
        await page.goto(`${suite.baseURL}/de${PM}`)
        return marked()
      })
      .toEqual([expect.stringMatching(/^Negotiation/)])
    expect(await page.getByRole('note').innerText()).toContain('noch nicht übersetzt')
    expect(await page.locator('.fallback-mark').first().getAttribute('title')).toBe('Noch nicht übersetzt: englischer Text')
    // The seeded German is still there, unmarked.
    expect(await heading()).toBe('Projektmanager/in (PM)')
    expect(await page.getByText('Von größter Bedeutung für den Erfolg in dieser Rolle.').count()).toBeGreaterThan(0)
    await suite.screenshot(page, 'role-page-de-untranslated', { fullPage: true })

    await call('PATCH', `/skills/${skill.doc.id}?locale=de`, { _status: 'published', name: 'Verhandlungsführung' })
    await expect
      .poll(async () => {
        await page.goto(`${suite.baseURL}/de${PM}`)
        return page.getByText('Verhandlungsführung', { exact: true }).count()
      })
      .toBe(1)
    expect(await marked()).toEqual([])
    expect(await page.getByRole('note').count()).toBe(0)

    // The English page keeps its English.
    await page.goto(`${suite.baseURL}${PM}`)
    expect(await heading()).toBe('Project Manager (PM)')
    expect(await page.getByText('Negotiation', { exact: true }).count()).toBe(1)
    expect(await page.getByText('Leadership', { exact: true }).count()).toBe(1)
    await suite.screenshot(page, 'role-page-en')
    await page.goto(`${suite.baseURL}/de${PM}`)
    await suite.screenshot(page, 'role-page-de', { fullPage: true })
  })
})
