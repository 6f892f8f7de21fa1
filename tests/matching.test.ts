/**
 * Matching by skills (issue 17, part 3): `matchRoles` and `similarRoles` over GraphQL and REST, on
 * the article's seed. What a user relies on: a person with the Technical Project Manager's
 * technical skills sees that role first and what it still asks for (with the role's notes); the
 * scores follow the documented formula; anonymous readers never see drafts or what the host's
 * access hides, not even as a count; bad input is a 400 naming the argument, never a 500; the
 * response cache drops a match when the catalogue changes.
 */
import { REST_GET } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { catalogGraphQLRoute, withCatalogRestCache } from '../src/exports/routes.js'
import { getCatalogConfig } from '../src/plugin/catalogConfig.js'
import { bySlug, create, save } from './helpers/catalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const PM = 'project-manager'
const TPM = 'technical-project-manager'

const ITEM = 'collection slug label kind abbreviation requirement note'

const MATCH = /* GraphQL */ `
  query Match($skills: [String!]!, $certifications: [String!], $limit: Int, $draft: Boolean) {
    matchRoles(skills: $skills, certifications: $certifications, limit: $limit, draft: $draft) {
      totalDocs
      unknownSkills
      unknownCertifications
      docs {
        role { slug title }
        score
        required { matched total }
        recommended { matched total }
        covered { ${ITEM} }
        missingRequired { ${ITEM} }
        missingRecommended { ${ITEM} }
      }
    }
  }
`

const SIMILAR = /* GraphQL */ `
  query Similar($slug: String!, $limit: Int, $draft: Boolean) {
    similarRoles(slug: $slug, limit: $limit, draft: $draft) {
      role { slug }
      totalDocs
      docs {
        role { slug title }
        score
        sharedSkills { ${ITEM} originRequirement originNote }
        sharedResponsibilities { ${ITEM} originRequirement originNote }
      }
    }
  }
`

/** The technical side of the Technical Project Manager, plus communication (which both roles ask for). */
const TECHNICAL = ['technical-domain-expertise', 'problem-solving', 'adaptability-to-change', 'project-management-principles', 'communication']

const slugsOf = (items: { slug: string }[]) => items.map((item) => item.slug)
const rolesOf = (answer: any) => answer.docs.map((each: any) => each.role.slug)

