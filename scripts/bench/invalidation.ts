/**
 * `invalidationMs`: how long a change takes to reach another instance of the site. Two Payload
 * instances on one database (each with its own pool, change feed and LISTEN connection, as two app
 * servers would have); a role is published through the Local API on the first, and the time runs from
 * the moment that publish is acknowledged (the call returned) until the second instance's change feed
 * delivers it as a remote change. A change that arrives before the acknowledgement counts as 0 ms.
 */
import type { CollectionSlug, Payload } from 'payload'

import { BasePayload } from 'payload'

import { lastAppliedChange, onCatalogChange } from '../../src/changes/changeFeed.js'
import { changeTransportOf } from '../../src/changes/transport.js'
import { getCatalogSlugs } from '../../src/plugin/catalogConfig.js'
import { type BenchSite } from './benchSite.js'

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const waitFor = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 30_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`invalidationMs: ${what} within 30 s`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export const measureInvalidation = async (site: BenchSite, { rounds = 60 } = {}) => {
  const first = site.payload
  // A second instance: its own Payload on the same config and database (its onInit starts its transport).
  const second: Payload = await new BasePayload().init({ config: site.config })
  // As for the first (benchSite.ts): destroy() leaves the pool open, and dropping the database
  // afterwards ends its idle connections; without a listener that error ends the process.
  ;(second.db as unknown as { pool: { on: (event: 'error', listener: () => void) => void } }).pool.on('error', () => {})
  try {
    await waitFor(() => Boolean(changeTransportOf(first)?.connected && changeTransportOf(second)?.connected), 'both notification connections up')
    const roles = getCatalogSlugs(first.config).roles as CollectionSlug
    const [role] = (await first.find({ collection: roles, depth: 0, limit: 1, overrideAccess: true })).docs
    if (!role) throw new Error('invalidationMs: the bench site has no role to publish')

    const arrivals = new Map<number, number>()
    const unsubscribe = onCatalogChange(second, (change, source) => {
      if (source === 'remote') arrivals.set(change.sequence, performance.now())
    })
    const samples: number[] = []
    try {
      for (let round = 0; round < rounds + 5; round++) {
        await first.update({
          collection: roles,
          data: { _status: 'published', summary: `Benchmark publish ${round}` } as never,
          id: role.id,
          overrideAccess: true,
        })
        const acknowledged = performance.now()
        const sequence = lastAppliedChange(first)!.sequence
        await waitFor(() => arrivals.has(sequence), `change ${sequence} to arrive`)
        // The first rounds warm up both instances.
        if (round >= 5) samples.push(Math.max(0, arrivals.get(sequence)! - acknowledged))
      }
    } finally {
      unsubscribe()
    }
    const round2 = (value: number) => Math.round(value * 100) / 100
    return { p50: round2(percentile(samples, 50)), p99: round2(percentile(samples, 99)), samples: samples.length }
  } finally {
    await second.destroy()
  }
}
