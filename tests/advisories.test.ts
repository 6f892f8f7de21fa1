/**
 * Payload's published security advisories are fixed in the versions installed here. (`npm audit`
 * itself cannot run on machines whose registry mirror refuses the advisory endpoint; run
 * `npm run audit` where it can.)
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Read from node_modules directly: not every package exports its package.json.
const installed = (name: string) =>
  (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version

const atLeast = (version: string, minimum: string) => {
  const [a, b] = [version, minimum].map((v) => v.split('-')[0]!.split('.').map(Number))
  for (let index = 0; index < 3; index++) {
    if (a![index]! !== b![index]!) return a![index]! > b![index]!
  }
  return true
}

// GHSA-xx6w-jxg9-2wh8 (critical) and GHSA-jq29-r496-r955 (moderate, Postgres with several auth
// collections): both fixed in payload 3.74.0.
const fixedIn: Record<string, string> = {
  '@payloadcms/db-postgres': '3.74.0',
  '@payloadcms/graphql': '3.74.0',
  '@payloadcms/next': '3.74.0',
  '@payloadcms/ui': '3.74.0',
  payload: '3.74.0',
}

describe('published advisories', () => {
  it.each(Object.entries(fixedIn))('%s is at or above %s', (name, minimum) => {
    expect(atLeast(installed(name), minimum), `${name} ${installed(name)}`).toBe(true)
  })

  it('asks hosts for a payload version with those fixes', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    const range: string = manifest.peerDependencies.payload
    expect(atLeast(range.replace(/^[^\d]*/, ''), fixedIn.payload!)).toBe(true)
  })
})
