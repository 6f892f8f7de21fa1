/**
 * The plugin on a SQLite site (@payloadcms/db-sqlite, in process), where the PostgreSQL
 * accelerations do not apply and everything goes through Payload's Local API: it starts with
 * `seed: true`, and its GraphQL, REST, comparison and JSON-LD answers are the ones a PostgreSQL
 * site with the same content gives (that site is the reference: its answers are what the other
 * test files check; it runs first and is stopped, as Payload's route handlers serve one Payload per
 * process). Access, drafts, slugs, the delete guard and the importer work as there.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { BasePayload, buildConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { generateEscoCatalogue } from '../scripts/bench/generateEscoCatalogue.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { keepTextWhenLocalizing } from '../src/exports/migrations.js'
import { catalogGraphQLRoute } from '../src/exports/routes.js'
import { importEscoFolder } from '../src/import/index.js'
import { roleCatalogPlugin } from '../src/index.js'
import { french, german, startLocalizedSite } from './helpers/localized.js'
import { scratchFolder } from './helpers/scratch.js'
import { startSite, type TestSite } from './helpers/setup.js'

const PM = 'project-manager'
const TPM = 'technical-project-manager'

const ROLE_PAGE = `query RolePage($slug: String!, $draft: Boolean) {
  roleBySlug(slug: $slug, draft: $draft) {
    slug title abbreviation summary focus
    buildsOn { slug title }
    builtOnBy { docs { slug title } }
    responsibilities { requirement note responsibility { slug title description } }
    skills { requirement note skill { slug name kind } }
    certifications { requirement note certification { slug name abbreviation } }
    qualifications { level requirement note fieldsOfStudy { name slug } }
    experience { area slug kind requirement note }
    externalCodes { scheme code label uri match source }
    jsonLd
  }
}`

const dimension = `{
  shared { slug label kind abbreviation a { requirement note level } b { requirement note level } }
  onlyA { slug label kind abbreviation requirement note level }
  onlyB { slug label kind abbreviation requirement note level }
}`
const COMPARE = `query Compare($a: String!, $b: String!) {
  compareRoles(a: $a, b: $b) {
    a { slug title abbreviation } b { slug title abbreviation } aBuildsOnB bBuildsOnA
    responsibilities ${dimension} skills ${dimension} certifications ${dimension}
    qualifications ${dimension} experience ${dimension}
  }
}`
const LIST = `{ Roles(sort: "slug") { docs { slug title _status skills { requirement skill { slug name } } } } Skills(limit: 100, sort: "slug") { totalDocs docs { slug roles { docs { slug } } } } }`

/** A REST list at depth 1, without what differs between two databases (IDs, timestamps). */
const restShape = (body: any): { buildsOn: string[]; skills: [string, string][]; title: string }[] =>
  body.docs.map((doc: any) => ({
    buildsOn: doc.buildsOn.map((role: any) => role.slug),
    skills: doc.skills.map((link: any) => [link.skill.slug, link.requirement]),
    title: doc.title,
  }))

/** The plugin's GraphQL route on the site, with Payload's `extensions` counting the operations it executes (reset with `site.payload.extensions = undefined`). */
const countedGraphQLRoute = (site: TestSite) => {
  const counted = { executions: 0 }
  site.payload.extensions = async ({ result }) => {
    counted.executions++
    return result
  }
  return { counted, route: catalogGraphQLRoute(site.config) }
}

