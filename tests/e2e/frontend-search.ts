/**
 * The example frontend's search in a real browser, against `next build` + `next start` of the demo
 * site with the article seeded: suggestions appear under the roles index's search box as one types
 * and lead to the role; the results page shows the hits with the matched words marked and the
 * counts per kind, narrows to one kind, in English and German; what the API refuses is said, not a
 * broken page.
 *
 *   npm run test:e2e -- tests/e2e/frontend-search.ts   (E2E_SKIP_BUILD=1 reuses dev/.next)
 */
import type { Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSuite, type Suite } from './helpers/suite.js'

describe('example frontend: search (next start + Chromium)', () => {
  let suite: Suite
  let page: Page

  beforeAll(async () => {
    suite = await startSuite('frontend-search')
    page = await suite.browser.context.newPage()
  })
  afterAll(async () => {
    await suite?.stop()
  })

  const hits = () =>
    page.locator('ol.hits > li').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-collection')}:${item.getAttribute('data-slug')}`))

  it('suggests as one types on the roles index, and a suggestion leads to the role', async () => {
    await page.goto(`${suite.baseURL}/roles`)
    const box = page.getByRole('combobox', { name: 'Search the catalogue' })
    await box.pressSequentially('technical proj', { delay: 40 })
    const suggestions = page.locator('#search-suggestions a')
    await expect.poll(() => suggestions.allInnerTexts(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Technical Project Manager/)]),
    )
    await suite.screenshot(page, 'suggestions')
    await suggestions.filter({ hasText: /^Technical Project Manager/ }).first().click()
    await page.waitForURL(`${suite.baseURL}/roles/technical-project-manager`)
  })

  it('the results page marks the matched words, counts per kind and narrows to one kind', async () => {
    await page.goto(`${suite.baseURL}/roles`)
    await page.getByRole('combobox', { name: 'Search the catalogue' }).fill('project manager')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(/\/search\?q=project\+manager/)
    const found = await hits()
    // An exact title first: the Project Manager, then the Technical Project Manager.
    expect(found.slice(0, 2)).toEqual(['roles:project-manager', 'roles:technical-project-manager'])
    const top = page.locator('ol.hits > li').first()
    expect((await top.locator('mark').allInnerTexts()).map((word) => word.toLowerCase())).toEqual(expect.arrayContaining(['project', 'manager']))
    // Counts per kind, their sum the total in the heading.
    const counts: Record<string, number> = await page.locator('nav.kinds [data-kind]').evaluateAll((items) =>
      Object.fromEntries(items.map((item) => [item.getAttribute('data-kind'), Number(/\((\d+)\)/.exec(item.textContent ?? '')?.[1])])),
    )
    const total = Number(/^(\d+)/.exec(await page.locator('#search-results').innerText())?.[1])
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total)
    expect(counts.roles).toBeGreaterThanOrEqual(2)
    await suite.screenshot(page, 'results-en', { fullPage: true })

    // Narrowed to roles: only roles, the counts of the other kinds still shown.
    await page.locator('nav.kinds a[data-kind="roles"]').click()
    await page.waitForURL(/kind=roles/)
    expect((await hits()).every((hit) => hit.startsWith('roles:'))).toBe(true)
    expect(await hits()).toHaveLength(counts.roles!)
    expect(await page.locator('nav.kinds [data-kind="skills"]').innerText()).toBe(`Skills (${counts.skills})`)
  })

  it('in German: the page in German, hits in the catalogue; too long a search is said, not a broken page', async () => {
    const response = await page.goto(`${suite.baseURL}/de/search?q=${encodeURIComponent('kommunikation OR communication')}`)
    expect(response?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('de')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Suche')
    expect(await hits()).toEqual(expect.arrayContaining(['skills:communication']))
    expect(await page.locator('#search-results').innerText()).toMatch(/Treffer für „kommunikation OR communication“/)
    // A skill leads to "match my skills" with it picked.
    await page.locator('ol.hits > li[data-slug="communication"][data-collection="skills"] a').click()
    await page.waitForURL(/\/de\/match\?skills=communication/)
    expect(await page.getByRole('checkbox', { name: 'Kommunikationsfähigkeit', exact: true }).isChecked()).toBe(true)

    const tooLong = await page.goto(`${suite.baseURL}/search?q=${'a'.repeat(300)}`)
    expect(tooLong?.status()).toBe(200)
    expect(await page.getByText('This search is too long').count()).toBe(1)
  })
})
