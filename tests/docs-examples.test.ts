/**
 * The example responses in docs/examples/ are what the example frontend's queries return from the
 * seeded catalogue, run here through Payload's real GraphQL and REST handlers for an anonymous
 * caller. A committed file that differs from today's answer fails the test; regenerate them with
 *
 *   UPDATE_DOCS_EXAMPLES=1 npx vitest run tests/docs-examples.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  COMPARE_QUERY,
  ROLE_LIST_QUERY,
  ROLE_PAGE_QUERY,
  SKILLS_WITH_ROLES_QUERY,
} from '../dev/app/(frontend)/_lib/queryText.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/examples')
const update = process.env.UPDATE_DOCS_EXAMPLES === '1'

type Example =
  | { file: string; kind: 'graphql'; query: string; variables?: Record<string, unknown> }
  | { file: string; kind: 'rest'; path: string }

/** One file per request the docs show (docs/frontend.md links each). */
const examples: Example[] = [
  { file: 'role-page.json', kind: 'graphql', query: ROLE_PAGE_QUERY, variables: { slug: 'technical-project-manager' } },
  { file: 'compare.json', kind: 'graphql', query: COMPARE_QUERY, variables: { a: 'project-manager', b: 'technical-project-manager' } },
  { file: 'role-list.json', kind: 'graphql', query: ROLE_LIST_QUERY },
  { file: 'skills-with-roles.json', kind: 'graphql', query: SKILLS_WITH_ROLES_QUERY },
  { file: 'jsonld-project-manager.json', kind: 'rest', path: '/roles/project-manager/jsonld' },
]

describe('docs/examples: the documented responses are what the API answers today', () => {
  let site: TestSite

  beforeAll(async () => {
    site = await startSite({ name: 'docs_examples' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => {
    await site?.stop()
  })

  for (const example of examples) {
    it(example.file, async () => {
      let body: unknown
      if (example.kind === 'graphql') {
        const response = await site.graphql(example.query, example.variables)
        expect(response.body.errors).toBeUndefined()
        body = response.body
      } else {
        const response = await site.rest.get(example.path)
        expect(response.status).toBe(200)
        body = response.body
      }
      const text = `${JSON.stringify(body, null, 2)}\n`
      const file = path.join(examplesDir, example.file)
      if (update) {
        mkdirSync(examplesDir, { recursive: true })
        writeFileSync(file, text)
      }
      expect(existsSync(file), `${example.file} is missing: run UPDATE_DOCS_EXAMPLES=1 npx vitest run tests/docs-examples.test.ts`).toBe(true)
      expect(JSON.parse(readFileSync(file, 'utf8')), `${example.file} is stale: run UPDATE_DOCS_EXAMPLES=1 npx vitest run tests/docs-examples.test.ts`).toEqual(body)
    })
  }
})
