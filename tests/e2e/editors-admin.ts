/**
 * What an editor does in the admin, in a real browser (Debian's Chromium via playwright-core),
 * against the demo site built for production, on a fresh database. Each step checks what the
 * browser shows and what anonymous visitors then get over GraphQL/REST, and leaves a screenshot
 * under test-results/e2e/editors-admin/.
 *
 * The steps build on each other (one editor's session), so they run in order.
 */
import type { Page } from 'playwright-core'

import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { projectRoot } from '../../scripts/database.js'
import { chooseOption, openTab as openTabOn, waitForAutosave, waitForHydration } from './helpers/admin.js'
import { startSuite, type Suite } from './helpers/suite.js'

const ROLE = /* GraphQL */ `
  query ($slug: String!) {
    Roles(where: { slug: { equals: $slug } }) {
      docs {
        id
        buildsOn { slug }
        skills { requirement skill { id slug name } }
        responsibilities { responsibility { slug description } }
      }
    }
  }
`

type RoleResult = {
  buildsOn: { slug: string }[]
  id: number
  responsibilities: { responsibility: { description: string; slug: string } }[]
  skills: { requirement: string; skill: { id: number; name: string; slug: string } | null }[]
}

let suite: Suite
let page: Page
const ids: Record<string, number> = {}
/** The Technical Project Manager as the seed published it, before any step. */
let seededTPM: RoleResult

const anonymousRole = async (slug: string): Promise<RoleResult> => {
  const data = await suite.graphql<{ Roles: { docs: RoleResult[] } }>(ROLE, { slug })
  expect(data.Roles.docs).toHaveLength(1)
  return data.Roles.docs[0]!
}

const skillSlugs = (role: RoleResult) => role.skills.map((row) => row.skill?.slug)

/** Closes the notifications still on screen, so the next one awaited is the next action's. */
const closeToasts = async () => {
  const toasts = page.locator('[data-sonner-toast]')
  for (const close of await toasts.locator('button[aria-label="Close toast"]').all()) {
    await close.click({ force: true }).catch(() => {})
  }
  await expect.poll(() => toasts.count(), { timeout: 15_000 }).toBe(0)
}

/** Clicks, then waits for the notification (Payload's toast) the click leads to; returns its text. */
const clickForToast = async (selector: string, text: RegExp | string) => {
  await closeToasts()
  await page.locator(selector).first().click()
  const item = page.locator('[data-sonner-toast]').filter({ hasText: text }).first()
  await item.waitFor({ state: 'visible' })
  return item.innerText()
}

const PUBLISH = '#action-save'
const SAVE_DRAFT = '#action-save-draft'
const CREATED = /successfully created/i
const UPDATED = 'Updated successfully.'

/** Waits until every link row label shows its item's name (they load it after the form renders). */
const rowLabelsLoaded = async () => {
  await expect
    .poll(async () => (await page.locator('.role-catalog-link-row-label').allInnerTexts()).filter((text) => text.includes('…')))
    .toEqual([])
}

/**
 * Opens an admin page and waits until its scripts have loaded and the form has asked for its state:
 * typing or clicking before React has hydrated the page would be lost.
 */
const open = async (pathname: string) => {
  await page.goto(`${suite.baseURL}${pathname}`, { waitUntil: 'networkidle' })
}

/** Types a new document's name as an editor does, once the create view's input is live. */
const typeName = async (name: string) => {
  await waitForHydration(page, '#field-name')
  const field = page.locator('#field-name')
  await field.pressSequentially(name, { delay: 15 })
  expect(await field.inputValue()).toBe(name)
}

const openTab = (label: string) => openTabOn(page, label)
const choose = (fieldID: string, label: string, search?: string) => chooseOption(page, fieldID, label, search)

/** The edit view's URL changes from /create to /<id> once the document exists. */
const idFromURL = async (collection: string) => {
  await page.waitForURL(new RegExp(`/admin/collections/${collection}/\\d+$`))
  return Number(page.url().split('/').pop())
}

