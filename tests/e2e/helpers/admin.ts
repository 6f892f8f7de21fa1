/**
 * Steps in Payload's admin that several browser suites take: opening a page once it has hydrated,
 * waiting for a toast or an autosave, picking an option in a react-select.
 */
import type { Page } from 'playwright-core'

import { expect } from 'vitest'

/**
 * Opens an admin page and waits until its scripts have loaded and the form has asked for its state:
 * typing or clicking before React has hydrated the page would be lost.
 */
export const openAdmin = async (page: Page, baseURL: string, pathname: string) => {
  await page.goto(`${baseURL}${pathname}`, { waitUntil: 'networkidle' })
}

/**
 * Waits until React has hydrated the element (it then carries React's props): keystrokes and clicks
 * on a server-rendered input or button before that are not seen by the form. `networkidle` is not
 * enough on a loaded machine: the scripts can have arrived while hydration has not yet reached it.
 */
export const waitForHydration = async (page: Page, selector: string) => {
  await page.locator(selector).first().waitFor()
  await page.waitForFunction(
    (css) => {
      const element = document.querySelector(css)
      return element !== null && Object.keys(element).some((key) => key.startsWith('__reactProps$'))
    },
    selector,
  )
}

/** Closes the notifications still on screen, so the next one awaited is the next action's. */
export const closeToasts = async (page: Page) => {
  const toasts = page.locator('[data-sonner-toast]')
  for (const close of await toasts.locator('button[aria-label="Close toast"]').all()) {
    await close.click({ force: true }).catch(() => {})
  }
  await expect.poll(() => toasts.count(), { timeout: 15_000 }).toBe(0)
}

/** Clicks, then waits for the notification (Payload's toast) the click leads to; returns its text. */
export const clickForToast = async (page: Page, selector: string, text: RegExp | string) => {
  await closeToasts(page)
  await page.locator(selector).first().click()
  const item = page.locator('[data-sonner-toast]').filter({ hasText: text }).first()
  await item.waitFor({ state: 'visible' })
  return item.innerText()
}

/**
 * Resolves when the admin's autosave (PATCH ...?autosave=true&draft=true) of a document in the
 * collection has been answered with 200: the draft is in the database.
 */
export const waitForAutosave = (page: Page, collection: string) =>
  page.waitForResponse(
    (response) =>
      response.request().method() === 'PATCH' &&
      response.url().includes(`/api/${collection}/`) &&
      response.url().includes('autosave=true') &&
      response.status() === 200,
    { timeout: 20_000 },
  )

/** Opens a tab of the edit view by its label. */
export const openTab = async (page: Page, label: string) => {
  await page.locator('.tabs-field__tab-button').filter({ hasText: label }).first().click()
}

/** Picks an option in one of Payload's select/relationship inputs (react-select) by its label. */
export const chooseOption = async (page: Page, fieldID: string, label: string, search?: string) => {
  const field = page.locator(`#${fieldID}`)
  await field.locator('.rs__control').click()
  if (search) await field.locator('input').first().pressSequentially(search, { delay: 20 })
  await page.locator('.rs__option').filter({ hasText: label }).first().click()
}
