/**
 * The tuned reads (src/read/tunedReads.ts: roleBySlug and compareRoles in one SQL statement) and
 * the batched `roles` joins (src/graphql/batchedJoins.ts) answer exactly what Payload's generic
 * path answers: every query below runs twice, tuned and generic (config.custom.roleCatalog.tunedReads
 * switched off), for anonymous readers and editors, with drafts, unpublished links and newer draft
 * versions around, and the answers must be equal. Each tuned run must also have taken the tuned
 * path (its statement was sent), or the comparison would prove nothing.
 */
import type { GraphQLField, GraphQLObjectType, GraphQLSchema } from 'graphql'
import type { Where } from 'payload'

import { configToSchema } from '@payloadcms/graphql'
import { getNamedType, isLeafType, isObjectType } from 'graphql'
import { createLocalReq } from 'payload'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { COMPARE_QUERY, ROLE_LIST_QUERY, ROLE_PAGE_QUERY, SKILLS_WITH_ROLES_QUERY } from '../dev/app/(frontend)/_lib/queryText.js'
import { customizedRoleFields, publicUnlessLoggedIn, regionsCollection } from '../scripts/bench/customizedHost.js'
import { generateEscoCatalogue } from '../scripts/bench/generateEscoCatalogue.js'
import { importEscoFolder } from '../src/import/index.js'
import { getCatalogConfig, getCatalogSlugs } from '../src/plugin/catalogConfig.js'
import { readContextFor } from '../src/read/readContext.js'
import { untunedReason } from '../src/read/tunedReads.js'
import { bySlug, create, linkSkill, save } from './helpers/catalog.js'
import { french, german as germanText, startLocalizedSite } from './helpers/localized.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { countStatements, recordStatements } from './helpers/sqlCounter.js'

const PM = 'project-manager'
const TPM = 'technical-project-manager'

const isTunedStatement = (sql: string) => sql.startsWith('with target as')
const isBatchedJoin = (sql: string) => sql.startsWith('select x.parent, x.id from')

/**
 * Every field of `type` and, `depth` levels down, of the types it links (fields that need arguments
 * left out): a query that reads all a document holds, so no difference can hide.
 */
const selectAll = (type: GraphQLObjectType, depth: number): string => {
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]
  return fields
    .filter((field) => field.args.every((arg) => arg.type.toString().slice(-1) !== '!'))
    .map((field) => {
      const named = getNamedType(field.type)
      if (isLeafType(named)) return field.name
      if (!isObjectType(named) || depth === 0) return ''
      const inner = selectAll(named, depth - 1)
      return inner ? `${field.name} { ${inner} }` : ''
    })
    .filter(Boolean)
    .join(' ')
}

const setTuned = (site: TestSite, on: boolean) => {
  ;(getCatalogConfig(site.payload.config) as { tunedReads?: boolean }).tunedReads = on
}

/** The query's answer on the tuned path and on the generic path, with the statements each sent. */
const bothPaths = async (site: TestSite, query: string, variables: Record<string, unknown>, token?: string) => {
  setTuned(site, true)
  const tuned = await recordStatements(site.databaseUrl, () => site.graphql(query, variables, token))
  setTuned(site, false)
  try {
    const generic = await recordStatements(site.databaseUrl, () => site.graphql(query, variables, token))
    expect(tuned.result.body.errors, JSON.stringify(tuned.result.body.errors)).toBeUndefined()
    expect(generic.result.body.errors, JSON.stringify(generic.result.body.errors)).toBeUndefined()
    return { generic: generic.result.body.data, statements: { generic: generic.statements, tuned: tuned.statements }, tuned: tuned.result.body.data }
  } finally {
    setTuned(site, true)
  }
}

