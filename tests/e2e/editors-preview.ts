/**
 * Previews for editors, in a real browser against the demo built for production: Payload's live
 * preview of the example frontend's role page following the editor's typing before anything is
 * saved, and the Preview buttons opening the real site in Next.js draft mode, where the role and
 * comparison pages show the latest drafts while anonymous visitors still get the published ones.
 * Screenshots go to test-results/e2e/editors-preview/ (E2E_UPDATE_DOCS=1: docs/live-preview.png
 * and docs/draft-preview.png too).
 */
import type { FrameLocator, Page, Response } from 'playwright-core'

import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { previewSecret } from '../../dev/preview.js'
import { projectRoot } from '../../scripts/database.js'
import { chooseOption, openTab as openTabOn } from './helpers/admin.js'
import { type Browser, launchBrowser } from './helpers/site.js'
import { startSuite, type Suite } from './helpers/suite.js'

let suite: Suite
let page: Page
let visitor: Browser
const ids: Record<string, number> = {}

const TPM = 'technical-project-manager'
const PUBLISHED_TITLE = 'Technical Project Manager'
const DRAFT_TITLE = 'Technical Program Manager'
/** The page's heading: the title and the abbreviation. */
const PUBLISHED_H1 = `${PUBLISHED_TITLE} (TPM)`
const DRAFT_H1 = `${DRAFT_TITLE} (TPM)`
const DRAFT_SUMMARY = 'Plans and runs technical programmes across several teams.'

const toDocs = (file: string, name: string) => {
  if (process.env.E2E_UPDATE_DOCS === '1') copyFileSync(file, path.join(projectRoot, 'docs', name))
}

/** The role page inside the admin's live preview. */
const preview = (): FrameLocator => page.frameLocator('#live-preview-iframe')
/** The skills the previewed page lists, in order, as "<name> <requirement>". */
const previewSkills = () =>
  preview()
    .locator('h2:has-text("Skills") + ul.links > li')
    .evaluateAll((items) => items.map((li) => `${li.querySelector('strong')?.textContent} ${li.querySelector('.badge')?.textContent}`))

const openTab = (label: string) => openTabOn(page, label)
const choose = (fieldID: string, label: string, search?: string) => chooseOption(page, fieldID, label, search)

/** Runs one of an array row's actions (Move Up, Remove, ...) from its menu. */
const rowAction = async (field: string, row: number, action: string) => {
  await page.locator(`#field-${field} .array-field__row`).nth(row).locator('.array-actions__button').first().click()
  await page.locator('.popup__content .array-actions__action').filter({ hasText: action }).first().click()
}

/** The admin's autosave of the role (PATCH ...?autosave=true), answered 200. */
const isAutosave = (response: Response) =>
  response.request().method() === 'PATCH' && response.url().includes('autosave=true') && response.status() === 200
/** A form-state request of the edit view (a server action posted to the admin page). */
const isFormState = (response: Response) =>
  response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']) && response.url().includes('/admin/collections/roles/')

/** What anonymous visitors get, in a browser of their own (no session, no draft mode). */
const visit = async (pathname: string) => {
  const other = await visitor.context.newPage()
  try {
    const response = await other.goto(`${suite.baseURL}${pathname}`, { waitUntil: 'domcontentloaded' })
    return {
      banner: await other.locator('.preview-banner').count(),
      h1: (await other.locator('h1').first().innerText()).trim(),
      status: response?.status(),
      text: await other.locator('main').innerText(),
    }
  } finally {
    await other.close()
  }
}

beforeAll(async () => {
  suite = await startSuite('editors-preview')
  visitor = await launchBrowser()
  page = await suite.browser.context.newPage()
  const { Roles, Skills } = await suite.graphql(`{ Roles { docs { id slug } } Skills(limit: 100) { docs { id slug } } }`)
  for (const doc of [...Roles.docs, ...Skills.docs]) ids[doc.slug] = doc.id
  await suite.login(page)
})

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) {
    await suite.screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {})
  }
})

