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
  MATCH_ROLES_QUERY,
  ROLE_LIST_QUERY,
  ROLE_PAGE_QUERY,
  SKILLS_WITH_ROLES_QUERY,
  TRANSLATED_COMPARE_QUERY,
  TRANSLATED_ROLE_LIST_QUERY,
  TRANSLATED_ROLE_PAGE_QUERY,
  TRANSLATED_SKILLS_WITH_ROLES_QUERY,
} from '../dev/app/(frontend)/_lib/queryText.js'
import { untranslatedText } from '../dev/app/(frontend)/_lib/untranslated.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { articleSeedGerman } from '../seed/translations/de.js'
import { startSiteWithGermanSeed } from './helpers/localized.js'
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
  {
    file: 'match-roles.json',
    kind: 'graphql',
    query: MATCH_ROLES_QUERY,
    variables: { skills: ['technical-domain-expertise', 'problem-solving', 'adaptability-to-change', 'communication'], certifications: ['pmp'] },
  },
  { file: 'similar-roles.json', kind: 'rest', path: '/roles/project-manager/similar' },
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

  for (const example of examples) it(example.file, () => checkExample(site, example))

  it("docs/frontend.md's first query, as printed there, returns the role and a 404 for an unknown slug", async () => {
    const doc = readFileSync(path.resolve(examplesDir, '../frontend.md'), 'utf8')
    const section = doc.slice(doc.indexOf('## Your first query'), doc.indexOf('## What there is'))
    const query = /query: `([\s\S]+?)`,/.exec(section)?.[1]
    const variables = /variables: (\{[^}]+\})/.exec(section)?.[1]
    expect(query, 'the first query in docs/frontend.md').toBeTruthy()
    const slug = /slug: '([\w-]+)'/.exec(variables ?? '')![1]!
    const found = await site.graphql(query!, { slug })
    expect(found.body.errors).toBeUndefined()
    expect(found.body.data.roleBySlug.title).toBe('Technical Project Manager')
    expect(found.body.data.roleBySlug.skills.length).toBeGreaterThan(0)
    const missing = await site.graphql(query!, { slug: 'chief-wizard' })
    expect(missing.body.errors?.[0]?.extensions?.statusCode).toBe(404)
  })
})

/** Runs the example's request; writes its file with UPDATE_DOCS_EXAMPLES=1, else compares it. */
const checkExample = async (site: TestSite, example: Example) => {
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
}

/** docs/frontend.md's example of the locale arguments (in the docs verbatim). */
const LOCALIZED_ROLE_QUERY = `query ($slug: String!, $locale: LocaleInputType, $fallbackLocale: FallbackLocaleInputType) {
  roleBySlug(slug: $slug, locale: $locale, fallbackLocale: $fallbackLocale) {
    slug title abbreviation summary
    skills { note skill { slug name } }
    jsonLd
  }
}`

/**
 * The same role in each language of a localized site seeded as the demo is (tests/helpers/localized.ts:
 * en, de with the seed's German translation, a little fr), one example per language.
 */
const localizedExamples: Example[] = [
  { file: 'localized-role-en.json', kind: 'graphql', query: LOCALIZED_ROLE_QUERY, variables: { locale: 'en', slug: 'project-manager' } },
  { file: 'localized-role-de.json', kind: 'graphql', query: LOCALIZED_ROLE_QUERY, variables: { locale: 'de', slug: 'project-manager' } },
  { file: 'localized-role-fr.json', kind: 'graphql', query: LOCALIZED_ROLE_QUERY, variables: { locale: 'fr', slug: 'project-manager' } },
  {
    file: 'localized-role-de-no-fallback.json',
    kind: 'graphql',
    query: LOCALIZED_ROLE_QUERY,
    variables: { fallbackLocale: 'none', locale: 'de', slug: 'project-manager' },
  },
  { file: 'jsonld-project-manager-de.json', kind: 'rest', path: '/roles/project-manager/jsonld?locale=de' },
  // The example frontend's German role page: the role as shown, and its own German text beside it.
  {
    file: 'translated-role-page-de.json',
    kind: 'graphql',
    query: TRANSLATED_ROLE_PAGE_QUERY,
    variables: { locale: 'de', slug: 'project-manager' },
  },
]

describe('docs/examples: the API in every language, on a localized site', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSiteWithGermanSeed('docs_examples_localized')
  })
  afterAll(async () => {
    await site?.stop()
  })

  for (const example of localizedExamples) it(example.file, () => checkExample(site, example))

  it("the example frontend's other German queries answer, with the own-text read beside each", async () => {
    for (const [query, variables, field] of [
      [TRANSLATED_ROLE_LIST_QUERY, { locale: 'de' }, 'Roles'],
      [TRANSLATED_SKILLS_WITH_ROLES_QUERY, { locale: 'de' }, 'Skills'],
      [TRANSLATED_COMPARE_QUERY, { a: 'project-manager', b: 'technical-project-manager', locale: 'de' }, 'compareRoles'],
      [TRANSLATED_ROLE_PAGE_QUERY, { locale: 'de', slug: 'project-manager' }, 'roleBySlug'],
      [TRANSLATED_ROLE_PAGE_QUERY, { locale: 'de', slug: 'technical-project-manager' }, 'roleBySlug'],
    ] as const) {
      const { body } = await site.graphql(query, variables)
      expect(body.errors).toBeUndefined()
      expect(body.data?.[field]).toBeTruthy()
      expect(body.data?.ownText).toBeTruthy()
      // What the German pages mark as fallen back to English (_lib/queries.ts does exactly this): nothing.
      expect(untranslatedText(body.data[field], body.data.ownText).count, `${field} ${JSON.stringify(variables)}`).toBe(0)
    }
    // The seeded German is the page's own text: every title and label shown is German's own, none
    // fell back (the frontend's fallback marks count exactly these differences).
    const { body } = await site.graphql(TRANSLATED_COMPARE_QUERY, { a: 'project-manager', b: 'technical-project-manager', locale: 'de' })
    expect(body.data.compareRoles.a.title).toBe(articleSeedGerman.roles['project-manager']!.title)
    expect(body.data.ownText.a.title).toBe(articleSeedGerman.roles['project-manager']!.title)
    type Item = { label: null | string; slug: string }
    const items = (comparison: { skills: Record<'onlyA' | 'onlyB' | 'shared', Item[]> }) =>
      Object.fromEntries([...comparison.skills.shared, ...comparison.skills.onlyA, ...comparison.skills.onlyB].map((item) => [item.slug, item.label]))
    const shown = items(body.data.compareRoles)
    const own = items(body.data.ownText)
    expect(Object.keys(shown).length).toBeGreaterThan(5)
    for (const [slug, label] of Object.entries(shown)) {
      expect(label, slug).toBe(articleSeedGerman.skills[slug]!.name)
      expect(own[slug], slug).toBe(label)
    }
  })
})
