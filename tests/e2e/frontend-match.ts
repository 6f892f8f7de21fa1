/**
 * The example frontend's "match my skills" page in a real browser, against `next build` +
 * `next start` of the demo site with the article seeded: a visitor picks the Technical Project
 * Manager's technical skills, sees that role ranked first with what it still asks for (the role's
 * notes included), in English and in German; the page is server-rendered (the HTML a plain GET
 * returns already holds the ranking); a slug the catalogue does not know is reported, not an error.
 *
 *   npm run test:e2e -- tests/e2e/frontend-match.ts   (E2E_SKIP_BUILD=1 reuses dev/.next)
 */
import type { Page } from 'playwright-core'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSuite, type Suite } from './helpers/suite.js'

const TECHNICAL = ['Project management principles', 'Technical domain expertise', 'Problem-solving', 'Adaptability to change', 'Communication']

describe('example frontend: match my skills (next start + Chromium)', () => {
  let suite: Suite
  let page: Page

  beforeAll(async () => {
    suite = await startSuite('frontend-match')
    page = await suite.browser.context.newPage()
  })
  afterAll(async () => {
    await suite?.stop()
  })

  const ranked = () => page.locator('ol.matches > li').evaluateAll((items) => items.map((item) => item.getAttribute('data-role')))

  it('a visitor picks skills and sees the Technical Project Manager first, with what is missing', async () => {
    await page.goto(`${suite.baseURL}/roles`)
    await page.getByRole('link', { name: 'Match my skills' }).click()
    await page.waitForURL(`${suite.baseURL}/match`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Which roles fit me?')
    for (const name of TECHNICAL) await page.getByRole('checkbox', { name, exact: true }).check()
    await page.getByRole('button', { name: 'Show matching roles' }).click()
    await page.waitForURL(/\/match\?skills=/)
    expect(await ranked()).toEqual(['technical-project-manager', 'project-manager'])
    expect(await page.getByRole('heading', { level: 2, name: '2 matching roles' }).count()).toBe(1)

    const tpm = page.locator('li[data-role="technical-project-manager"]')
    expect(await tpm.getByRole('heading', { level: 3 }).innerText()).toMatch(/^Technical Project Manager\s+67% covered$/)
    expect(await tpm.innerText()).toContain('Required: 5 of 6 · Recommended: 0 of 3')
    const leadership = tpm.locator('li[data-slug="leadership"]')
    expect(await leadership.innerText()).toContain('Inspiring and guiding technical teams to achieve project objectives efficiently.')
    expect(await tpm.locator('li[data-slug="pmp"]').innerText()).toContain('(PMP)')
    // The picked skills stay picked, so the visitor can refine the choice.
    for (const name of TECHNICAL) expect(await page.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(true)
    await suite.screenshot(page, 'match-en', { fullPage: true })

    // The role's own page is one click away.
    await tpm.getByRole('link', { name: 'Technical Project Manager' }).click()
    await page.waitForURL(`${suite.baseURL}/roles/technical-project-manager`)
  })

  it('is server-rendered: the HTML of a plain GET holds the ranking', async () => {
    const query = new URLSearchParams([['skills', 'leadership'], ['skills', 'communication'], ['certifications', 'pmp']])
    const response = await fetch(`${suite.baseURL}/match?${query}`)
    expect(response.status).toBe(200)
    const html = await response.text()
    const pm = html.indexOf('data-role="project-manager"')
    const tpm = html.indexOf('data-role="technical-project-manager"')
    // Leadership, communication and the PMP cover the PM's four required items but one (6/8).
    expect(pm).toBeGreaterThan(0)
    expect(tpm).toBeGreaterThan(pm)
    expect(html).toContain('75% covered')
  })

  it('in German, the same ranking with the page in German; an unknown slug is reported', async () => {
    const response = await page.goto(
      `${suite.baseURL}/de/match?skills=technical-domain-expertise,problem-solving,communication&skills=underwater-welding`,
    )
    expect(response?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('de')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Welche Rollen passen zu mir?')
    expect(await ranked()).toEqual(['technical-project-manager', 'project-manager'])
    expect(await page.locator('li[data-role="technical-project-manager"]').innerText()).toContain('Erforderlich: 3 von 6')
    expect(await page.getByText('ignoriert: underwater-welding').count()).toBe(1)
    await suite.screenshot(page, 'match-de', { fullPage: true })

    // A hand-edited address that names no slug at all is refused by the API: the page says to pick.
    await page.goto(`${suite.baseURL}/match?skills=${encodeURIComponent('Not A Slug')}`)
    expect(await page.getByText('Pick at least one skill or certification.').count()).toBe(1)
    expect(await ranked()).toEqual([])
  })
})
