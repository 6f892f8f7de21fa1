/**
 * Two instances of one site on one database behave as one site (issue 10, parts 2 and 5): started
 * together they seed once; a login on one is valid on the other; a random sequence of edits,
 * publishes, draft saves and reads across both never shows an anonymous reader a draft, and once an
 * instance has taken in a change (its last applied change, read from /__instance: no sleeping) it
 * never answers with the older content; after its notification connection is killed
 * (pg_terminate_backend) the instance resyncs instead of serving stale answers.
 *
 * Instance A runs in this process (tests/helpers/setup.ts, served over HTTP), B and C in processes
 * of their own (tests/helpers/instance.ts).
 */
import { GRAPHQL_POST, REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { lastAppliedChange } from '../src/changes/changeFeed.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../src/exports/routes.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { serveSite, type ServedSite } from './helpers/httpServer.js'
import { type Instance, startInstance } from './helpers/instance.js'
import { editor, startSite, type TestSite } from './helpers/setup.js'

const PM = 'project-manager'
const TPM = 'technical-project-manager'
const ROLE = /* GraphQL */ `query ($slug: String!) { roleBySlug(slug: $slug) { slug summary } }`
/** A role page: the role, the items it shows, its neighbours both ways. */
const PAGE = /* GraphQL */ `query ($slug: String!) {
  roleBySlug(slug: $slug) { slug title summary skills { skill { slug name } } buildsOn { slug title } builtOnBy { docs { slug title } } }
}`

/**
 * Lists and counts whose members and order the random edits below move, each its own request (its
 * own cached answer): the most recently updated role, roles by title, roles and skills filtered on
 * text the edits write (in capitals, as GraphQL writes and/or). Another instance's change must
 * reach each with the fields it changed.
 */
const LISTS = [
  /* GraphQL */ `{ Roles(sort: "-updatedAt", limit: 1) { docs { slug } } }`,
  /* GraphQL */ `{ Roles(sort: "title", limit: 1) { docs { slug title } } }`,
  /* GraphQL */ `{ countRoles(where: { OR: [{ summary: { like: "Published" } }] }) { totalDocs } }`,
  /* GraphQL */ `{ Skills(where: { AND: [{ name: { like: "Published skill" } }] }, sort: "-updatedAt") { docs { name } totalDocs } }`,
]

/** A small seeded PRNG (mulberry32): the sequence is random but reproducible from its seed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

describe('two instances of one site', () => {
  let site: TestSite
  let a: ServedSite
  let b: Instance
  let c: Instance | undefined

  beforeAll(async () => {
    // The schema (no seed yet), then two instances started together, each seeding on init.
    site = await startSite({ name: 'instances', plugin: { responseCache: true } })
    // As the demo's route files serve it: GraphQL and REST GETs through the response cache.
    a = await serveSite(site, {
      graphql: catalogGraphQLRoute(site.config),
      restGet: withCatalogRestCache(REST_GET(site.config), site.config),
    })
    ;[b, c] = await Promise.all([
      startInstance({ databaseUrl: site.databaseUrl, plugin: { seed: true } }),
      startInstance({ databaseUrl: site.databaseUrl, plugin: { seed: true } }),
    ])
  })
  afterAll(async () => {
    await c?.stop()
    await b?.stop()
    await a?.close()
    await site?.stop()
  })

  const graphql = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${url}/api/graphql`, {
      body: JSON.stringify({ query, variables }),
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
      method: 'POST',
    })
    return (await response.json()) as { data?: any; errors?: unknown[] }
  }
  const summaryOn = async (url: string, slug: string) => (await graphql(url, ROLE, { slug })).data.roleBySlug.summary as string

  it('started together, two instances seed once', async () => {
    expect(await catalogRowCounts(site)).toMatchObject({
      certifications: articleSeed.certifications.length,
      responsibilities: articleSeed.responsibilities.length,
      roles: articleSeed.roles.length,
      skills: articleSeed.skills.length,
    })
    await c!.stop()
    c = undefined
  })

  it('a login on one instance is valid on the other', async () => {
    await site.payload.create({ collection: 'users', data: editor })
    const login = await fetch(`${b.url}/api/users/login`, {
      body: JSON.stringify(editor),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { token } = (await login.json()) as { token: string }
    const me = await fetch(`${a.url}/api/users/me`, { headers: { Authorization: `JWT ${token}` } })
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(editor.email)
  })

  it('a random sequence of edits, publishes, drafts and reads: no draft ever, nothing older once a change arrived', async () => {
    const token = await site.login()
    const seed = Number(process.env.INSTANCES_SEED ?? Date.now() % 100_000)
    const next = random(seed)
    const instances = { a: a.url, b: b.url }
    const ids: Record<string, number> = {}
    for (const slug of [PM, TPM]) {
      ids[slug] = (await site.payload.find({ collection: 'roles', where: { slug: { equals: slug } } })).docs[0]!.id as number
    }
    /** What anonymous readers must see per role, once the change is in; and every draft text written. */
    const published: Record<string, string> = { [PM]: await summaryOn(a.url, PM), [TPM]: await summaryOn(a.url, TPM) }
    const drafts = new Set<string>()
    // Fill both instances' caches.
    for (const url of Object.values(instances)) for (const slug of [PM, TPM]) expect(await summaryOn(url, slug)).toBe(published[slug])
    // Both answer from their caches: a change made behind Payload's back (so never announced) is not seen.
    await site.query('update roles set summary = $1 where slug = $2', ['Changed behind Payload', TPM])
    for (const url of Object.values(instances)) expect(await summaryOn(url, TPM)).toBe(published[TPM])
    await site.query('update roles set summary = $1 where slug = $2', [published[TPM], TPM])

    /** The other instance has applied the writer's latest change. */
    const arrived = async (writer: 'a' | 'b') => {
      const change = writer === 'a' ? lastAppliedChange(site.payload)! : (await b.state()).lastApplied!
      await vi.waitFor(
        async () => {
          const seen = writer === 'a' ? (await b.state()).lastApplied : lastAppliedChange(site.payload)
          expect(seen?.origin === change.origin && seen.sequence >= change.sequence).toBe(true)
        },
        { interval: 10, timeout: 10_000 },
      )
    }

    // Random edits of the roles' items and neighbours too: every instance's page of each role must
    // equal what an uncached read answers (Payload's own route on this database) once the change is in.
    const roleDocs = await Promise.all([PM, TPM].map((slug) => site.payload.findByID({ collection: 'roles', depth: 0, id: ids[slug]! })))
    const skillIDs = [...new Set(roleDocs.map((doc) => (doc.skills as { skill: number }[])[0]!.skill))]
    const uncachedPage = async (slug: string) => {
      const response = await GRAPHQL_POST(site.config)(
        new Request('http://localhost/api/graphql', {
          body: JSON.stringify({ query: PAGE, variables: { slug } }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )
      return (await response.json()) as unknown
    }
    const uncachedList = async (query: string) => {
      const response = await GRAPHQL_POST(site.config)(
        new Request('http://localhost/api/graphql', { body: JSON.stringify({ query }), headers: { 'Content-Type': 'application/json' }, method: 'POST' }),
      )
      return (await response.json()) as unknown
    }
    const patch = async (url: string, path: string, body: Record<string, unknown>) => {
      const response = await fetch(`${url}/api/${path}`, {
        body: JSON.stringify(body),
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        method: 'PATCH',
      })
      expect(response.status).toBe(200)
    }

    // Publishing a role publishes its newest draft with the edit: its draft summary becomes public.
    const latest: Record<string, string> = { ...published }
    const publishedLatest = (slug: string) => {
      drafts.delete(latest[slug]!)
      published[slug] = latest[slug]!
    }

    for (let step = 0; step < 36; step++) {
      const writer = next() < 0.5 ? 'a' : 'b'
      const other = writer === 'a' ? 'b' : 'a'
      const slug = next() < 0.5 ? PM : TPM
      const kind = next()
      if (kind < 0.3) {
        const text = `Published ${step} (seed ${seed}) on ${writer}`
        await patch(instances[writer], `roles/${ids[slug]}`, { _status: 'published', summary: text })
        published[slug] = latest[slug] = text
        // Before its response returned, the writing instance took its own change in.
        expect(await summaryOn(instances[writer], slug)).toBe(text)
        await arrived(writer)
        expect(await summaryOn(instances[other], slug)).toBe(text)
      } else if (kind < 0.5) {
        const text = `Draft ${step} (seed ${seed}) on ${writer}`
        await patch(instances[writer], `roles/${ids[slug]}?draft=true`, { summary: text })
        drafts.add(text)
        latest[slug] = text
      } else if (kind < 0.65) {
        // An item a role page shows: published, or a draft of it.
        const skill = skillIDs[Math.floor(next() * skillIDs.length)]!
        const draft = next() < 0.4
        const text = `${draft ? 'Draft' : 'Published'} skill ${step} (seed ${seed})`
        await patch(instances[writer], `skills/${skill}${draft ? '?draft=true' : ''}`, draft ? { name: text } : { _status: 'published', name: text })
        if (draft) drafts.add(text)
        else await arrived(writer)
      } else if (kind < 0.75) {
        // A neighbour: TPM starts or stops building on PM (both pages change).
        await patch(instances[writer], `roles/${ids[TPM]}`, { _status: 'published', buildsOn: next() < 0.5 ? [] : [ids[PM]] })
        publishedLatest(TPM)
        await arrived(writer)
      } else if (kind < 0.85) {
        // A neighbour's title, shown on the other role's page.
        await patch(instances[writer], `roles/${ids[slug]}`, { _status: 'published', title: `Title ${step} (seed ${seed})` })
        publishedLatest(slug)
        await arrived(writer)
      }
      // Reads on both instances: what an uncached read answers, never a draft.
      for (const url of Object.values(instances)) {
        for (const each of [PM, TPM]) {
          const summary = await summaryOn(url, each)
          expect(drafts.has(summary), `step ${step}, seed ${seed}: a draft reached an anonymous reader`).toBe(false)
          expect(summary, `step ${step}, seed ${seed}`).toBe(published[each])
          const page = await graphql(url, PAGE, { slug: each })
          const text = JSON.stringify(page)
          for (const draft of drafts) expect(text.includes(draft), `step ${step}, seed ${seed}: draft "${draft}" on ${url}`).toBe(false)
          expect(page, `step ${step}, seed ${seed}: ${each} on ${url}`).toEqual(await uncachedPage(each))
        }
        for (const query of LISTS) {
          const list = await graphql(url, query, {})
          for (const draft of drafts) expect(JSON.stringify(list).includes(draft), `step ${step}, seed ${seed}: draft "${draft}" in ${query} on ${url}`).toBe(false)
          expect(list, `step ${step}, seed ${seed}: ${query} on ${url}`).toEqual(await uncachedList(query))
        }
      }
    }
  })

  it('after its notification connection is killed, an instance resyncs instead of serving stale answers', async () => {
    const token = await site.login()
    const before = await b.state()
    expect(before.transport?.connected).toBe(true)
    const old = await summaryOn(b.url, PM) // cached on B
    await site.query('select pg_terminate_backend($1)', [before.transport!.backendPid])
    // A change while B may not be listening.
    const text = `Written while B was deaf: ${Date.now()}`
    const id = (await site.payload.find({ collection: 'roles', where: { slug: { equals: PM } } })).docs[0]!.id
    const response = await fetch(`${a.url}/api/roles/${id}`, {
      body: JSON.stringify({ _status: 'published', summary: text }),
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      method: 'PATCH',
    })
    expect(response.status).toBe(200)
    await vi.waitFor(async () => expect((await b.state()).transport?.reconnects).toBe(1), { interval: 20, timeout: 15_000 })
    const after = await b.state()
    expect(after.resyncs).toBeGreaterThan(before.resyncs)
    expect(after.transport?.backendPid).not.toBe(before.transport?.backendPid)
    expect(old).not.toBe(text)
    expect(await summaryOn(b.url, PM)).toBe(text)
  })
})