describe('tuned reads answer what the generic path answers', () => {
  let site: TestSite
  let schema: GraphQLSchema
  let editorToken: string
  let folder: string

  beforeAll(async () => {
    site = await startSite({ name: 'tuned_reads', plugin: { seed: true } })
    schema = configToSchema(site.config).schema
    editorToken = await site.login()

    // A small ESCO-shaped catalogue next to the article's: many roles per skill, alternate names.
    folder = await mkdtemp(path.join(tmpdir(), 'role-catalog-tuned-'))
    await generateEscoCatalogue(folder, { links: 240, occupations: 12, seed: 7, skills: 40 })
    const report = await importEscoFolder({ folder, payload: site.payload })
    expect(report.failed).toBeUndefined()

    // Drafts around the article's roles: an unpublished skill the PM links (in its published
    // version), a draft role that builds on the PM, a newer draft of the TPM, an unpublished
    // responsibility linked by the TPM.
    const draftSkill = await create(site, 'skills', { name: 'Unreleased skill', kind: 'technical' }, { draft: true })
    expect(draftSkill.status, JSON.stringify(draftSkill.body)).toBe(201)
    const pm = await bySlug(site, 'roles', PM)
    await linkSkill(site, pm.id, draftSkill.body.doc.id, { draft: false, requirement: 'recommended' })
    const draftRole = await create(site, 'roles', { title: 'Draft Lead', buildsOn: [pm.id] }, { draft: true })
    expect(draftRole.status, JSON.stringify(draftRole.body)).toBe(201)
    const tpm = await bySlug(site, 'roles', TPM)
    const hidden = await create(site, 'responsibilities', { title: 'Unpublished duty' }, { draft: true })
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(201)
    const tpmNow = await site.payload.findByID({ collection: 'roles', depth: 0, id: tpm.id })
    await site.payload.update({
      collection: 'roles',
      data: { responsibilities: [...(tpmNow.responsibilities ?? []), { requirement: 'recommended', responsibility: hidden.body.doc.id }] } as never,
      id: tpm.id,
    })
    await site.payload.update({ collection: 'roles', data: { alternateNames: ['PM', 'Project lead'] } as never, id: pm.id })
    const tpmDraft = await save(site, 'roles', tpm.id, { summary: 'A newer draft summary.' }, { draft: true })
    expect(tpmDraft.status).toBe(200)
  })

  afterAll(async () => {
    await site?.stop()
    if (folder) await rm(folder, { force: true, recursive: true })
  })

  const roleSlugs = async () =>
    (await site.query<{ slug: string }>(`select slug from roles where _status = 'published' order by id`)).map((row) => row.slug)

  for (const reader of ['anonymous', 'editor'] as const) {
    it(`roleBySlug, every field three levels deep, for every role (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      const query = `query ($slug: String!) { roleBySlug(slug: $slug) { ${selectAll(schema.getType('Role') as GraphQLObjectType, 3)} } }`
      const slugs = [...(await roleSlugs()), ...(reader === 'editor' ? ['draft-lead'] : [])]
      expect(slugs.length).toBeGreaterThan(10)
      for (const slug of slugs) {
        const { generic, statements, tuned } = await bothPaths(site, query, { slug }, token)
        expect(tuned, slug).toEqual(generic)
        expect(statements.tuned.some(isTunedStatement), slug).toBe(true)
        expect(statements.generic.some(isTunedStatement)).toBe(false)
      }
    })

    it(`roleBySlug hides exactly what the generic path hides (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      const { generic, statements, tuned } = await bothPaths(site, ROLE_PAGE_QUERY, { slug: PM }, token)
      expect(tuned).toEqual(generic)
      // The role page in one statement: its builtOnBy join is read with the role, not by the batched
      // join's statement and a `find` of the joined roles (with their link checks).
      expect(statements.tuned.filter(isBatchedJoin)).toHaveLength(0)
      if (reader === 'anonymous') expect(statements.tuned).toHaveLength(1)
      const skills = tuned.roleBySlug.skills.map((link: { skill: { slug: string } }) => link.skill.slug)
      const builtOnBy = tuned.roleBySlug.builtOnBy.docs.map((role: { slug: string }) => role.slug)
      if (reader === 'anonymous') {
        expect(skills).not.toContain('unreleased-skill')
        expect(builtOnBy).toEqual([TPM])
      } else {
        expect(skills).toContain('unreleased-skill')
        expect(builtOnBy).toEqual(['draft-lead', TPM])
      }
      const tpm = await bothPaths(site, ROLE_PAGE_QUERY, { slug: TPM }, token)
      expect(tpm.tuned).toEqual(tpm.generic)
      // Non-draft reads show the published TPM, never its newer draft.
      expect(tpm.tuned.roleBySlug.summary).not.toBe('A newer draft summary.')
    })

    it(`compareRoles, every field, for pairs of roles (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      const query = `query ($a: String!, $b: String!) { compareRoles(a: $a, b: $b) { ${selectAll(schema.getType('RoleComparison') as GraphQLObjectType, 3)} } }`
      const slugs = await roleSlugs()
      const pairs: [string, string][] = [[PM, TPM], [TPM, PM], ...slugs.slice(2, 8).map((slug, i) => [slug, slugs[i + 3]!] as [string, string])]
      for (const [a, b] of pairs) {
        const { generic, statements, tuned } = await bothPaths(site, query, { a, b }, token)
        expect(tuned, `${a} / ${b}`).toEqual(generic)
        expect(statements.tuned.filter(isTunedStatement)).toHaveLength(1)
      }
      const page = await bothPaths(site, COMPARE_QUERY, { a: PM, b: TPM }, token)
      expect(page.tuned).toEqual(page.generic)
    })

    it(`the roles joins, batched, keep docs, order, limit and hasNextPage (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      for (const limit of [undefined, 1, 2, 3, 0, -1, 1000]) {
        const args = limit === undefined ? '' : `(limit: ${limit})`
        const query = `{
          Skills(limit: 60, sort: "slug") { docs { slug roles${args} { docs { slug title _status skills { skill { slug } } } hasNextPage } } }
          Responsibilities(limit: 20) { docs { slug roles${args} { docs { slug } hasNextPage } } }
          Certifications(limit: 20) { docs { slug roles${args} { docs { slug } hasNextPage } } }
          Roles(limit: 60, sort: "slug") { docs { slug builtOnBy${args} { docs { slug } hasNextPage } } }
        }`
        const { generic, statements, tuned } = await bothPaths(site, query, {}, token)
        expect(tuned, `limit ${limit}`).toEqual(generic)
        expect(statements.tuned.some(isBatchedJoin)).toBe(true)
      }
      const { tuned } = await bothPaths(site, `{ Skills(limit: 60) { docs { roles(limit: 1) { hasNextPage } } } }`, {}, token)
      expect(tuned.Skills.docs.some((doc: { roles: { hasNextPage: boolean } }) => doc.roles.hasNextPage)).toBe(true)
    })

    it(`arguments the batched join does not handle go to Payload's resolver (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      for (const args of ['(sort: "-title")', '(where: { slug: { like: "a" } })', '(count: true) ', '(page: 2, limit: 1)']) {
        const query = `{ Skills(limit: 20, sort: "slug") { docs { slug roles${args} { docs { slug } hasNextPage totalDocs } } } }`
        const { generic, statements, tuned } = await bothPaths(site, query, {}, token)
        expect(tuned, args).toEqual(generic)
        expect(statements.tuned.some(isBatchedJoin), args).toBe(false)
      }
    })
  }

  it('the example frontend\'s list queries answer the same', async () => {
    for (const query of [ROLE_LIST_QUERY, SKILLS_WITH_ROLES_QUERY]) {
      const { generic, tuned } = await bothPaths(site, query, {})
      expect(tuned).toEqual(generic)
    }
  })

})

describe('tuned reads answer what the generic path answers on a localized site', () => {
  let site: TestSite
  let schema: GraphQLSchema
  let editorToken: string
  // The request's default, a translated locale, a locale with a fallback chain; no fallback, the
  // default one, one other than the default.
  const locales = [undefined, 'de', 'fr'] as const
  const fallbacks = [undefined, 'none', 'de'] as const
  const args = (locale?: string, fallbackLocale?: string) => ({ ...(locale ? { locale } : {}), ...(fallbackLocale ? { fallbackLocale } : {}) })

  beforeAll(async () => {
    // English, German, French (falling back to German, then English); the article partly translated.
    site = await startLocalizedSite('tuned_reads_localized')
    schema = configToSchema(site.config).schema
    editorToken = await site.login()
    // Drafts around, in German too: an unpublished skill (German name) linked by the PM, a newer
    // German draft of the TPM's title, a draft role that builds on the PM.
    const draftSkill = await create(site, 'skills', { name: 'Unreleased skill', kind: 'technical' }, { draft: true })
    expect(draftSkill.status, JSON.stringify(draftSkill.body)).toBe(201)
    await site.payload.update({ collection: 'skills', data: { name: 'Unveröffentlicht' } as never, depth: 0, draft: true, id: draftSkill.body.doc.id, locale: 'de' })
    // (Through the Local API: Payload 3.90's REST read of a draft role fails on a localized site,
    // its `builtOnBy` join sorting the versions by the localized title.)
    const pm = await bySlug(site, 'roles', PM)
    await site.payload.update({
      collection: 'roles',
      data: { skills: [...(pm.skills as object[]), { requirement: 'recommended', skill: draftSkill.body.doc.id }] } as never,
      id: pm.id,
    })
    const draftRole = await create(site, 'roles', { title: 'Draft Lead', buildsOn: [pm.id] }, { draft: true })
    expect(draftRole.status, JSON.stringify(draftRole.body)).toBe(201)
    const tpm = await bySlug(site, 'roles', TPM)
    await site.payload.update({ collection: 'roles', data: { title: 'Neuer Entwurf' } as never, depth: 0, draft: true, id: tpm.id, locale: 'de' })
  })
  afterAll(async () => site?.stop())

  for (const reader of ['anonymous', 'editor'] as const) {
    it(`roleBySlug and compareRoles, every field, every locale and fallback (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      const variables = '$locale: LocaleInputType, $fallbackLocale: FallbackLocaleInputType'
      const role = `query ($slug: String!, ${variables}) { roleBySlug(slug: $slug, locale: $locale, fallbackLocale: $fallbackLocale) { ${selectAll(schema.getType('Role') as GraphQLObjectType, 3)} } }`
      const compare = `query ($a: String!, $b: String!, ${variables}) { compareRoles(a: $a, b: $b, locale: $locale, fallbackLocale: $fallbackLocale) { ${selectAll(schema.getType('RoleComparison') as GraphQLObjectType, 3)} } }`
      for (const locale of locales) {
        for (const fallbackLocale of fallbacks) {
          // A fallback equal to the locale itself (de/de) is no fallback: Payload's afterRead applies one
          // only when `fallbackLocale !== locale` (and createLocalReq keeps `de` as it is), so both paths
          // give text missing in German as missing. (The generic path once took the default locale's
          // text here, and for `none`, at random: src/read/readContext.ts reads the locale first now.)
          const label = `${locale}/${fallbackLocale}`
          for (const slug of [PM, TPM]) {
            const { generic, statements, tuned } = await bothPaths(site, role, { slug, ...args(locale, fallbackLocale) }, token)
            expect(tuned, `${slug} ${label}`).toEqual(generic)
            expect(statements.tuned.some(isTunedStatement), label).toBe(true)
            expect(statements.generic.some(isTunedStatement)).toBe(false)
          }
          const { generic, statements, tuned } = await bothPaths(site, compare, { a: PM, b: TPM, ...args(locale, fallbackLocale) }, token)
          expect(tuned, `compare ${label}`).toEqual(generic)
          // One statement for both roles; their JSON-LD, where text may have fallen back, reads them
          // again without fallback in the locale and its chain (src/jsonld/loadOccupation.ts): both in
          // one statement per locale when asked in the same tick, else one per role and locale.
          const chain = fallbackLocale === 'none' || fallbackLocale === locale ? 0 : locale === 'fr' && !fallbackLocale ? 2 : locale || fallbackLocale ? 1 : 0
          const tunedStatements = statements.tuned.filter(isTunedStatement).length
          expect(tunedStatements, label).toBeGreaterThanOrEqual(1)
          expect(tunedStatements, label).toBeLessThanOrEqual(1 + 2 * (chain === 0 ? 0 : chain + 1))
        }
      }
      // What the comparison proves is only worth something if the locales differ.
      const german = ROLE_PAGE_QUERY.replace('roleBySlug(', 'roleBySlug(locale: de, ')
      expect(german).not.toBe(ROLE_PAGE_QUERY)
      const de = await bothPaths(site, german, { slug: PM }, token)
      expect(de.tuned.roleBySlug.title).toBe(germanText.pmTitle)
      expect(de.tuned).toEqual(de.generic)
    }, 240_000)

    it(`the roles joins: batched below roleBySlug, sorted by the title in its locale; Payload's own below its queries (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      for (const locale of locales) {
        for (const fallbackLocale of fallbacks) {
          const localeArgs = [locale ? `locale: ${locale}` : '', fallbackLocale ? `fallbackLocale: ${fallbackLocale}` : ''].filter(Boolean).join(', ')
          const query = `{
            Skills(limit: 60, sort: "slug"${localeArgs ? `, ${localeArgs}` : ''}) { docs { slug name roles { docs { slug title } hasNextPage } } }
            roleBySlug(slug: "${PM}"${localeArgs ? `, ${localeArgs}` : ''}) { builtOnBy(limit: 1) { docs { slug title } hasNextPage } }
          }`
          const { generic, statements, tuned } = await bothPaths(site, query, {}, token)
          expect(tuned, `${locale}/${fallbackLocale}`).toEqual(generic)
          // One batched statement: roleBySlug's builtOnBy (the skills' joins take Payload's resolver).
          expect(statements.tuned.filter(isBatchedJoin), `${locale}/${fallbackLocale}`).toHaveLength(1)
        }
      }
    }, 120_000)

    it(`REST jsonld and compare, with the French fallback chain and without fallback (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      for (const query of ['', '?locale=de', '?locale=fr', '?locale=fr&fallback-locale=none', '?locale=de&fallback-locale=en', '?fallback-locale=none']) {
        for (const path of [`/roles/${PM}/jsonld${query}`, `/roles/compare${query ? `${query}&` : '?'}a=${PM}&b=${TPM}`]) {
          setTuned(site, true)
          const tuned = await recordStatements(site.databaseUrl, () => site.rest.get(path, { token }))
          setTuned(site, false)
          const generic = await recordStatements(site.databaseUrl, () => site.rest.get(path, { token })).finally(() => setTuned(site, true))
          expect(tuned.result.status, path).toBe(200)
          expect(tuned.result.body, path).toEqual(generic.result.body)
          expect(tuned.statements.some(isTunedStatement), path).toBe(true)
        }
      }
    })
  }

  it('JSON-LD says which text fell back from the one tuned statement; the generic path, reading again per locale, says the same', async () => {
    // The role page and its JSON-LD in German (falling back to English) and French (German, then
    // English): the PM's leadership skill has German and French names, communication a German one,
    // organizational skills an English one only.
    const page = `query ($locale: LocaleInputType) { roleBySlug(slug: "${PM}", locale: $locale) { title skills { skill { slug name } } jsonLd } }`
    const skillNames = (jsonLd: any) => Object.fromEntries(jsonLd.skills.map((skill: any) => [skill.termCode, skill.name]))
    const expected = {
      de: { communication: germanText.communication, leadership: germanText.leadership, 'organizational-skills': { '@language': 'en', '@value': 'Organizational skills' } },
      fr: {
        communication: { '@language': 'de', '@value': germanText.communication },
        leadership: french.leadership,
        'organizational-skills': { '@language': 'en', '@value': 'Organizational skills' },
      },
    }
    for (const locale of ['de', 'fr'] as const) {
      const { generic, statements, tuned } = await bothPaths(site, page, { locale })
      expect(tuned, locale).toEqual(generic)
      expect(skillNames(tuned.roleBySlug.jsonLd), locale).toMatchObject(expected[locale])
      // The role, its items and the locale each text came from: one statement, not one more per locale.
      expect(statements.tuned.filter(isTunedStatement), locale).toHaveLength(1)

      setTuned(site, true)
      const rest = await recordStatements(site.databaseUrl, () => site.rest.get(`/roles/${PM}/jsonld?locale=${locale}`))
      setTuned(site, false)
      const genericRest = await site.rest.get(`/roles/${PM}/jsonld?locale=${locale}`).finally(() => setTuned(site, true))
      expect(rest.result.body, locale).toEqual(genericRest.body)
      expect(rest.result.body, locale).toEqual(tuned.roleBySlug.jsonLd)
      expect(rest.statements.filter(isTunedStatement), locale).toHaveLength(1)
    }
  })

  it('a read context holds the locale and fallback its request had when it was asked for', async () => {
    const req = await createLocalReq({ fallbackLocale: 'none' as never, locale: 'de' as never }, site.payload)
    // Drafts asked for: whether the reader may read them is awaited before the context is complete.
    const asked = readContextFor(req, { draft: true, slugs: getCatalogSlugs(site.payload.config) })
    // Meanwhile, what Payload's DataLoader does to the request a GraphQL operation's resolvers share
    // when it runs a batch (createLocalReq with the batch's locale and fallback).
    req.locale = 'fr' as never
    req.fallbackLocale = 'en' as never
    expect(await asked).toMatchObject({ fallbackLocale: false, locale: 'de' })
  })
})

