/** Hostile and malformed input: a 4xx naming the field or the same result as a harmless query, never a 500 or a partial write. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { sqlDuring } from './helpers/sqlCounter.js'

const hostileValues = [
  "'",
  "' OR '1'='1",
  "'; select pg_sleep(5); --",
  '-- comment',
  '\\',
  "\\'; drop table roles; --",
  'pg_sleep(5)',
]

// Every field a public reader can filter on, per collection (link paths included).
const filterable: Record<string, string[]> = {
  certifications: ['name', 'slug', 'abbreviation', 'issuingBody', 'description'],
  responsibilities: ['title', 'slug', 'description'],
  roles: ['title', 'slug', 'abbreviation', 'summary', 'focus', 'skills.requirement', 'skills.skill.name', 'experience.area', 'qualifications.fieldsOfStudy.name'],
  skills: ['name', 'slug', 'kind', 'description'],
}

describe('hostile input', () => {
  let site: TestSite
  let token: string
  beforeAll(async () => {
    site = await startSite({ name: 'hostile' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    token = await site.login()
  })
  afterAll(async () => site?.stop())

  it('treats SQL metacharacters in where values as data on every filterable field', async () => {
    let checked = 0
    const statements = await sqlDuring(async () => {
      for (const [collection, fields] of Object.entries(filterable)) {
        for (const field of fields) {
          for (const operator of ['equals', 'like', 'contains', 'not_equals']) {
            const harmless = await site.rest.get(
              `/${collection}?depth=0&${new URLSearchParams({ [`where[${field}][${operator}]`]: 'zz-no-such-value-zz' })}`,
            )
            for (const value of hostileValues) {
              const { body, status } = await site.rest.get(
                `/${collection}?depth=0&${new URLSearchParams({ [`where[${field}][${operator}]`]: value })}`,
              )
              const label = `${collection} ${field} ${operator} ${value}`
              if (status === 400) continue
              expect(status, label).toBe(200)
              // kind is a select: a value that is no option matches nothing, like the harmless one
              expect(body.docs.map((doc: any) => doc.id), label).toEqual(harmless.body.docs.map((doc: any) => doc.id))
              checked++
            }
          }
        }
      }
    })
    expect(checked).toBeGreaterThan(300)
    // Values travel as bind parameters; no statement text ever carries them.
    expect(statements.filter((text) => /pg_sleep|drop table|OR '1'='1/i.test(text))).toEqual([])
  })

  it('refuses unknown operators and raw SQL in where, and SQL in sort', async () => {
    const raw = await site.rest.get(`/roles?${new URLSearchParams({ 'where[title][$raw]': "1=1) or (1=1" })}`)
    expect(raw.status).toBe(400)
    const unknown = await site.rest.get(`/roles?${new URLSearchParams({ 'where[title][matches]': '.*' })}`)
    expect(unknown.status).toBe(400)
    const statements = await sqlDuring(async () => {
      const sorted = await site.rest.get(`/roles?${new URLSearchParams({ sort: 'title; drop table roles' })}`)
      expect([200, 400]).toContain(sorted.status)
    })
    expect(statements.filter((text) => /drop table/i.test(text))).toEqual([])
    expect((await site.query('select count(*)::int as n from roles'))[0].n).toBe(2)
  })

  it('answers wrong types, unknown links and over-long text with a 400 naming the field, writing nothing', async () => {
    const before = await catalogRowCounts(site)
    const cases: [string, unknown, string][] = [
      ['/skills', { kind: 'alien', name: 'Telepathy' }, 'kind'],
      ['/skills', { kind: 'soft', name: 'x'.repeat(301) }, 'name'],
      ['/roles', { skills: [{ requirement: 'required', skill: 999_999 }], title: 'Ghost Role' }, 'skills.skill'],
      ['/roles', { skills: [{ requirement: 'mandatory', skill: 1 }], title: 'Odd Role' }, 'skills.0.requirement'],
      ['/roles', { qualifications: [{ fieldsOfStudy: [], level: 'bachelor', requirement: 'required' }], title: 'Degree Role' }, 'qualifications.0.fieldsOfStudy'],
    ]
    for (const [path, body, field] of cases) {
      const response = await site.rest.post(path, { body, token })
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      const paths = response.body.errors[0].data.errors.map((error: any) => error.path)
      expect(paths, field).toContain(field)
    }
    const graphql = await site.graphql(
      `mutation { createRole(data: { title: "Ghost", skills: [{ skill: 999999, requirement: required }] }) { id } }`,
      {},
      token,
    )
    expect(graphql.body.errors![0].extensions).toMatchObject({
      data: { errors: [{ path: 'skills.skill' }] },
      statusCode: 400,
    })
    expect(await catalogRowCounts(site)).toEqual(before)
  })

  it('ignores __proto__ keys without polluting anything', async () => {
    const body = '{"name":"Negotiation","kind":"soft","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'
    const response = await site.rest.post('/skills', { body, token })
    expect([201, 400]).toContain(response.status)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    if (response.status === 201) expect(response.body.doc.polluted).toBeUndefined()
  })

  it('refuses a 10 MB body with a 4xx, and broken JSON with a 400', async () => {
    const before = await catalogRowCounts(site)
    const huge = await site.rest.post('/roles', { body: { summary: 'x'.repeat(10 * 1024 * 1024), title: 'Huge' }, token })
    expect(huge.status).toBeGreaterThanOrEqual(400)
    expect(huge.status).toBeLessThan(500)
    const broken = await site.rest.post('/roles', { body: '{"title": "Broken', token })
    expect(broken.status).toBe(400)
    expect(await catalogRowCounts(site)).toEqual(before)
  })
})

describe('a hook that fails after a nested write', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'rollback',
      plugin: {
        overrides: {
          roles: {
            hooks: {
              afterChange: [
                ({ doc }) => {
                  // By now the role, its link rows and its version row have been written.
                  if (doc.title === 'Explode') throw new Error('host afterChange failed')
                  return doc
                },
              ],
            },
          },
        },
      },
    })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it('rolls the whole operation back and masks the internal error', async () => {
    const token = await site.login()
    const skill = (await site.query<{ id: number }>(`select id from skills where slug = 'leadership'`))[0]!.id
    const before = await catalogRowCounts(site)
    const response = await site.rest.post('/roles', {
      body: { _status: 'published', skills: [{ requirement: 'required', skill }], title: 'Explode' },
      token,
    })
    expect(response.status).toBe(500)
    expect(response.body.errors[0].message).toBe('Something went wrong.')
    expect(JSON.stringify(response.body)).not.toContain('host afterChange failed')
    expect(await catalogRowCounts(site)).toEqual(before)
  })
})
