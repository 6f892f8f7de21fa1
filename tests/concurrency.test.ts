/** Concurrent writers: one unique slug wins, and two seeding processes yield what one would. */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoLocalization } from '../dev/localization.js'
import { projectRoot } from '../scripts/database.js'
import { articleSeed } from '../seed/data.js'
import { catalogRowCounts } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const run = (command: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env } })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })

describe('concurrency', () => {
  let site: TestSite
  beforeAll(async () => {
    // The seed processes below run `npm run seed`'s script, which loads the demo site's config: the
    // site has the demo's locales so that both read the same schema.
    site = await startSite({ config: { localization: demoLocalization }, name: 'concurrency' })
  })
  afterAll(async () => site?.stop())

  it('20 parallel creates with one slug: exactly one succeeds, the rest get a 400 naming slug', async () => {
    const token = await site.login()
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        site.rest.post('/skills', { body: { kind: 'soft', name: `Diplomacy ${index}`, slug: 'diplomacy' }, token }),
      ),
    )
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([201, ...Array(19).fill(400)])
    for (const response of responses.filter((candidate) => candidate.status === 400)) {
      expect(response.body.errors[0].data.errors[0].path).toBe('slug')
    }
    expect((await site.query(`select count(*)::int as n from skills where slug = 'diplomacy'`))[0].n).toBe(1)
    expect((await site.query(`select count(*)::int as n from _skills_v where version_slug = 'diplomacy'`))[0].n).toBe(1)
  })

  it('two processes seeding at once yield the same counts as one', async () => {
    await site.query(`delete from skills where slug = 'diplomacy'`)
    const env = {
      DATABASE_URL: site.databaseUrl,
      // production: no schema push and no development login, just the seed
      NODE_ENV: 'production',
      PAYLOAD_SECRET: 'concurrency-test',
    }
    const [first, second] = await Promise.all([
      run('npx', ['tsx', 'scripts/seed.ts'], env),
      run('npx', ['tsx', 'scripts/seed.ts'], env),
    ])
    expect(first.code, first.output).toBe(0)
    expect(second.code, second.output).toBe(0)
    const created = [first.output, second.output]
      .map((output) => Number(/seed done: (\d+) created/.exec(output)?.[1]))
      .sort()
    const total =
      articleSeed.roles.length + articleSeed.skills.length + articleSeed.certifications.length + articleSeed.responsibilities.length
    // one process created everything, the other found it all there
    expect(created).toEqual([0, total])
    const counts = await catalogRowCounts(site)
    expect(counts).toMatchObject({ certifications: 3, responsibilities: 11, roles: 2, skills: 7 })
  })
})