describe('on a SQLite site (@payloadcms/db-sqlite)', () => {
  let site: TestSite
  let token: string
  const logLines: { level: number; msg: string }[] = []
  /** What the PostgreSQL site answers, by request. */
  const reference = new Map<string, unknown>()
  const counts = new Map<string, number>()
  const REFERENCE_READS: [string, (site: TestSite) => Promise<unknown>][] = [
    ...[PM, TPM].map((slug): [string, (site: TestSite) => Promise<unknown>] => [`role:${slug}`, async (each) => (await each.graphql(ROLE_PAGE, { slug })).body]),
    ['list', async (each) => (await each.graphql(LIST)).body],
    ['compare', async (each) => (await each.graphql(COMPARE, { a: PM, b: TPM })).body],
    ['rest:compare', async (each) => (await each.rest.get(`/roles/compare?a=${PM}&b=${TPM}`)).body],
    ['rest:jsonld', async (each) => (await each.rest.get(`/roles/${TPM}/jsonld`)).body],
    ['rest:depth', async (each) => restShape((await each.rest.get(`/roles?where[slug][equals]=${TPM}&depth=1`)).body)],
  ]
  const answer = (key: string) => REFERENCE_READS.find(([name]) => name === key)![1](site)

  beforeAll(async () => {
    const postgres = await startSite({ name: 'sqlite_reference' })
    try {
      await seedRoleCatalog({ log: () => {}, payload: postgres.payload })
      for (const [key, read] of REFERENCE_READS) reference.set(key, await read(postgres))
      for (const collection of ['roles', 'responsibilities', 'certifications', 'skills'] as const) {
        counts.set(collection, (await postgres.payload.count({ collection })).totalDocs)
      }
    } finally {
      await postgres.stop()
    }
    site = await startSite({
      adapter: 'sqlite',
      // What the plugin logs at start, as a site's log would show it.
      config: {
        logger: {
          destination: { write: (line: string) => void logLines.push(JSON.parse(line)) } as never,
          options: { level: 'info' },
        },
      },
      name: 'sqlite',
      plugin: {
        // A host field hidden from readers who are not logged in (field-level access), made searchable.
        overrides: {
          skills: {
            fields: ({ defaultFields }) => [...defaultFields, { name: 'internalNotes', type: 'text', access: { read: ({ req }) => Boolean(req.user) } }],
          },
        },
        responseCache: true,
        search: { fields: { skills: ['internalNotes'] } },
        seed: true,
      },
    })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  it('starts with `seed: true` and says once, at info level, which PostgreSQL-only parts are off', async () => {
    const lines = logLines.filter((line) => line.msg.includes('role catalog: the site runs on'))
    expect(lines).toHaveLength(1)
    expect(lines[0]!.level).toBe(30)
    expect(lines[0]!.msg).toBe(
      'role catalog: the site runs on the "sqlite" adapter; the catalogue works through Payload\'s Local API, and the PostgreSQL-only parts are off: tuned reads, LISTEN/NOTIFY between instances, read replicas, bulk import, ranked search',
    )
    expect(site.payload.db.name).toBe('sqlite')
    for (const collection of ['roles', 'responsibilities', 'certifications', 'skills'] as const) {
      const here = await site.payload.count({ collection })
      expect(here.totalDocs, collection).toBe(counts.get(collection))
      expect(here.totalDocs, collection).toBeGreaterThan(1)
    }
  })

  it('two seeds at once on an empty SQLite database queue up: each document once, no error', async () => {
    // A second SQLite site, Local API only (no route handlers), on a new file: nothing seeded yet.
    const folder = await scratchFolder('sqlite-seed-')
    const fresh = await new BasePayload().init({
      config: await buildConfig({
        collections: [{ slug: 'users', auth: true, fields: [] }],
        db: sqliteAdapter({ client: { url: `file:${path.join(folder, 'seed.db')}` } }),
        logger: { options: { level: 'fatal' } },
        plugins: [roleCatalogPlugin()],
        secret: 'role-catalog-test-secret',
        telemetry: false,
        typescript: { autoGenerate: false },
      }),
    })
    try {
      const [first, second] = await Promise.all([
        seedRoleCatalog({ log: () => {}, payload: fresh }),
        seedRoleCatalog({ log: () => {}, payload: fresh }),
      ])
      // One of them created everything; the other found it there.
      const created = [first, second].map((report) => report.created.skills.length).sort((a, b) => a - b)
      expect(created).toEqual([0, counts.get('skills')])
      for (const collection of ['roles', 'responsibilities', 'certifications', 'skills'] as const) {
        expect((await fresh.count({ collection })).totalDocs, collection).toBe(counts.get(collection))
      }
    } finally {
      await fresh.destroy()
      await rm(folder, { force: true, recursive: true })
    }
  })

  it('roleBySlug (with JSON-LD) answers over GraphQL exactly what the PostgreSQL site answers', async () => {
    for (const slug of [PM, TPM]) {
      const here = (await answer(`role:${slug}`)) as any
      expect(here.errors).toBeUndefined()
      expect(here.data.roleBySlug.title).toBe(slug === PM ? 'Project Manager' : 'Technical Project Manager')
      expect(here.data.roleBySlug.jsonLd['@type']).toBe('Occupation')
      expect(here).toEqual(reference.get(`role:${slug}`))
    }
    const list = (await answer('list')) as any
    expect(list.errors).toBeUndefined()
    expect(list.data.Skills.docs.find((skill: any) => skill.slug === 'leadership').roles.docs).toHaveLength(2)
    expect(list).toEqual(reference.get('list'))
  })

  it('compareRoles (GraphQL and REST) and the JSON-LD endpoint answer as on PostgreSQL', async () => {
    const compare = (await answer('compare')) as any
    expect(compare.errors).toBeUndefined()
    expect(compare.data.compareRoles.bBuildsOnA).toBe(true)
    expect(compare).toEqual(reference.get('compare'))

    expect((await site.rest.get(`/roles/compare?a=${PM}&b=${TPM}`)).status).toBe(200)
    expect(await answer('rest:compare')).toEqual(reference.get('rest:compare'))
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=chief-wizard`)).status).toBe(404)

    expect((await site.rest.get(`/roles/${TPM}/jsonld`)).status).toBe(200)
    const jsonLd = (await answer('rest:jsonld')) as any
    expect(jsonLd['@type']).toBe('Occupation')
    expect(jsonLd).toEqual(reference.get('rest:jsonld'))
  })

  it('REST reads with depth answer as on PostgreSQL', async () => {
    const here = (await answer('rest:depth')) as ReturnType<typeof restShape>
    expect(here).toHaveLength(1)
    expect(here[0]!.buildsOn).toEqual([PM])
    expect(here[0]!.skills.length).toBeGreaterThan(3)
    expect(here).toEqual(reference.get('rest:depth'))
  })

  it('drafts and access: a draft role is the editor\'s only, in lists, roleBySlug and comparisons', async () => {
    const created = await site.rest.post('/roles?draft=true', {
      body: { _status: 'draft', slug: 'draft-role', summary: 'Not yet.', title: 'Draft Role' },
      token,
    })
    expect(created.status).toBe(201)
    expect((await site.graphql(ROLE_PAGE, { draft: true, slug: 'draft-role' })).body.data.roleBySlug).toBeNull()
    expect((await site.rest.get('/roles?where[slug][equals]=draft-role')).body.docs).toEqual([])
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=draft-role`)).status).toBe(404)

    const asEditor = await site.graphql(ROLE_PAGE, { draft: true, slug: 'draft-role' }, token)
    expect(asEditor.body.data.roleBySlug).toMatchObject({ slug: 'draft-role', title: 'Draft Role' })
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=draft-role`, { token })).status).toBe(200)

    // Anonymous readers may not write.
    const anonymous = await site.rest.post('/roles', { body: { title: 'Sneaky' } })
    expect(anonymous.status).toBe(403)
  })

  it('slugs: derived from the title, malformed or duplicate ones refused with a 400 naming the field', async () => {
    const created = await site.rest.post('/certifications', { body: { name: 'Certified ScrumMaster®' }, token })
    expect(created.status).toBe(201)
    expect(created.body.doc.slug).toBe('certified-scrummaster')
    const malformed = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Anything', slug: 'Bad Slug' }, token })
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors[0].data.errors[0].path).toBe('slug')
    const duplicate = await site.rest.post('/certifications', { body: { name: 'Certified Scrummaster' }, token })
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.errors[0].data.errors[0].path).toBe('slug')
    const rows = await site.query<{ n: number }>(`select count(*) as n from certifications where slug = ?`, ['certified-scrummaster'])
    expect(Number(rows[0]!.n)).toBe(1)
  })

  it('refuses to delete a skill that roles link (409, naming them); an unused one deletes', async () => {
    const { docs } = await site.payload.find({ collection: 'skills', where: { slug: { equals: 'leadership' } } })
    const leadership = docs[0]!
    const response = await site.rest.delete(`/skills/${leadership.id}`, { token })
    expect(response.status).toBe(409)
    expect(response.body.errors[0].message).toBe(
      'This skill cannot be deleted: 2 roles "Project Manager", "Technical Project Manager" still link it. Remove it from those roles first.',
    )
    const graphql = await site.graphql(`mutation { deleteSkill(id: ${leadership.id}) { id } }`, {}, token)
    expect(graphql.body.errors![0].extensions.statusCode).toBe(409)
    expect((await site.payload.count({ collection: 'skills', where: { slug: { equals: 'leadership' } } })).totalDocs).toBe(1)

    const unused = await site.rest.post('/skills', { body: { kind: 'soft', name: 'Unused Skill' }, token })
    expect((await site.rest.delete(`/skills/${unused.body.doc.id}`, { token })).status).toBe(200)
  })

  it('the admin\'s Roles table of an item lists the roles that link it and edits a link, published', async () => {
    const { docs } = await site.payload.find({ collection: 'skills', where: { slug: { equals: 'communication' } } })
    const communication = docs[0]!
    const listed = await site.rest.get(`/skills/${communication.id}/role-links`, { token })
    expect(listed.status).toBe(200)
    expect(listed.body.roles.map((role: any) => [role.slug, role.status, role.links.map((link: any) => link.requirement)])).toEqual([
      [PM, 'published', ['required']],
      [TPM, 'published', ['required']],
    ])
    const pm = listed.body.roles.find((role: any) => role.slug === PM)
    const changed = await site.rest.post(`/skills/${communication.id}/role-links`, {
      body: { publish: true, requirement: 'recommended', role: pm.id },
      token,
    })
    expect(changed.status).toBe(200)
    const read = (await site.graphql(ROLE_PAGE, { slug: PM })).body.data.roleBySlug
    expect(read.skills.find((link: any) => link.skill.slug === 'communication').requirement).toBe('recommended')
    expect((await site.rest.get(`/skills/${communication.id}/role-links`)).status).toBe(403)
  })

  it('the response cache (catalogGraphQLRoute) answers again without executing, and drops the answer when the role changes', async () => {
    const { counted, route } = countedGraphQLRoute(site)
    const ask = async () => {
      const response = await route.POST(
        new Request('http://localhost/api/graphql', {
          body: JSON.stringify({ query: `{ roleBySlug(slug: "${TPM}") { title } }` }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )
      return { etag: response.headers.get('etag'), json: await response.json() }
    }
    try {
      const first = await ask()
      expect(first.json.data.roleBySlug.title).toBe('Technical Project Manager')
      expect(first.etag).toMatch(/^"[\w-]+"$/)
      const before = counted.executions
      const second = await ask()
      expect(second).toEqual(first)
      expect(counted.executions).toBe(before)

      const { docs } = await site.payload.find({ collection: 'roles', where: { slug: { equals: TPM } } })
      await site.payload.update({ id: docs[0]!.id, collection: 'roles', data: { title: 'Technical PM' } })
      const changed = await ask()
      expect(changed.json.data.roleBySlug.title).toBe('Technical PM')
      expect(counted.executions).toBe(before + 1)
      await site.payload.update({ id: docs[0]!.id, collection: 'roles', data: { title: 'Technical Project Manager' } })
    } finally {
      site.payload.extensions = undefined as never
    }
  })

  it('the response cache drops a list when an edit changes a field it sorts or filters on, and keeps it through other edits (rows compared on SQLite)', async () => {
    const { counted, route } = countedGraphQLRoute(site)
    const ask = async (query: string) => {
      const response = await route.POST(
        new Request('http://localhost/api/graphql', { body: JSON.stringify({ query }), headers: { 'Content-Type': 'application/json' }, method: 'POST' }),
      )
      return (await response.json()) as any
    }
    const RECENT = `{ Roles(sort: "-updatedAt", limit: 1) { docs { slug } } }`
    // Empty until a title changes (a role it showed would be dropped by its neighbours' edits too).
    const TITLED = `{ Roles(where: { OR: [{ title: { like: "Renamed for the list" } }] }) { docs { slug } } }`
    // Two roles of their own, linked to nothing (an edit of a role also drops the lists showing its neighbours).
    const created: any[] = []
    try {
      for (const title of ['SQLite list role one', 'SQLite list role two']) {
        created.push(await site.payload.create({ collection: 'roles', data: { _status: 'published', summary: 'Listed.', title } }))
      }
      const [older, newer] = [created[0]!, created[1]!]
      expect((await ask(RECENT)).data.Roles.docs[0].slug).toBe(newer.slug)
      const titled = await ask(TITLED)
      expect(titled.data.Roles.docs).toEqual([])
      // A summary edit: the list by update time moves, the list by title is answered from the cache.
      await site.payload.update({ collection: 'roles', data: { summary: `${String(older.summary)} ` }, id: older.id })
      const before = counted.executions
      expect(await ask(TITLED)).toEqual(titled)
      expect(counted.executions).toBe(before)
      expect((await ask(RECENT)).data.Roles.docs[0].slug).toBe(older.slug)
      expect(counted.executions).toBe(before + 1)
      await site.payload.update({ collection: 'roles', data: { summary: older.summary, title: `${String(older.title)} renamed for the list` }, id: older.id })
      expect((await ask(TITLED)).data.Roles.docs).toEqual([{ slug: older.slug }])
    } finally {
      for (const role of created) await site.payload.delete({ collection: 'roles', id: role.id })
      site.payload.extensions = undefined as never
    }
  })

  it('imports an ESCO folder through the Local API (the default here); bulk SQL says it needs PostgreSQL', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sqlite-import-'))
    try {
      const { counts: generated } = await generateEscoCatalogue(folder, { links: 20, occupations: 4, seed: 5, skills: 10 })
      await expect(importEscoFolder({ folder, method: 'sql', payload: site.payload })).rejects.toThrow(
        /`method: 'sql'` \(bulk import\) needs PostgreSQL .* "sqlite" adapter: use `method: 'localApi'`/,
      )
      const report = await importEscoFolder({ batchSize: 3, folder, payload: site.payload })
      expect(report.failed).toBeUndefined()
      expect(report.skills).toEqual({ created: generated.skills, existing: 0 })
      expect(report.roles).toEqual({ created: generated.occupations, existing: 0 })
      expect(report.links.created).toBe(generated.links)

      // What readers get: the imported roles, published, with their links.
      const imported = await site.payload.find({
        collection: 'roles',
        depth: 0,
        pagination: false,
        where: { 'source.uri': { exists: true } },
      })
      expect(imported.docs).toHaveLength(generated.occupations)
      expect(imported.docs.every((doc: any) => doc._status === 'published')).toBe(true)
      const links = imported.docs.reduce((sum: number, doc: any) => sum + (doc.skills?.length ?? 0), 0)
      expect(links).toBe(generated.links)
      const anonymous = await site.graphql(ROLE_PAGE, { slug: imported.docs[0]!.slug })
      expect(anonymous.body.data.roleBySlug.skills.length).toBe(imported.docs[0]!.skills.length)

      // A second run finds everything there and writes nothing.
      const again = await importEscoFolder({ folder, payload: site.payload })
      expect(again.skills).toEqual({ created: 0, existing: generated.skills })
      expect(again.roles).toEqual({ created: 0, existing: generated.occupations })
    } finally {
      await rm(folder, { force: true, recursive: true })
    }
  })

  it("search and suggestions answer through Payload's `like` (ranking basic), with 400s naming the argument", async () => {
    const search = await site.graphql(`{ searchCatalog(text: "project manager") { ranking totalDocs docs { collection slug matchedOn } } }`)
    expect(search.body.errors).toBeUndefined()
    expect(search.body.data.searchCatalog.ranking).toBe('basic')
    expect(search.body.data.searchCatalog.docs.slice(0, 2).map((doc: any) => doc.slug).sort()).toEqual([PM, TPM])
    const suggest = await site.rest.get('/roles/suggest?prefix=lead')
    expect(suggest.status).toBe(200)
    expect(suggest.body.suggestions.map((each: any) => each.slug)).toContain('leadership')
    const empty = await site.rest.get('/roles/search?text=')
    expect(empty.status).toBe(400)
    expect(empty.body.errors[0].message).toMatch(/^"text" is required/)
    // LIKE's wildcards are text here, not "anything": `%` alone finds nothing, `_` nothing either.
    for (const wildcard of ['%', '%%', '_', '__']) {
      const found = await site.rest.get(`/roles/search?text=${encodeURIComponent(wildcard)}`)
      expect(found.status, wildcard).toBe(200)
      expect(found.body.totalDocs, wildcard).toBe(0)
    }
    const spaced = await site.rest.get(`/roles/search?text=${encodeURIComponent('project%manager')}`)
    expect(spaced.body.docs.map((doc: any) => doc.slug)).toContain(PM)
  })

  it('search leaves out a field the host hides from the reader (as Payload refuses to query it), and finds it for editors', async () => {
    const created = await site.rest.post('/skills', { body: { _status: 'published', internalNotes: 'quasiperiodic tessellation', kind: 'soft', name: 'Tiling' }, token })
    expect(created.status).toBe(201)
    expect((await site.rest.get('/skills?where[internalNotes][like]=quasiperiodic')).status).toBe(400)
    const anonymous = await site.rest.get('/roles/search?text=quasiperiodic')
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.totalDocs).toBe(0)
    const byName = await site.graphql(`{ searchCatalog(text: "tiling") { docs { slug matchedOn } } }`)
    expect(byName.body.errors).toBeUndefined()
    expect(byName.body.data.searchCatalog.docs).toEqual([{ matchedOn: 'name', slug: 'tiling' }])
    const editor = await site.rest.get('/roles/search?text=quasiperiodic', { token })
    expect(editor.body.docs.map((doc: any) => [doc.slug, doc.matchedOn])).toEqual([['tiling', 'internalNotes']])
    await site.rest.delete(`/skills/${created.body.doc.id}`, { token })
  })

  it('keepTextWhenLocalizing says it needs PostgreSQL', async () => {
    await expect(keepTextWhenLocalizing({ db: undefined, payload: site.payload })).rejects.toThrow(
      'keepTextWhenLocalizing needs PostgreSQL (@payloadcms/db-postgres); this site runs on the "sqlite" adapter',
    )
  })

  it('answers a link to a missing document with a 400 (SQLite\'s foreign-key error, mapped), not a 500', async () => {
    const response = await site.rest.post('/roles', {
      body: { skills: [{ requirement: 'required', skill: 987654 }], title: 'Linked To Nothing' },
      token,
    })
    expect(response.status).toBe(400)
    expect(response.body.errors[0].message).toBe('A link points to a document that does not exist')
    const graphql = await site.graphql(
      `mutation { createRole(data: { title: "Linked To Nothing Either", skills: [{ requirement: required, skill: 987654 }] }) { id } }`,
      {},
      token,
    )
    expect(graphql.body.errors![0].extensions.statusCode).toBe(400)
  })
})

/**
 * JSON-LD on a localized SQLite site: no tuned statement reports which locale answered each text
 * there, so the role is read again per locale of the fallback chain; the text that fell back says
 * the language it is in all the same. And writes there, whose own lookups sort by localized text.
 */
describe('on a localized SQLite site', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startLocalizedSite('sqlite_localized', {}, { adapter: 'sqlite' })
  })
  afterAll(async () => site?.stop())

  it('JSON-LD text that fell back says its language, over GraphQL and REST (German → English, French → German → English)', async () => {
    const page = `query ($locale: LocaleInputType) { roleBySlug(slug: "${PM}", locale: $locale) { jsonLd } }`
    const expected = {
      de: {
        name: german.pmTitle,
        skills: { communication: german.communication, leadership: german.leadership, 'organizational-skills': { '@language': 'en', '@value': 'Organizational skills' } },
      },
      fr: {
        name: { '@language': 'de', '@value': german.pmTitle },
        skills: {
          communication: { '@language': 'de', '@value': german.communication },
          leadership: french.leadership,
          'organizational-skills': { '@language': 'en', '@value': 'Organizational skills' },
        },
      },
    }
    for (const locale of ['de', 'fr'] as const) {
      const { body } = await site.graphql(page, { locale })
      expect(body.errors, locale).toBeUndefined()
      const { jsonLd } = body.data.roleBySlug
      expect(jsonLd['@context'], locale).toEqual(['https://schema.org', { '@language': locale }])
      expect(jsonLd.name, locale).toEqual(expected[locale].name)
      expect(Object.fromEntries(jsonLd.skills.map((skill: any) => [skill.termCode, skill.name])), locale).toMatchObject(expected[locale].skills)
      const rest = await site.rest.get(`/roles/${PM}/jsonld?locale=${locale}`)
      expect(rest.status, locale).toBe(200)
      expect(rest.body, locale).toEqual(jsonLd)
    }
  })

  it('a filter or sort on alternate names (a list per language) is a 400 naming the field, not the adapter’s 500', async () => {
    for (const query of ['where[alternateNames][equals]=x', 'where[alternateNames][contains]=x', 'sort=-alternateNames']) {
      const { body, status } = await site.rest.get(`/skills?depth=0&${query}`)
      expect([query, status]).toEqual([query, 400])
      expect(body.errors[0].message).toContain('alternateNames')
    }
    // The versions too (an editor's reads): the document's fields are under `version` there.
    const token = await site.login()
    for (const query of ['where[version.alternateNames][equals]=x', 'sort=-version.alternateNames']) {
      const { body, status } = await site.rest.get(`/skills/versions?depth=0&${query}`, { token })
      expect([query, status]).toEqual([query, 400])
      expect(body.errors[0].message).toContain('alternateNames')
    }
  })

  // After the JSON-LD test: this one edits the role and restores its first version.
  it('a published edit and a restore of an older version work there (the writes’ own lookups pass a locale or sort by ID)', async () => {
    const token = await site.login()
    const role = (await site.payload.find({ collection: 'roles', limit: 1, where: { slug: { equals: PM } } })).docs[0]!
    const saved = await site.rest.patch(`/roles/${role.id}?depth=0`, { body: { _status: 'published', summary: 'Edited on SQLite' }, token })
    expect(saved.status).toBe(200)
    const oldest = (await site.payload.findVersions({ collection: 'roles', limit: 1, sort: 'createdAt', where: { parent: { equals: role.id } } })).docs[0]!
    const restored = await site.rest.post(`/roles/versions/${oldest.id}?depth=0`, { token })
    expect(restored.status).toBe(200)
    expect((await site.rest.get(`/roles/${role.id}?depth=0&draft=true`, { token })).body.summary).not.toBe('Edited on SQLite')
  })
})