describe('SQL statements of the recommended list queries', () => {
  let site: TestSite
  let folder: string
  beforeAll(async () => {
    site = await startSite({ name: 'tuned_reads_lists' })
    folder = await mkdtemp(path.join(tmpdir(), 'role-catalog-lists-'))
    await generateEscoCatalogue(folder, { links: 1500, occupations: 60, seed: 3, skills: 200 })
    expect((await importEscoFolder({ folder, payload: site.payload })).failed).toBeUndefined()
  })
  afterAll(async () => {
    await site?.stop()
    if (folder) await rm(folder, { force: true, recursive: true })
  })

  const list = {
    roles: ROLE_LIST_QUERY.replace('query RoleList {', 'query RoleList($limit: Int) {').replace('limit: 100', 'limit: $limit'),
    skills: SKILLS_WITH_ROLES_QUERY.replace('query SkillsWithRoles {', 'query SkillsWithRoles($limit: Int) {').replace('limit: 100', 'limit: $limit'),
  }
  const count = async (query: string, limit: number) => {
    const { count, result } = await countStatements(() => site.graphql(query, { limit }), { databaseUrl: site.databaseUrl })
    expect(result.body.errors).toBeUndefined()
    return count
  }

  it('are the same for 5, 20 and 50 documents, and every link resolves', async () => {
    for (const [name, query] of Object.entries(list)) {
      const counts = [await count(query, 5), await count(query, 20), await count(query, 50)]
      expect(counts, name).toEqual([counts[0], counts[0], counts[0]])
      console.log(`[sql] ${name} list query: ${counts.join(', ')} statements for 5, 20, 50 documents`)
    }
    // With a page cap of 100 (the default), 50 roles link far more than 100 distinct skills: each
    // link still resolves (Payload's own population of links is not capped).
    const { body } = await site.graphql(list.roles, { limit: 50 })
    const links = body.data.Roles.docs.flatMap((role: { skills: { skill: unknown }[] }) => role.skills)
    expect(new Set(links.map((link: { skill: { slug: string } }) => link.skill?.slug)).size).toBeGreaterThan(100)
    expect(links.every((link: { skill: unknown }) => link.skill !== null)).toBe(true)
  })

  it("grow with the number of skills on Payload's own join resolver (what the batched one replaces)", async () => {
    setTuned(site, false)
    try {
      expect(await count(list.skills, 20)).toBeGreaterThan(await count(list.skills, 5))
    } finally {
      setTuned(site, true)
    }
  })
})