/**
 * Adds a skill link at the end of the role's skills, picking the skill by name. `autosaveFirst`: the
 * editor is slow to pick, and an autosave of the role comes between adding the row and picking.
 */
const addSkillLink = async (name: string, search: string, { autosaveFirst = false } = {}) => {
  await openTab('Responsibilities, skills, certifications')
  const labels = page.locator('#field-skills .role-catalog-link-row-label')
  const before = await labels.count()
  await waitForHydration(page, '#field-skills .array-field__add-row')
  const halfPickedAutosave = autosaveFirst ? waitForAutosave(page, 'roles') : undefined
  await page.getByRole('button', { name: 'Add Skill' }).click()
  await expect.poll(() => labels.count()).toBe(before + 1)
  // The autosave of the role with the row not picked yet is answered 200 (it saves the rest).
  if (halfPickedAutosave) await halfPickedAutosave
  await choose(`field-skills__${before}__skill`, name, search)
  // The row label names the linked skill and its requirement.
  await expect.poll(() => labels.nth(before).innerText()).toBe(`${name} · Required`)
  // Autosave (every second) may come between adding the row and picking its skill: it saves the rest
  // of the role and the form keeps the row; it is never refused, and no error is shown mid-pick.
  expect(refusedAutosaves).toEqual([])
  expect(await page.locator('[data-sonner-toast][data-type="error"]').count()).toBe(0)
}

/** What the admin wrote and told the editor, for the report of a failed step. */
const happenings: string[] = []
/** Autosaves the server refused (an autosave nobody asked for must not fail under the editor). */
const refusedAutosaves: string[] = []

beforeAll(async () => {
  suite = await startSuite('editors-admin')
  page = await suite.browser.context.newPage()
  page.on('response', (response) => {
    const method = response.request().method()
    if (method === 'PATCH' || method === 'POST') happenings.push(`${new Date().toISOString()} ${method} ${response.status()} ${response.url().replace(suite.baseURL, '')}`)
    if (method === 'PATCH' && response.url().includes('autosave=true') && response.status() >= 400) refusedAutosaves.push(response.url())
  })
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') happenings.push(`${new Date().toISOString()} console ${message.type()}: ${message.text().slice(0, 300)}`)
  })
  const roles = await suite.graphql<{ Roles: { docs: { id: number; slug: string }[] } }>(
    `{ Roles { docs { id slug } } }`,
  )
  for (const role of roles.Roles.docs) ids[role.slug] = role.id
  seededTPM = await anonymousRole('technical-project-manager')
})

afterEach(async ({ task }) => {
  // What the browser showed when a step failed.
  if (task.result?.state === 'fail' && page) {
    await suite.screenshot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {})
    const toasts = await page.locator('[data-sonner-toast]').allInnerTexts().catch(() => [])
    console.log(`[e2e] requests during the failed step:\n${happenings.join('\n')}\ntoasts: ${JSON.stringify(toasts)}`)
  }
  happenings.length = 0
})

afterAll(async () => {
  if (suite) {
    await suite.stop()
    console.log(`[e2e] editors-admin set-up timings (ms): ${JSON.stringify(suite.timings)}`)
  }
})

