/** Bounded reads: what REST and GraphQL callers may ask for is clamped or refused before any SQL runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { sqlDuring } from './helpers/sqlCounter.js'

const cycle = (levels: number) => {
  let selection = 'slug'
  for (let level = 0; level < levels; level++) {
    // the outermost hop goes from a skill to its roles, the next from a role to its skills, and so on
    selection = (levels - 1 - level) % 2 === 0 ? `roles { docs { ${selection} } }` : `skills { skill { ${selection} } }`
  }
  return `{ Skills { docs { ${selection} } } }`
}

describe('bounded reads', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      // A site's own complexity budget (Payload's default is 1000) is kept by the plugin.
      config: { graphQL: { maxComplexity: 300 } },
      name: 'limits',
      plugin: { graphQL: { maxAliases: 30, maxDepth: 12 }, limits: { maxDepth: 1, maxLimit: 5 } },
    })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it.each(['limit=0', 'pagination=false', 'limit=100000', 'limit=0&pagination=false'])(
    'REST %s returns at most maxLimit documents, with paging information',
    async (query) => {
      const { body, status } = await site.rest.get(`/responsibilities?${query}&depth=0`)
      expect(status).toBe(200)
      expect(body.docs).toHaveLength(5)
      expect(body).toMatchObject({ hasNextPage: true, limit: 5, totalDocs: 11 })
    },
  )

  it('GraphQL limit: 0 is clamped the same way', async () => {
    const { body } = await site.graphql(`{ Responsibilities(limit: 0) { docs { slug } totalDocs limit } }`)
    expect(body.data.Responsibilities).toMatchObject({ limit: 5, totalDocs: 11 })
    expect(body.data.Responsibilities.docs).toHaveLength(5)
  })

  it('pages join fields without cutting them short or losing hasNextPage', async () => {
    const token = await site.login()
    const leadership = (await site.query<{ id: number }>(`select id from skills where slug = 'leadership'`))[0]!.id
    for (let index = 0; index < 6; index++) {
      const created = await site.rest.post('/roles', {
        body: { _status: 'published', skills: [{ requirement: 'required', skill: leadership }], title: `Lead ${index}` },
        token,
      })
      expect(created.status).toBe(201)
    }
    // 8 roles use leadership; maxLimit is 5
    const { body } = await site.graphql(`{
      Skills(where: { slug: { equals: "leadership" } }) {
        docs { two: roles(limit: 2) { docs { slug } hasNextPage } all: roles { docs { slug } hasNextPage } }
      }
    }`)
    expect(body.errors).toBeUndefined()
    const [skill] = body.data.Skills.docs
    expect(skill.two.docs).toHaveLength(2)
    expect(skill.two.hasNextPage).toBe(true)
    // Without a limit, Payload's join resolver asks for everything: bounded to maxLimit. (It only
    // computes hasNextPage when the query gives a limit.)
    expect(skill.all.docs).toHaveLength(5)
    const rest = await site.rest.get(`/skills/${leadership}?depth=0`)
    expect(rest.body.roles.docs).toHaveLength(5)
    expect(rest.body.roles.hasNextPage).toBe(true)
  })

  it('caps depth=99 at maxDepth', async () => {
    const { body } = await site.rest.get('/roles?where[slug][equals]=technical-project-manager&depth=99')
    const pm = body.docs[0].buildsOn[0]
    expect(pm.slug).toBe('project-manager')
    expect(typeof pm.skills[0].skill).toBe('number')
  })

  it('answers a non-numeric ID with 404, not 500', async () => {
    for (const path of ['/roles/abc', '/skills/1%20or%201=1', '/certifications/12abc']) {
      const { body, status } = await site.rest.get(path)
      expect(status, path).toBe(404)
      expect(body.errors[0].message).toMatch(/not found/i)
    }
    const token = await site.login()
    expect((await site.rest.patch('/roles/abc', { body: { title: 'x' }, token })).status).toBe(404)
    expect((await site.rest.delete('/roles/abc', { token })).status).toBe(404)
  })

  it('rejects a 10-level role↔skill GraphQL cycle before touching the database', async () => {
    let response: Awaited<ReturnType<TestSite['graphql']>> | undefined
    const statements = await sqlDuring(async () => {
      response = await site.graphql(cycle(10))
    })
    expect(response!.body.errors!.map((error: any) => error.message)).toEqual([
      expect.stringMatching(/depth limit of 12 exceeded/i),
    ])
    expect(response!.body.data).toBeUndefined()
    expect(statements).toEqual([])
    // within the limit, the same shape runs
    const allowed = await site.graphql(cycle(4))
    expect(allowed.body.errors, JSON.stringify(allowed.body.errors)).toBeUndefined()
  })

  it('rejects 200 aliases before touching the database', async () => {
    const aliases = Array.from({ length: 200 }, (_, index) => `a${index}: Roles { totalDocs }`).join('\n')
    let response: Awaited<ReturnType<TestSite['graphql']>> | undefined
    const statements = await sqlDuring(async () => {
      response = await site.graphql(`{ ${aliases} }`)
    })
    expect(response!.body.errors![0].message).toMatch(/aliases/i)
    expect(statements).toEqual([])
  })

  it("rejects a query over the site's complexity budget before touching the database", async () => {
    const wide = Array.from({ length: 25 }, (_, index) => `r${index}: Roles { docs { title slug summary skills { requirement skill { name slug } } } }`).join('\n')
    let response: Awaited<ReturnType<TestSite['graphql']>> | undefined
    const statements = await sqlDuring(async () => {
      response = await site.graphql(`{ ${wide} }`)
    })
    expect(response!.body.errors![0].message).toMatch(/complexity/i)
    expect(statements).toEqual([])
  })
})