/**
 * A host site as teams build them: fields of its own on the catalogue (text, number, select,
 * checkbox, date, a relationship to its own collection, an array, a group), beforeRead / afterRead
 * hooks, and read access that returns a query (published AND public for anonymous readers). The
 * tuned path still answers, and answers exactly what Payload's generic path answers.
 */
/** The same rule as publicUnlessLoggedIn in a form the tuned statement does not translate: the adapter applies it after the statement. */
const publishedNotInternal: Where = { and: [{ _status: { equals: 'published' } }, { visibility: { not_equals: 'internal' } }] }
const publicUnlessLoggedInAsked: typeof publicUnlessLoggedIn = ({ req }) => (req.user ? true : publishedNotInternal)

for (const [rule, read] of [
  ['applied in the statement', publicUnlessLoggedIn],
  ['asked of the adapter', publicUnlessLoggedInAsked],
] as const) describe(`a customized host keeps the tuned reads, with the answers of the generic path (its read query ${rule})`, () => {
  let site: TestSite
  let schema: GraphQLSchema
  let editorToken: string
  const hookCalls: string[] = []

  beforeAll(async () => {
    site = await startSite({
      collections: [regionsCollection],
      name: read === publicUnlessLoggedIn ? 'tuned_reads_custom' : 'tuned_reads_custom_asked',
      plugin: {
        overrides: {
          roles: {
            // The host of the benchmark's customizedRoleBySlugVsSql (scripts/bench/customizedHost.ts),
            // with hooks of its own here that the assertions below watch.
            access: { read },
            fields: ({ defaultFields }) => [...defaultFields, ...customizedRoleFields],
            hooks: {
              beforeRead: [
                ({ doc }) => {
                  hookCalls.push(`roles.beforeRead ${doc.slug}`)
                  return doc
                },
              ],
              // Anonymous readers see the salary band as "on request".
              afterRead: [({ doc, req }) => (req.user || !doc.salaryBand ? doc : { ...doc, salaryBand: 'on request' })],
            },
          },
          skills: {
            fields: ({ defaultFields }) => [...defaultFields, { name: 'featured', type: 'checkbox' }],
            // Marks one skill's name (from the document alone: reads that select fewer fields see it too).
            hooks: { afterRead: [({ doc }) => (doc.name === 'Leadership' ? { ...doc, name: 'Leadership ★' } : doc)] },
          },
        },
        seed: true,
      },
    })
    schema = configToSchema(site.config).schema
    editorToken = await site.login()
    const region = await site.payload.create({ collection: 'regions' as never, data: { name: 'EMEA' } as never })
    const pm = await bySlug(site, 'roles', PM)
    await site.payload.update({
      collection: 'roles',
      data: {
        headcount: 3,
        level: 'senior',
        meta: { owner: 'HR' },
        perks: [{ perk: 'Training budget' }, { perk: 'Remote days' }],
        region: region.id,
        remote: true,
        reviewedAt: '2026-11-30T10:00:00.000Z',
        salaryBand: 'E12',
      } as never,
      id: pm.id,
    })
    const internal = await create(site, 'roles', { buildsOn: [pm.id], title: 'Internal Lead', visibility: 'internal' }, { draft: false })
    expect(internal.status, JSON.stringify(internal.body)).toBe(201)
    const leadership = await bySlug(site, 'skills', 'leadership')
    await site.payload.update({ collection: 'skills', data: { featured: true } as never, id: leadership.id })
  })
  afterAll(async () => site?.stop())

  for (const reader of ['anonymous', 'editor'] as const) {
    it(`roleBySlug and compareRoles, every field three levels deep, host fields included (${reader})`, async () => {
      const token = reader === 'editor' ? editorToken : undefined
      const roleQuery = `query ($slug: String!) { roleBySlug(slug: $slug) { ${selectAll(schema.getType('Role') as GraphQLObjectType, 3)} } }`
      const slugs = (await site.query<{ slug: string }>(`select slug from roles where _status = 'published' and visibility = 'public' order by id`)).map(
        (row) => row.slug,
      )
      if (reader === 'editor') slugs.push('internal-lead')
      for (const slug of slugs) {
        hookCalls.length = 0
        const { generic, statements, tuned } = await bothPaths(site, roleQuery, { slug }, token)
        expect(tuned, slug).toEqual(generic)
        expect(statements.tuned.some(isTunedStatement), slug).toBe(true)
        // The host's beforeRead hook ran on both paths.
        expect(hookCalls.filter((call) => call === `roles.beforeRead ${slug}`).length, slug).toBeGreaterThanOrEqual(2)
      }
      const compareQuery = `query ($a: String!, $b: String!) { compareRoles(a: $a, b: $b) { ${selectAll(schema.getType('RoleComparison') as GraphQLObjectType, 3)} } }`
      const { generic, statements, tuned } = await bothPaths(site, compareQuery, { a: PM, b: TPM }, token)
      expect(tuned).toEqual(generic)
      expect(statements.tuned.filter(isTunedStatement)).toHaveLength(1)
    })
  }

  it("applies the host's fields, hooks and access: what each reader gets", async () => {
    const query = `query ($slug: String!) { roleBySlug(slug: $slug) {
      slug salaryBand headcount level remote reviewedAt region { name } perks { perk } meta { owner } visibility
      skills { skill { slug name } } builtOnBy { docs { slug } }
    } }`
    const anonymous = await recordStatements(site.databaseUrl, () => site.graphql(query, { slug: PM }))
    expect(anonymous.statements.some(isTunedStatement)).toBe(true)
    // The rule in the statement: nothing more to ask (the region is Payload's own relationship read);
    // otherwise one question to the adapter for the roles read.
    const rolesAsked = anonymous.statements.filter((sql) => /^select "id" from "roles"/.test(sql))
    expect(rolesAsked).toHaveLength(read === publicUnlessLoggedIn ? 0 : 1)
    const role = anonymous.result.body.data.roleBySlug
    expect(role).toMatchObject({
      headcount: 3,
      level: 'senior',
      meta: { owner: 'HR' },
      perks: [{ perk: 'Training budget' }, { perk: 'Remote days' }],
      region: { name: 'EMEA' },
      remote: true,
      reviewedAt: '2026-11-30T10:00:00.000Z',
      salaryBand: 'on request',
      visibility: 'public',
    })
    expect(role.skills.map((link: { skill: { name: string } }) => link.skill.name)).toContain('Leadership ★')
    // The internal role builds on the PM: editors see it, anonymous readers do not.
    expect(role.builtOnBy.docs.map((doc: { slug: string }) => doc.slug)).not.toContain('internal-lead')
    const editor = await site.graphql(query, { slug: PM }, editorToken)
    expect(editor.body.data.roleBySlug.salaryBand).toBe('E12')
    expect(editor.body.data.roleBySlug.builtOnBy.docs.map((doc: { slug: string }) => doc.slug)).toContain('internal-lead')

    const hidden = await recordStatements(site.databaseUrl, () => site.graphql(query, { slug: 'internal-lead' }))
    expect(hidden.statements.some(isTunedStatement)).toBe(true)
    expect(hidden.result.body.errors?.[0]?.extensions?.statusCode).toBe(404)
    setTuned(site, false)
    try {
      const generic = await site.graphql(query, { slug: 'internal-lead' })
      expect(generic.body.errors?.[0]?.message).toBe(hidden.result.body.errors?.[0]?.message)
    } finally {
      setTuned(site, true)
    }
    const jsonld = await site.rest.get('/roles/internal-lead/jsonld')
    expect(jsonld.status).toBe(404)
  })
})

