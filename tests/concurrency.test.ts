/** Concurrent writers: one unique slug wins, and two seeding processes yield what one would. */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoLocalization } from '../dev/localization.js'
import { revalidationSecrets } from '../dev/revalidation.js'
import { freePort, projectRoot } from '../scripts/database.js'
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
  /** Where the demo config's change notifications go: nobody listens (they wait in the outbox). */
  let revalidateUrl: string
  beforeAll(async () => {
    revalidateUrl = `http://127.0.0.1:${await freePort()}/next/revalidate`
    // The seed processes below run `npm run seed`'s script, which loads the demo site's config: the
    // site has the demo's locales and change notifications (the outbox) so that both read the same schema.
    site = await startSite({
      config: { localization: demoLocalization },
      name: 'concurrency',
      plugin: { changeNotifications: { secrets: revalidationSecrets(), urls: [revalidateUrl] } },
    })
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
      ROLE_CATALOG_REVALIDATE_URL: revalidateUrl,
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
    // The seed that wrote recorded its four changes (one per collection) for the frontend, which is
    // down: they wait in the outbox for the site's job runner, and the scripts said nothing about it.
    const waiting = await site.query(`select operation, status from role_catalog_deliveries where url = $1`, [revalidateUrl])
    expect(waiting).toHaveLength(4)
    expect(waiting.every((row) => row.operation === 'seed' && row.status === 'pending')).toBe(true)
    for (const { output } of [first, second]) expect(output).not.toMatch(/notification|webhook|undelivered/i)
  })
})
