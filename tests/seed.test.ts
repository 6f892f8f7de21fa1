import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { catalogRowCounts as countRows } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

describe('seedRoleCatalog', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'seed' })
  })
  afterAll(async () => site?.stop())

  it('creates every article item once, published, with its source', async () => {
    const lines: string[] = []
    const report = await seedRoleCatalog({ log: (line) => lines.push(line), payload: site.payload })
    expect(report.created.roles).toEqual(articleSeed.roles.map((role) => role.slug))
    expect(report.created.skills).toHaveLength(articleSeed.skills.length)
    expect(report.created.responsibilities).toHaveLength(articleSeed.responsibilities.length)
    expect(report.created.certifications).toHaveLength(articleSeed.certifications.length)
    expect(lines.join('\n')).toMatch(/roles: created 2 \(project-manager, technical-project-manager\)/)

    const counts = await countRows(site)
    expect(counts).toMatchObject({ certifications: 3, responsibilities: 11, roles: 2, skills: 7 })
    const statuses = await site.query<{ _status: string }>(
      `select _status::text from roles union all select _status::text from skills union all select _status::text from certifications union all select _status::text from responsibilities`,
    )
    expect(new Set(statuses.map((row) => row._status))).toEqual(new Set(['published']))
    const sources = await site.query<{ source_title: string }>(
      `select distinct source_title from roles union select distinct source_title from skills union select distinct source_title from certifications union select distinct source_title from responsibilities`,
    )
    expect(sources).toEqual([{ source_title: articleSeed.sourceTitle }])
  })

  it('a second run creates nothing and yields identical counts', async () => {
    const before = await countRows(site)
    const report = await seedRoleCatalog({ log: () => {}, payload: site.payload })
    expect(Object.values(report.created).flat()).toEqual([])
    expect(report.existing.roles).toEqual(['project-manager', 'technical-project-manager'])
    expect(await countRows(site)).toEqual(before)
  })

  it("never overwrites an editor's change", async () => {
    const { docs } = await site.payload.find({ collection: 'skills', where: { slug: { equals: 'leadership' } } })
    await site.payload.update({ collection: 'skills', data: { name: 'Team leadership' }, id: docs[0]!.id })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    const after = await site.payload.findByID({ collection: 'skills', id: docs[0]!.id })
    expect(after.name).toBe('Team leadership')
  })
})

describe('seedRoleCatalog when a write fails', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'seed_failure',
      plugin: {
        overrides: {
          roles: {
            hooks: {
              beforeChange: [
                ({ data }) => {
                  if (data.slug === 'technical-project-manager') throw new Error('host hook refused the role')
                  return data
                },
              ],
            },
          },
        },
      },
    })
  })
  afterAll(async () => site?.stop())

  it('leaves the database as it was', async () => {
    await expect(seedRoleCatalog({ log: () => {}, payload: site.payload })).rejects.toThrow(
      'host hook refused the role',
    )
    const counts = await countRows(site)
    expect(Object.values(counts).every((n) => n === 0)).toBe(true)
  })
})
