/**
 * The catalogue's API in every locale (issue 12, part 1): `roleBySlug`, `compareRoles` and `jsonLd`
 * take Payload's own `locale` / `fallbackLocale` arguments and answer as Payload's own queries do;
 * the REST comparison and JSON-LD take `?locale=` / `?fallback-locale=` and refuse unknown ones;
 * JSON-LD states its language; a comparison is the same in every language apart from the words.
 * On a site with localization (tests/helpers/localized.ts), with the plugin's slugs and overridden.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { TestSite } from './helpers/setup.js'

import { french, german, PM, startLocalizedSite, TPM } from './helpers/localized.js'
import { schemaOrgIssues, textLanguagesOf, textsWithLanguage } from './helpers/schemaOrg.js'
import { recordStatements } from './helpers/sqlCounter.js'

const locales = [undefined, 'en', 'de', 'fr'] as const
const fallbacks = [undefined, 'none', 'en', 'de'] as const

const ROLE = `query ($slug: String!, $locale: LocaleInputType, $fallbackLocale: FallbackLocaleInputType) {
  roleBySlug(slug: $slug, locale: $locale, fallbackLocale: $fallbackLocale) {
    id title abbreviation summary focus alternateNames
    skills { note skill { slug name alternateNames } }
    qualifications { note fieldsOfStudy { name slug } }
    buildsOn { slug title }
    builtOnBy { docs { slug title } }
    jsonLd
  }
}`

/**
 * Payload's own query for the same document, with the same arguments on the role and on the items
 * it links: the plugin's queries apply their locale and fallback to everything below them. (Payload's
 * `Role(locale, fallbackLocale: none)` passes the locale down to the linked items but not `none`:
 * they fall back to English unless asked again.)
 */
const payloadRole = (type: string) => `query ($id: Int!, $locale: LocaleInputType, $fallbackLocale: FallbackLocaleInputType) {
  ${type}(id: $id, locale: $locale, fallbackLocale: $fallbackLocale) {
    id title abbreviation summary focus alternateNames
    skills { note skill(locale: $locale, fallbackLocale: $fallbackLocale) { slug name alternateNames } }
    qualifications { note fieldsOfStudy { name slug } }
    buildsOn(locale: $locale, fallbackLocale: $fallbackLocale) { slug title }
    builtOnBy { docs { slug title } }
  }
}`

const COMPARE = `query ($a: String!, $b: String!, $locale: LocaleInputType, $fallbackLocale: FallbackLocaleInputType) {
  compareRoles(a: $a, b: $b, locale: $locale, fallbackLocale: $fallbackLocale) {
    a { slug title skills { skill { name } } }
    b { slug title }
    aBuildsOnB bBuildsOnA
    responsibilities { shared { slug label a { requirement note } b { requirement note } } onlyA { slug label requirement note } onlyB { slug label requirement note } }
    skills { shared { slug label a { requirement note } b { requirement note } } onlyA { slug label requirement note } onlyB { slug label requirement note } }
    certifications { shared { slug label } onlyA { slug label } onlyB { slug label } }
    qualifications { shared { slug label a { level } b { level } } onlyA { slug label level } onlyB { slug label level } }
    experience { shared { slug label } onlyA { slug label } onlyB { slug label } }
  }
}`

const vars = (locale?: string, fallbackLocale?: string) => ({
  ...(locale ? { locale } : {}),
  ...(fallbackLocale ? { fallbackLocale } : {}),
})

/** A comparison with every text left out: which items, on which side, with which requirement and level. */
const structure = (comparison: Record<string, any>) =>
  Object.fromEntries(
    ['responsibilities', 'skills', 'certifications', 'qualifications', 'experience', 'aBuildsOnB', 'bBuildsOnA'].map((name) => {
      const dimension = comparison[name]
      if (typeof dimension === 'boolean') return [name, dimension]
      return [
        name,
        {
          onlyA: dimension.onlyA.map((item: any) => [item.slug, item.requirement ?? null, item.level ?? null]),
          onlyB: dimension.onlyB.map((item: any) => [item.slug, item.requirement ?? null, item.level ?? null]),
          shared: dimension.shared.map((item: any) => [item.slug, item.a?.requirement ?? null, item.b?.requirement ?? null, item.a?.level ?? null]),
        },
      ]
    }),
  )