afterAll(async () => {
  await visitor?.close()
  if (suite) {
    await suite.stop()
    console.log(`[e2e] editors-preview set-up timings (ms): ${JSON.stringify(suite.timings)}`)
  }
})

describe('an editor previewing a role', () => {
  it('sees the role page beside the form, following title, summary and links as they type, before saving', async () => {
    await page.goto(`${suite.baseURL}/admin/collections/roles/${ids[TPM]}`, { waitUntil: 'networkidle' })
    await page.locator('#field-title').waitFor()
    await page.locator('#live-preview-toggler').click()
    await expect.poll(() => preview().locator('h1').innerText()).toBe(PUBLISHED_H1)
    const seeded = await previewSkills()
    expect(seeded.length).toBeGreaterThan(2)

    await page.locator('#field-title').fill(DRAFT_TITLE)
    await expect.poll(() => preview().locator('h1').innerText()).toBe(DRAFT_H1)
    // The autosave that saves the summary, and the form state the admin asks for after it.
    const summarySaved = page
      .waitForResponse((response) => isAutosave(response) && (response.request().postData() ?? '').includes(DRAFT_SUMMARY))
      .then(() => page.waitForResponse((response) => isFormState(response)))
    await page.locator('#field-summary').fill(DRAFT_SUMMARY)
    await expect.poll(() => preview().locator('p.lead').innerText()).toBe(DRAFT_SUMMARY)
    // Payload's admin leaves a row added while an autosave is in flight loading (a shimmer) until the
    // next change: the editor here adds the link once the typing is saved (the editors' suite covers
    // a row added between autosaves).
    await summarySaved

    // A new link, added at the end: the page lists the skill, populated from its ID.
    await openTab('Responsibilities, skills, certifications')
    const rows = page.locator('#field-skills .array-field__row')
    const count = await rows.count()
    await page.getByRole('button', { name: 'Add Skill' }).click()
    await expect.poll(() => rows.count()).toBe(count + 1)
    await choose(`field-skills__${count}__skill`, 'Organizational skills', 'Organiz')
    await expect.poll(previewSkills).toEqual([...seeded, 'Organizational skills Required'])

    // Its requirement switched.
    await choose(`field-skills__${count}__requirement`, 'Recommended')
    await expect.poll(previewSkills).toEqual([...seeded, 'Organizational skills Recommended'])

    // Moved up one place.
    await rowAction('skills', count, 'Move Up')
    await expect.poll(previewSkills).toEqual([...seeded.slice(0, -1), 'Organizational skills Recommended', seeded.at(-1)])
    // The moved link in the form, and the skills on the page beside it.
    await rows.nth(count - 1).evaluate((row) => row.scrollIntoView({ block: 'start' }))
    await preview().locator('h2:has-text("Skills")').evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
    const file = await suite.screenshot(page, '01-live-preview')
    toDocs(file, 'live-preview.png')

    // Removed again; and the first seeded link removed too.
    await rowAction('skills', count - 1, 'Remove')
    await expect.poll(previewSkills).toEqual(seeded)
    await rowAction('skills', 0, 'Remove')
    await expect.poll(previewSkills).toEqual(seeded.slice(1))

    // Nothing was published (autosave keeps the editor's draft): visitors, and the API, still have the published role.
    const { roleBySlug } = await suite.graphql(`{ roleBySlug(slug: "${TPM}") { title summary } }`)
    expect(roleBySlug.title).toBe(PUBLISHED_TITLE)
    expect((await visit(`/roles/${TPM}`)).h1).toBe(PUBLISHED_H1)
  })

  it('saves a draft and opens it on the real site with Preview: role and comparison show the draft, visitors the published role', async () => {
    // Autosave (about a second after the last change; no Save Draft button on a saved role) has
    // saved the draft: the editor's own read of it has the typed title and summary.
    await expect
      .poll(async () => {
        const draft = await (await page.request.get(`${suite.baseURL}/api/roles/${ids[TPM]}?draft=true&depth=0`)).json()
        return [draft.title, draft.summary]
      })
      .toEqual([DRAFT_TITLE, DRAFT_SUMMARY])

    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.locator('#preview-button').click()])
    await tab.waitForURL(`${suite.baseURL}/roles/${TPM}`)
    await tab.locator('h1').waitFor()
    expect(await tab.locator('.preview-banner').innerText()).toContain('Draft preview')
    expect(await tab.locator('h1').innerText()).toBe(`${DRAFT_H1} Draft`)
    expect(await tab.locator('p.lead').innerText()).toBe(DRAFT_SUMMARY)
    const file = await suite.screenshot(tab, '02-draft-preview')
    toDocs(file, 'draft-preview.png')

    await tab.goto(`${suite.baseURL}/compare/project-manager/${TPM}`, { waitUntil: 'domcontentloaded' })
    expect(await tab.locator('h1').innerText()).toBe(`Project Manager vs ${DRAFT_TITLE}`)
    expect(await tab.locator('.card h2').nth(1).innerText()).toContain('Draft')
    await suite.screenshot(tab, '03-draft-comparison')

    // Anonymous visitors, in another browser: the published role, no banner.
    const role = await visit(`/roles/${TPM}`)
    expect(role).toMatchObject({ banner: 0, h1: PUBLISHED_H1, status: 200 })
    expect(role.text).not.toContain(DRAFT_SUMMARY)
    const comparison = await visit(`/compare/project-manager/${TPM}`)
    expect(comparison).toMatchObject({ banner: 0, h1: `Project Manager vs ${PUBLISHED_TITLE}` })

    // Leaving the preview: the published page, in the editor's browser too.
    await tab.goto(`${suite.baseURL}/roles/${TPM}`, { waitUntil: 'domcontentloaded' })
    await tab.getByRole('link', { name: 'Exit preview' }).click()
    await tab.waitForURL(`${suite.baseURL}/roles/${TPM}`)
    await expect.poll(() => tab.locator('h1').innerText()).toBe(PUBLISHED_H1)
    expect(await tab.locator('.preview-banner').count()).toBe(0)
    await tab.close()
  })

  it('previews a skill on a role that links it', async () => {
    await page.goto(`${suite.baseURL}/admin/collections/skills/${ids.leadership}`, { waitUntil: 'networkidle' })
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.locator('#preview-button').click()])
    await tab.waitForURL(/\/roles\/[a-z-]+$/)
    await tab.locator('h1').waitFor()
    expect(await tab.locator('.preview-banner').count()).toBe(1)
    expect(await tab.locator('main').innerText()).toContain('Leadership')
    await tab.goto(`${suite.baseURL}/next/exit-preview`)
    await tab.close()
  })

  it('enters draft mode only with the secret and an editor’s session', async () => {
    const target = `/next/preview?${new URLSearchParams({ path: `/roles/${TPM}`, secret: previewSecret })}`
    // The right secret, no session: refused, and the page stays published.
    const other = await visitor.context.newPage()
    const refused = await other.goto(`${suite.baseURL}${target}`)
    expect(refused?.status()).toBe(403)
    expect(await other.locator('body').innerText()).toContain('log in to the admin')
    await other.close()
    expect(await visit(`/roles/${TPM}`)).toMatchObject({ banner: 0, h1: PUBLISHED_H1 })

    // The editor, with a wrong secret or a path off the site.
    const wrong = await page.request.get(`${suite.baseURL}/next/preview?path=/roles/${TPM}&secret=guess`, { maxRedirects: 0 })
    expect(wrong.status()).toBe(403)
    const offSite = await page.request.get(
      `${suite.baseURL}/next/preview?${new URLSearchParams({ path: '//evil.example/', secret: previewSecret })}`,
      { maxRedirects: 0 },
    )
    expect(offSite.status()).toBe(400)
  })
})
