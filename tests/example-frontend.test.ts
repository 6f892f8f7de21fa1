import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dev/app/(frontend)')

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )

/**
 * The example frontend must show what any frontend can do: read over HTTP GraphQL only. Its
 * behaviour is tested in a browser (tests/e2e/frontend-compare.ts); this guards its imports.
 */
describe('example frontend (dev/app/(frontend))', () => {
  it('imports nothing that reads the database directly', () => {
    const sources = files(frontend).filter((file) => /\.tsx?$/.test(file))
    expect(sources.length).toBeGreaterThan(5)
    // Payload's live preview client is browser code that talks to the server over HTTP: allowed.
    const forbidden =
      /from '(payload|payload\/.*|@payload-config|@payloadcms\/(?!live-preview-react')[^']+|payload-plugin-role-catalog|pg|drizzle-orm)'|getPayload\(/
    const offenders = sources.filter((file) => forbidden.test(readFileSync(file, 'utf8')))
    expect(offenders.map((file) => path.relative(frontend, file))).toEqual([])
  })

  it('fetches /api/graphql with POST at request time, never cached', () => {
    const client = readFileSync(path.join(frontend, '_lib/graphql.ts'), 'utf8')
    expect(client).toMatch(/\/api\/graphql/)
    expect(client).toMatch(/cache: 'no-store'/)
    expect(client).toMatch(/method: 'POST'/)
  })
})
