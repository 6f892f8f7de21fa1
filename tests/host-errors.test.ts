/**
 * Nothing outside the catalogue changes: a host collection's errors are answered exactly as Payload
 * answers them on the same site without the plugin (status and body, REST and GraphQL), while the
 * catalogue's own operations still get the plugin's mapping (a database that cannot be reached →
 * 503, a link to a missing document → 400).
 */
import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSite, type TestSite } from './helpers/setup.js'

/** Errors as node-postgres raises them, thrown where the title asks for one. */
const failLikePostgres: CollectionBeforeChangeHook = ({ data }) => {
  const title = (data?.title ?? data?.name) as string | undefined
  if (title === 'unreachable') {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  }
  if (title === 'missing link') {
    throw Object.assign(new Error('insert or update on table "notes_rels" violates foreign key constraint'), {
      code: '23503',
      detail: 'Key (users_id)=(987654) is not present in table "users".',
      table: 'notes_rels',
    })
  }
  return data
}

/** While set, reading a skill fails as a lost connection does (the plugin's read queries then fail). */
let skillReadsFail = false
const failReadsLikePostgres = ({ doc }: { doc: Record<string, unknown> }) => {
  if (skillReadsFail) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' })
  return doc
}

const Notes: CollectionConfig = {
  slug: 'notes',
  access: { create: () => true, read: () => true },
  fields: [{ name: 'title', type: 'text' }],
  hooks: { beforeChange: [failLikePostgres] },
}

type Answers = Record<string, { body: unknown; status: number }>

/** The host collection's answers to what fails, over REST and GraphQL. */
const hostAnswers = async (site: TestSite): Promise<Answers> => {
  const answers: Answers = {}
  for (const title of ['unreachable', 'missing link']) {
    const rest = await site.rest.post('/notes', { body: { title } })
    answers[`rest:${title}`] = { body: rest.body, status: rest.status }
    const graphql = await site.graphql(`mutation ($title: String) { createNote(data: { title: $title }) { id } }`, { title })
    answers[`graphql:${title}`] = { body: graphql.body, status: graphql.status }
    const aliased = await site.graphql(`mutation ($title: String) { note: createNote(data: { title: $title }) { id } }`, { title })
    answers[`graphql-alias:${title}`] = { body: aliased.body, status: aliased.status }
  }
  return answers
}

describe('a host collection\'s errors, with and without the plugin', () => {
  let withoutPlugin: Answers
  let site: TestSite

  beforeAll(async () => {
    // One site at a time: Payload's route handlers serve one Payload per process.
    const plain = await startSite({ collections: [Notes], name: 'host_errors_plain', plugin: false })
    try {
      withoutPlugin = await hostAnswers(plain)
    } finally {
      await plain.stop()
    }
    site = await startSite({
      collections: [Notes],
      name: 'host_errors',
      plugin: { overrides: { skills: { hooks: { afterRead: [failReadsLikePostgres], beforeChange: [failLikePostgres] } } }, seed: true },
    })
  })
  afterAll(async () => site?.stop())

  it('are what Payload answers without the plugin: status and body, REST and GraphQL', async () => {
    // Payload's own answer to these: a 500 with its generic message.
    expect(withoutPlugin['rest:unreachable']!.status).toBe(500)
    expect((withoutPlugin['graphql:unreachable']!.body as any).errors[0].extensions.statusCode).toBe(500)
    expect(await hostAnswers(site)).toEqual(withoutPlugin)
  })

  it('the catalogue\'s own operations keep the mapping: 503 when the database is unreachable, 400 for a missing link', async () => {
    const token = await site.login()
    const unreachable = await site.rest.post('/skills', { body: { kind: 'soft', name: 'unreachable' }, token })
    expect(unreachable.status).toBe(503)
    expect(unreachable.body.errors[0].message).toBe('The database is unavailable. Try again shortly.')
    const graphql = await site.graphql(`mutation { createSkill(data: { name: "unreachable", kind: soft }) { id } }`, {}, token)
    expect(graphql.body.errors![0].extensions.statusCode).toBe(503)
    const aliased = await site.graphql(`mutation { added: createSkill(data: { name: "missing link", kind: soft }) { id } }`, {}, token)
    expect(aliased.body.errors![0].extensions.statusCode).toBe(400)
    expect(aliased.body.errors![0].message).toMatch(/^A link points to a document that does not exist/)
  })

  it("the plugin's own queries (matching, similar roles, comparison, role pages) get it too: 503 when the database is lost", async () => {
    skillReadsFail = true
    try {
      for (const query of [
        `{ matchRoles(skills: ["leadership"]) { totalDocs } }`,
        `{ similarRoles(slug: "project-manager") { totalDocs } }`,
        `{ compareRoles(a: "project-manager", b: "technical-project-manager") { aBuildsOnB } }`,
        `{ roleBySlug(slug: "project-manager") { skills { skill { name } } } }`,
        `{ Skills { docs { name } } }`,
      ]) {
        const { body } = await site.graphql(query)
        expect(body.errors?.[0]?.extensions?.statusCode, query).toBe(503)
        expect(body.errors![0].message, query).toBe('The database is unavailable. Try again shortly.')
      }
      const rest = await site.rest.get('/roles/match?skills=leadership')
      expect(rest.status).toBe(503)
    } finally {
      skillReadsFail = false
    }
  })
})