describe('matchRoles and similarRoles on the article', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'matching' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  const match = async (variables: Record<string, unknown>, token?: string) => {
    const { body, status } = await site.graphql(MATCH, variables, token)
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    return body.data.matchRoles
  }

  it('ranks the Technical Project Manager first for a person with its technical skills, and says what is missing', async () => {
    const answer = await match({ skills: TECHNICAL })
    expect(rolesOf(answer)).toEqual([TPM, PM])
    expect(answer.totalDocs).toBe(2)
    expect(answer.unknownSkills).toEqual([])
    const [tpm, pm] = answer.docs
    // TPM: 5 of 6 required skills, none of 3 recommended certifications: (2·5 + 0) / (2·6 + 3).
    expect(tpm.required).toEqual({ matched: 5, total: 6 })
    expect(tpm.recommended).toEqual({ matched: 0, total: 3 })
    expect(tpm.score).toBeCloseTo(10 / 15, 4)
    expect(slugsOf(tpm.missingRequired)).toEqual(['leadership'])
    expect(tpm.missingRequired[0]).toMatchObject({
      collection: 'skills',
      label: 'Leadership',
      note: 'Inspiring and guiding technical teams to achieve project objectives efficiently.',
      requirement: 'required',
    })
    expect(slugsOf(tpm.missingRecommended)).toEqual(['pmp', 'technology-specific-certifications', 'salesforce-certifications'])
    expect(tpm.missingRecommended[0]).toMatchObject({
      abbreviation: 'PMP',
      collection: 'certifications',
      note: 'Can enhance qualifications: demonstrates proficiency in project management principles.',
      requirement: 'recommended',
    })
    // In the role's order.
    expect(slugsOf(tpm.covered)).toEqual(['project-management-principles', 'technical-domain-expertise', 'problem-solving', 'adaptability-to-change', 'communication'])
    // PM: communication only, of leadership, communication, organizational skills and the PMP (all required): 2 / 8.
    expect(pm.required).toEqual({ matched: 1, total: 4 })
    expect(pm.recommended).toEqual({ matched: 0, total: 0 })
    expect(pm.score).toBeCloseTo(2 / 8, 4)
    expect(slugsOf(pm.missingRequired)).toEqual(['leadership', 'organizational-skills', 'pmp'])
  })

  it('weighs required above recommended: the PMP lifts the Project Manager more than the Technical Project Manager', async () => {
    const answer = await match({ skills: ['leadership', 'communication'], certifications: ['pmp'] })
    // PM: leadership, communication, PMP of 4 required: 6/8. TPM: 2 of 6 required + 1 of 3 recommended: 5/15.
    expect(rolesOf(answer)).toEqual([PM, TPM])
    expect(answer.docs[0].score).toBeCloseTo(6 / 8, 4)
    expect(answer.docs[1].score).toBeCloseTo(5 / 15, 4)
    expect(answer.docs[1].recommended).toEqual({ matched: 1, total: 3 })
    // Certifications alone are enough to ask with.
    const byCertification = await match({ skills: [], certifications: ['salesforce-certifications'] })
    expect(rolesOf(byCertification)).toEqual([TPM])
  })

  it('REST answers the same, with lists repeated or comma-separated', async () => {
    const graphql = await match({ skills: TECHNICAL })
    const comma = await site.rest.get(`/roles/match?skills=${TECHNICAL.join(',')}`)
    expect(comma.status).toBe(200)
    const repeated = await site.rest.get(`/roles/match?${TECHNICAL.map((slug) => `skills=${slug}`).join('&')}`)
    expect(repeated.body).toEqual(comma.body)
    expect(comma.body.docs.map((each: any) => each.role.slug)).toEqual(rolesOf(graphql))
    expect(comma.body.docs[0]).toMatchObject({
      missingRequired: graphql.docs[0].missingRequired,
      recommended: graphql.docs[0].recommended,
      required: graphql.docs[0].required,
      role: { slug: TPM, title: 'Technical Project Manager', abbreviation: 'TPM' },
      score: graphql.docs[0].score,
    })
    const limited = await site.rest.get(`/roles/match?skills=communication&limit=1`)
    expect(limited.body.docs).toHaveLength(1)
    expect(limited.body.totalDocs).toBe(2)
  })

  it('ignores unknown slugs and reports them', async () => {
    const answer = await match({ skills: ['communication', 'underwater-welding'], certifications: ['no-such-cert'] })
    expect(answer.unknownSkills).toEqual(['underwater-welding'])
    expect(answer.unknownCertifications).toEqual(['no-such-cert'])
    expect(answer.totalDocs).toBe(2)
    const nothing = await match({ skills: ['underwater-welding'] })
    expect(nothing).toEqual({ docs: [], totalDocs: 0, unknownCertifications: [], unknownSkills: ['underwater-welding'] })
  })

  it('limits: at most `limit` roles, totalDocs counts them all', async () => {
    const one = await match({ skills: ['communication'], limit: 1 })
    expect(one.docs).toHaveLength(1)
    expect(one.totalDocs).toBe(2)
  })

  it('bad input is a 400 naming the argument, never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ skills: ['Not A Slug'] }, '"skills"'],
      [{ skills: ['communication'], certifications: ["pmp'); drop table roles; --"] }, '"certifications"'],
      [{ skills: [] }, '"skills"'],
      [{ skills: ['communication'], limit: 0 }, '"limit"'],
      [{ skills: ['communication'], limit: 101 }, '"limit"'],
      [{ skills: ['communication'], limit: -5 }, '"limit"'],
      [{ skills: Array.from({ length: 201 }, (_, index) => `skill-${index}`) }, '"skills"'],
    ]
    for (const [variables, name] of cases) {
      const { body, status } = await site.graphql(MATCH, variables)
      expect(status, JSON.stringify(variables).slice(0, 80)).toBe(200)
      expect(body.errors?.[0]?.extensions?.statusCode, JSON.stringify(variables).slice(0, 80)).toBe(400)
      expect(body.errors![0].message).toContain(name)
    }
    for (const [path, name] of [
      ['/roles/match', '"skills"'],
      ['/roles/match?skills=', '"skills"'],
      ['/roles/match?skills=a%26b', '"skills"'],
      ['/roles/match?skills=communication&limit=ten', '"limit"'],
      ['/roles/match?skills=communication&limit=1e3', '"limit"'],
      ['/roles/match?skills=communication&draft=maybe', '"draft"'],
      ['/roles/Not%20A%20Slug/similar', '"slug"'],
      [`/roles/${PM}/similar?limit=0`, '"limit"'],
    ] as const) {
      const { body, status } = await site.rest.get(path)
      expect(status, path).toBe(400)
      expect(body.errors[0].message, path).toContain(name)
    }
    const unknown = await site.rest.get('/roles/no-such-role/similar')
    expect(unknown.status).toBe(404)
    const viaGraphQL = await site.graphql(SIMILAR, { slug: 'no-such-role' })
    expect(viaGraphQL.body.errors![0].extensions.statusCode).toBe(404)
  })

  it('similarRoles: the roles sharing weighted skills and responsibilities, with the shared items', async () => {
    const { body } = await site.graphql(SIMILAR, { slug: PM })
    expect(body.errors).toBeUndefined()
    const answer = body.data.similarRoles
    expect(answer.role.slug).toBe(PM)
    expect(rolesOf(answer)).toEqual([TPM])
    const [tpm] = answer.docs
    // Shared: leadership and communication, required in both (2 + 2). Combined: PM's 6 responsibilities
    // and 3 skills (18) plus TPM's 5 and 6 (22), less the shared 4 counted twice: 36.
    expect(tpm.score).toBeCloseTo(4 / 36, 4)
    expect(slugsOf(tpm.sharedSkills)).toEqual(['leadership', 'communication'])
    expect(tpm.sharedSkills[0]).toMatchObject({
      note: 'Inspiring and guiding technical teams to achieve project objectives efficiently.',
      originNote: 'Paramount for success in this role.',
      originRequirement: 'required',
      requirement: 'required',
    })
    expect(tpm.sharedResponsibilities).toEqual([])
    const rest = await site.rest.get(`/roles/${TPM}/similar`)
    expect(rest.status).toBe(200)
    expect(rest.body.role.slug).toBe(TPM)
    expect(rest.body.docs.map((each: any) => [each.role.slug, each.score])).toEqual([[PM, tpm.score]])
  })

  it('the PostgreSQL ranking (one statement) answers what the Local API path answers', async () => {
    // Roles of our own, so ties, recommended links and several candidates are in play.
    const ids = Object.fromEntries(
      await Promise.all(['communication', 'leadership', 'problem-solving', 'organizational-skills'].map(async (slug) => [slug, (await bySlug(site, 'skills', slug)).id])),
    )
    const pmp = (await bySlug(site, 'certifications', 'pmp')).id
    for (const [slug, skills] of [
      ['team-lead', [['leadership', 'required'], ['communication', 'recommended']]],
      ['office-manager', [['organizational-skills', 'required'], ['communication', 'required'], ['problem-solving', 'recommended']]],
      ['trainer', [['communication', 'required']]],
      ['facilitator', [['communication', 'required']]],
    ] as const) {
      const created = await create(
        site,
        'roles',
        {
          slug,
          title: slug,
          skills: skills.map(([skill, requirement]) => ({ skill: ids[skill], requirement })),
          certifications: slug === 'office-manager' ? [{ certification: pmp, requirement: 'recommended' }] : [],
        },
        { draft: false },
      )
      expect(created.status).toBe(201)
    }
    const asks: Record<string, unknown>[] = [
      { skills: TECHNICAL },
      { skills: ['communication'] },
      { skills: ['communication', 'organizational-skills'], certifications: ['pmp'] },
      { skills: ['leadership'], limit: 2 },
      { skills: ['problem-solving', 'communication', 'leadership'], limit: 3 },
    ]
    const catalog = getCatalogConfig(site.payload.config)
    for (const variables of asks) {
      const inSql = await match(variables)
      catalog.tunedReads = false
      try {
        expect(await match(variables), JSON.stringify(variables)).toEqual(inSql)
      } finally {
        catalog.tunedReads = true
      }
    }
    for (const slug of [PM, TPM, 'trainer', 'office-manager']) {
      for (const limit of [1, 10]) {
        const inSql = (await site.graphql(SIMILAR, { slug, limit })).body
        catalog.tunedReads = false
        try {
          expect((await site.graphql(SIMILAR, { slug, limit })).body, slug).toEqual(inSql)
        } finally {
          catalog.tunedReads = true
        }
      }
    }
    // Ties are broken by slug: the trainer and the facilitator ask for communication only.
    const tie = await match({ skills: ['communication'] })
    expect(rolesOf(tie).slice(0, 2)).toEqual(['facilitator', 'trainer'])
    // Remove them again: the tests below count the article's roles.
    for (const slug of ['team-lead', 'office-manager', 'trainer', 'facilitator']) {
      await site.payload.delete({ collection: 'roles', id: (await bySlug(site, 'roles', slug)).id })
    }
  })

  it('a skill linked twice counts once (the first link: required here), on both paths; a role with no links has no similar roles', async () => {
    const comm = (await bySlug(site, 'skills', 'communication')).id
    const lead = (await bySlug(site, 'skills', 'leadership')).id
    const twice = await create(
      site,
      'roles',
      { slug: 'twice-linked', title: 'Twice linked', skills: [{ skill: comm, requirement: 'required' }, { skill: comm, requirement: 'recommended' }, { skill: lead, requirement: 'required' }] },
      { draft: false },
    )
    expect(twice.status).toBe(201)
    expect((await create(site, 'roles', { slug: 'no-links', title: 'No links' }, { draft: false })).status).toBe(201)
    const catalog = getCatalogConfig(site.payload.config)
    try {
      for (const tuned of [true, false]) {
        catalog.tunedReads = tuned
        const answer = await match({ skills: Array.from({ length: 500 }, () => 'communication') })
        const row = answer.docs.find((each: any) => each.role.slug === 'twice-linked')
        expect(row, `tunedReads ${tuned}`).toMatchObject({ recommended: { matched: 0, total: 0 }, required: { matched: 1, total: 2 }, score: 0.5 })
        expect(slugsOf(row.covered)).toEqual(['communication'])
        expect(slugsOf(row.missingRequired)).toEqual(['leadership'])
        expect(rolesOf(answer)).not.toContain('no-links')
        const { body } = await site.graphql(SIMILAR, { slug: 'no-links' })
        expect(body).toEqual({ data: { similarRoles: { docs: [], role: { slug: 'no-links' }, totalDocs: 0 } } })
      }
    } finally {
      catalog.tunedReads = true
      for (const slug of ['twice-linked', 'no-links']) await site.payload.delete({ collection: 'roles', id: (await bySlug(site, 'roles', slug)).id })
    }
  })

  describe('drafts', () => {
    let token: string
    beforeAll(async () => {
      token = await site.login()
      // A draft role asking for exactly the technical skills, and a draft skill linked to it.
      const skill = await create(site, 'skills', { slug: 'kubernetes', name: 'Kubernetes', kind: 'technical' }, { draft: true })
      expect(skill.status).toBe(201)
      const ids = await Promise.all(TECHNICAL.map(async (slug) => (await bySlug(site, 'skills', slug)).id))
      const role = await create(
        site,
        'roles',
        {
          slug: 'platform-engineer',
          title: 'Platform Engineer',
          skills: [...ids.map((id) => ({ skill: id, requirement: 'required' })), { skill: skill.body.doc.id, requirement: 'required' }],
        },
        { draft: true },
      )
      expect(role.status).toBe(201)
    })

    it('anonymous readers see neither the draft role nor the draft skill, not even as a count', async () => {
      const answer = await match({ skills: [...TECHNICAL, 'kubernetes'] })
      expect(rolesOf(answer)).toEqual([TPM, PM])
      expect(answer.totalDocs).toBe(2)
      expect(answer.unknownSkills).toEqual(['kubernetes'])
      // draft: true without credentials is the published catalogue.
      expect(await match({ skills: [...TECHNICAL, 'kubernetes'], draft: true })).toEqual(answer)
      const similar = await site.rest.get(`/roles/${TPM}/similar?draft=true`)
      expect(similar.body.docs.map((each: any) => each.role.slug)).toEqual([PM])
      expect((await site.rest.get('/roles/platform-engineer/similar')).status).toBe(404)
    })

    it('editors asking for drafts see them', async () => {
      const answer = await match({ skills: [...TECHNICAL, 'kubernetes'], draft: true }, token)
      expect(rolesOf(answer)[0]).toBe('platform-engineer')
      expect(answer.docs[0].score).toBe(1)
      expect(answer.unknownSkills).toEqual([])
    })

    it('a published role whose draft adds a link is matched by its published links', async () => {
      const tpm = await bySlug(site, 'roles', TPM)
      const kubernetes = await bySlug(site, 'skills', 'kubernetes')
      const draft = await save(site, 'roles', tpm.id, { skills: [...(tpm.skills as object[]), { skill: kubernetes.id, requirement: 'required' }] }, { draft: true })
      expect(draft.status).toBe(200)
      const answer = await match({ skills: TECHNICAL })
      expect(answer.docs[0].required).toEqual({ matched: 5, total: 6 })
    })
  })
})

