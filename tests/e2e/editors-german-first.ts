/**
 * Creating while editing in German (issue 19, part 2), in a real browser against `next build` +
 * `next start` of the bilingual demo: an editor whose content locale is German creates a role, a
 * responsibility, a certification and a skill, typing only the German name. English readers (the
 * default locale, which falls back to nothing) must get a name too: the same text, until someone
 * translates it. The slug is made from it; the English list in the admin shows it.
 *
 *   npm run test:e2e -- tests/e2e/editors-german-first.ts   (E2E_SKIP_BUILD=1 reuses dev/.next)
 */
import type { Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { chooseOption, clickForToast, openAdmin, waitForHydration } from './helpers/admin.js'
import { startSuite, type Suite } from './helpers/suite.js'

const PUBLISH = '#action-save'
const CREATED = /successfully created/i

const documents = [
  { collection: 'roles', field: 'title', german: 'Änderungsmanagerin', slug: 'anderungsmanagerin' },
  { collection: 'responsibilities', field: 'title', german: 'Änderungsplanung', slug: 'anderungsplanung' },
  { collection: 'certifications', field: 'name', german: 'Zertifizierte Änderungsleitung', slug: 'zertifizierte-anderungsleitung' },
  { collection: 'skills', field: 'name', german: 'Veränderungskommunikation', slug: 'veranderungskommunikation' },
] as const

describe('an editor creating documents in German', () => {
  let suite: Suite
  let page: Page

  beforeAll(async () => {
    suite = await startSuite('editors-german-first')
    page = await suite.browser.context.newPage()
    await suite.login(page)
  })
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) {
      await suite.screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {})
    }
  })
  afterAll(async () => {
    await suite?.stop()
  })

  // The reads below share one query string across the four collections: they also prove that the
  // response cache answers each path with its own document (it once answered the role's for all).
  for (const document of documents) {
    it(`${document.collection}: the German name is the English one until translated`, async () => {
      await openAdmin(page, suite.baseURL, `/admin/collections/${document.collection}/create?locale=de`)
      const currentLocale = page.locator('.localizer .localizer-button__current-label')
      await expect.poll(() => currentLocale.innerText()).toBe('German')
      await waitForHydration(page, `#field-${document.field}`)
      const field = page.locator(`#field-${document.field}`)
      await field.pressSequentially(document.german, { delay: 15 })
      expect(await field.inputValue()).toBe(document.german)
      await expect.poll(() => page.locator('#field-slug').inputValue()).toBe(document.slug)
      if (document.collection === 'skills') await chooseOption(page, 'field-kind', 'Soft / interpersonal')
      await clickForToast(page, PUBLISH, CREATED)
      await page.waitForURL(new RegExp(`/admin/collections/${document.collection}/\\d+`))
      const id = new URL(page.url()).pathname.split('/').pop()
      await suite.screenshot(page, `${document.collection}-created-in-german`)

      // Anonymous readers, in English without any fallback, and in German.
      for (const locale of ['en', 'de']) {
        const { body, status } = await suite.rest(`/${document.collection}/${id}?depth=0&locale=${locale}&fallback-locale=none`)
        expect(status).toBe(200)
        expect(body[document.field], locale).toBe(document.german)
        expect(body.slug).toBe(document.slug)
      }

      // The English admin list shows it by that name (not an empty title or an ID).
      await openAdmin(page, suite.baseURL, `/admin/collections/${document.collection}?locale=en&where[slug][equals]=${document.slug}`)
      await expect.poll(() => page.locator('.table tbody tr').first().innerText()).toContain(document.german)
    })
  }

  it('the English role page shows that name', async () => {
    const response = await page.goto(`${suite.baseURL}/roles/anderungsmanagerin`)
    expect(response?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Änderungsmanagerin\s*$/)
  })
})
