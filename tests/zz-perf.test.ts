import { createLocalReq } from 'payload'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSite, type TestSite } from './helpers/setup.js'
import { scratchFolder } from './helpers/scratch.js'
import { generateEscoCatalogue } from '../scripts/bench/generateEscoCatalogue.js'
import { importEscoFolder } from '../src/import/index.js'
import { searchCatalog, suggestCatalog } from '../src/search/searchCatalog.js'
let site: TestSite
let folder: string
const localization = { defaultLocale: 'en', fallback: true, locales: [{ code: 'en', label: 'English' }, { code: 'de', label: 'Deutsch' }] }
beforeAll(async () => {
  site = await startSite({ name: 'perf', config: { localization } })
  folder = await scratchFolder('perf-')
  await generateEscoCatalogue(folder, { languages: ['en', 'de'], links: 130_000, occupations: 3000, seed: 1, skills: 14000 })
  const t = performance.now()
  const report = await importEscoFolder({ folder, payload: site.payload, method: 'sql' })
  console.log('import s', ((performance.now() - t) / 1000).toFixed(1), report.roles, report.skills)
  await site.query('ANALYZE')
}, 1_200_000)
afterAll(async () => { await site?.stop(); if (folder) await rm(folder, { force: true, recursive: true }) })
const pct = (values: number[], p: number) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2) }
test('perf', async () => {
  const queries = ['software manager', 'hospitl techncian', '"railway engineer"', 'bakery', 'manage budgets', 'inspect machinery -hydraulic', 'warehouse or hotel', 'mainten', 'digital netwrks', 'analyst', 'forensic laboratory specialist', 'pharmaceutical']
  const req = await createLocalReq({}, site.payload)
  const times: number[] = []
  const like: number[] = []
  for (let round = 0; round < 6; round++) for (const text of queries) {
    let t = performance.now()
    const r = await searchCatalog({ req: await createLocalReq({}, site.payload), text, limit: 10 })
    times.push(performance.now() - t)
    if (round === 0) console.log(text, r.totalDocs, r.docs.slice(0, 3).map((d) => `${d.title} ${d.score}`).join(' | '))
    t = performance.now()
    for (const [collection, field] of [['roles', 'title'], ['skills', 'name']] as const) {
      await site.payload.find({ collection, where: { or: [{ [field]: { like: text } }, { alternateNames: { like: text } }] }, limit: 10, req, depth: 0, overrideAccess: false })
    }
    like.push(performance.now() - t)
  }
  const sTimes: number[] = []
  for (let round = 0; round < 6; round++) for (const prefix of ['soft', 'hosp tech', 'rail', 'man', 'insp mach', 'Bäck']) {
    const t = performance.now()
    await suggestCatalog({ req: await createLocalReq({}, site.payload), prefix, limit: 8 })
    sTimes.push(performance.now() - t)
  }
  console.log(`searchMs p50 ${pct(times, 0.5)} p99 ${pct(times, 0.99)}; like p50 ${pct(like, 0.5)}; suggestMs p50 ${pct(sTimes, 0.5)} p99 ${pct(sTimes, 0.99)}`)
  expect(times.length).toBeGreaterThan(0)
}, 600_000)
