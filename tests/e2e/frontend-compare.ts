/**
 * The example frontend in a real browser, against `next build` + `next start` of the demo site:
 * what a reader sees on /compare/project-manager/technical-project-manager, /roles and a role page,
 * the JSON-LD in <head>, and that the admin still works beside it.
 *
 *   npm run test:e2e            (all browser suites)
 *   npm run test:e2e:frontend   (this one; E2E_SKIP_BUILD=1 reuses dev/.next, E2E_UPDATE_DOCS=1
 *                                refreshes docs/compare.png)
 */
import type { Page } from 'playwright-core'

import { auditServer } from 'graphql-http'
import pg from 'pg'
import { copyFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { projectRoot } from '../../scripts/database.js'
import { waitForAutosave } from './helpers/admin.js'
import { startSuite, type Suite } from './helpers/suite.js'

const COMPARE_PATH = '/compare/project-manager/technical-project-manager'

describe('example frontend (next start + Chromium)', () => {
  let suite: Suite
  let site: { url: string }
  let page: Page

  beforeAll(async () => {
    // The GraphQL-over-HTTP audit below queries __type: this suite's server allows introspection.
    suite = await startSuite('frontend-compare', { env: { GRAPHQL_INTROSPECTION: 'on' } })
    site = { url: suite.baseURL }
    page = await suite.browser.context.newPage()
  })
  afterAll(async () => {
    await suite?.stop()
  })

  /** The cells of the row whose header starts with `label`, in the section headed `section`. */
  const cells = async (section: string, label: string) => {
    const row = page
      .getByRole('region', { name: section, exact: true })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${label}`) }) })
    await expect.poll(() => row.count(), { message: `${section}: one row for ${label}` }).toBe(1)
    return (await row.getByRole('cell').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
  }

  it('the comparison page shows PM and TPM side by side', async () => {
    const response = await page.goto(`${site.url}${COMPARE_PATH}`)
    expect(response?.status()).toBe(200)
    expect(await page.title()).toBe('Project Manager vs Technical Project Manager — Role Catalog')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Project Manager vs Technical Project Manager')
    expect(await page.getByText('The Technical Project Manager builds on the Project Manager.').count()).toBe(1)

    const skills = page.getByRole('region', { name: 'Skills', exact: true })
    expect(await skills.getByRole('columnheader').allInnerTexts()).toEqual([
      'Skills',
      'Project Manager (PM)',
      'Technical Project Manager (TPM)',
    ])
    expect(await skills.getByText(/^Soft and technical skills\./).innerText()).toBe(
      'Soft and technical skills. Both: 2 · only PM: 1 · only TPM: 4',
    )
    const [pmLeadership, tpmLeadership] = await cells('Skills', 'Leadership')
    expect(pmLeadership).toBe('Required Paramount for success in this role.')
    expect(tpmLeadership).toBe('Required Inspiring and guiding technical teams to achieve project objectives efficiently.')
    expect(await cells('Skills', 'Organizational skills')).toEqual(['Required Paramount for success in this role.', '—'])
    expect((await cells('Skills', 'Problem-solving'))[0]).toBe('—')
    expect((await cells('Skills', 'Technical domain expertise'))[1]).toMatch(/^Required A varying degree of expertise/)

    const [pmPmp, tpmPmp] = await cells('Certifications', 'Project Management Professional')
    expect(pmPmp).toMatch(/^Required /)
    expect(tpmPmp).toMatch(/^Recommended Can enhance qualifications/)
    expect((await cells('Certifications', 'Salesforce certifications'))[0]).toBe('—')

    expect(await cells('Degrees', 'Engineering')).toEqual([
      "Required Bachelor's degree Typically a bachelor’s degree in a relevant field.",
      'Recommended Degree (level not specified) Often entails acquiring a degree in a technical field.',
    ])
    expect((await cells('Degrees', 'Business administration'))[1]).toBe('—')
    expect((await cells('Degrees', 'Computer science'))[0]).toBe('—')

    const responsibilities = page.getByRole('region', { name: 'Responsibilities', exact: true })
    expect(await responsibilities.getByText(/Both: /).innerText()).toMatch(/Both: 0 · only PM: 6 · only TPM: 5$/)
    expect(await cells('Responsibilities', 'Stakeholder Management')).toEqual(['Required', '—'])
    expect(await cells('Responsibilities', 'Quality Assurance')).toEqual(['—', 'Required'])

    const experience = page.getByRole('region', { name: 'Experience', exact: true })
    expect(await experience.getByRole('rowheader').allInnerTexts()).toEqual([
      'Managing SDLC projects (Project management)',
      'Software development (Hands-on technical role)',
      'Systems engineering (Hands-on technical role)',
      'Cloud solutions (Hands-on technical role)',
    ])

    await page.setViewportSize({ height: 900, width: 1280 })
    const file = await suite.screenshot(page, 'compare', { fullPage: true })
    if (process.env.E2E_UPDATE_DOCS === '1') copyFileSync(file, path.join(projectRoot, 'docs', 'compare.png'))
  })

  it('puts both roles as schema.org Occupation JSON-LD into <head>', async () => {
    await page.goto(`${site.url}${COMPARE_PATH}`)
    const scripts = await page.locator('head script[type="application/ld+json"]').allTextContents()
    const occupations = scripts.map((text) => JSON.parse(text))
    expect(occupations.map((item) => [item['@type'], item.name])).toEqual([
      ['Occupation', 'Project Manager'],
      ['Occupation', 'Technical Project Manager'],
    ])
    expect(occupations[1].occupationalCategory.map((code: { codeValue?: string; url: string }) => code.codeValue ?? code.url)).toEqual([
      '15-1299.09',
      'http://data.europa.eu/esco/occupation/8b6388a4-4904-471b-9331-d3b1211f5525',
    ])
    expect(await page.locator('body script[type="application/ld+json"]').count()).toBe(0)
  })

  it('/roles lists the roles and leads to the comparison', async () => {
    await page.goto(`${site.url}/roles`)
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(
      expect.arrayContaining(['Project Manager (PM)', 'Technical Project Manager (TPM)', 'Skills and the roles that ask for them']),
    )
    expect(await page.getByRole('listitem').filter({ hasText: /^Leadership/ }).innerText()).toBe('Leadership (soft) — PM, TPM')
    await page.getByRole('link', { name: 'compare Project Manager with Technical Project Manager' }).click()
    await page.waitForURL(`**${COMPARE_PATH}`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Project Manager vs Technical Project Manager')
  })

  it('a role page shows its links, taxonomy codes and its JSON-LD', async () => {
    await page.goto(`${site.url}/roles/technical-project-manager`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Technical Project Manager (TPM)')
    const salesforce = await page.getByRole('listitem').filter({ hasText: /^Salesforce certifications/ }).innerText()
    expect(salesforce.replace(/\s+/g, ' ')).toBe(
      'Salesforce certifications Recommended Highly beneficial for a Technical Project Manager working on Salesforce projects.',
    )
    expect(await page.getByText('Information Technology Project Managers').count()).toBe(1)
    const [jsonLd] = await page.locator('head script[type="application/ld+json"]').allTextContents()
    expect(JSON.parse(jsonLd!)).toMatchObject({ '@type': 'Occupation', alternateName: 'TPM' })
  })

  it('an unknown role is a 404 page', async () => {
    const response = await page.goto(`${site.url}/compare/project-manager/chief-wizard`)
    expect(response?.status()).toBe(404)
    expect(await page.getByText('could not be found').count()).toBeGreaterThan(0)
    expect((await page.goto(`${site.url}/roles/chief-wizard`))?.status()).toBe(404)
  })

  it('the admin still works beside the frontend', async () => {
    await page.goto(`${site.url}/admin`)
    await page.waitForSelector('input[name="email"]', { timeout: 60_000 })
    expect(await page.locator('input[name="password"]').count()).toBe(1)
  })

  it('the real /api/graphql route passes every MUST of the GraphQL-over-HTTP audit', async () => {
    const results = await auditServer({ url: `${site.url}/api/graphql` })
    const failed = results.filter((result) => result.name.startsWith('MUST') && result.status !== 'ok')
    expect(failed.map((result) => `${result.id} ${result.name}`)).toEqual([])
    const json = results.find((result) => result.id === 'BCF8')
    expect(json?.status).toBe('ok')
  })

  it('an edit over REST shows on the page within 2 s (a change notification, no rebuild)', async () => {
    const token = await suite.editorToken()
    const found = await fetch(`${site.url}/api/roles?where[slug][equals]=project-manager&depth=0`)
    const [pm] = ((await found.json()) as { docs: { id: number }[] }).docs
    const summary = 'Edited summary: the Project Manager steers the project.'
    const update = await fetch(`${site.url}/api/roles/${pm!.id}`, {
      body: JSON.stringify({ summary }),
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      method: 'PATCH',
    })
    expect(update.status).toBe(200)
    // The page is cached (Next.js data cache) until the change notification expires it: no rebuild.
    await expect
      .poll(
        async () => {
          await page.goto(`${site.url}${COMPARE_PATH}`)
          return page.getByText(summary).count()
        },
        { interval: 100, timeout: 2_000 },
      )
      .toBe(1)
    const [jsonLd] = await page.locator('head script[type="application/ld+json"]').allTextContents()
    expect(JSON.parse(jsonLd!).description).toBe(summary)
  })

  /** What an anonymous reader's page shows, fetched without the browser's cookies. */
  const pageText = async (pathname: string) => (await (await fetch(`${site.url}${pathname}`)).text()).replace(/<[^>]+>/g, ' ')

  it('a publish in the admin shows on the role and comparison pages within 2 s, a draft save does not', async () => {
    const ROLE_PATH = '/roles/technical-project-manager'
    const comparePath = '/compare/technical-project-manager/project-manager'
    const found = await fetch(`${site.url}/api/roles?where[slug][equals]=technical-project-manager&depth=0`)
    const [tpm] = ((await found.json()) as { docs: { id: number; summary: string }[] }).docs
    // Both pages cached now.
    expect(await pageText(ROLE_PATH)).toContain(tpm!.summary)
    expect(await pageText(comparePath)).toContain(tpm!.summary)
    // Served from the cache: a change made behind the CMS's back (so nobody is notified) does not show.
    const database = new pg.Client({ connectionString: suite.databaseUrl })
    await database.connect()
    try {
      // The demo's text is localized: the English summary is a row of roles_locales.
      const changed = await database.query(
        `update roles_locales set summary = 'Changed behind the CMS.' where _locale = 'en' and _parent_id = (select id from roles where slug = 'technical-project-manager')`,
      )
      expect(changed.rowCount).toBe(1)
    } finally {
      await database.end()
    }
    expect(await pageText(ROLE_PATH)).toContain(tpm!.summary)
    expect(await pageText(comparePath)).toContain(tpm!.summary)

    const admin = await suite.browser.context.newPage()
    try {
      await suite.login(admin)
      await admin.goto(`${site.url}/admin/collections/roles/${tpm!.id}`, { waitUntil: 'networkidle' })
      const summary = admin.locator('#field-summary')
      const toast = async (selector: string, text: string) => {
        await admin.locator(selector).first().click()
        await admin.locator('[data-sonner-toast]').filter({ hasText: text }).first().waitFor({ state: 'visible' })
      }

      const draft = 'Draft summary: not for readers yet.'
      // Roles autosave their drafts (no Save Draft button on a saved role): the draft is in the
      // database once the autosave is answered.
      const autosaved = waitForAutosave(admin, 'roles')
      await summary.fill(draft)
      await autosaved
      // For the promised 2 s, neither page shows the draft.
      const until = Date.now() + 2_000
      while (Date.now() < until) {
        expect(await pageText(ROLE_PATH)).not.toContain(draft)
        expect(await pageText(comparePath)).not.toContain(draft)
      }

      const published = 'Published summary: the TPM leads technical delivery.'
      await summary.fill(published)
      await toast('#action-save', 'Updated successfully.')
      const shown = async () => [(await pageText(ROLE_PATH)).includes(published), (await pageText(comparePath)).includes(published)]
      await expect.poll(shown, { interval: 100, timeout: 2_000 }).toEqual([true, true])
    } finally {
      await admin.close()
    }
  })
})