describe('a host whose customization the tuned reads cannot follow gets the generic path, and is told why', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'tuned_reads_untunable',
      plugin: {
        overrides: {
          // A field with an afterRead hook of its own, and skills readable by anyone, drafts included.
          roles: {
            fields: ({ defaultFields }) => [
              ...defaultFields,
              { name: 'code', type: 'text', hooks: { afterRead: [({ value }) => (typeof value === 'string' ? value.toUpperCase() : value)] } },
            ],
          },
          skills: { access: { read: () => true } },
        },
        seed: true,
      },
    })
    const pm = await bySlug(site, 'roles', PM)
    const draftSkill = await create(site, 'skills', { name: 'Open draft skill', kind: 'soft' }, { draft: true })
    await linkSkill(site, pm.id, draftSkill.body.doc.id, { draft: false })
  })
  afterAll(async () => site?.stop())

  it('names the field at start, falls back for roleBySlug and compareRoles, and applies the host\'s rule', async () => {
    expect(untunedReason(site.payload)).toMatch(/field "code" has afterRead hooks/)
    const role = await recordStatements(site.databaseUrl, () => site.graphql(ROLE_PAGE_QUERY, { slug: PM }))
    expect(role.result.body.errors).toBeUndefined()
    expect(role.statements.some(isTunedStatement)).toBe(false)
    // The host lets anyone read skills, drafts included: the draft skill's link stays.
    expect(role.result.body.data.roleBySlug.skills.map((link: { skill: { slug: string } }) => link.skill.slug)).toContain('open-draft-skill')
    const comparison = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE_QUERY, { a: PM, b: TPM }))
    expect(comparison.result.body.errors).toBeUndefined()
    expect(comparison.statements.some(isTunedStatement)).toBe(false)
  })
})

