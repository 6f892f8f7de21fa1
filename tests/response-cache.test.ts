/**
 * The response cache and HTTP caching (issue 10, parts 1–3), through the plugin's route helpers as
 * the demo site mounts them (`catalogGraphQLRoute`, `withCatalogRestCache(REST_GET)`), on a site
 * with the roles collection renamed (`job-roles`), localization on and a host collection of its own.
 * What a user relies on: a repeated anonymous read costs no SQL statement and no GraphQL
 * execution; callers with credentials, errors, drafts and the host's own data are never served
 * from it; a visible change is seen by the next read, a draft save is not.
 */
import type { CollectionConfig, Where } from 'payload'

import { GRAPHQL_POST, REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ROLE_PAGE_QUERY } from '../dev/app/(frontend)/_lib/queryText.js'
import { requestShape } from '../src/cache/beforePayload.js'
import { existingResponseCache, strongETag } from '../src/cache/responseCache.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../src/exports/routes.js'
import { getCatalogConfig } from '../src/plugin/catalogConfig.js'
import { resolveOptions } from '../src/plugin/options.js'
import { bySlug, create, save } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { countStatements } from './helpers/sqlCounter.js'

const ROLES = 'job-roles'

const Departments: CollectionConfig = {
  slug: 'departments',
  access: { read: () => true },
  fields: [{ name: 'name', type: 'text' }],
}

const ROLE_PAGE = /* GraphQL */ `
  query RolePage($slug: String!) {
    roleBySlug(slug: $slug) { id slug title summary skills { requirement skill { slug name } } jsonLd }
  }
`

let site: TestSite
let graphqlRoute: ReturnType<typeof catalogGraphQLRoute>
let restGet: ReturnType<typeof withCatalogRestCache>
let executions = 0

type Answer = { body: string; headers: Headers; json: any; status: number }

const toAnswer = async (response: Response): Promise<Answer> => {
  const body = await response.text()
  let json: unknown
  try {
    json = body ? JSON.parse(body) : undefined
  } catch {
    json = undefined
  }
  return { body, headers: response.headers, json, status: response.status }
}

const post = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  toAnswer(
    await graphqlRoute.POST(
      new Request('http://localhost/api/graphql', {
        body: JSON.stringify({ query, variables }),
        headers: { 'Content-Type': 'application/json', ...headers },
        method: 'POST',
      }),
    ),
  )

const get = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const url = new URL('http://localhost/api/graphql')
  url.searchParams.set('query', query)
  if (variables) url.searchParams.set('variables', JSON.stringify(variables))
  return toAnswer(await graphqlRoute.GET(new Request(url, { headers, method: 'GET' })))
}

const rest = async (path: string, headers: Record<string, string> = {}) => {
  const url = new URL(`http://localhost/api${path}`)
  const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
  return toAnswer(await restGet(new Request(url, { headers, method: 'GET' }), { params: Promise.resolve({ slug }) }))
}

/** Payload's own route, never cached: what the cached answer must equal. */
const uncached = async (query: string, variables?: Record<string, unknown>) => {
  const response = await GRAPHQL_POST(site.config)(
    new Request('http://localhost/api/graphql', {
      body: JSON.stringify({ query, variables }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    }),
  )
  return (await response.json()) as any
}

/** Runs a read and returns its answer with the SQL statements and GraphQL executions it caused. */
const measured = async (read: () => Promise<Answer>) => {
  const before = executions
  const { count, result } = await countStatements(read, { databaseUrl: site.databaseUrl })
  return { ...result, executions: executions - before, statements: count }
}

const PUBLIC = 'public, s-maxage=10, stale-while-revalidate=30'

beforeAll(async () => {
  site = await startSite({
    name: 'response_cache',
    collections: [Departments],
    config: { cors: ['https://frontend.example'], localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] } },
    plugin: { overrides: { roles: { slug: ROLES } }, responseCache: true, seed: true },
  })
  graphqlRoute = catalogGraphQLRoute(site.config)
  restGet = withCatalogRestCache(REST_GET(site.config), site.config)
  // Payload calls `extensions` once per executed operation: it counts GraphQL executions.
  site.payload.extensions = async ({ result }) => {
    executions++
    return result
  }
  await site.payload.create({ collection: 'departments' as 'users', data: { name: 'Engineering' } as never })
})
afterAll(async () => site?.stop())

describe('anonymous GraphQL queries over the catalogue', () => {
  it('are answered from the cache the second time: no SQL statement, no execution, same bytes', async () => {
    const first = await measured(() => post(ROLE_PAGE, { slug: 'project-manager' }))
    expect(first.status).toBe(200)
    expect(first.json.data.roleBySlug.slug).toBe('project-manager')
    expect(first.statements).toBeGreaterThan(0)
    expect(first.executions).toBe(1)
    expect(first.headers.get('cache-control')).toBe(PUBLIC)
    expect(first.headers.get('etag')).toMatch(/^"[\w-]+"$/)

    const second = await measured(() => post(ROLE_PAGE, { slug: 'project-manager' }))
    expect(second.statements).toBe(0)
    expect(second.executions).toBe(0)
    expect(second.body).toBe(first.body)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(second.headers.get('cache-control')).toBe(PUBLIC)
    expect(second.json).toEqual(await uncached(ROLE_PAGE, { slug: 'project-manager' }))
  })

  it('over GET too, sharing the answer with POST; a mutation over GET is refused with 405', async () => {
    const answer = await measured(() => get(ROLE_PAGE, { slug: 'project-manager' }))
    expect(answer.status).toBe(200)
    expect(answer.statements).toBe(0)
    expect(answer.json.data.roleBySlug.slug).toBe('project-manager')

    const mutation = await get('mutation { deleteSkill(id: 1) { id } }')
    expect(mutation.status).toBe(405)
    expect(await site.payload.count({ collection: 'skills', where: { id: { equals: 1 } } })).toEqual({ totalDocs: 1 })
  })

  it('answers If-None-Match on GET with 304 and no body; a POST always gets its answer', async () => {
    const { headers } = await get(ROLE_PAGE, { slug: 'project-manager' })
    const etag = headers.get('etag')!
    const notModified = await get(ROLE_PAGE, { slug: 'project-manager' }, { 'If-None-Match': `W/"other", ${etag}` })
    expect(notModified.status).toBe(304)
    expect(notModified.body).toBe('')
    expect(notModified.headers.get('etag')).toBe(etag)
    expect(notModified.headers.get('cache-control')).toBe(PUBLIC)
    expect((await get(ROLE_PAGE, { slug: 'project-manager' }, { 'If-None-Match': '"other"' })).status).toBe(200)
    // RFC 9110: If-None-Match makes only GET and HEAD conditional.
    const posted = await post(ROLE_PAGE, { slug: 'project-manager' }, { 'If-None-Match': etag })
    expect(posted.status).toBe(200)
    expect(posted.json.data.roleBySlug.slug).toBe('project-manager')
  })

  it('keys on variables, operation, locale and media type', async () => {
    const pm = await post(ROLE_PAGE, { slug: 'project-manager' })
    const tpm = await post(ROLE_PAGE, { slug: 'technical-project-manager' })
    expect(tpm.json.data.roleBySlug.slug).toBe('technical-project-manager')
    expect(tpm.headers.get('etag')).not.toBe(pm.headers.get('etag'))

    const roleTitle = /* GraphQL */ `query ($locale: LocaleInputType) { JobRoles(where: { slug: { equals: "business-analyst" } }, locale: $locale) { docs { title } } }`
    const created = await create(site, ROLES, { slug: 'business-analyst', title: 'Business Analyst' }, { draft: false })
    expect(created.status).toBe(201)
    const role = created.body.doc
    await site.payload.update({ collection: ROLES as 'users', data: { title: 'Businessanalyst' } as never, id: role.id, locale: 'de' })
    const en = await post(roleTitle, { locale: 'en' })
    const de = await post(roleTitle, { locale: 'de' })
    expect(en.json.data.JobRoles.docs[0].title).toBe('Business Analyst')
    expect(de.json.data.JobRoles.docs[0].title).toBe('Businessanalyst')
    expect((await measured(() => post(roleTitle, { locale: 'de' }))).statements).toBe(0)
    // The request's locale (`?locale=de`) as well as the argument.
    const url = new URL('http://localhost/api/graphql?locale=de')
    url.searchParams.set('query', `{ roleBySlug(slug: "business-analyst") { title } }`)
    const viaParam = await toAnswer(await graphqlRoute.GET(new Request(url)))
    expect(viaParam.json.data.roleBySlug.title).toBe('Businessanalyst')
    url.searchParams.set('locale', 'en')
    expect((await toAnswer(await graphqlRoute.GET(new Request(url)))).json.data.roleBySlug.title).toBe('Business Analyst')

    const graphqlResponse = await post(ROLE_PAGE, { slug: 'project-manager' }, { Accept: 'application/graphql-response+json' })
    expect(graphqlResponse.headers.get('content-type')).toContain('application/graphql-response+json')
    expect((await post(ROLE_PAGE, { slug: 'project-manager' })).headers.get('content-type')).toContain('application/json')
  })

  it('never caches an error', async () => {
    const query = `query ($slug: String!) { roleBySlug(slug: $slug) { title } }`
    const first = await measured(() => post(query, { slug: 'no-such-role' }))
    expect(first.json.errors[0].extensions.statusCode).toBe(404)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(first.headers.get('etag')).toBeNull()
    const second = await measured(() => post(query, { slug: 'no-such-role' }))
    expect(second.executions).toBe(1)
    const invalid = await post('{ roleBySlug { nope } }')
    expect(invalid.json.errors.length).toBeGreaterThan(0)
    expect(invalid.headers.get('cache-control')).toBe('no-store')
  })
})