for (const rolesSlug of ['roles', 'job-roles'] as const) {
  describe(`the API in every locale (roles collection "${rolesSlug}")`, () => {
    let site: TestSite
    let token: string
    const type = rolesSlug === 'roles' ? 'Role' : 'JobRole'

    beforeAll(async () => {
      site = await startLocalizedSite(`locales_${rolesSlug}`, rolesSlug === 'roles' ? {} : { overrides: { roles: { slug: 'job-roles' } } })
      token = await site.login()
    })
    afterAll(async () => site?.stop())

    it('roleBySlug answers in the locale asked for, its items and jsonLd too', async () => {
      const en = (await site.graphql(ROLE, { slug: PM })).body
      expect(en.errors).toBeUndefined()
      expect(en.data.roleBySlug.title).toBe('Project Manager')
      expect(en.data.roleBySlug.jsonLd).toMatchObject({ '@context': ['https://schema.org', { '@language': 'en' }], name: 'Project Manager' })

      const { body } = await site.graphql(ROLE, { locale: 'de', slug: PM })
      expect(body.errors).toBeUndefined()
      const de = body.data.roleBySlug
      expect(de).toMatchObject({ summary: german.pmSummary, title: german.pmTitle, alternateNames: ['Projektleiter'] })
      // Empty in German: the English abbreviation shows through; untranslated focus too.
      expect(de.abbreviation).toBe(en.data.roleBySlug.abbreviation)
      expect(de.focus).toBe(en.data.roleBySlug.focus)
      const leadership = de.skills.find((link: any) => link.skill.slug === 'leadership')
      expect(leadership).toMatchObject({ note: german.note, skill: { name: german.leadership, alternateNames: ['Leading people', 'People leadership'] } })
      expect(de.qualifications[0].fieldsOfStudy[0].name).toBe('Betriebswirtschaft')
      expect(de.builtOnBy.docs).toEqual([{ slug: TPM, title: german.tpmTitle }])
      expect(de.jsonLd).toMatchObject({ '@context': ['https://schema.org', { '@language': 'de' }], name: german.pmTitle, description: german.pmSummary })
      expect(de.jsonLd.skills.map((skill: any) => skill.name)).toContain(german.leadership)
      // The degree's words are in the language of the text too, not English with German fields.
      const [degree] = de.jsonLd.educationRequirements
      expect(degree.educationalLevel).toBe('Bachelor-Abschluss')
      // German words and field names, two of which fell back to English: text of no one language.
      expect(degree.name).toEqual({ '@value': expect.stringMatching(/^Bachelor-Abschluss in Betriebswirtschaft, .+ oder .+$/) })
      expect(en.data.roleBySlug.jsonLd.educationRequirements[0].name).toMatch(/^Bachelor's degree in Business administration, .+ or .+$/)

      // jsonLd in a language of its own under a German role: the role in that language, tagged so.
      const mixed = (
        await site.graphql(`{ roleBySlug(slug: "${PM}", locale: de) { title english: jsonLd(locale: en) german: jsonLd } }`)
      ).body
      expect(mixed.errors).toBeUndefined()
      expect(mixed.data.roleBySlug.title).toBe(german.pmTitle)
      expect(mixed.data.roleBySlug.english).toEqual(en.data.roleBySlug.jsonLd)
      expect(mixed.data.roleBySlug.german).toEqual(de.jsonLd)

      // No fallback: what has no German text is null.
      const none = (await site.graphql(ROLE, { fallbackLocale: 'none', locale: 'de', slug: PM })).body.data.roleBySlug
      expect(none).toMatchObject({ abbreviation: '', focus: null, title: german.pmTitle })
      expect(none.skills.find((link: any) => link.skill.slug === 'problem-solving')?.skill.name ?? null).toBeNull()
    })

    /** The text of a role and what it links, from a GraphQL answer or a REST document at depth 1. */
    const text = (role: any) => ({
      abbreviation: role.abbreviation ?? null,
      alternateNames: role.alternateNames ?? null,
      buildsOn: (role.buildsOn ?? []).map((other: any) => other.title ?? null),
      fieldsOfStudy: (role.qualifications ?? []).map((row: any) => row.fieldsOfStudy.map((field: any) => field.name ?? null)),
      focus: role.focus ?? null,
      skills: (role.skills ?? []).map((link: any) => [link.note ?? null, link.skill?.name ?? null, link.skill?.alternateNames ?? null]),
      summary: role.summary ?? null,
      title: role.title ?? null,
    })

    it("answers what Payload's own REST and GraphQL answer, for every locale and fallback", async () => {
      const pm = (await site.graphql(ROLE, { slug: PM })).body.data.roleBySlug
      for (const locale of locales) {
        for (const fallbackLocale of fallbacks) {
          for (const reader of [undefined, token]) {
            const label = `${locale}/${fallbackLocale}/${reader ? 'editor' : 'anonymous'}`
            const ours = await site.graphql(ROLE, { slug: PM, ...vars(locale, fallbackLocale) }, reader)
            expect(ours.body.errors, label).toBeUndefined()
            const { jsonLd, ...role } = ours.body.data.roleBySlug
            expect(jsonLd['@context'], label).toEqual(['https://schema.org', { '@language': locale ?? 'en' }])
            // Payload's REST, with the same parameters: the role and its items at depth 1.
            const query = new URLSearchParams({ depth: '1', ...(locale ? { locale } : {}), ...(fallbackLocale ? { 'fallback-locale': fallbackLocale } : {}) })
            const rest = await site.rest.get(`/${rolesSlug}/${pm.id}?${query}`, { token: reader })
            expect(rest.status).toBe(200)
            expect(text(role), label).toEqual(text(rest.body))
            // Payload's GraphQL, asked in the same locale at every level. Without `fallbackLocale`
            // its top level falls back to the request's default rather than the locale's own chain
            // (French: German, then English), so those are compared through REST only.
            if (fallbackLocale === undefined && locale === 'fr') continue
            const theirs = await site.graphql(payloadRole(type), { id: pm.id, ...vars(locale, fallbackLocale) }, reader)
            expect(theirs.body.errors).toBeUndefined()
            expect(role, label).toEqual(theirs.body.data[type])
          }
        }
      }
      // French falls back to German, then English: the config's chain for French.
      const fr = (await site.graphql(ROLE, { locale: 'fr', slug: PM })).body.data.roleBySlug
      expect(fr).toMatchObject({ focus: french.pmFocus, summary: german.pmSummary, title: german.pmTitle })
      expect(fr.skills.map((link: any) => link.skill.name)).toEqual(expect.arrayContaining([french.leadership, german.communication]))
      const rest = await site.rest.get(`/${rolesSlug}/${PM}/jsonld?locale=fr`)
      expect(rest.status).toBe(200)
      expect(rest.headers['content-language']).toBe('fr')
      // The German that French fell back to says it is German (the JSON-LD way: a value object).
      expect(rest.body).toMatchObject({
        '@context': ['https://schema.org', { '@language': 'fr' }],
        description: { '@language': 'de', '@value': german.pmSummary },
        name: { '@language': 'de', '@value': german.pmTitle },
      })
      expect(rest.body.skills.map((skill: any) => skill.name)).toEqual(
        expect.arrayContaining([french.leadership, { '@language': 'de', '@value': german.communication }]),
      )
    })

    it('JSON-LD is valid schema.org in every locale and says its language the JSON-LD way (REST, GraphQL)', async () => {
      for (const locale of locales) {
        for (const fallbackLocale of fallbacks) {
          const label = `${locale}/${fallbackLocale}`
          const { jsonLd } = (await site.graphql(ROLE, { slug: PM, ...vars(locale, fallbackLocale) })).body.data.roleBySlug
          const query = new URLSearchParams({ ...(locale ? { locale } : {}), ...(fallbackLocale ? { 'fallback-locale': fallbackLocale } : {}) })
          const rest = await site.rest.get(`/${rolesSlug}/${TPM}/jsonld?${query}`)
          expect(rest.status, label).toBe(200)
          expect(await schemaOrgIssues([jsonLd, rest.body]), label).toEqual([])
          // A JSON-LD processor reads the text as being in the locale asked for (the default: English),
          // apart from text that fell back, which says its own language (the test below).
          const asked = locale ?? 'en'
          const possible = new Set<null | string>([asked, ...(fallbackLocale === 'none' ? [] : ['en', 'de']), null])
          for (const document of [jsonLd, rest.body]) {
            const languages = await textLanguagesOf(document)
            expect([...languages].filter((language) => !possible.has(language)), label).toEqual([])
            // Without fallback only the language asked for, and keys standing in for missing names (none).
            if (fallbackLocale === 'none') expect([...languages].filter((language) => language !== asked && language !== null), label).toEqual([])
            else if (asked === 'en') expect(languages, label).toEqual(new Set([asked]))
          }
          expect(rest.headers['content-language'], label).toBe(locale ?? 'en')
        }
      }
    })

    it('JSON-LD text that fell back says the language it is in; text of no one language says none', async () => {
      /** The language a JSON-LD processor gives each text of the answer, by text (the first if repeated). */
      const languages = async (document: Record<string, unknown>) => {
        const pairs = await textsWithLanguage(document)
        const byText = new Map<string, null | string>()
        for (const [text, language] of pairs) if (!byText.has(text)) byText.set(text, language)
        return byText
      }
      const answers = async (locale?: string, fallbackLocale?: string) => {
        const { jsonLd } = (await site.graphql(ROLE, { slug: PM, ...vars(locale, fallbackLocale) })).body.data.roleBySlug
        const query = new URLSearchParams({ ...(locale ? { locale } : {}), ...(fallbackLocale ? { 'fallback-locale': fallbackLocale } : {}) })
        const rest = await site.rest.get(`/${rolesSlug}/${PM}/jsonld?${query}`)
        // The same document over REST and GraphQL, valid schema.org.
        expect(rest.body).toEqual(jsonLd)
        expect(await schemaOrgIssues([jsonLd])).toEqual([])
        return languages(jsonLd)
      }

      // German falling back to English: the German text is German, the English that shows through is English.
      const de = await answers('de')
      expect(de.get(german.pmTitle)).toBe('de')
      expect(de.get(german.pmSummary)).toBe('de')
      expect(de.get(german.leadership)).toBe('de')
      expect(de.get('PM')).toBe('en')
      expect(de.get('Organizational skills')).toBe('en')

      // French falls back to German, then English: each text in the language it came from.
      const fr = await answers('fr')
      expect(fr.get(french.leadership)).toBe('fr')
      expect(fr.get(german.pmTitle)).toBe('de')
      expect(fr.get(german.pmSummary)).toBe('de')
      expect(fr.get(german.communication)).toBe('de')
      expect(fr.get('Organizational skills')).toBe('en')
      // The plugin has no French degree words: the level is English, and the degree's name, English
      // words around German and English field names, is in no one language.
      expect(fr.get("Bachelor's degree")).toBe('en')
      const degreeName = [...fr.keys()].find((text) => text.startsWith("Bachelor's degree in "))!
      expect(degreeName).toContain('Betriebswirtschaft')
      expect(fr.get(degreeName)).toBeNull()

      // No fallback in a locale with little text: where a name is missing, its key stands in, and a
      // key is no French text: it says no language.
      const none = (await site.graphql(ROLE, { fallbackLocale: 'none', locale: 'fr', slug: PM })).body.data.roleBySlug.jsonLd
      const skillNames = Object.fromEntries(none.skills.map((skill: any) => [skill.termCode, skill.name]))
      expect(skillNames.leadership).toBe(french.leadership)
      expect(skillNames.communication).toEqual({ '@value': 'communication' })
      expect(none.educationRequirements[0].about[0].name).toEqual({ '@value': 'business-administration' })
      expect((await languages(none)).get('business-administration')).toBeNull()

      // No fallback: the language asked for, or none for a key standing in for a missing name.
      const germanOnly = await answers('de', 'none')
      expect(new Set(germanOnly.values())).toEqual(new Set(['de', null]))
      // (The degree's name, German words around keys, is of no one language either.)
      for (const [text, language] of germanOnly) if (language === null) expect(/^[a-z0-9-]+$/.test(text) || text.startsWith('Bachelor-Abschluss in '), text).toBe(true)
      // The default locale: every text is English.
      for (const locale of ['en', undefined] as const) {
        const all = await answers(locale)
        expect(new Set(all.values()), `${locale}`).toEqual(new Set(['en']))
      }
    })

    it("a list of roles with jsonLd in German checks the text's language with reads per locale, not per role", async () => {
      const list = (limit: number) => `{ ${type === 'Role' ? 'Roles' : 'JobRoles'}(locale: de, limit: ${limit}, sort: "slug") { docs { slug jsonLd } } }`
      const bare = (limit: number) => `{ ${type === 'Role' ? 'Roles' : 'JobRoles'}(locale: de, limit: ${limit}, sort: "slug") { docs { slug } } }`
      const added = async (limit: number) => {
        const withJsonLd = await recordStatements(site.databaseUrl, () => site.graphql(list(limit)))
        const without = await recordStatements(site.databaseUrl, () => site.graphql(bare(limit)))
        expect(withJsonLd.result.body.errors).toBeUndefined()
        return { docs: withJsonLd.result.body.data[type === 'Role' ? 'Roles' : 'JobRoles'].docs, statements: withJsonLd.statements.length - without.statements.length }
      }
      const one = await added(1)
      const two = await added(2)
      expect(two.docs).toHaveLength(2)
      // Both roles have text that fell back to English, so both were checked in German and English.
      for (const doc of two.docs) expect(JSON.stringify(doc.jsonLd)).toContain('"@language":"en"')
      expect(two.statements).toBe(one.statements)
    })

    it('compareRoles matches items by document: the same comparison in every language apart from the words', async () => {
      const en = (await site.graphql(COMPARE, { a: PM, b: TPM })).body
      expect(en.errors).toBeUndefined()
      for (const locale of ['de', 'fr'] as const) {
        for (const fallbackLocale of [undefined, 'none'] as const) {
          const other = (await site.graphql(COMPARE, { a: PM, b: TPM, ...vars(locale, fallbackLocale) })).body
          expect(other.errors).toBeUndefined()
          expect(structure(other.data.compareRoles), `${locale}/${fallbackLocale}`).toEqual(structure(en.data.compareRoles))
        }
      }
      const de = (await site.graphql(COMPARE, { a: PM, b: TPM, locale: 'de' })).body.data.compareRoles
      expect(de.a.title).toBe(german.pmTitle)
      expect(de.b.title).toBe(german.tpmTitle)
      expect(de.a.skills.map((link: any) => link.skill.name)).toContain(german.leadership)
      const shared = de.skills.shared.find((item: any) => item.slug === 'leadership')
      expect(shared).toMatchObject({ label: german.leadership, a: { note: german.note } })
      expect(de.skills.shared.find((item: any) => item.slug === 'communication').label).toBe(german.communication)
    })

    it('REST compare and jsonld take ?locale= and ?fallback-locale=', async () => {
      const de = await site.rest.get(`/${rolesSlug}/compare?a=${PM}&b=${TPM}&locale=de`)
      expect(de.status).toBe(200)
      expect(de.body.a.title).toBe(german.pmTitle)
      expect(de.body.skills.shared.find((item: any) => item.slug === 'leadership').label).toBe(german.leadership)
      const en = await site.rest.get(`/${rolesSlug}/compare?a=${PM}&b=${TPM}`)
      expect(structure(de.body)).toEqual(structure(en.body))
      const none = await site.rest.get(`/${rolesSlug}/compare?a=${PM}&b=${TPM}&locale=de&fallback-locale=none`)
      expect(none.status).toBe(200)
      expect(none.body.a.focus).toBeNull()

      const jsonld = await site.rest.get(`/${rolesSlug}/${PM}/jsonld?locale=de`)
      expect(jsonld.status).toBe(200)
      expect(jsonld.body).toMatchObject({ '@context': ['https://schema.org', { '@language': 'de' }], name: german.pmTitle })
      const noFallback = await site.rest.get(`/${rolesSlug}/${PM}/jsonld?locale=de&fallback-locale=none`)
      expect(noFallback.body.alternateName).toBeUndefined()
      expect(noFallback.body.skills.map((skill: any) => skill.name)).not.toContain('Problem-solving')
    })

    it('an unknown locale or fallback is a 400 naming the parameter, never the default language', async () => {
      for (const [query, parameter] of [
        ['locale=xx', 'locale'],
        ['locale=all', 'locale'],
        ['locale=de&fallback-locale=xx', 'fallback-locale'],
        ['fallbackLocale=%3Cscript%3E', 'fallbackLocale'],
      ] as const) {
        for (const path of [`/${rolesSlug}/compare?a=${PM}&b=${TPM}&${query}`, `/${rolesSlug}/${PM}/jsonld?${query}`]) {
          const { body, status } = await site.rest.get(path)
          expect(status, path).toBe(400)
          expect(body.errors[0].message, path).toContain(`"${parameter}"`)
          expect(body.errors[0].message).toContain('en, de, fr')
        }
      }
      // GraphQL: Payload's own enum refuses it before anything is read.
      const graphql = await site.graphql(`{ roleBySlug(slug: "${PM}", locale: xx) { title } }`)
      expect(graphql.body.data).toBeUndefined()
      expect(graphql.body.errors?.[0].message).toMatch(/"locale"/)
    })

    it('a filter or sort on alternate names (a list per language) is a 400 naming the field, not the adapter’s 500', async () => {
      // Payload's PostgreSQL adapter writes such a filter's SQL without the locale column.
      for (const [collection, query] of [
        ['skills', 'where[alternateNames][equals]=x'],
        ['skills', 'where[alternateNames][contains]=x'],
        ['skills', 'where[alternateNames][in]=x,y'],
        ['skills', 'where[alternateNames][exists]=true'],
        ['skills', 'where[or][0][alternateNames][equals]=x'],
        ['skills', 'locale=de&where[alternateNames][like]=x'],
        ['skills', 'sort=alternateNames'],
        ['skills', 'sort=-alternateNames'],
        [rolesSlug, 'where[alternateNames][equals]=x'],
        [rolesSlug, 'sort=name,-alternateNames'],
        [rolesSlug, 'where[skills.skill.alternateNames][equals]=x'],
      ] as const) {
        const { body, status } = await site.rest.get(`/${collection}?depth=0&${query}`)
        expect([query, status], collection).toEqual([query, 400])
        expect(body.errors[0].message, query).toContain('alternateNames')
        const count = await site.rest.get(`/${collection}/count?${query}`)
        if (query.startsWith('where')) expect([query, count.status]).toEqual([query, 400])
      }
      const graphql = await site.graphql(`{ Skills(where: { alternateNames: { equals: "x" } }) { docs { slug } } }`)
      expect(graphql.body.errors?.[0].message).toContain('alternateNames')
      expect(graphql.body.errors?.[0].extensions?.statusCode).toBe(400)
      const sorted = await site.graphql(`{ ${type}s(sort: "alternateNames") { docs { slug } } }`)
      expect(sorted.body.errors?.[0].extensions?.statusCode).toBe(400)
      // Other filters and sorts are untouched.
      expect((await site.rest.get(`/skills?depth=0&where[name][equals]=x&sort=-name`)).status).toBe(200)
    })
  })
}
