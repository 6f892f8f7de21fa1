/**
 * One browser suite's world: a fresh database (schema, article seed, an editor), `next start` on a
 * free port, a headless Chromium, and small helpers to read what anonymous visitors get over HTTP.
 */
import type { Page } from 'playwright-core'

import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { e2eEditor } from './credentials.js'
import {
  type Browser,
  createDatabase,
  type E2EDatabase,
  launchBrowser,
  prepareDatabase,
  type RunningSite,
  screenshotDir,
  startServer,
} from './site.js'

export type Suite = {
  baseURL: string
  /** The suite's own database (e.g. to change a row behind the site's back). */
  databaseUrl: string
  browser: Browser
  /** Anonymous GraphQL over HTTP against the running server. */
  graphql: <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>
  /** Logs the editor in through the admin's login form. */
  login: (page: Page) => Promise<void>
  /** The editor's JWT from REST login (`Authorization: JWT <token>`), for edits made behind the browser's back. */
  editorToken: () => Promise<string>
  /** Anonymous REST GET over HTTP; returns status and parsed body. */
  rest: (pathAndQuery: string) => Promise<{ body: any; status: number }>
  /** Saves a full-page screenshot under test-results/e2e/<suite>/<name>.png and returns the path. */
  screenshot: (page: Page, name: string, options?: { fullPage?: boolean }) => Promise<string>
  stop: () => Promise<void>
  timings: Record<string, number>
}

export const startSuite = async (name: string, { env }: { env?: Record<string, string> } = {}): Promise<Suite> => {
  const timings: Record<string, number> = {}
  const time = async <T>(label: string, step: () => Promise<T>) => {
    const started = Date.now()
    try {
      return await step()
    } finally {
      timings[label] = Date.now() - started
    }
  }

  let database: E2EDatabase | undefined
  let site: RunningSite | undefined
  let browser: Browser | undefined
  const stop = async () => {
    // Each step runs even if an earlier one fails, so nothing is left running.
    await browser?.close().catch((error) => console.error('[e2e] closing the browser:', error))
    await site?.stop().catch((error) => console.error('[e2e] stopping next start:', error))
    await database?.drop().catch((error) => console.error('[e2e] dropping the database:', error))
  }

  try {
    database = await time('database', () => createDatabase(name))
    await time('prepare', () => prepareDatabase(database!.url))
    site = await time('start', () => startServer({ databaseUrl: database!.url, env }))
    browser = await time('browser', () => launchBrowser())
  } catch (error) {
    await stop()
    throw error
  }

  const baseURL = site.baseURL
  const shots = path.join(screenshotDir, name)
  mkdirSync(shots, { recursive: true })

  return {
    baseURL,
    browser,
    databaseUrl: database.url,
    graphql: async (query, variables) => {
      const response = await fetch(`${baseURL}/api/graphql`, {
        body: JSON.stringify({ query, variables }),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const body = (await response.json()) as { data?: any; errors?: { message: string }[] }
      if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((error) => error.message).join('; ')}`)
      return body.data
    },
    editorToken: async () => {
      const response = await fetch(`${baseURL}/api/users/login`, {
        body: JSON.stringify(e2eEditor),
        headers: { 'Content-Type': 'application/json' },
        method: 'POST',
      })
      const { token } = (await response.json()) as { token?: string }
      if (!token) throw new Error(`REST login as ${e2eEditor.email} answered ${response.status} without a token`)
      return token
    },
    login: async (page) => {
      await page.goto(`${baseURL}/admin/login`, { waitUntil: 'networkidle' })
      await page.locator('input[name="email"]').fill(e2eEditor.email)
      await page.locator('input[name="password"]').fill(e2eEditor.password)
      await page.locator('button[type="submit"]').click()
      await page.waitForURL(`${baseURL}/admin`)
    },
    rest: async (pathAndQuery) => {
      const response = await fetch(`${baseURL}/api${pathAndQuery}`)
      const text = await response.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // not JSON
      }
      return { body, status: response.status }
    },
    screenshot: async (page, shot, options = {}) => {
      const file = path.join(shots, `${shot}.png`)
      await page.screenshot({ fullPage: options.fullPage ?? false, path: file })
      return file
    },
    stop,
    timings,
  }
}
