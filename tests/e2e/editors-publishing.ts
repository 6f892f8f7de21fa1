/**
 * An editor's publishing loop in the admin, in a real browser, against the demo site built for
 * production: autosave while typing (a reload keeps the text), scheduling a publish from the
 * publish button's menu (the demo's own job runner then publishes it), editing a role's link from
 * the linked skill's side, restoring an old version whose linked skill was deleted since. Anonymous
 * readers are checked over GraphQL after each step; screenshots under test-results/e2e/editors-publishing/.
 *
 * The steps build on each other (one editor's session), so they run in order.
 */
import type { Page } from 'playwright-core'

import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { projectRoot } from '../../scripts/database.js'
import { clickForToast, closeToasts, openAdmin, waitForAutosave } from './helpers/admin.js'
import { startSuite, type Suite } from './helpers/suite.js'

let suite: Suite
let page: Page
let db: pg.Client
const ids: Record<string, number> = {}

const open = (pathname: string) => openAdmin(page, suite.baseURL, pathname)

/** What anonymous visitors get for a role. */
const publicSummary = async (slug: string) => {
  const data = await suite.graphql<{ Roles: { docs: { summary: string }[] } }>(
    `query ($slug: String!) { Roles(where: { slug: { equals: $slug } }) { docs { summary } } }`,
    { slug },
  )
  return data.Roles.docs[0]?.summary
}

/** Copies a screenshot into docs/ when E2E_UPDATE_DOCS=1 (the editors' guide shows them). */
const toDocs = (file: string, name: string) => {
  if (process.env.E2E_UPDATE_DOCS !== '1') return
  mkdirSync(path.join(projectRoot, 'docs'), { recursive: true })
  copyFileSync(file, path.join(projectRoot, 'docs', name))
}

const AUTOSAVED = 'Autosaved while the editor typed, before any click.'

beforeAll(async () => {
  suite = await startSuite('editors-publishing')
  page = await suite.browser.context.newPage()
  db = new pg.Client({ connectionString: suite.databaseUrl })
  db.on('error', () => {})
  await db.connect()
  const roles = await suite.graphql<{ Roles: { docs: { id: number; slug: string }[] } }>(`{ Roles(limit: 50) { docs { id slug } } }`)
  for (const role of roles.Roles.docs) ids[role.slug] = role.id
})

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && page) {
    await suite.screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {})
  }
})

afterAll(async () => {
  await db?.end().catch(() => {})
  if (suite) {
    await suite.stop()
    console.log(`[e2e] editors-publishing set-up timings (ms): ${JSON.stringify(suite.timings)}`)
  }
})