/**
 * More of what a host adds (found holding in the attack of 2026-12-04, kept as a test): on roles, a
 * required field with a default, a unique one, a localized one, a hasMany relationship to its own
 * collection and an afterRead hook that removes a field for anonymous readers; on skills, read
 * access that returns a query on a field of the host's (internal skills for logged-in users only).
 * Every plugin read (role page, comparison, matching, similar roles, JSON-LD) answers on the tuned
 * path exactly what the generic path answers.
 */
describe('a host with required, unique and hasMany fields, a field-removing hook and item access on its own field', () => {
  let site: TestSite
  let schema: GraphQLSchema
  let editorToken: string

  beforeAll(async () => {
    site = await startSite({
      collections: [regionsCollection],
      name: 'tuned_reads_custom_more',
      plugin: {
        overrides: {
          roles: {
            fields: ({ defaultFields }) => [
              ...defaultFields,
              { name: 'band', type: 'text', defaultValue: 'B1', required: true },
              { name: 'code', type: 'text', unique: true },
              { name: 'headline', type: 'text', defaultValue: 'Join us', localized: true },
              { name: 'markets', type: 'relationship', hasMany: true, relationTo: 'regions' as never },
            ],
            // Anonymous readers do not get the internal code at all.
            hooks: { afterRead: [({ doc, req }) => (req.user ? doc : Object.fromEntries(Object.entries(doc).filter(([key]) => key !== 'code')))] },
          },
          skills: {
            access: {
              read: ({ req }): true | Where => (req.user ? true : { and: [{ _status: { equals: 'published' } }, { internal: { not_equals: true } }] }),
            },
            fields: ({ defaultFields }) => [...defaultFields, { name: 'internal', type: 'checkbox', defaultValue: false }],
          },
        },
        seed: true,
      },
    })
    schema = configToSchema(site.config).schema
    editorToken = await site.login()
    const emea = await site.payload.create({ collection: 'regions' as never, data: { name: 'EMEA' } as never })
    const apac = await site.payload.create({ collection: 'regions' as never, data: { name: 'APAC' } as never })
    const pm = await bySlug(site, 'roles', PM)
    await site.payload.update({ collection: 'roles', data: { code: 'PM-1', markets: [apac.id, emea.id] } as never, id: pm.id })
    const organizational = await bySlug(site, 'skills', 'organizational-skills')
    await site.payload.update({ collection: 'skills', data: { internal: true } as never, id: organizational.id })
  })
  afterAll(async () => site?.stop())

  for (const reader of ['anonymous', 'editor'] as const) {
    it(`role page, comparison, matching, similar roles and JSON-LD answer as the generic path (${reader})`, async () => {
      expect(untunedReason(site.payload)).toBeUndefined()
      const token = reader === 'editor' ? editorToken : undefined
      const queries: [string, Record<string, unknown>][] = [
        [`query ($slug: String!) { roleBySlug(slug: $slug) { ${selectAll(schema.getType('Role') as GraphQLObjectType, 3)} } }`, { slug: PM }],
        [`query ($slug: String!) { roleBySlug(slug: $slug) { ${selectAll(schema.getType('Role') as GraphQLObjectType, 3)} } }`, { slug: TPM }],
        [`query ($a: String!, $b: String!) { compareRoles(a: $a, b: $b) { ${selectAll(schema.getType('RoleComparison') as GraphQLObjectType, 3)} } }`, { a: PM, b: TPM }],
        [`{ matchRoles(skills: ["organizational-skills", "communication"]) { ${selectAll(schema.getType('RoleMatches') as GraphQLObjectType, 2)} } }`, {}],
        [`{ similarRoles(slug: "${TPM}") { ${selectAll(schema.getType('RoleSimilarRoles') as GraphQLObjectType, 2)} } }`, {}],
      ]
      for (const [query, variables] of queries) {
        const { generic, statements, tuned } = await bothPaths(site, query, variables, token)
        expect(tuned, query.slice(0, 60)).toEqual(generic)
        expect(statements.tuned.some(isTunedStatement), query.slice(0, 60)).toBe(true)
      }
      setTuned(site, true)
      const tunedJsonLd = await site.rest.get(`/roles/${PM}/jsonld`, { token })
      setTuned(site, false)
      const genericJsonLd = await site.rest.get(`/roles/${PM}/jsonld`, { token }).finally(() => setTuned(site, true))
      expect(tunedJsonLd.status).toBe(200)
      expect(tunedJsonLd.body).toEqual(genericJsonLd.body)
    })
  }

  it("applies the host's rules: what each reader gets", async () => {
    const query = `{ roleBySlug(slug: "${PM}") { band code headline markets { name } skills { skill { slug } } } matchRoles(skills: ["organizational-skills"]) { totalDocs unknownSkills } }`
    const anonymous = (await site.graphql(query)).body.data
    expect(anonymous.roleBySlug).toMatchObject({ band: 'B1', code: null, headline: 'Join us' })
    // (GraphQL resolves hasMany links in completion order: compared as a set.)
    expect(anonymous.roleBySlug.markets.map((market: { name: string }) => market.name).sort()).toEqual(['APAC', 'EMEA'])
    expect(anonymous.roleBySlug.skills.map((link: { skill: { slug: string } }) => link.skill.slug)).not.toContain('organizational-skills')
    expect(anonymous.matchRoles).toEqual({ totalDocs: 0, unknownSkills: ['organizational-skills'] })
    const editor = (await site.graphql(query, {}, editorToken)).body.data
    expect(editor.roleBySlug.code).toBe('PM-1')
    expect(editor.roleBySlug.skills.map((link: { skill: { slug: string } }) => link.skill.slug)).toContain('organizational-skills')
    expect(editor.matchRoles.totalDocs).toBe(1)
  })
})