describe('a host whose read access hides a role and a skill from anonymous readers', () => {
  let site: TestSite
  beforeAll(async () => {
    const published = { _status: { equals: 'published' } }
    site = await startSite({
      name: 'matching_access',
      plugin: {
        overrides: {
          roles: { access: { read: ({ req }) => (req.user ? true : { and: [published, { slug: { not_equals: PM } }] }) } },
          skills: { access: { read: ({ req }) => (req.user ? true : { and: [published, { slug: { not_equals: 'leadership' } }] }) } },
        },
      },
    })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it('never returns or counts the hidden role, and treats the hidden skill as unknown', async () => {
    const { body } = await site.graphql(MATCH, { skills: ['communication', 'leadership'] })
    expect(body.errors).toBeUndefined()
    const answer = body.data.matchRoles
    expect(rolesOf(answer)).toEqual([TPM])
    expect(answer.totalDocs).toBe(1)
    expect(answer.unknownSkills).toEqual(['leadership'])
    // The TPM's leadership link is not the reader's to see: neither counted nor listed as missing.
    expect(answer.docs[0].required).toEqual({ matched: 1, total: 5 })
    expect(slugsOf(answer.docs[0].missingRequired)).not.toContain('leadership')

    const similar = await site.graphql(SIMILAR, { slug: TPM })
    expect(similar.body.data.similarRoles.docs).toEqual([])
    expect(similar.body.data.similarRoles.totalDocs).toBe(0)
    expect((await site.rest.get(`/roles/${PM}/similar`)).status).toBe(404)

    const editor = await site.graphql(MATCH, { skills: ['communication', 'leadership'] }, await site.login())
    expect(rolesOf(editor.body.data.matchRoles)).toEqual([PM, TPM])
  })
})

describe('the response cache', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'matching_cache', plugin: { responseCache: true, seed: true } })
  })
  afterAll(async () => site?.stop())

  it('serves a repeated match from the cache and drops it when a role or skill changes', async () => {
    const route = catalogGraphQLRoute(site.config)
    const restGet = withCatalogRestCache(REST_GET(site.config), site.config)
    const post = async () => {
      const response = await route.POST(
        new Request('http://localhost/api/graphql', {
          body: JSON.stringify({ query: MATCH, variables: { skills: ['communication'] } }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )
      return { cacheControl: response.headers.get('cache-control'), json: (await response.json()) as any }
    }
    const rest = async (path: string) => {
      const url = new URL(`http://localhost/api${path}`)
      const slug = url.pathname.replace(/^\/api\//, '').split('/').filter(Boolean)
      const response = await restGet(new Request(url), { params: Promise.resolve({ slug }) })
      return { cacheControl: response.headers.get('cache-control'), etag: response.headers.get('etag'), json: (await response.json()) as any }
    }
    const first = await post()
    expect(first.cacheControl).toMatch(/^public/)
    expect(first.json.data.matchRoles.totalDocs).toBe(2)
    const similarBefore = await rest(`/roles/${PM}/similar`)
    expect(similarBefore.cacheControl).toMatch(/^public/)
    expect(similarBefore.json.docs.map((each: any) => each.role.slug)).toEqual([TPM])

    // A new published role asking for communication: the next match and similarity answers show it.
    const communication = await bySlug(site, 'skills', 'communication')
    const created = await create(
      site,
      'roles',
      { slug: 'scrum-master', title: 'Scrum Master', skills: [{ skill: communication.id, requirement: 'required' }] },
      { draft: false },
    )
    expect(created.status).toBe(201)
    const after = await post()
    // Its one required skill is covered (1), then the PM (2/8) and the TPM (2/15).
    expect(rolesOf(after.json.data.matchRoles)).toEqual(['scrum-master', PM, TPM])
    expect(after.json.data.matchRoles.totalDocs).toBe(3)
    const similarAfter = await rest(`/roles/${PM}/similar`)
    expect(similarAfter.json.docs.map((each: any) => each.role.slug)).toContain('scrum-master')

    // Unpublishing the skill: the match no longer finds anything by it.
    const unpublished = await site.rest.patch(`/skills/${communication.id}`, { body: { _status: 'draft' }, token: await site.login() })
    expect(unpublished.status).toBe(200)
    const gone = await post()
    expect(gone.json.data.matchRoles).toMatchObject({ docs: [], totalDocs: 0, unknownSkills: ['communication'] })
  })
})