describe("an editor's publishing loop", () => {
  it('types into a role; autosave keeps the draft, so a reload loses nothing; visitors still see the published text', async () => {
    await suite.login(page)
    const published = await publicSummary('project-manager')
    await open(`/admin/collections/roles/${ids['project-manager']}`)
    const summary = page.locator('#field-summary')
    await summary.waitFor()
    const autosaved = waitForAutosave(page, 'roles')
    await summary.fill('')
    await summary.pressSequentially(AUTOSAVED, { delay: 10 })
    // The admin says so next to the status ("Last saved ...").
    await autosaved
    await suite.screenshot(page, '01-autosaved')

    await page.reload({ waitUntil: 'networkidle' })
    await expect.poll(() => page.locator('#field-summary').inputValue()).toBe(AUTOSAVED)
    expect(await publicSummary('project-manager')).toBe(published)
  })

  it('schedules the draft to publish from the publish menu; the site publishes it with nobody touching it', async () => {
    await page.locator('#action-save-popup button').first().click()
    await page.locator('#schedule-publish').click()
    const drawer = page.locator('.schedule-publish')
    await drawer.waitFor()
    await drawer.locator('#time input, input#time').first().click()
    // The last slot today (the picker steps in 5 minutes; the first free one may already have
    // begun); late at night, a slot tomorrow.
    const slots = page.locator('.react-datepicker__time-list-item:not(.react-datepicker__time-list-item--disabled)')
    if ((await slots.count()) < 2) {
      await page.locator('.react-datepicker__day--today').locator('xpath=following::div[contains(@class, "react-datepicker__day ")][1]').click()
    }
    await slots.last().click()
    await clickForToast(page, '#scheduled-publish-save', /scheduled successfully/i)
    // The drawer lists the event under "Upcoming events".
    await expect.poll(() => drawer.locator('.schedule-publish__upcoming tbody tr').count()).toBe(1)
    const file = await suite.screenshot(page, '02-schedule-publish')
    toDocs(file, 'schedule-publish.png')

    // What the admin queued: a publish of this role, as this editor, at a time in the future.
    const { rows } = await db.query(`select input, wait_until from payload_jobs where task_slug = 'schedulePublish'`)
    expect(rows).toHaveLength(1)
    expect(rows[0].input).toMatchObject({ type: 'publish', doc: { relationTo: 'roles', value: String(ids['project-manager']) } })
    expect(rows[0].input.user).toMatchObject({ relationTo: 'users' })
    expect(new Date(rows[0].wait_until).getTime()).toBeGreaterThan(Date.now())
    expect(await publicSummary('project-manager')).not.toBe(AUTOSAVED)

    // Time passes: the job's time is brought forward to now (nothing else changes), and the demo's
    // own runner (jobs.autoRun, every 5 s) publishes the draft.
    await db.query(`update payload_jobs set wait_until = now() where task_slug = 'schedulePublish'`)
    await expect.poll(() => publicSummary('project-manager'), { interval: 500, timeout: 30_000 }).toBe(AUTOSAVED)
    await closeToasts(page)
  })

  it("edits a role's link from the skill's side, and adds the skill to another role", async () => {
    // Set-up through the REST API with the editor's session: a published role without skills.
    const created = await page.request.post(`${suite.baseURL}/api/roles?depth=0`, {
      data: { _status: 'published', summary: 'Keeps the team on its agreed way of working.', title: 'Scrum Master' },
    })
    expect(created.status()).toBe(201)
    ids['scrum-master'] = (await created.json()).doc.id
    const { Skills } = await suite.graphql(`{ Skills(where: { slug: { equals: "leadership" } }) { docs { id } } }`)
    ids.leadership = Skills.docs[0].id

    await open(`/admin/collections/skills/${ids.leadership}`)
    const table = page.locator('.role-catalog-role-links')
    const tpm = table.locator('tr[data-role="technical-project-manager"]')
    await tpm.waitFor()
    // Each linking role with the link's requirement and note, as the role holds them.
    expect(await tpm.getByLabel('Requirement for Technical Project Manager').inputValue()).toBe('required')
    expect(await table.locator('tr[data-role]').count()).toBe(2)

    await tpm.getByLabel('Requirement for Technical Project Manager').selectOption('recommended')
    await tpm.getByRole('button', { name: 'Save draft' }).click()
    await expect
      .poll(() => table.locator('.role-catalog-role-links__status').innerText())
      .toBe('Changed the link on the role "Technical Project Manager" as a draft of the role.')
    await expect.poll(() => tpm.locator('td').nth(1).innerText()).toBe('Draft')
    const publicTPM = async () => {
      const data = await suite.graphql(
        `{ Roles(where: { slug: { equals: "technical-project-manager" } }) { docs { skills { requirement skill { slug } } } } }`,
      )
      return data.Roles.docs[0].skills.find((row: { skill: { slug: string } }) => row.skill.slug === 'leadership')?.requirement
    }
    expect(await publicTPM()).toBe('required')

    // Add the skill to the Scrum Master, published at once.
    await table.getByLabel('Add to role').selectOption({ label: 'Scrum Master' })
    await table.getByLabel('Requirement for the new link').selectOption('recommended')
    await table.getByLabel('Note for the new link').fill('Leads without authority.')
    await table.getByRole('button', { name: 'Add and publish' }).click()
    await expect
      .poll(() => table.locator('.role-catalog-role-links__status').innerText())
      .toBe('Added it to the role "Scrum Master" and published the role.')
    await table.locator('tr[data-role="scrum-master"]').waitFor()
    const file = await suite.screenshot(page, '03-skill-roles-table')
    toDocs(file, 'skill-roles-table.png')

    const data = await suite.graphql(
      `{ Roles(where: { slug: { equals: "scrum-master" } }) { docs { skills { requirement note skill { slug } } } } }`,
    )
    expect(data.Roles.docs[0].skills).toEqual([{ note: 'Leads without authority.', requirement: 'recommended', skill: { slug: 'leadership' } }])
  })

  it('restores an old version whose linked skill was deleted since: the rest comes back, the link is left out, the toast says so', async () => {
    const roleID = ids['scrum-master']!
    // The role's history: a version linking a skill, then the link removed and the skill deleted.
    const skill = await page.request.post(`${suite.baseURL}/api/skills?depth=0`, {
      data: { _status: 'published', kind: 'technical', name: 'Legacy Ticketing' },
    })
    const skillID = (await skill.json()).doc.id
    const current = await (await page.request.get(`${suite.baseURL}/api/roles/${roleID}?depth=0&draft=true`)).json()
    const withLegacy = await page.request.patch(`${suite.baseURL}/api/roles/${roleID}?depth=0`, {
      data: {
        _status: 'published',
        skills: [...current.skills, { note: 'Runs the old helpdesk.', requirement: 'required', skill: skillID }],
        summary: 'The summary as it was back then.',
      },
    })
    expect(withLegacy.status()).toBe(200)
    const versions = await (
      await page.request.get(`${suite.baseURL}/api/roles/versions?where[parent][equals]=${roleID}&sort=-createdAt&limit=1&depth=0`)
    ).json()
    const oldVersion = versions.docs[0].id
    const without = await page.request.patch(`${suite.baseURL}/api/roles/${roleID}?depth=0`, {
      data: { _status: 'published', skills: current.skills, summary: 'The summary today.' },
    })
    expect(without.status()).toBe(200)
    expect((await page.request.delete(`${suite.baseURL}/api/skills/${skillID}`)).status()).toBe(200)

    await open(`/admin/collections/roles/${roleID}/versions/${oldVersion}`)
    await page.getByRole('button', { name: 'Restore this version' }).click()
    const toast = await clickForToast(page, '#confirm-action, .confirmation-modal button:has-text("Confirm")', /Restored/)
    expect(toast).toContain(
      'Restored Successfully. Left out a link to an item deleted since this version: Skills row 2 (Required, note "Runs the old helpdesk."). Everything else is as in the version.',
    )
    await page.waitForURL(new RegExp(`/admin/collections/roles/${roleID}$`))
    await page.locator('#field-title:not([disabled])').waitFor()
    await suite.screenshot(page, '04-restored-without-deleted-link')

    // Published as the version was, without an empty link row: anonymous readers get it whole.
    const data = await suite.graphql(
      `{ Roles(where: { slug: { equals: "scrum-master" } }) { docs { summary skills { requirement skill { slug } } } } }`,
    )
    expect(data.Roles.docs[0]).toEqual({
      skills: [{ requirement: 'recommended', skill: { slug: 'leadership' } }],
      summary: 'The summary as it was back then.',
    })
  })
})