describe('what is never served from the cache', () => {
  it('a caller with a JWT, an invalid token or a Payload cookie: executed every time, private, no-store', async () => {
    const token = await site.login()
    await post(ROLE_PAGE, { slug: 'project-manager' })
    const credentials: Record<string, string>[] = [
      { Authorization: `JWT ${token}` },
      { Authorization: 'JWT not-a-token' },
      { Cookie: `payload-token=${token}` },
    ]
    for (const headers of credentials) {
      const answer = await measured(() => post(ROLE_PAGE, { slug: 'project-manager' }, headers))
      expect(answer.status).toBe(200)
      expect(answer.executions).toBe(1)
      expect(answer.headers.get('cache-control')).toBe('private, no-store')
      expect(answer.headers.get('etag')).toBeNull()
    }
  })

  it('drafts: a draft argument is never cached, and an editor’s draft never reaches anonymous readers', async () => {
    const token = await site.login()
    const role = await bySlug(site, ROLES, 'project-manager')
    expect((await save(site, ROLES, role.id, { title: 'Draft Title Never Public' }, { draft: true })).status).toBe(200)

    const draftQuery = `query ($slug: String!) { roleBySlug(slug: $slug, draft: true) { title } }`
    const anonymousDraft = await measured(() => post(draftQuery, { slug: 'project-manager' }))
    expect(anonymousDraft.json.data.roleBySlug.title).toBe('Project Manager')
    expect((await measured(() => post(draftQuery, { slug: 'project-manager' }))).executions).toBe(1)
    // The example frontend's query declares `$draft` and sets it in draft mode only: unset, it is cached.
    await post(ROLE_PAGE_QUERY, { slug: 'project-manager' })
    expect((await measured(() => post(ROLE_PAGE_QUERY, { slug: 'project-manager' }))).executions).toBe(0)
    expect((await measured(() => post(ROLE_PAGE_QUERY, { draft: false, slug: 'project-manager' }))).executions).toBe(1)
    expect((await measured(() => post(ROLE_PAGE_QUERY, { draft: false, slug: 'project-manager' }))).executions).toBe(0)
    for (let i = 0; i < 2; i++) {
      const asked = await measured(() => post(ROLE_PAGE_QUERY, { draft: true, slug: 'project-manager' }))
      expect(asked.executions).toBe(1)
      expect(asked.json.data.roleBySlug.title).toBe('Project Manager')
    }
    const editorDraft = await post(draftQuery, { slug: 'project-manager' }, { Authorization: `JWT ${token}` })
    expect(editorDraft.json.data.roleBySlug.title).toBe('Draft Title Never Public')

    // The draft save changed nothing anonymous readers see: the cached answer is still served.
    const cached = await measured(() => post(ROLE_PAGE, { slug: 'project-manager' }))
    expect(cached.statements).toBe(0)
    expect(cached.json.data.roleBySlug.title).toBe('Project Manager')
  })

  it('queries that read the host’s own collections: executed every time, revalidated (no-cache)', async () => {
    const departments = `{ Departments { docs { name } } }`
    const mixed = `{ roleBySlug(slug: "project-manager") { title } Departments { docs { name } } }`
    for (const query of [departments, mixed]) {
      await post(query)
      const again = await measured(() => post(query))
      expect(again.json.data.Departments.docs).toEqual([{ name: 'Engineering' }])
      expect(again.statements).toBeGreaterThan(0)
      expect(again.headers.get('cache-control')).toBe('no-cache')
      expect(again.headers.get('etag')).toMatch(/^"/)
    }
    const fragment = `query { ...Both } fragment Both on Query { roleBySlug(slug: "project-manager") { title } Departments { docs { name } } }`
    await post(fragment)
    expect((await measured(() => post(fragment))).executions).toBe(1)
  })
})

describe('invalidation', () => {
  it('a published change is seen by the next read, on GraphQL and REST', async () => {
    const role = await bySlug(site, ROLES, 'technical-project-manager')
    const before = await post(ROLE_PAGE, { slug: 'technical-project-manager' })
    await rest(`/${ROLES}/${role.id}?depth=0`)
    expect((await measured(() => rest(`/${ROLES}/${role.id}?depth=0`))).statements).toBe(0)

    expect((await save(site, ROLES, role.id, { title: 'Technical PM (edited)' }, { draft: false })).status).toBe(200)
    const after = await measured(() => post(ROLE_PAGE, { slug: 'technical-project-manager' }))
    expect(after.executions).toBe(1)
    expect(after.json.data.roleBySlug.title).toBe('Technical PM (edited)')
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
    expect((await rest(`/${ROLES}/${role.id}?depth=0`)).json.title).toBe('Technical PM (edited)')
  })

  it('a read that began before a change does not store its answer', async () => {
    const role = await bySlug(site, ROLES, 'project-manager')
    await save(site, ROLES, role.id, { summary: 'Summary 1' }, { draft: false })
    // While the first read executes (after its SQL ran), an editor publishes a change.
    let edited = false
    const previous = site.payload.extensions
    site.payload.extensions = async (args: any) => {
      if (!edited) {
        edited = true
        await site.payload.update({ collection: ROLES as 'users', data: { summary: 'Summary 2' } as never, id: role.id })
      }
      return previous!(args)
    }
    try {
      const racing = await post(ROLE_PAGE, { slug: 'project-manager' })
      expect(racing.json.data.roleBySlug.summary).toBe('Summary 1')
    } finally {
      site.payload.extensions = previous
    }
    const next = await measured(() => post(ROLE_PAGE, { slug: 'project-manager' }))
    expect(next.executions).toBe(1)
    expect(next.json.data.roleBySlug.summary).toBe('Summary 2')
  })
})

describe('REST reads of the catalogue', () => {
  it('cache lists, documents, the comparison and JSON-LD; parameter order does not matter', async () => {
    for (const path of [
      `/skills?limit=5&depth=0&sort=slug`,
      `/${ROLES}/compare?a=project-manager&b=technical-project-manager`,
      `/${ROLES}/project-manager/jsonld`,
    ]) {
      const first = await rest(path)
      expect(first.status).toBe(200)
      expect(first.headers.get('cache-control')).toBe(PUBLIC)
      const again = await measured(() => rest(path))
      expect(again.statements).toBe(0)
      expect(again.body).toBe(first.body)
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'))
      const notModified = await rest(path, { 'If-None-Match': first.headers.get('etag')! })
      expect(notModified.status).toBe(304)
    }
    const reordered = await measured(() => rest(`/skills?sort=slug&depth=0&limit=5`))
    expect(reordered.statements).toBe(0)
  })

  it('keep locales apart', async () => {
    const de = await rest(`/${ROLES}?where[slug][equals]=business-analyst&locale=de&depth=0`)
    const en = await rest(`/${ROLES}?where[slug][equals]=business-analyst&locale=en&depth=0`)
    console.log("DE", JSON.stringify(de.json).slice(0, 300)); expect(de.json.docs[0].title).toBe('Businessanalyst')
    expect(en.json.docs[0].title).toBe('Business Analyst')
  })

  it('leave errors, editors and the host’s collections alone', async () => {
    const missing = await rest(`/${ROLES}/compare?a=project-manager&b=nope`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control')).toBe('no-store')
    const editor = await measured(() => rest(`/skills?limit=5&depth=0&sort=slug`, { Authorization: `JWT ${'x'}` }))
    expect(editor.headers.get('cache-control')).toBe('private, no-store')
    const host = await rest(`/departments`)
    expect(host.status).toBe(200)
    expect(host.headers.get('cache-control')).toBeNull()
    expect((await measured(() => rest(`/departments`))).statements).toBeGreaterThan(0)
  })

  it('stay within the memory bound', () => {
    const cache = existingResponseCache(site.payload)!
    expect(cache.size).toBeGreaterThan(0)
    expect(cache.bytes).toBeLessThanOrEqual(resolveOptions({ responseCache: true }).responseCache.maxBytes)
  })
})

describe('edits of linked items', () => {
  it('a change of a linked item reaches the roles that show it', async () => {
    const skill = await bySlug(site, 'skills', 'communication')
    await post(ROLE_PAGE, { slug: 'project-manager' })
    expect((await save(site, 'skills', skill.id, { name: 'Clear Communication' }, { draft: false })).status).toBe(200)
    const after = await post(ROLE_PAGE, { slug: 'project-manager' })
    const names = after.json.data.roleBySlug.skills.map((row: any) => row.skill.name)
    expect(names).toContain('Clear Communication')
  })

  it('a random sequence of edits, drafts and reads always answers what an uncached read answers, never a draft', async () => {
    let seed = 20261201
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const slugs = ['project-manager', 'technical-project-manager']
    const roles = await Promise.all(slugs.map((slug) => bySlug(site, ROLES, slug)))
    const skills = await Promise.all(['communication', 'leadership'].map((slug) => bySlug(site, 'skills', slug)))
    let hits = 0
    for (let step = 0; step < 40; step++) {
      const action = random(6)
      const index = random(2)
      if (action === 0) {
        await save(site, ROLES, roles[index]!.id, { summary: `Published summary ${step}` }, { draft: false })
      } else if (action === 1) {
        await save(site, ROLES, roles[index]!.id, { summary: `DRAFT ${step}` }, { draft: true })
      } else if (action === 2) {
        await save(site, 'skills', skills[index]!.id, { description: `Skill text ${step}` }, { draft: random(2) === 0 })
      } else {
        const query = random(2) === 0 ? ROLE_PAGE : `query ($slug: String!) { roleBySlug(slug: $slug) { summary skills { skill { description } } } }`
        const read = await measured(() => (random(2) === 0 ? post : get)(query, { slug: slugs[index] }))
        if (read.executions === 0) hits++
        expect(read.body).not.toContain('DRAFT')
        expect(read.json).toEqual(await uncached(query, { slug: slugs[index] }))
      }
    }
    expect(hits).toBeGreaterThan(0)
  })
})

describe('exact keys and HTTP (attacks on the cache key)', () => {
  const graphqlUrl = (search: string) => `http://localhost/api/graphql?${search}`
  const rawGet = async (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    toAnswer(await (method === 'HEAD' ? graphqlRoute.HEAD : graphqlRoute.GET)(new Request(url, { headers, method })))

  it('a second literal ? cannot store one operation under another’s key: the key is what graphql-http executes', async () => {
    const query = encodeURIComponent(`query ($slug: String = "technical-project-manager") { roleBySlug(slug: $slug) { slug } }`)
    const pm = encodeURIComponent(JSON.stringify({ slug: 'project-manager' }))
    // graphql-http reads the text up to the second `?` (no variables: the default, TPM);
    // URLSearchParams over the whole string would see variables = PM.
    const crafted = await rawGet(graphqlUrl(`query=${query}&x=?&variables=${pm}`))
    expect(crafted.status).toBe(200)
    expect(crafted.json.data.roleBySlug.slug).toBe('technical-project-manager')
    const honest = await rawGet(graphqlUrl(`query=${query}&variables=${pm}`))
    expect(honest.json.data.roleBySlug.slug).toBe('project-manager')
    // And the crafted request shares its entry with the same operation asked plainly.
    expect((await measured(() => rawGet(graphqlUrl(`query=${query}`)))).executions).toBe(0)
  })

  it('junk parameters, unused variables, other spacing and other operations do not buy an execution or an entry', async () => {
    const query = `query Page($slug: String!) { roleBySlug(slug: $slug) { slug title } }`
    await post(query, { slug: 'project-manager' })
    const cache = existingResponseCache(site.payload)!
    const entries = cache.size
    for (let i = 0; i < 5; i++) {
      const variants = [
        () => post(query, { junk: `x${i}`, slug: 'project-manager' }),
        () => post(`# comment ${i}\n${query.replace(/ /g, '   ')}`, { slug: 'project-manager' }),
      ]
      for (const variant of variants) {
        const answer = await measured(variant)
        expect(answer.json.data.roleBySlug.slug).toBe('project-manager')
        expect(answer.executions).toBe(0)
      }
      const url = new URL('http://localhost/api/graphql')
      url.searchParams.set('query', `${query} query Other${i} { __typename }`)
      url.searchParams.set('operationName', 'Page')
      url.searchParams.set('variables', JSON.stringify({ slug: 'project-manager' }))
      url.searchParams.set(`junk${i}`, 'x')
      const other = await measured(() => rawGet(url.href))
      expect(other.json.data.roleBySlug.slug).toBe('project-manager')
      expect(other.executions).toBe(0)
      const list = await measured(() => rest(`/skills?depth=0&limit=3&junk=${i}`))
      expect(list.status).toBe(200)
      if (i > 0) expect(list.statements).toBe(0)
    }
    // One more entry: the REST list (the GraphQL variants all share the first entry).
    expect(cache.size).toBe(entries + 1)
  })

  it('REST keys keep repeated parameters in their order', async () => {
    const path = (order: string) => `/skills?depth=0&limit=50&joins[roles]=false&${order}`
    const slugs = (answer: Answer) => answer.json.docs.map((doc: { slug: string }) => doc.slug)
    const direct = async (order: string) =>
      slugs(await toAnswer(await REST_GET(site.config)(new Request(`http://localhost/api${path(order)}`), { params: Promise.resolve({ slug: ['skills'] }) })))
    const kindFirst = await rest(path('sort=-kind&sort=slug'))
    expect(slugs(kindFirst)).toEqual(await direct('sort=-kind&sort=slug'))
    // The same parameters in another order: an entry (and a read) of its own, answering as Payload does.
    const slugFirst = await measured(() => rest(path('sort=slug&sort=-kind')))
    expect(slugFirst.statements).toBeGreaterThan(0)
    expect(slugs(slugFirst)).toEqual(await direct('sort=slug&sort=-kind'))
  })

  it('a site’s own endpoint on a catalogue collection gets every parameter it is sent', async () => {
    const endpoints = site.payload.collections.skills.config.endpoints as unknown as { handler: unknown; method: string; path: string }[]
    const echo = { handler: (req: { searchParams: URLSearchParams }) => Response.json({ q: req.searchParams.getAll('q') }), method: 'get', path: '/echo' }
    endpoints.unshift(echo)
    try {
      expect((await rest(`/skills/echo?q=hello&q=world`)).json).toEqual({ q: ['hello', 'world'] })
      expect((await rest(`/skills/echo?q=world&q=hello`)).json).toEqual({ q: ['world', 'hello'] })
    } finally {
      endpoints.splice(endpoints.indexOf(echo), 1)
    }
  })

  it('a hit carries the headers of its miss (JSON-LD’s Content-Language)', async () => {
    const path = `/${ROLES}/business-analyst/jsonld?locale=de`
    const miss = await rest(path)
    expect(miss.headers.get('content-language')).toBe('de')
    const hit = await measured(() => rest(path))
    expect(hit.statements).toBe(0)
    expect(hit.headers.get('content-language')).toBe('de')
    expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'))
  })

  it('HEAD answers as GET without a body, on REST and GraphQL', async () => {
    const path = `/skills?depth=0&limit=2`
    const full = await rest(path)
    const url = new URL(`http://localhost/api${path}`)
    const head = await toAnswer(await restGet(new Request(url, { method: 'HEAD' }), { params: Promise.resolve({ slug: ['skills'] }) }))
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
    expect(head.headers.get('etag')).toBe(full.headers.get('etag'))
    expect(head.headers.get('content-type')).toBe(full.headers.get('content-type'))

    const gql = graphqlUrl(`query=${encodeURIComponent('{ roleBySlug(slug: "project-manager") { slug } }')}`)
    const fullGraphql = await rawGet(gql)
    const headGraphql = await rawGet(gql, {}, 'HEAD')
    expect(headGraphql.status).toBe(200)
    expect(headGraphql.body).toBe('')
    expect(headGraphql.headers.get('etag')).toBe(fullGraphql.headers.get('etag'))
    expect((await rawGet(gql, { 'If-None-Match': fullGraphql.headers.get('etag')! }, 'HEAD')).status).toBe(304)
  })

  it('the JSON and graphql-response+json forms have different ETags', async () => {
    const gql = graphqlUrl(`query=${encodeURIComponent('{ roleBySlug(slug: "project-manager") { title } }')}`)
    const json = await rawGet(gql, { Accept: 'application/json' })
    const graphqlResponse = await rawGet(gql, { Accept: 'application/graphql-response+json' })
    expect(json.body).toBe(graphqlResponse.body)
    expect(json.headers.get('content-type')).toMatch(/^application\/json/)
    expect(graphqlResponse.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/)
    expect(json.headers.get('etag')).not.toBe(graphqlResponse.headers.get('etag'))
    const crossed = await rawGet(gql, { Accept: 'application/graphql-response+json', 'If-None-Match': json.headers.get('etag')! })
    expect(crossed.status).toBe(200)
  })

  it('Vary keeps what is set and names Origin when CORS echoes one', async () => {
    const varying = withCatalogRestCache(async (request, args) => {
      const response = await REST_GET(site.config)(request, args)
      const headers = new Headers(response.headers)
      headers.set('Vary', 'Accept-Encoding')
      return new Response(response.body, { headers, status: response.status })
    }, site.config)
    const path = `/skills?depth=0&limit=4`
    const ask = async () =>
      toAnswer(
        await varying(new Request(`http://localhost/api${path}`, { headers: { Origin: 'https://frontend.example' } }), {
          params: Promise.resolve({ slug: ['skills'] }),
        }),
      )
    for (const answer of [await ask(), await ask()]) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('https://frontend.example')
      const vary = answer.headers.get('vary')!.split(',').map((name) => name.trim())
      expect(vary).toEqual(expect.arrayContaining(['Accept', 'Authorization', 'Cookie', 'Origin']))
    }
    const miss = await toAnswer(
      await varying(new Request(`http://localhost/api/skills?depth=0&limit=6`, { headers: { Origin: 'https://frontend.example' } }), {
        params: Promise.resolve({ slug: ['skills'] }),
      }),
    )
    expect(miss.headers.get('vary')!.split(',').map((name) => name.trim())).toEqual(
      expect.arrayContaining(['Accept-Encoding', 'Accept', 'Origin']),
    )
  })
})

describe('hits at the speed of the route', () => {
  it('a cached answer for a request without credentials is served before Payload builds its request (no authentication runs)', async () => {
    let authentications = 0
    const strategies = site.payload.authStrategies
    const counted = strategies.map((strategy) => ({
      ...strategy,
      authenticate: (args: Parameters<typeof strategy.authenticate>[0]) => {
        authentications++
        return strategy.authenticate(args)
      },
    }))
    site.payload.authStrategies = counted
    try {
      const query = `{ roleBySlug(slug: "technical-project-manager") { slug summary } }`
      const first = await get(query)
      expect(first.status).toBe(200)
      const before = authentications
      const again = await measured(() => get(query))
      expect(again.statements).toBe(0)
      expect(authentications).toBe(before)
      expect(again.body).toBe(first.body)
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
      expect(again.headers.get('cache-control')).toBe(PUBLIC)
      // POST and REST too; an answer only the full path has seen in this shape runs it once.
      await post(query)
      const posted = authentications
      expect((await post(query)).json).toEqual(first.json)
      expect(authentications).toBe(posted)
      const path = `/${ROLES}/technical-project-manager/jsonld?locale=de`
      await rest(path)
      const rested = authentications
      const jsonld = await rest(path)
      expect(authentications).toBe(rested)
      expect(jsonld.headers.get('content-language')).toBe('de')
      // The same body without a Content-Type is another request (graphql-http answers it 4xx).
      const untyped = await graphqlRoute.POST(new Request('http://localhost/api/graphql', { body: JSON.stringify({ query }), method: 'POST' }))
      expect(untyped.status).toBeGreaterThanOrEqual(400)
      expect(untyped.status).toBeLessThan(500)
      // With credentials: Payload's request, authentication and all, every time.
      await get(query, undefined, { Authorization: 'JWT not-a-token' })
      expect(authentications).toBeGreaterThan(rested)
      // A change: the next request takes the full path and sees it.
      const role = await bySlug(site, ROLES, 'technical-project-manager')
      await save(site, ROLES, role.id, { summary: 'Seen after the change' }, { draft: false })
      const changed = await get(query)
      expect(changed.json.data.roleBySlug.summary).toBe('Seen after the change')
    } finally {
      site.payload.authStrategies = strategies
    }
  })

  it('early hits carry the CORS headers of their own origin, and the POST body’s bytes decide the shape', async () => {
    const query = `{ roleBySlug(slug: "project-manager") { slug title } }`
    const allowed = { Origin: 'https://frontend.example' }
    // Answered once through the full path (no Origin), then early: with the allowed origin, with none, with another.
    const first = await post(query)
    for (let round = 0; round < 2; round++) {
      const fromFrontend = await measured(() => post(query, undefined, allowed))
      expect(fromFrontend.statements).toBe(0)
      expect(fromFrontend.body).toBe(first.body)
      expect(fromFrontend.headers.get('access-control-allow-origin')).toBe('https://frontend.example')
      expect((await post(query)).headers.get('access-control-allow-origin')).toBeNull()
      expect((await post(query, undefined, { Origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull()
    }
    // The same JSON with other bytes (spacing, a non-ASCII character escaped or not) is another shape,
    // answered alike; a body that differs in one byte never gets the first body's answer.
    const ascii = JSON.stringify({ query: `{ roleBySlug(slug: "projéct-manager") { slug } }` })
    const send = (body: string) =>
      graphqlRoute.POST(new Request('http://localhost/api/graphql', { body, headers: { 'Content-Type': 'application/json' }, method: 'POST' }))
    const unknown = await toAnswer(await send(ascii))
    expect(unknown.json.data.roleBySlug).toBeNull()
    const escaped = ascii.replace('é', '\\u00e9')
    expect((await toAnswer(await send(escaped))).json).toEqual(unknown.json)
    const known = JSON.stringify({ query })
    expect((await toAnswer(await send(known))).json.data.roleBySlug.slug).toBe('project-manager')
    expect((await toAnswer(await send(`${known} `))).json.data.roleBySlug.slug).toBe('project-manager')
    expect((await toAnswer(await send(known.replace('project-manager', 'project-managex')))).json.data.roleBySlug).toBeNull()
  })

  it('early hits follow the site’s CORS setting when it is replaced (as Payload’s reload does when the config changes in development)', async () => {
    const query = `{ roleBySlug(slug: "project-manager") { slug } }`
    const fromFrontend = { Origin: 'https://frontend.example' }
    await post(query)
    expect((await post(query, undefined, fromFrontend)).headers.get('access-control-allow-origin')).toBe('https://frontend.example')
    const config = site.payload.config
    const cors = config.cors
    config.cors = ['https://other.example']
    try {
      const early = await measured(() => post(query, undefined, fromFrontend))
      expect(early.statements).toBe(0)
      expect(early.headers.get('access-control-allow-origin')).toBeNull()
      expect((await post(query, undefined, { Origin: 'https://other.example' })).headers.get('access-control-allow-origin')).toBe('https://other.example')
    } finally {
      config.cors = cors
    }
    expect((await post(query, undefined, fromFrontend)).headers.get('access-control-allow-origin')).toBe('https://frontend.example')
  })

  it('a reloaded config that adds a custom auth strategy takes every request through authentication again (no early hit)', async () => {
    const query = `{ roleBySlug(slug: "project-manager") { slug title } }`
    await get(query)
    const early = await measured(() => get(query))
    expect(early.statements).toBe(0)
    let authentications = 0
    const strategies = site.payload.authStrategies
    site.payload.authStrategies = strategies.map((strategy) => ({
      ...strategy,
      authenticate: (args: Parameters<typeof strategy.authenticate>[0]) => {
        authentications++
        return strategy.authenticate(args)
      },
    }))
    const config = site.payload.config
    // What Payload's reload does: the same Payload, a new config (here with a strategy of the site's own).
    site.payload.config = {
      ...config,
      collections: config.collections.map((collection) =>
        collection.auth ? { ...collection, auth: { ...collection.auth, strategies: [{ name: 'header-key', authenticate: async () => ({ user: null }) }] } } : collection,
      ),
    }
    try {
      const answer = await get(query)
      expect(answer.status).toBe(200)
      expect(answer.json.data.roleBySlug.slug).toBe('project-manager')
      expect(authentications).toBeGreaterThan(0)
    } finally {
      site.payload.config = config
      site.payload.authStrategies = strategies
    }
    // The config as it was: early hits again.
    const before = executions
    expect((await measured(() => get(query))).statements).toBe(0)
    expect(executions).toBe(before)
  })

  it('odd POST bodies (none, streamed in chunks, bytes that are not UTF-8) get what the full path gives them, never a 500', async () => {
    const query = `{ roleBySlug(slug: "project-manager") { slug } }`
    const send = (init: RequestInit & { duplex?: 'half' }) =>
      graphqlRoute.POST(new Request('http://localhost/api/graphql', { headers: { 'Content-Type': 'application/json' }, method: 'POST', ...init }))
    for (let round = 0; round < 2; round++) {
      const empty = await send({})
      expect(empty.status).toBe(400)
      const emptyBody = await send({ body: '' })
      expect(emptyBody.status).toBe(400)
      const bytes = new TextEncoder().encode(JSON.stringify({ query }))
      const chunked = await toAnswer(
        await send({
          body: new ReadableStream({
            start(controller) {
              controller.enqueue(bytes.slice(0, 7))
              controller.enqueue(bytes.slice(7))
              controller.close()
            },
          }),
          duplex: 'half',
        }),
      )
      expect(chunked.status).toBe(200)
      expect(chunked.json.data.roleBySlug.slug).toBe('project-manager')
      // A lone 0xFF inside the JSON string: decoded as U+FFFD, so the slug matches no role.
      const invalid = Uint8Array.from([...new TextEncoder().encode(`{"query":"{ roleBySlug(slug: \\"project-manager`), 0xff, ...new TextEncoder().encode(`\\") { slug } }"}`)])
      const odd = await toAnswer(await send({ body: invalid }))
      expect(odd.status).toBe(200)
      expect(odd.json.data.roleBySlug).toBeNull()
    }
  })

  it('a `draft` parameter, however it is spelled, keeps a request off the early path, as URLSearchParams reads it', () => {
    const spellings = [
      '',
      '?draft=true',
      '?draft=false',
      '?draft',
      '?draft=',
      '?%64raft=true',
      '?dr%61ft=1',
      '?draft=false&draft=true',
      '?draft=true&draft=false',
      '?a=1&draft=%74rue',
      '?draft=%66alse',
      '?drafts=true',
      '?x=draft',
      '?query=%7B%20roles%20%7D&draft=1',
      '?query=%7B%20roles%20%7D',
      '?dra+ft=true',
      '?%zz=1&draft=0',
      '?draft%3Dtrue',
    ]
    for (const search of spellings) {
      const request = new Request(`http://localhost/api/skills${search}`)
      const draft = new URLSearchParams(search).get('draft')
      const expected = draft !== null && draft !== 'false'
      expect(requestShape(site.payload, request, 'rest') === undefined, search).toBe(expected)
    }
  })

  it('reads of other documents or collections with the same query string get their own answers', async () => {
    // Each read twice: the second is the one a request's raw shape would answer before Payload.
    const query = '?depth=0&locale=en&fallback-locale=none'
    const readTwice = async (path: string) => {
      const first = await rest(`${path}${query}`)
      expect(first.status, path).toBe(200)
      const again = await rest(`${path}${query}`)
      expect(again.body, path).toBe(first.body)
      return again.json
    }
    const leadership = await bySlug(site, 'skills', 'leadership')
    const role = await bySlug(site, ROLES, 'technical-project-manager')
    const responsibility = (await site.payload.find({ collection: 'responsibilities', limit: 1, sort: 'slug' })).docs[0]!
    const certification = (await site.payload.find({ collection: 'certifications', limit: 1, sort: 'slug' })).docs[0]!
    const other = (await site.payload.find({ collection: 'skills', limit: 1, where: { slug: { not_equals: 'leadership' } } })).docs[0]!

    expect((await readTwice(`/${ROLES}/${role.id}`)).slug).toBe('technical-project-manager')
    expect((await readTwice(`/skills/${leadership.id}`)).slug).toBe('leadership')
    expect((await readTwice(`/skills/${other.id}`)).slug).toBe(other.slug)
    expect((await readTwice(`/responsibilities/${responsibility.id}`)).slug).toBe(responsibility.slug)
    expect((await readTwice(`/certifications/${certification.id}`)).slug).toBe(certification.slug)
    // Lists: the same query string on two collections.
    const slugs = (list: { docs: { slug: string }[] }) => list.docs.map((doc) => doc.slug)
    expect(slugs(await readTwice('/skills'))).toContain('leadership')
    const certifications = slugs(await readTwice('/certifications'))
    expect(certifications).toContain(certification.slug)
    expect(certifications).not.toContain('leadership')
  })
})

describe('lists: dropped by the changes that can alter them, kept through edits elsewhere', () => {
  /** Payload's own REST route, never cached: what the cached answer must equal. */
  const restDirect = async (path: string) => {
    const url = new URL(`http://localhost/api${path}`)
    const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
    return toAnswer(await REST_GET(site.config)(new Request(url), { params: Promise.resolve({ slug }) }))
  }
  const ids = (answer: Answer) => answer.json.docs.map((doc: { id: number }) => doc.id)

  it('a page newest first survives edits of skills it does not show and sees every change that moves one in or out', async () => {
    const path = '/skills?depth=0&limit=3&sort=-createdAt'
    const first = await rest(path)
    expect(first.status).toBe(200)
    const shown: number[] = ids(first)
    const all = (await site.payload.find({ collection: 'skills', depth: 0, limit: 200, sort: '-createdAt' })).docs
    const offPage = all.filter((doc) => !shown.includes(doc.id as number))
    expect(offPage.length).toBeGreaterThan(2)
    const [elsewhere, older, oldest] = [offPage[0]!, offPage[1]!, offPage.at(-1)!]

    // A published edit of a skill the page does not show: answered from the cache, unchanged.
    expect((await save(site, 'skills', elsewhere.id, { description: 'Edited off the page' }, { draft: false })).status).toBe(200)
    const kept = await measured(() => rest(path))
    expect(kept.statements).toBe(0)
    expect(kept.body).toBe(first.body)
    expect(kept.json).toEqual((await restDirect(path)).json)

    // An edit of a skill it shows: seen.
    expect((await save(site, 'skills', shown[0]!, { description: 'Edited on the page' }, { draft: false })).status).toBe(200)
    const edited = await rest(path)
    expect(edited.json.docs[0].description).toBe('Edited on the page')
    expect(edited.json).toEqual((await restDirect(path)).json)

    // Its creation time moved to the newest: the off-page skill comes first.
    const moving = await site.payload.update({ collection: 'skills', data: { createdAt: new Date(Date.now() + 60_000).toISOString() }, id: older.id })
    expect(moving.id).toBe(older.id)
    const moved = await rest(path)
    expect(ids(moved)[0]).toBe(older.id)
    expect(moved.json).toEqual((await restDirect(path)).json)

    // Created, unpublished, deleted: each seen.
    const created = await create(site, 'skills', { kind: 'technical', name: 'Newest Listed Skill' }, { draft: false })
    expect(created.status).toBe(201)
    const newID = created.body.doc.id
    const withNew = await rest(path)
    // Second: the moved skill's creation time is a minute ahead.
    expect(ids(withNew).slice(0, 2)).toEqual([older.id, newID])
    expect((await save(site, 'skills', newID, {}, { draft: false })).status).toBe(200)
    expect(await site.payload.update({ collection: 'skills', data: { _status: 'draft' }, id: newID })).toBeTruthy()
    expect(ids(await rest(path))).not.toContain(newID)
    await site.payload.delete({ collection: 'skills', id: newID })
    expect((await rest(path)).json).toEqual((await restDirect(path)).json)
    // The count follows too.
    const counted = await rest('/skills?depth=0&limit=1&sort=-createdAt')
    expect(counted.json.totalDocs).toBe((await restDirect('/skills?depth=0&limit=1&sort=-createdAt')).json.totalDocs)
    expect(oldest.id).not.toBe(older.id)
  })

  it('a page sorted or filtered by a field an edit can change is dropped by any edit of its collection', async () => {
    const sorted = '/skills?depth=0&limit=2&sort=name'
    const filtered = '/skills?depth=0&limit=50&where[kind][equals]=soft'
    await rest(sorted)
    await rest(filtered)
    const technical = (await site.payload.find({ collection: 'skills', depth: 0, limit: 1, where: { kind: { equals: 'technical' } } })).docs[0]!
    // Renamed to come first by name, and made a soft skill: both pages show it.
    expect((await save(site, 'skills', technical.id, { kind: 'soft', name: 'Aaa First By Name' }, { draft: false })).status).toBe(200)
    expect((await rest(sorted)).json.docs[0].id).toBe(technical.id)
    expect(ids(await rest(filtered))).toContain(technical.id)
    expect((await rest(sorted)).json).toEqual((await restDirect(sorted)).json)
  })

  it('a read access that filters on another field keeps lists dropped by every edit of that field', async () => {
    // A host's read access (as overrides.skills.access.read sets it), swapped in for this test.
    const access = site.payload.collections.skills.config.access
    const pluginRead = access.read
    access.read = ({ req }) => (req.user ? true : ({ and: [{ _status: { equals: 'published' } }, { kind: { equals: 'soft' } }] } as Where))
    try {
      const path = '/skills?depth=0&limit=100&sort=-createdAt'
      const before = await rest(path)
      expect(before.json.docs.length).toBeGreaterThan(0)
      expect(before.json.docs.every((doc: { kind: string }) => doc.kind === 'soft')).toBe(true)
      const technical = (await site.payload.find({ collection: 'skills', depth: 0, limit: 1, where: { kind: { equals: 'technical' } } })).docs[0]!
      expect((await save(site, 'skills', technical.id, { kind: 'soft' }, { draft: false })).status).toBe(200)
      expect(ids(await rest(path))).toContain(technical.id)
    } finally {
      access.read = pluginRead
    }
  })

  // Attacks on the fields a list records (review of the finer list invalidation).
  /** Published skills (an edit of an unpublished one publishes it, which drops every list). */
  const skillsBy = async (where: Where, sort = '-createdAt') =>
    (await site.payload.find({ collection: 'skills', depth: 0, limit: 200, sort, where: { and: [{ _status: { equals: 'published' } }, where] } })).docs
  /**
   * A published skill of the test's own. Earlier tests leave pending drafts on seeded ones, and
   * publishing a pending draft is a `publish`, which drops every list: an attack on an update's
   * fields needs a document without one.
   */
  const freshSkill = async (name: string) => {
    const created = await create(site, 'skills', { kind: 'soft', name }, { draft: false })
    expect(created.status).toBe(201)
    return created.body.doc as { id: number; name: string }
  }

  it('a page of the most recently updated: any published edit moves its document to the top', async () => {
    const offPage = await freshSkill('Updated Last Later')
    await freshSkill('Updated Last Now')
    const path = '/skills?depth=0&limit=1&sort=-updatedAt'
    expect(ids(await rest(path))).not.toEqual([offPage.id])
    // Only its description changes (and, as with every save, its update time).
    expect((await save(site, 'skills', offPage.id, { description: 'Touched last' }, { draft: false })).status).toBe(200)
    const after = await rest(path)
    expect(ids(after)[0]).toBe(offPage.id)
    expect(after.json).toEqual((await restDirect(path)).json)
  })

  it('a filter written with AND/OR in capitals (as GraphQL writes it; Payload reads and/or in any case) records the fields inside', async () => {
    // On description: neither the default sort (name) nor always listed.
    const description = 'Listed by a capital OR'
    const query = `{ Skills(where: { OR: [{ description: { equals: "${description}" } }, { AND: [{ slug: { equals: "no-such-skill" } }] }] }) { docs { id description } totalDocs } }`
    const countQuery = `{ countSkills(where: { OR: [{ description: { equals: "${description}" } }] }) { totalDocs } }`
    const restPath = `/skills?depth=0&${new URLSearchParams({ 'where[OR][0][description][equals]': description })}`
    const edited = await freshSkill('Not Yet Capital Or')
    expect((await post(query)).json.data.Skills.docs).toEqual([])
    expect((await post(countQuery)).json.data.countSkills.totalDocs).toBe(0)
    expect((await rest(restPath)).json.docs).toEqual([])
    expect((await save(site, 'skills', edited.id, { description }, { draft: false })).status).toBe(200)
    expect((await post(query)).json.data.Skills.docs).toEqual([{ description, id: edited.id }])
    expect((await post(countQuery)).json.data.countSkills.totalDocs).toBe(1)
    expect(ids(await rest(restPath))).toEqual([edited.id])
    expect((await post(query)).json).toEqual(await uncached(query))
  })

  it('a filter through a nested field written with __ (GraphQL’s spelling, which Payload reads as a dot) records its top-level field', async () => {
    const scheme = 'Attack Taxonomy'
    const query = `{ JobRoles(where: { externalCodes__scheme: { equals: "${scheme}" } }) { docs { slug } totalDocs } }`
    const restPath = `/${ROLES}?depth=0&${new URLSearchParams({ 'where[externalCodes__scheme][equals]': scheme })}`
    // A role of the test's own (no pending draft).
    const created = await create(site, ROLES, { slug: 'taxonomy-coded-role', title: 'Taxonomy Coded Role' }, { draft: false })
    expect(created.status).toBe(201)
    expect((await post(query)).json.data.JobRoles.totalDocs).toBe(0)
    expect((await rest(restPath)).json.totalDocs).toBe(0)
    await site.payload.update({
      collection: ROLES as 'users',
      data: { externalCodes: [{ code: 'X-1', label: 'Attack', match: 'close', scheme }] } as never,
      id: created.body.doc.id,
    })
    expect((await post(query)).json.data.JobRoles.docs).toEqual([{ slug: 'taxonomy-coded-role' }])
    expect((await rest(restPath)).json.totalDocs).toBe(1)
    expect((await post(query)).json).toEqual(await uncached(query))
  })

  it('German lists filtered and sorted on German-only values see a German-only edit', async () => {
    // A skill of its own: one with a pending draft (earlier tests leave some) would be unpublished by a Local API update.
    const edited = await freshSkill('Zzz Only English So Far')
    const description = 'Nur auf Deutsch beschrieben'
    const byDescription = `{ Skills(locale: de, where: { description: { equals: "${description}" } }) { docs { id } } }`
    const byGermanName = '/skills?depth=0&locale=de&limit=2&sort=name'
    expect((await post(byDescription)).json.data.Skills.docs).toEqual([])
    expect(ids(await rest(byGermanName))).not.toContain(edited.id)
    await site.payload.update({ collection: 'skills', data: { description, name: '0 Zuerst auf Deutsch' }, id: edited.id, locale: 'de' })
    expect((await post(byDescription)).json.data.Skills.docs).toEqual([{ id: edited.id }])
    expect(ids(await rest(byGermanName))[0]).toBe(edited.id)
    expect((await post(byDescription)).json).toEqual(await uncached(byDescription))
    expect((await rest(byGermanName)).json).toEqual((await restDirect(byGermanName)).json)
  })

  it('publishing a pending draft (saved as the admin saves it, the whole document) moves the document into the lists it now matches', async () => {
    const description = 'Drafted first, published later'
    const path = `/skills?depth=0&${new URLSearchParams({ 'where[description][equals]': description })}`
    const skill = (await skillsBy({}, 'createdAt'))[1]!
    expect((await save(site, 'skills', skill.id, { description }, { draft: true })).status).toBe(200)
    expect((await rest(path)).json.docs).toEqual([])
    const whole = await site.rest.get(`/skills/${skill.id}?depth=0&draft=true`, { token: await site.login() })
    expect(whole.body.description).toBe(description)
    expect((await rest(path)).json.docs).toEqual([])
    expect((await save(site, 'skills', skill.id, whole.body, { draft: false })).status).toBe(200)
    expect(ids(await rest(path))).toEqual([skill.id])
    expect((await rest(path)).json).toEqual((await restDirect(path)).json)
  })

  it('a site endpoint’s read with an empty sort is ordered by the default sort, as Payload orders it', async () => {
    // A site's own endpoint on skills (cached as Payload's reads are) passing its caller's sort through, empty when none.
    const endpoints = site.payload.collections.skills.config.endpoints as unknown as { handler: unknown; method: string; path: string }[]
    const first = {
      handler: async (req: any) =>
        Response.json(
          await req.payload.find({ collection: 'skills', depth: 0, limit: 1, overrideAccess: false, req, sort: req.searchParams.get('sort') ?? '' }),
        ),
      method: 'get',
      path: '/first',
    }
    endpoints.unshift(first)
    try {
      const shown: number[] = ids(await rest('/skills/first'))
      const byName = await site.payload.find({ collection: 'skills', depth: 0, limit: 1, overrideAccess: false, sort: 'name' })
      expect(shown).toEqual(byName.docs.map((doc) => doc.id))
      const offPage = await freshSkill('Zzz Renamed To Come First')
      expect(ids(await rest('/skills/first'))).toEqual(shown)
      expect((await save(site, 'skills', offPage.id, { name: '0 First Of All' }, { draft: false })).status).toBe(200)
      expect(ids(await rest('/skills/first'))).toEqual([offPage.id])
    } finally {
      endpoints.splice(endpoints.indexOf(first), 1)
    }
  })

  it('a site’s beforeOperation hook that narrows every read keeps lists dropped by edits of the field it filters on', async () => {
    // A host's hook (as overrides.skills.hooks.beforeOperation adds it, after the plugin's), swapped in for this test.
    const hooks = site.payload.collections.skills.config.hooks
    const own = hooks.beforeOperation
    hooks.beforeOperation = [
      ...own,
      ({ args, operation }) =>
        operation === 'read' || operation === 'count' ? { ...args, where: { and: [(args as { where?: Where }).where ?? {}, { kind: { equals: 'soft' } }] } } : args,
    ]
    try {
      const created = await create(site, 'skills', { kind: 'technical', name: 'Technical Until Edited' }, { draft: false })
      expect(created.status).toBe(201)
      const technical = created.body.doc
      const path = '/skills?depth=0&limit=100&sort=-createdAt'
      const before = await rest(path)
      expect(before.json.docs.length).toBeGreaterThan(0)
      expect(before.json.docs.every((doc: { kind: string }) => doc.kind === 'soft')).toBe(true)
      expect((await save(site, 'skills', technical.id, { kind: 'soft' }, { draft: false })).status).toBe(200)
      expect(ids(await rest(path))).toContain(technical.id)
      expect((await rest(path)).json).toEqual((await restDirect(path)).json)
    } finally {
      hooks.beforeOperation = own
    }
  })
})

describe('attacks on the serving layer (review of issue 20)', () => {
  const restAs = async (route: typeof restGet, path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const url = new URL(`http://localhost/api${path}`)
    const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
    return toAnswer(await route(new Request(url, { headers, method }), { params: Promise.resolve({ slug }) }))
  }
  /** Payload's own REST route, never cached: what a cached answer must equal. */
  const restUncached = async (path: string) => restAs(REST_GET(site.config) as typeof restGet, path)

  it('a request of the same shape on another path never gets the first path’s answer (early hits key on the path)', async () => {
    // Each answered twice: the second is the early (before-Payload) path once the shape is known.
    const pages = ['project-manager', 'business-analyst', 'technical-project-manager']
    for (const slug of pages) {
      await rest(`/${ROLES}/${slug}/jsonld`)
      const again = await rest(`/${ROLES}/${slug}/jsonld`)
      expect(again.status).toBe(200)
      expect(again.json).toEqual((await restUncached(`/${ROLES}/${slug}/jsonld`)).json)
    }
    for (const collection of ['skills', 'certifications', 'responsibilities']) {
      await rest(`/${collection}?depth=0&limit=3`)
      const again = await rest(`/${collection}?depth=0&limit=3`)
      expect(again.json).toEqual((await restUncached(`/${collection}?depth=0&limit=3`)).json)
    }
  })

  it('every parameter Payload reads is executed, not dropped as junk (fallbackLocale, flattenLocales)', async () => {
    const role = await bySlug(site, ROLES, 'project-manager')
    // A role with German left out: with no fallback, German text is missing; with fallback it is English.
    const created = await site.payload.create({
      collection: ROLES as 'users',
      data: { _status: 'published', slug: 'english-only-role', title: 'English Only Role' } as never,
      locale: 'en',
    })
    try {
      for (const path of [
        `/${ROLES}/${created.id}?locale=de&fallbackLocale=none&depth=0`,
        `/${ROLES}?where[slug][equals]=english-only-role&locale=de&fallbackLocale=none&depth=0`,
        `/${ROLES}/${role.id}?locale=all&flattenLocales=false&depth=0`,
        `/${ROLES}/compare?a=english-only-role&b=project-manager&locale=de&fallbackLocale=none`,
      ]) {
        const expected = await restUncached(path)
        expect(expected.status, path).toBe(200)
        for (let i = 0; i < 2; i++) expect((await rest(path)).json, path).toEqual(expected.json)
      }
      expect((await rest(`/${ROLES}/${created.id}?locale=de&fallbackLocale=none&depth=0`)).json.title ?? null).toBeNull()
    } finally {
      await site.payload.delete({ collection: ROLES as 'users', id: created.id })
    }
  })

  it('a public answer names Origin in Vary also when the request sent none: a CDN keeps the origins’ CORS headers apart', async () => {
    const path = `/skills?depth=0&limit=7`
    const withoutOrigin = await rest(path)
    const graphql = await get('{ roleBySlug(slug: "business-analyst") { slug } }')
    for (const answer of [withoutOrigin, graphql, await rest(path), await get('{ roleBySlug(slug: "business-analyst") { slug } }')]) {
      expect(answer.headers.get('access-control-allow-origin')).toBeNull()
      expect(answer.headers.get('vary')!.split(',').map((name) => name.trim())).toContain('Origin')
    }
    // An origin that is not allowed gets no CORS header from the cache either.
    const evil = await rest(path, { Origin: 'https://evil.example' })
    expect(evil.headers.get('access-control-allow-origin')).not.toBe('https://evil.example')
  })

  it('a crafted Host or X-Forwarded-Host cannot put its name into a cached answer served to others', async () => {
    const path = `/${ROLES}/project-manager/jsonld`
    const crafted = async (host: string) => {
      const url = new URL(`http://${host}/api${path}`)
      const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
      return toAnswer(await restGet(new Request(url, { headers: { 'X-Forwarded-Host': 'evil.example' } }), { params: Promise.resolve({ slug }) }))
    }
    const poisoned = await crafted('evil.example')
    expect(poisoned.status).toBe(200)
    expect(poisoned.body).not.toContain('evil.example')
    const honest = await rest(path)
    expect(honest.body).toBe(poisoned.body)
    expect((await crafted('evil.example')).body).not.toContain('evil.example')
    const page = await toAnswer(
      await graphqlRoute.POST(
        new Request('http://evil.example/api/graphql', {
          body: JSON.stringify({ query: ROLE_PAGE, variables: { slug: 'project-manager' } }),
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-Host': 'evil.example' },
          method: 'POST',
        }),
      ),
    )
    expect(page.body).not.toContain('evil.example')
    expect((await post(ROLE_PAGE, { slug: 'project-manager' })).body).toBe(page.body)
  })

  it('random publishes, unpublishes, German-only edits, renames, buildsOn changes, creates and deletes: every kind of cached answer equals an uncached read', async () => {
    let seed = 20261204
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const token = await site.login()
    const skills = await Promise.all(['communication', 'leadership'].map((slug) => bySlug(site, 'skills', slug)))
    const third = await site.payload.create({
      collection: ROLES as 'users',
      data: { _status: 'published', slug: 'random-third', title: 'Random Third', skills: [{ requirement: 'required', skill: skills[0]!.id }] } as never,
    })
    const roleSlugs = ['project-manager', 'technical-project-manager', 'random-third']
    const roles = await Promise.all(roleSlugs.map((slug) => bySlug(site, ROLES, slug)))
    const ROLE_LIST = `{ JobRoles(limit: 100, sort: "title") { docs { slug title buildsOn { title } skills { skill { slug name } } } } }`
    const SKILLS = `query ($locale: LocaleInputType) { Skills(limit: 100, sort: "slug", locale: $locale) { docs { slug name roles { docs { slug title } } } } }`
    const COMPARE = `query ($a: String!, $b: String!) { compareRoles(a: $a, b: $b) { a { slug title } b { slug title } aBuildsOnB bBuildsOnA skills { shared { slug label } onlyA { slug label } onlyB { slug label } } } }`
    const MATCH = `query ($skills: [String!]!) { matchRoles(skills: $skills) { docs { role { slug title } score covered { slug label } } } }`
    const SEARCH = `query ($text: String!) { searchCatalog(text: $text, limit: 20) { totalDocs docs { collection slug title } } }`
    const graphqlReads: [string, () => Record<string, unknown>][] = [
      [ROLE_PAGE_QUERY.replace('jsonLd', 'jsonLd'), () => ({ slug: roleSlugs[random(3)] })],
      [ROLE_LIST, () => ({})],
      [SKILLS, () => ({ locale: random(2) ? 'de' : 'en' })],
      [COMPARE, () => ({ a: roleSlugs[random(3)], b: roleSlugs[random(3)] })],
      [MATCH, () => ({ skills: ['communication', 'leadership'] })],
      [SEARCH, () => ({ text: random(2) ? 'communication' : 'manager' })],
    ]
    const restReads = [
      () => `/${ROLES}?depth=1&limit=50&sort=slug`,
      () => `/skills?depth=1&limit=50&sort=slug&locale=${random(2) ? 'de' : 'en'}`,
      () => `/${ROLES}/${roleSlugs[random(3)]}/jsonld?locale=${random(2) ? 'de' : 'en'}`,
      () => `/${ROLES}/compare?a=${roleSlugs[random(3)]}&b=${roleSlugs[random(3)]}`,
      () => `/${ROLES}/${roleSlugs[random(3)]}/similar`,
      () => `/${ROLES}/match?skills=communication`,
    ]
    const published = skills.map(() => true)
    let extra: { id: number | string } | undefined
    let hits = 0
    for (let step = 0; step < 70; step++) {
      const action = random(12)
      const i = random(2)
      if (action === 0) {
        expect((await save(site, 'skills', skills[i]!.id, { name: `Skill ${step}` }, { draft: false })).status).toBe(200)
      } else if (action === 1) {
        const answer = await site.rest.patch(`/skills/${skills[i]!.id}?depth=0&locale=de`, { body: { _status: 'published', name: `Fähigkeit ${step}` }, token })
        expect(answer.status).toBe(200)
      } else if (action === 2) {
        // Unpublish, or publish again.
        const answer = await site.rest.patch(`/skills/${skills[i]!.id}?depth=0`, { body: { _status: published[i] ? 'draft' : 'published' }, token })
        expect(answer.status).toBe(200)
        published[i] = !published[i]
      } else if (action === 3) {
        const builds = random(2) ? [roles[0]!.id] : []
        expect((await save(site, ROLES, roles[1]!.id, { buildsOn: builds }, { draft: false })).status).toBe(200)
      } else if (action === 4) {
        const answer = await site.rest.patch(`/${ROLES}/${roles[2]!.id}?depth=0&locale=de`, { body: { _status: 'published', title: `Rolle ${step}` }, token })
        expect(answer.status).toBe(200)
      } else if (action === 5) {
        await save(site, ROLES, roles[random(3)]!.id, { title: `DRAFT ${step}` }, { draft: true })
      } else if (action === 6) {
        if (extra) {
          await site.payload.delete({ collection: ROLES as 'users', id: extra.id })
          extra = undefined
        } else {
          extra = await site.payload.create({
            collection: ROLES as 'users',
            data: { _status: 'published', buildsOn: [roles[random(3)]!.id], slug: 'random-extra', title: `Extra ${step}`, skills: [{ requirement: 'required', skill: skills[i]!.id }] } as never,
          })
        }
      } else if (action < 9) {
        const [query, variables] = graphqlReads[random(graphqlReads.length)]!
        const vars = variables()
        const read = await measured(() => post(query, vars))
        if (read.executions === 0) hits++
        expect(read.body, `step ${step}`).not.toContain('DRAFT')
        expect(read.json, `step ${step}: ${query.slice(0, 60)} ${JSON.stringify(vars)}`).toEqual(await uncached(query, vars))
      } else {
        const path = restReads[random(restReads.length)]!()
        const read = await measured(() => rest(path))
        if (read.statements === 0) hits++
        const expected = await restUncached(path)
        expect(read.status, path).toBe(expected.status)
        expect(read.body, `step ${step}`).not.toContain('DRAFT')
        expect(read.json, `step ${step}: ${path}`).toEqual(expected.json)
      }
    }
    expect(hits).toBeGreaterThan(0)
    // Leave the catalogue as the seed made it for the tests after this one.
    if (extra) await site.payload.delete({ collection: ROLES as 'users', id: extra.id })
    await site.payload.delete({ collection: ROLES as 'users', id: third.id })
    for (const [index, skill] of skills.entries()) {
      if (!published[index]) await site.rest.patch(`/skills/${skill.id}?depth=0`, { body: { _status: 'published' }, token })
    }
    await save(site, ROLES, roles[1]!.id, { buildsOn: [roles[0]!.id] }, { draft: false })
  })
})

describe('junk values of real parameters (review of issue 20, part 1)', () => {
  const restUncached = async (path: string) => {
    const url = new URL(`http://localhost/api${path}`)
    const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
    return toAnswer(await REST_GET(site.config)(new Request(url), { params: Promise.resolve({ slug }) }))
  }

  it('odd spellings of locale, depth, limit, page and draft share the answer Payload executes for them: no read and no entry each', async () => {
    const base = `/skills?depth=0&limit=3&page=1`
    const warm = await rest(base)
    expect(warm.status).toBe(200)
    expect((await measured(() => rest(base))).statements).toBe(0)
    const cache = existingResponseCache(site.payload)!
    const entries = cache.size
    const junk = (i: number) => [
      // Payload reads an unknown locale as the default one (localization.fallback).
      `/skills?depth=0&limit=3&page=1&locale=zz${i}`,
      `/skills?depth=${'0'.repeat(i + 2)}&limit=3&page=1`,
      `/skills?depth=0&limit=${['+3', '3.0', '03', '3e0', ' 3'][i % 5]}&page=1`,
      `/skills?depth=0&limit=3&page=${['01', '+1', '1.0', '1e0', '001'][i % 5]}`,
      // Anything but true/false is no draft to Payload.
      `/skills?depth=0&limit=3&page=1&draft=nope${i}`,
    ]
    for (let i = 0; i < 10; i++) {
      for (const path of junk(i)) {
        const answer = await measured(() => rest(path))
        expect(answer.status, path).toBe(200)
        expect(answer.statements, path).toBe(0)
        expect(answer.body, path).toBe(warm.body)
        // What Payload itself answers for exactly this request.
        if (i < 2) expect(answer.json, path).toEqual((await restUncached(path)).json)
      }
    }
    expect(cache.size).toBe(entries)

    // German stays German, and an unknown locale on a plugin endpoint is still refused by name.
    const german = `/${ROLES}?where[slug][equals]=project-manager&locale=de&depth=0`
    const de = await rest(german)
    expect(de.json.docs[0].title).toBe((await restUncached(german)).json.docs[0].title)
    expect(de.json.docs[0].title).not.toBe((await rest(`/${ROLES}?where[slug][equals]=project-manager&locale=zz9&depth=0`)).json.docs[0].title)
    const refused = await rest(`/${ROLES}/compare?a=project-manager&b=business-analyst&locale=zz1`)
    expect(refused.status).toBe(400)
    expect(refused.json.errors[0].message).toMatch(/"locale"/)

    // GraphQL: an unknown ?locale= on the URL, and variables of equal value written differently.
    const query = `query ($limit: Int) { Skills(limit: $limit, sort: "slug") { docs { slug } } }`
    const first = await get(query, { limit: 3 })
    expect(first.json.data.Skills.docs).toHaveLength(3)
    for (let i = 0; i < 5; i++) {
      const url = new URL('http://localhost/api/graphql')
      url.searchParams.set('query', query)
      url.searchParams.set('variables', i % 2 ? `{"limit": 3.0${'0'.repeat(i)}}` : `{ "limit":3, "unused${i}": 1 }`)
      url.searchParams.set('locale', `zz${i}`)
      const answer = await measured(async () => toAnswer(await graphqlRoute.GET(new Request(url))))
      expect(answer.body).toBe(first.body)
      expect(answer.executions).toBe(0)
      expect(answer.statements).toBe(0)
    }
  })

  it('a flood of distinct values of one operation takes at most maxVariants entries and never evicts an answer that is being hit', async () => {
    const options = getCatalogConfig(site.payload.config).responseCache
    const saved = { maxBytes: options.maxBytes, maxVariants: options.maxVariants }
    const cache = existingResponseCache(site.payload)!
    const goodList = `/skills?depth=0&limit=4`
    const goodPage = `/${ROLES}/project-manager/jsonld`
    // Warm: asked for, and asked for again (hit).
    for (const read of [() => post(ROLE_PAGE, { slug: 'technical-project-manager' }), () => rest(goodList), () => rest(goodPage)]) {
      await read()
      expect((await measured(read)).statements).toBe(0)
    }
    const stillHits = async () => {
      for (const read of [() => post(ROLE_PAGE, { slug: 'technical-project-manager' }), () => rest(goodList), () => rest(goodPage)]) {
        const answer = await measured(read)
        expect(answer.status).toBe(200)
        expect(answer.statements).toBe(0)
      }
    }
    options.maxVariants = 5
    try {
      const before = cache.size
      // Values of real parameters that each are a read of their own (a slug no role has, a where).
      for (let i = 0; i < 30; i++) {
        expect((await post(ROLE_PAGE, { slug: `no-such-role-${i}` })).json.data.roleBySlug).toBeNull()
        expect((await rest(`/skills?where[slug][equals]=junk-${i}&depth=0`)).json.docs).toEqual([])
        expect((await rest(`/${ROLES}/no-such-role-${i}/similar`)).status).toBe(404)
      }
      // Two operations flooded: each holds at most maxVariants answers, its warm one among them.
      expect(cache.size - before).toBeLessThanOrEqual(2 * options.maxVariants)
      await stillHits()

      // Memory: a flood of distinct operations (each asked once) when the cache is full displaces
      // answers nobody asked for again, not the ones being hit.
      options.maxBytes = cache.bytes + 16 * 1024
      const evictions = cache.evictions
      for (let i = 0; i < 60; i++) expect((await post(`query Junk${i} { roleBySlug(slug: "project-manager") { slug title summary } }`)).status).toBe(200)
      expect(cache.evictions).toBeGreaterThan(evictions)
      expect(cache.bytes).toBeLessThanOrEqual(options.maxBytes)
      await stillHits()
    } finally {
      Object.assign(options, saved)
    }
  })
})

describe('invalidation by dependencies (a change drops what it affects, nothing else)', () => {
  const PAGE = /* GraphQL */ `query ($slug: String!) { roleBySlug(slug: $slug) { slug title summary skills { skill { slug name } } buildsOn { slug title } builtOnBy { docs { slug title } } } }`

  it('a role’s change drops its page and its buildsOn neighbours’, not other roles’ pages or other collections’ lists', async () => {
    const pm = await bySlug(site, ROLES, 'project-manager')
    await site.payload.create({ collection: ROLES as 'users', data: { _status: 'published', slug: 'scrum-master', title: 'Scrum Master' } as never })
    for (const slug of ['project-manager', 'technical-project-manager', 'scrum-master']) await post(PAGE, { slug })
    // Without the skills' `roles` join: which roles link a skill is not part of this list.
    await rest(`/skills?depth=0&limit=5&sort=slug&joins[roles]=false`)
    await rest(`/${ROLES}?depth=0&limit=5`)
    expect((await save(site, ROLES, pm.id, { title: 'Project Manager (renamed)' }, { draft: false })).status).toBe(200)

    const own = await measured(() => post(PAGE, { slug: 'project-manager' }))
    expect(own.executions).toBe(1)
    expect(own.json).toEqual(await uncached(PAGE, { slug: 'project-manager' }))
    // TPM builds on PM: its page shows PM's title.
    const neighbour = await measured(() => post(PAGE, { slug: 'technical-project-manager' }))
    expect(neighbour.executions).toBe(1)
    expect(neighbour.json.data.roleBySlug.buildsOn.map((role: { title: string }) => role.title)).toContain('Project Manager (renamed)')
    expect((await measured(() => post(PAGE, { slug: 'scrum-master' }))).executions).toBe(0)
    expect((await measured(() => rest(`/skills?depth=0&limit=5&sort=slug&joins[roles]=false`))).statements).toBe(0)
    const list = await measured(() => rest(`/${ROLES}?depth=0&limit=5`))
    expect(list.statements).toBeGreaterThan(0)
    await save(site, ROLES, pm.id, { title: 'Project Manager' }, { draft: false })
  })

  it('an item’s change drops the pages of the roles that link it; a role that starts or stops building on another drops both pages', async () => {
    const tpm = await bySlug(site, ROLES, 'technical-project-manager')
    const pm = await bySlug(site, ROLES, 'project-manager')
    for (const slug of ['project-manager', 'technical-project-manager', 'scrum-master']) await post(PAGE, { slug })
    const unlinked = (await post(PAGE, { slug: 'scrum-master' })).json.data.roleBySlug.skills.map((row: any) => row.skill.slug)
    const pmSkills = (await post(PAGE, { slug: 'project-manager' })).json.data.roleBySlug.skills.map((row: any) => row.skill.slug)
    const skillSlug = pmSkills.find((slug: string) => !unlinked.includes(slug))
    if (skillSlug) {
      const skill = await bySlug(site, 'skills', skillSlug)
      await save(site, 'skills', skill.id, { name: 'Renamed skill' }, { draft: false })
      expect((await measured(() => post(PAGE, { slug: 'scrum-master' }))).executions).toBe(0)
      const page = await measured(() => post(PAGE, { slug: 'project-manager' }))
      expect(page.executions).toBe(1)
      expect(page.json).toEqual(await uncached(PAGE, { slug: 'project-manager' }))
    }
    // TPM stops building on PM: PM's builtOnBy changes too.
    expect((await save(site, ROLES, tpm.id, { buildsOn: [] }, { draft: false })).status).toBe(200)
    const after = await post(PAGE, { slug: 'project-manager' })
    expect(after.json).toEqual(await uncached(PAGE, { slug: 'project-manager' }))
    expect(after.json.data.roleBySlug.builtOnBy.docs.map((role: { slug: string }) => role.slug)).not.toContain('technical-project-manager')
    await save(site, ROLES, tpm.id, { buildsOn: [pm.id] }, { draft: false })
    expect((await post(PAGE, { slug: 'project-manager' })).json).toEqual(await uncached(PAGE, { slug: 'project-manager' }))
  })

  it('deleting a role drops the pages of the roles it was built on and that built on it', async () => {
    const pm = await bySlug(site, ROLES, 'project-manager')
    const created = await site.payload.create({
      collection: ROLES as 'users',
      data: { _status: 'published', buildsOn: [pm.id], slug: 'delivery-lead', title: 'Delivery Lead' } as never,
    })
    const before = await post(PAGE, { slug: 'project-manager' })
    expect(before.json.data.roleBySlug.builtOnBy.docs.map((role: { slug: string }) => role.slug)).toContain('delivery-lead')
    await site.payload.delete({ collection: ROLES as 'users', id: created.id })
    const after = await measured(() => post(PAGE, { slug: 'project-manager' }))
    expect(after.executions).toBe(1)
    expect(after.json.data.roleBySlug.builtOnBy.docs.map((role: { slug: string }) => role.slug)).not.toContain('delivery-lead')
    expect(after.json).toEqual(await uncached(PAGE, { slug: 'project-manager' }))
  })
})

describe('answers kept as their UTF-8 bytes (attacks on the byte store)', () => {
  // German, an emoji and a character outside the BMP (UTF-16 surrogate pairs, four UTF-8 bytes), and CJK (three bytes a character).
  const TITLE = 'Prüferin für Größen 😀 𝄞 中文'
  const SLUG = 'utf8-pruferin'
  const bytesOf = async (response: Response) => ({ bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers, status: response.status })
  const gqlPost = (query: string, variables: Record<string, unknown>) =>
    graphqlRoute.POST(new Request('http://localhost/api/graphql', { body: JSON.stringify({ query, variables }), headers: { 'Content-Type': 'application/json' }, method: 'POST' }))
  const restRequest = (path: string, method = 'GET') => {
    const url = new URL(`http://localhost/api${path}`)
    const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
    return restGet(new Request(url, { method }), { params: Promise.resolve({ slug }) })
  }

  beforeAll(async () => {
    expect((await create(site, ROLES, { slug: SLUG, title: TITLE }, { draft: false })).status).toBe(201)
  })

  it('miss, hit, early hit, GET and HEAD of a non-ASCII answer carry the same bytes and ETag as the uncached route, on GraphQL and REST', async () => {
    const query = `query ($slug: String!) { roleBySlug(slug: $slug) { slug title } }`
    const reference = await bytesOf(
      await GRAPHQL_POST(site.config)(
        new Request('http://localhost/api/graphql', { body: JSON.stringify({ query, variables: { slug: SLUG } }), headers: { 'Content-Type': 'application/json' }, method: 'POST' }),
      ),
    )
    expect(JSON.parse(new TextDecoder().decode(reference.bytes)).data.roleBySlug.title).toBe(TITLE)
    const miss = await bytesOf(await gqlPost(query, { slug: SLUG }))
    const hit = await bytesOf(await gqlPost(query, { slug: SLUG }))
    const early = await bytesOf(await gqlPost(query, { slug: SLUG }))
    const url = new URL('http://localhost/api/graphql')
    url.searchParams.set('query', query)
    url.searchParams.set('variables', JSON.stringify({ slug: SLUG }))
    const viaGet = await bytesOf(await graphqlRoute.GET(new Request(url)))
    const earlyGet = await measured(async () => toAnswer(await graphqlRoute.GET(new Request(url))))
    expect(earlyGet.statements).toBe(0)
    const head = await graphqlRoute.HEAD(new Request(url, { method: 'HEAD' }))
    expect(await head.text()).toBe('')
    for (const answer of [miss, hit, early, viaGet]) {
      expect(answer.status).toBe(200)
      expect(answer.bytes).toEqual(reference.bytes)
      expect(answer.headers.get('etag')).toBe(miss.headers.get('etag'))
    }
    expect(earlyGet.body).toBe(new TextDecoder().decode(reference.bytes))
    expect(head.headers.get('etag')).toBe(miss.headers.get('etag'))
    // The ETag is the bytes' (and media type's): any instance that makes these bytes names them alike.
    expect(miss.headers.get('etag')).toBe(strongETag(reference.bytes, miss.headers.get('content-type')!))

    const path = `/${ROLES}?where[slug][equals]=${SLUG}&depth=0`
    const restMiss = await bytesOf(await restRequest(path))
    expect(JSON.parse(new TextDecoder().decode(restMiss.bytes)).docs[0].title).toBe(TITLE)
    const restHit = await bytesOf(await restRequest(path))
    const restEarly = await measured(async () => toAnswer(await restRequest(path)))
    expect(restEarly.statements).toBe(0)
    const restHead = await restRequest(path, 'HEAD')
    expect(await restHead.text()).toBe('')
    expect(restHit.bytes).toEqual(restMiss.bytes)
    expect(restEarly.body).toBe(new TextDecoder().decode(restMiss.bytes))
    for (const answer of [restHit, restEarly, { headers: restHead.headers }]) expect(answer.headers.get('etag')).toBe(restMiss.headers.get('etag'))
  })

  it('a consumer that writes into the bytes it was handed (body, stream chunk, BYOB reader) does not change what the next hit serves', async () => {
    const query = `query ($slug: String!) { roleBySlug(slug: $slug) { title } }`
    const path = `/${ROLES}/${SLUG}/jsonld`
    const original = new Uint8Array(await (await gqlPost(query, { slug: SLUG })).arrayBuffer())
    const restOriginal = new Uint8Array(await (await restRequest(path)).arrayBuffer())
    for (const [read, expected] of [
      [() => gqlPost(query, { slug: SLUG }), original],
      [() => restRequest(path), restOriginal],
    ] as const) {
      // Hits, full path and early, each scribbled over by its consumer.
      for (let i = 0; i < 2; i++) new Uint8Array(await (await read()).arrayBuffer()).fill(0)
      const reader = (await read()).body!.getReader()
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunk.value.fill(0)
      const byob = (await read()).body!.getReader({ mode: 'byob' })
      for (let chunk = await byob.read(new Uint8Array(64)); !chunk.done; chunk = await byob.read(new Uint8Array(64))) chunk.value.fill(0)
      const next = await measured(async () => toAnswer(await read()))
      expect(next.statements).toBe(0)
      expect(next.body).toBe(new TextDecoder().decode(expected))
      expect(next.headers.get('etag')).toBe(strongETag(expected, next.headers.get('content-type')!))
    }
    expect(new TextDecoder().decode(original)).toContain(TITLE)
  })

  it('a small maxBytes holds no more than it says: the answers still served from memory fit in it, counted by their UTF-8 bytes', async () => {
    const options = getCatalogConfig(site.payload.config).responseCache
    const saved = options.maxBytes
    const cache = existingResponseCache(site.payload)!
    const query = `query ($slug: String!, $n: Int) { roleBySlug(slug: $slug) { title n: title } JobRoles(limit: $n) { totalDocs } }`
    try {
      // One answer, alone in an emptied cache: what it counts is at least its bytes.
      cache.invalidate()
      const one = new Uint8Array(await (await gqlPost(query, { n: 100, slug: SLUG })).arrayBuffer())
      expect(cache.size).toBe(1)
      expect(cache.bytes).toBeGreaterThanOrEqual(one.byteLength)
      // Room for about three such answers: ten distinct ones leave at most that many served from memory.
      options.maxBytes = 3 * cache.bytes + 100
      const bodies: Uint8Array[] = []
      for (let n = 1; n <= 10; n++) bodies.push(new Uint8Array(await (await gqlPost(query, { n, slug: SLUG })).arrayBuffer()))
      expect(cache.bytes).toBeLessThanOrEqual(options.maxBytes)
      // The most recent ones, newest first, until the first that is not held (a miss stores and evicts).
      let held = 0
      for (let n = 10; n >= 1; n--) {
        const answer = await measured(async () => toAnswer(await gqlPost(query, { n, slug: SLUG })))
        expect(answer.body).toBe(new TextDecoder().decode(bodies[n - 1]))
        if (answer.statements > 0) break
        held += bodies[n - 1]!.byteLength
      }
      expect(held).toBeGreaterThan(0)
      expect(held).toBeLessThanOrEqual(options.maxBytes)
      expect(cache.bytes).toBeLessThanOrEqual(options.maxBytes)
    } finally {
      options.maxBytes = saved
    }
  })
})

describe('a catalogue that links a collection of the host', () => {
  beforeAll(async () => {
    await site.stop()
    site = await startSite({
      name: 'response_cache_linked',
      collections: [Departments],
      plugin: {
        overrides: {
          roles: {
            fields: ({ defaultFields }) => [...defaultFields, { name: 'department', type: 'relationship', relationTo: 'departments' }],
            slug: ROLES,
          },
        },
        responseCache: true,
        seed: true,
      },
    })
    graphqlRoute = catalogGraphQLRoute(site.config)
    restGet = withCatalogRestCache(REST_GET(site.config), site.config)
    site.payload.extensions = async ({ result }) => {
      executions++
      return result
    }
  })

  it('caches nothing: a change to the host’s document would never clear it', async () => {
    const department = await site.payload.create({ collection: 'departments' as 'users', data: { name: 'PMO' } as never })
    const role = await bySlug(site, ROLES, 'project-manager')
    await site.payload.update({ collection: ROLES as 'users', data: { department: department.id } as never, id: role.id })
    const query = `{ roleBySlug(slug: "project-manager") { title department { name } } }`
    expect((await post(query)).json.data.roleBySlug.department).toEqual({ name: 'PMO' })
    await site.payload.update({ collection: 'departments' as 'users', data: { name: 'Delivery' } as never, id: department.id })
    const again = await measured(() => post(query))
    expect(again.executions).toBe(1)
    expect(again.json.data.roleBySlug.department).toEqual({ name: 'Delivery' })
    expect(again.headers.get('cache-control')).toBe('no-cache')
    await rest(`/${ROLES}/${role.id}?depth=1`)
    const restAgain = await measured(() => rest(`/${ROLES}/${role.id}?depth=1`))
    expect(restAgain.statements).toBeGreaterThan(0)
    expect(restAgain.json.department.name).toBe('Delivery')
    expect(restAgain.headers.get('cache-control')).toBe('no-cache')
  })
})

describe('a site without localization.fallback: an unknown locale', () => {
  beforeAll(async () => {
    await site.stop()
    site = await startSite({
      name: 'response_cache_no_fallback',
      config: { localization: { defaultLocale: 'en', fallback: false, locales: ['en', 'de'] } },
      plugin: { overrides: { roles: { slug: ROLES } }, responseCache: true, seed: true },
    })
    restGet = withCatalogRestCache(REST_GET(site.config), site.config)
    graphqlRoute = catalogGraphQLRoute(site.config)
  })

  it('is refused with a 400 naming the parameter, as Payload refuses it, before any statement, and buys no entry', async () => {
    const german = await rest(`/skills?depth=0&limit=2&locale=de`)
    expect(german.status).toBe(200)
    const cache = existingResponseCache(site.payload)!
    const entries = cache.size
    for (let i = 0; i < 10; i++) {
      const path = `/skills?depth=0&limit=2&locale=zz${i}`
      const answer = await measured(() => rest(path))
      expect(answer.status, path).toBe(400)
      expect(answer.statements, path).toBe(0)
      expect(answer.json.errors[0].message).toMatch(/^"locale" must be one of en, de, all/)
      expect(answer.headers.get('cache-control')).toBe('no-store')
      if (i === 0) {
        // Payload's own route refuses it too (after the database rejected the value).
        const url = new URL(`http://localhost/api${path}`)
        expect((await REST_GET(site.config)(new Request(url), { params: Promise.resolve({ slug: ['skills'] }) })).status).toBe(400)
      }
    }
    expect(cache.size).toBe(entries)
    // Known locales and `all` are read as before.
    expect((await rest(`/skills?depth=0&limit=2&locale=all`)).status).toBe(200)
    expect((await rest(`/skills?depth=0&limit=2&locale=en`)).json.docs).toHaveLength(2)
  })

  it('a read that names no locale answers in the default locale (Payload leaves the locale unset there and would answer 500)', async () => {
    const english = await rest(`/skills?depth=1&limit=3&locale=en`)
    for (const path of [`/skills?depth=1&limit=3`, `/skills?depth=1&limit=3&sort=-name`, `/skills/count`, `/${ROLES}?depth=1`]) {
      const answer = await rest(path)
      expect([path, answer.status]).toEqual([path, 200])
    }
    expect((await rest(`/skills?depth=1&limit=3`)).json.docs).toEqual(english.json.docs)
    for (const query of ['{ Skills(limit: 3) { docs { name } } }', '{ JobRoles { docs { title skills { skill { name } } } } }', '{ countSkills { totalDocs } }']) {
      const answer = await post(query)
      expect([query, answer.json.errors]).toEqual([query, undefined])
    }
    expect((await post('{ Skills(limit: 3) { docs { name } } }')).json.data.Skills.docs.map((doc: { name: string }) => doc.name)).toEqual(
      english.json.docs.map((doc: { name: string }) => doc.name),
    )
  })
})

describe('the option', () => {
  it('is validated, naming the offending field', () => {
    expect(() => resolveOptions({ responseCache: { maxBytes: 'big' } })).toThrow(/`responseCache.maxBytes`/)
    expect(() => resolveOptions({ responseCache: { ttl: 5 } })).toThrow(/`responseCache`.*ttl/)
    expect(resolveOptions({}).responseCache.enabled).toBe(false)
    expect(() => resolveOptions({ responseCache: { maxVariants: 0 } })).toThrow(/`responseCache.maxVariants`/)
    expect(resolveOptions({ responseCache: { sMaxAge: 60 } }).responseCache).toEqual({
      enabled: true,
      maxBytes: 64 * 1024 * 1024,
      maxVariants: 10_000,
      sMaxAge: 60,
      staleWhileRevalidate: 30,
    })
  })
})
