import { configToSchema } from '@payloadcms/graphql'
import { printSchema } from 'graphql'
import { auditServer } from 'graphql-http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { catalogGraphQLRoute } from '../src/graphql/route.js'
import { serveSite, type ServedSite } from './helpers/httpServer.js'
import { startSite, type TestSite } from './helpers/setup.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

describe('the committed GraphQL schema (dev/schema.graphql)', () => {
  it('is what `npm run generate:graphql-schema` generates from the demo config today', async () => {
    // The demo config refuses to load without a database URL; building the schema never connects.
    process.env.DATABASE_URL ||= 'postgres://schema-check@127.0.0.1:1/unused'
    const config = await (await import('../dev/payload.config.js')).default
    const generated = printSchema(configToSchema(config).schema)
    const committed = readFileSync(path.join(root, 'dev/schema.graphql'), 'utf8')
    if (committed !== generated) {
      const a = committed.split('\n')
      const b = generated.split('\n')
      const line = a.findIndex((text, index) => text !== b[index])
      expect.fail(
        `dev/schema.graphql is stale (first difference at line ${line + 1}: committed ${JSON.stringify(a[line])}, generated ${JSON.stringify(b[line])}). Run \`npm run generate:graphql-schema\` and commit the file.`,
      )
    }
    // What frontends build on is in it.
    expect(committed).toMatch(/^ {2}compareRoles\(/m)
    expect(committed).toMatch(/^ {2}roleBySlug\(/m)
    expect(committed).toMatch(/^type RoleComparison \{/m)
    expect(committed).toMatch(/^ {2}jsonLd(\([\s\S]*?\))?: JSON$/m)
  })
})

describe('GraphQL over HTTP (graphql-http audit)', () => {
  let site: TestSite
  let served: ServedSite
  let url: string

  beforeAll(async () => {
    // As the demo site: the response cache on, and the route dev/app/(payload)/api/graphql/route.ts
    // mounts (GET and POST), served over HTTP the way Next.js serves it: 405 for methods the route
    // does not export, 500 when it throws.
    site = await startSite({ name: 'graphql_http', plugin: { responseCache: true, seed: true } })
    served = await serveSite(site, { graphql: catalogGraphQLRoute(site.config) })
    url = `${served.url}/api/graphql`
  })
  afterAll(async () => {
    await served?.close()
    await site?.stop()
  })

  it('passes every MUST of the GraphQL-over-HTTP audit', async () => {
    const results = await auditServer({ url })
    const failedMusts = results
      .filter((result) => result.name.startsWith('MUST') && result.status !== 'ok')
      .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`)
    const musts = results.filter((result) => result.name.startsWith('MUST')).length
    const notOk = results.filter((result) => result.status !== 'ok')
    console.log(
      `[graphql-http] ${results.length} audits: ${musts} MUST all ok; not ok (SHOULD/MAY): ${notOk.map((result) => `${result.id} ${result.name}`).join('; ') || 'none'}`,
    )
    expect(failedMusts).toEqual([])
    expect(musts).toBeGreaterThan(10)
    // Stock Payload answers a body that is not JSON with 500; the route's wrapper makes it a 400.
    expect(notOk.map((result) => result.id)).not.toContain('BCF8')
    expect(notOk.map((result) => result.id)).not.toContain('B7N8')
    // Stock Payload serves POST only; the plugin's route answers GET too, so no audit is left out.
    expect(notOk).toEqual([])
  })

  it('answers a query over GET, with an ETag, and refuses a mutation over GET with 405', async () => {
    const get = new URL(url)
    get.searchParams.set('query', 'query ($slug: String!) { roleBySlug(slug: $slug) { title } }')
    get.searchParams.set('variables', JSON.stringify({ slug: 'technical-project-manager' }))
    const response = await fetch(get)
    expect(response.status).toBe(200)
    expect((await response.json()).data.roleBySlug.title).toBe('Technical Project Manager')
    expect(response.headers.get('cache-control')).toMatch(/^public, s-maxage=\d+, stale-while-revalidate=\d+$/)
    const notModified = await fetch(get, { headers: { 'If-None-Match': response.headers.get('etag')! } })
    expect(notModified.status).toBe(304)

    const mutation = new URL(url)
    mutation.searchParams.set('query', 'mutation { deleteSkill(id: 1) { id } }')
    const refused = await fetch(mutation)
    expect(refused.status).toBe(405)
    expect(refused.headers.get('allow')).toBe('POST')
  })

  it('answers a body that is not JSON with 400 and a GraphQL error', async () => {
    const response = await fetch(url, {
      body: '{"query": "{ __typename }"',
      headers: { Accept: 'application/graphql-response+json', 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8')
    expect(await response.json()).toEqual({ errors: [{ message: 'Invalid JSON' }] })
  })

  it('answers a frontend query over plain HTTP', async () => {
    const response = await fetch(url, {
      body: JSON.stringify({
        query: 'query ($slug: String!) { roleBySlug(slug: $slug) { title jsonLd } }',
        variables: { slug: 'technical-project-manager' },
      }),
      headers: { Accept: 'application/graphql-response+json, application/json', 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.data.roleBySlug.title).toBe('Technical Project Manager')
    expect(body.data.roleBySlug.jsonLd['@type']).toBe('Occupation')
  })
})