describe('an editor in the admin', () => {
  it('logs in and finds the catalogue under "Role Catalog"', async () => {
    await suite.login(page)
    const group = page.locator('.collections__group').filter({
      has: page.locator('.collections__label', { hasText: 'Role Catalog' }),
    })
    await group.waitFor()
    const cards = await group.locator('.card__title').allInnerTexts()
    expect(cards.filter((card) => card !== 'Webhook deliveries')).toEqual(['Roles', 'Responsibilities', 'Certifications', 'Skills'])
    // The demo sends change notifications: their outbox sits beside the catalogue for admin users.
    expect(cards).toContain('Webhook deliveries')
    await suite.screenshot(page, '01-dashboard')
  })

  it('creates and publishes a skill; the slug fills itself in from the name', async () => {
    await open(`/admin/collections/skills/create`)
    await typeName('Stakeholder Negotiation')
    await expect.poll(() => page.locator('#field-slug').inputValue()).toBe('stakeholder-negotiation')
    await choose('field-kind', 'Soft / interpersonal')
    await page.locator('#field-description').fill('Reaching agreements that stakeholders keep.')
    await clickForToast(PUBLISH, CREATED)
    ids.negotiation = await idFromURL('skills')
    await suite.screenshot(page, '02-skill-published')

    const { Skills } = await suite.graphql(`{ Skills(where: { slug: { equals: "stakeholder-negotiation" } }) { docs { id name kind } } }`)
    expect(Skills.docs).toEqual([{ id: ids.negotiation, kind: 'soft', name: 'Stakeholder Negotiation' }])
  })

  it('links it to the Technical Project Manager as required; autosave keeps it as a draft: anonymous GraphQL does not see the link', async () => {
    const before = await anonymousRole('technical-project-manager')
    await open(`/admin/collections/roles/${ids['technical-project-manager']}`)
    await page.locator('#field-title').waitFor()
    // Autosave: no Save Draft button on a saved role; the draft is saved about a second after the change.
    expect(await page.locator(SAVE_DRAFT).count()).toBe(0)
    await addSkillLink('Stakeholder Negotiation', 'Stakeholder', { autosaveFirst: true })
    await rowLabelsLoaded()
    await suite.screenshot(page, '03-role-draft-saved')

    // The editor's own view (the draft) has it, once the autosave after the pick is in...
    const draftSkills = async () => {
      const draft = await page.request.get(`${suite.baseURL}/api/roles/${ids['technical-project-manager']}?draft=true&depth=0`)
      return (await draft.json()).skills.map((row: { skill: number }) => row.skill)
    }
    await expect.poll(draftSkills).toContain(ids.negotiation)
    expect(refusedAutosaves).toEqual([])
    // ...and anonymous readers do not.
    const after = await anonymousRole('technical-project-manager')
    expect(skillSlugs(after)).toEqual(skillSlugs(before))
    expect(skillSlugs(after)).not.toContain('stakeholder-negotiation')
  })

  it('publishes the role: now anonymous GraphQL sees the link, as required', async () => {
    await clickForToast(PUBLISH, UPDATED)
    await closeToasts()

    const role = await anonymousRole('technical-project-manager')
    expect(role.skills.at(-1)).toEqual({
      requirement: 'required',
      skill: { id: ids.negotiation, name: 'Stakeholder Negotiation', slug: 'stakeholder-negotiation' },
    })

    // The role edit screen, links collapsed to their row labels: the picture in the README.
    await openTab('Responsibilities, skills, certifications')
    for (const section of ['#field-responsibilities', '#field-skills', '#field-certifications']) {
      await page.locator(section).getByRole('button', { name: 'Collapse All' }).click()
    }
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.mouse.move(0, 0)
    await rowLabelsLoaded()
    // Tall enough to show the responsibilities and the skills with the new link.
    await page.setViewportSize({ height: 1500, width: 1440 })
    const file = await suite.screenshot(page, '04-role-edit')
    await page.setViewportSize({ height: 900, width: 1440 })
    if (process.env.E2E_UPDATE_DOCS === '1') {
      mkdirSync(path.join(projectRoot, 'docs'), { recursive: true })
      copyFileSync(file, path.join(projectRoot, 'docs', 'role-edit.png'))
    }
  })

  it('links a draft skill to a published role: anonymous readers see neither the skill nor its ID', async () => {
    await open(`/admin/collections/skills/create`)
    await typeName('Internal Tooling')
    await choose('field-kind', 'Technical / domain')
    await clickForToast(SAVE_DRAFT, CREATED)
    ids.tooling = await idFromURL('skills')

    await open(`/admin/collections/roles/${ids['project-manager']}`)
    await page.locator('#field-title').waitFor()
    await addSkillLink('Internal Tooling', 'Internal')
    await clickForToast(PUBLISH, UPDATED)
    await rowLabelsLoaded()
    await suite.screenshot(page, '05-published-role-links-draft-skill')

    const role = await anonymousRole('project-manager')
    expect(role.skills.every((row) => row.skill !== null)).toBe(true)
    expect(role.skills.map((row) => row.skill!.id)).not.toContain(ids.tooling)

    for (const depth of [0, 1]) {
      const rest = await suite.rest(`/roles/${ids['project-manager']}?depth=${depth}`)
      expect(rest.status).toBe(200)
      const linked = rest.body.skills.map((row: { skill: number | { id: number } }) =>
        typeof row.skill === 'object' ? row.skill.id : row.skill,
      )
      expect(linked, `REST depth=${depth}`).not.toContain(ids.tooling)
      expect(JSON.stringify(rest.body)).not.toContain('Internal Tooling')
    }
    expect((await suite.rest(`/skills/${ids.tooling}`)).status).toBe(404)
  })

  it("edits a responsibility's description and sees it over GraphQL", async () => {
    const { Responsibilities } = await suite.graphql(
      `{ Responsibilities(where: { slug: { equals: "risk-management" } }) { docs { id } } }`,
    )
    const id = Responsibilities.docs[0].id
    await open(`/admin/collections/responsibilities/${id}`)
    const description = 'Identifying risks early and planning how to contain them, with the team.'
    await page.locator('#field-description').fill(description)
    await clickForToast(PUBLISH, UPDATED)
    await suite.screenshot(page, '06-responsibility-edited')

    const data = await suite.graphql(
      `{ Responsibilities(where: { slug: { equals: "risk-management" } }) { docs { description } } }`,
    )
    expect(data.Responsibilities.docs[0].description).toBe(description)
    const role = await anonymousRole('project-manager')
    expect(role.responsibilities.find((row) => row.responsibility.slug === 'risk-management')?.responsibility.description).toBe(
      description,
    )
  })

  it('is told clearly when a slug is already taken', async () => {
    await open(`/admin/collections/skills/create`)
    await typeName('Leadership')
    await expect.poll(() => page.locator('#field-slug').inputValue()).toBe('leadership')
    await choose('field-kind', 'Soft / interpersonal')
    const message = 'The slug "leadership" is already used by the skill "Leadership". Choose another slug.'
    const slugError = page.locator('.field-type.text.error').filter({ has: page.locator('#field-slug') })

    expect(await clickForToast(SAVE_DRAFT, 'already used')).toContain(message)
    // ...and next to the slug field itself, where it stays while the editor edits and the slug is
    // still taken (the admin re-checks the form on the server as the editor edits).
    await expect.poll(() => slugError.innerText().catch(() => '')).toContain(message)
    await page.locator('#field-description').fill('Leading people, not projects.')
    await page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/admin/collections/skills/create'))
    await expect.poll(() => slugError.innerText().catch(() => '')).toContain(message)
    await suite.screenshot(page, '07-duplicate-slug')
    expect(page.url()).toMatch(/\/skills\/create$/)
    // Nothing was saved, not even a draft: the editor's own read (drafts included) has the one skill.
    const named = await page.request.get(`${suite.baseURL}/api/skills?draft=true&depth=0&where[name][equals]=Leadership`)
    expect((await named.json()).totalDocs).toBe(1)

    // The slug stays editable: a slug of the editor's own is accepted, and the message goes.
    await page.locator('#field-slug').fill('leadership-of-people')
    await expect.poll(() => slugError.count()).toBe(0)
    await clickForToast(SAVE_DRAFT, CREATED)
    await idFromURL('skills')
  })

  it('is refused when deleting a skill that roles use, with the roles named', async () => {
    const { Skills } = await suite.graphql(`{ Skills(where: { slug: { equals: "leadership" } }) { docs { id } } }`)
    const id = Skills.docs[0].id
    await open(`/admin/collections/skills/${id}`)
    await page.locator('#field-name').waitFor()
    await page.locator('.doc-controls__popup button').first().click()
    await page.getByRole('button', { name: 'Delete' }).click()
    const text = await clickForToast('#confirm-action', 'cannot be deleted')
    expect(text).toContain(
      'This skill cannot be deleted: 2 roles "Project Manager", "Technical Project Manager" still link it. Remove it from those roles first.',
    )
    await suite.screenshot(page, '08-delete-refused')
    const after = await suite.graphql(`{ Skills(where: { slug: { equals: "leadership" } }) { totalDocs } }`)
    expect(after.Skills.totalDocs).toBe(1)
  })

  it('restores an earlier version of a role', async () => {
    const roleID = ids['technical-project-manager']
    await open(`/admin/collections/roles/${roleID}/versions`)
    // Newest first: the last row is the version the seed created, before the editor's link.
    const versionLinks = page.locator(`a[href*="/admin/collections/roles/${roleID}/versions/"]`)
    await versionLinks.first().waitFor()
    await expect.poll(() => versionLinks.count()).toBeGreaterThanOrEqual(3)
    await suite.screenshot(page, '09-role-versions')
    await versionLinks.last().click()
    await page.getByRole('button', { name: 'Restore this version' }).click()
    await clickForToast('#confirm-action, .confirmation-modal button:has-text("Confirm")', /restored successfully/i)
    await page.waitForURL(new RegExp(`/admin/collections/roles/${roleID}$`))
    await page.locator('#field-title:not([disabled])').waitFor()
    await rowLabelsLoaded()
    await suite.screenshot(page, '10-role-restored')

    // The role is as the seed made it: without the editor's link, everything else intact.
    const role = await anonymousRole('technical-project-manager')
    expect(skillSlugs(role)).toEqual(seededTPM.skills.map((row) => row.skill?.slug))
    expect(role.buildsOn).toEqual([{ slug: 'project-manager' }])
    expect(role.responsibilities).toHaveLength(seededTPM.responsibilities.length)
  })

  it('deletes a skill no role uses any more', async () => {
    await open(`/admin/collections/skills/${ids.negotiation}`)
    await page.locator('#field-name').waitFor()
    await page.locator('.doc-controls__popup button').first().click()
    await page.getByRole('button', { name: 'Delete' }).click()
    await page.locator('#confirm-action').click()
    await page.waitForURL(/\/admin\/collections\/skills(\?.*)?$/)
    await suite.screenshot(page, '11-unused-skill-deleted')
    const after = await suite.graphql(`{ Skills(where: { slug: { equals: "stakeholder-negotiation" } }) { totalDocs } }`)
    expect(after.Skills.totalDocs).toBe(0)
  })

  it('switches the content locale to German and gives a role its German title: the "Without German text" filter counts one role fewer', async () => {
    // A role of this step's own, so the seeded roles the other steps check keep their text as it was.
    const created = await page.request.post(`${suite.baseURL}/api/roles?depth=0`, {
      data: { _status: 'published', summary: 'Plans releases and sees them out.', title: 'Release Manager' },
    })
    expect(created.status()).toBe(201)
    const roleID = (await created.json()).doc.id as number
    // A second role without German: the seeded roles all have theirs, and the filter's link to the
    // list shows only while at least one role is left without.
    const other = await page.request.post(`${suite.baseURL}/api/roles?depth=0`, {
      data: { _status: 'published', summary: 'Builds and ships the software.', title: 'Build Engineer' },
    })
    expect(other.status()).toBe(201)
    const GERMAN = 'Release-Manager:in'

    const untranslated = page.locator('.role-catalog-untranslated [data-locale="de"]')
    /** The roles list's count of roles without a German title, as the editor reads it. */
    const withoutGerman = async () => {
      const text = await untranslated.innerText()
      const match = /^Without German text: (\d+)/.exec(text)
      expect(match, text).not.toBeNull()
      return Number(match![1])
    }
    await open('/admin/collections/roles')
    const before = await withoutGerman()
    // These two roles, at least, have no German title yet.
    expect(before).toBeGreaterThanOrEqual(2)

    await open(`/admin/collections/roles/${roleID}`)
    const title = page.locator('#field-title')
    await expect.poll(() => title.inputValue()).toBe('Release Manager')
    // The header's locale selector (the header also keeps an invisible copy of its label, for spacing).
    const currentLocale = page.locator('.localizer .localizer-button__current-label')
    expect(await currentLocale.innerText()).toBe('English')
    // Deutsch, as the demo labels it for an English admin (dev/localization.ts).
    await page.locator('.localizer .popup-button').click()
    await page.getByRole('button', { name: 'German (de)' }).click()
    await page.waitForURL(/[?&]locale=de(&|$)/)
    await expect.poll(() => currentLocale.innerText()).toBe('German')
    // The edit view shows a locale without fallback: nothing to translate from in the field itself.
    await expect.poll(() => title.inputValue()).toBe('')

    const autosaved = waitForAutosave(page, 'roles')
    await title.fill(GERMAN)
    expect((await autosaved).url()).toContain('locale=de')
    // The slug is the role's address in every locale: a German title leaves it as it is.
    expect(await page.locator('#field-slug').inputValue()).toBe('release-manager')
    await suite.screenshot(page, '12-role-german-title')
    const draft = await page.request.get(`${suite.baseURL}/api/roles/${roleID}?draft=true&depth=0&locale=de&fallback-locale=none`)
    expect((await draft.json()).title).toBe(GERMAN)

    // Saved as a draft, the German title already counts: the filter's count is the list it links to.
    await open('/admin/collections/roles')
    expect(await withoutGerman()).toBe(before - 1)
    await untranslated.getByRole('link', { name: 'Show them' }).click()
    await page.waitForURL((url) => url.searchParams.get('locale') === 'de' && url.searchParams.get('where[title][exists]') === 'false')
    const rows = page.locator('.table tbody tr')
    await expect.poll(() => rows.count()).toBe(before - 1)
    expect(await rows.allInnerTexts()).not.toContainEqual(expect.stringContaining('release-manager'))
    await suite.screenshot(page, '13-without-german-text')

    // Published, German readers get the German title; English readers keep the English one.
    await open(`/admin/collections/roles/${roleID}`)
    await expect.poll(() => title.inputValue()).toBe(GERMAN)
    await clickForToast(PUBLISH, UPDATED)
    const titles = await suite.graphql<{ de: { docs: { title: string }[] }; en: { docs: { title: string }[] } }>(
      `{ de: Roles(locale: de, where: { slug: { equals: "release-manager" } }) { docs { title } }
         en: Roles(locale: en, where: { slug: { equals: "release-manager" } }) { docs { title } } }`,
    )
    expect(titles).toEqual({ de: { docs: [{ title: GERMAN }] }, en: { docs: [{ title: 'Release Manager' }] } })
    await open('/admin/collections/roles')
    expect(await withoutGerman()).toBe(before - 1)

    // In German too, a refusal names the roles by their titles: the seeded German ones.
    const { Skills } = await suite.graphql(`{ Skills(where: { slug: { equals: "leadership" } }) { docs { id } } }`)
    await open(`/admin/collections/skills/${Skills.docs[0].id}`)
    await page.locator('#field-name').waitFor()
    await page.locator('.doc-controls__popup button').first().click()
    await page.getByRole('button', { name: 'Delete' }).click()
    expect(await clickForToast('#confirm-action', 'cannot be deleted')).toContain(
      'This skill cannot be deleted: 2 roles "Project Manager", "Technical Project Manager" still link it.',
    )
    await closeToasts()

    // Back to English: the admin keeps the editor's content locale for their next visit.
    await page.locator('.localizer .popup-button').click()
    await page.getByRole('button', { name: 'English (en)' }).click()
    await page.waitForURL(/[?&]locale=en(&|$)/)
    await expect.poll(() => currentLocale.innerText()).toBe('English')
  })

  it('runs in production without introspection or the GraphQL playground', async () => {
    const response = await fetch(`${suite.baseURL}/api/graphql`, {
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] }
    expect(body.data).toBeUndefined()
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/)
    const playground = await fetch(`${suite.baseURL}/api/graphql-playground`)
    expect(playground.status).toBe(404)
  })
})