/**
 * A site whose locales are none of the seed's (French first, Spanish besides) and whose admin speaks
 * French only: the seed starts it, the English text lands in the default locale, Spanish reads fall
 * back to it, and the tuned path answers what the generic path answers in each locale.
 */
describe('a site whose locales and admin language are not the plugin\'s (fr, es)', () => {
  let site: TestSite
  beforeAll(async () => {
    const { fr } = await import('@payloadcms/translations/languages/fr')
    site = await startSite({
      config: { i18n: { supportedLanguages: { fr } }, localization: { defaultLocale: 'fr', fallback: true, locales: ['fr', 'es'] } },
      name: 'tuned_reads_fr_es',
      plugin: { seed: true },
    })
  })
  afterAll(async () => site?.stop())

  it('roleBySlug and compareRoles in fr and es, with and without fallback, on both paths', async () => {
    for (const args of ['', 'locale: es', 'locale: es, fallbackLocale: none', 'locale: fr']) {
      const query = `{
        roleBySlug(slug: "${PM}"${args ? `, ${args}` : ''}) { title summary skills { skill { slug name } } jsonLd }
        compareRoles(a: "${PM}", b: "${TPM}"${args ? `, ${args}` : ''}) { skills { shared { slug label } onlyB { slug label } } }
      }`
      const { generic, statements, tuned } = await bothPaths(site, query, {})
      expect(tuned, args).toEqual(generic)
      expect(statements.tuned.some(isTunedStatement), args).toBe(true)
      expect(tuned.roleBySlug.title, args).toBe(args.includes('none') ? null : 'Project Manager')
    }
  })
})
