import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { getCatalogConfig } from '../src/plugin/catalogConfig.js'
import { isLinkAccessCheck, recordStatements } from './helpers/sqlCounter.js'

const dimension = `{
  shared { slug label kind abbreviation a { requirement note level } b { requirement note level } }
  onlyA { slug label kind abbreviation requirement note level }
  onlyB { slug label kind abbreviation requirement note level }
}`

const COMPARE = `query Compare($a: String!, $b: String!) {
  compareRoles(a: $a, b: $b) {
    a { slug title abbreviation }
    b { slug title abbreviation }
    aBuildsOnB
    bBuildsOnA
    responsibilities ${dimension}
    skills ${dimension}
    certifications ${dimension}
    qualifications ${dimension}
    experience ${dimension}
  }
}`

type Item = { kind?: null | string; level?: null | string; requirement: string; slug: string }
type Shared = { a: { level: null | string; requirement: string }; b: { level: null | string; requirement: string }; slug: string }
type Dimension = { onlyA: Item[]; onlyB: Item[]; shared: Shared[] }

const slugs = (items: { slug: string }[]) => items.map((item) => item.slug)

const PM = 'project-manager'
const TPM = 'technical-project-manager'

describe('compareRoles: Project Manager vs Technical Project Manager (the article)', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'compare' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it('GraphQL returns, per dimension, what both roles have and what only one has', async () => {
    const { body, status } = await site.graphql(COMPARE, { a: PM, b: TPM })
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    const c = body.data.compareRoles
    expect(c.a).toEqual({ slug: PM, abbreviation: 'PM', title: 'Project Manager' })
    expect(c.b).toEqual({ slug: TPM, abbreviation: 'TPM', title: 'Technical Project Manager' })
    expect(c.bBuildsOnA).toBe(true)
    expect(c.aBuildsOnB).toBe(false)

    const responsibilities: Dimension = c.responsibilities
    expect(responsibilities.shared).toEqual([])
    expect(slugs(responsibilities.onlyA)).toEqual([
      'stakeholder-management',
      'resource-allocation',
      'risk-management',
      'communication',
      'project-planning',
      'managing-budgets',
    ])
    expect(slugs(responsibilities.onlyB)).toEqual([
      'technical-expertise',
      'integration-of-technical-solutions',
      'quality-assurance',
      'risk-assessment',
      'cross-functional-collaboration',
    ])

    const skills: Dimension = c.skills
    expect(skills.shared.map(({ slug, a, b }) => [slug, a.requirement, b.requirement])).toEqual([
      ['leadership', 'required', 'required'],
      ['communication', 'required', 'required'],
    ])
    expect(skills.shared[0]).toMatchObject({
      label: 'Leadership',
      kind: 'soft',
      b: { note: 'Inspiring and guiding technical teams to achieve project objectives efficiently.' },
    })
    expect(skills.onlyA).toEqual([
      {
        slug: 'organizational-skills',
        abbreviation: null,
        kind: 'soft',
        label: 'Organizational skills',
        level: null,
        note: 'Paramount for success in this role.',
        requirement: 'required',
      },
    ])
    expect(slugs(skills.onlyB)).toEqual([
      'project-management-principles',
      'technical-domain-expertise',
      'problem-solving',
      'adaptability-to-change',
    ])

    const certifications: Dimension = c.certifications
    expect(certifications.shared).toMatchObject([
      { slug: 'pmp', abbreviation: 'PMP', label: 'Project Management Professional', a: { requirement: 'required' }, b: { requirement: 'recommended' } },
    ])
    expect(certifications.onlyA).toEqual([])
    expect(certifications.onlyB.map(({ slug, requirement }) => [slug, requirement])).toEqual([
      ['technology-specific-certifications', 'recommended'],
      ['salesforce-certifications', 'recommended'],
    ])

    // Degrees compare by field of study, each side with its own level and requirement.
    const qualifications: Dimension = c.qualifications
    expect(qualifications.shared).toMatchObject([
      { slug: 'engineering', label: 'Engineering', a: { level: 'bachelor', requirement: 'required' }, b: { level: 'unspecified', requirement: 'recommended' } },
    ])
    expect(qualifications.onlyA.map(({ slug, level, requirement }) => [slug, level, requirement])).toEqual([
      ['business-administration', 'bachelor', 'required'],
      ['project-management', 'bachelor', 'required'],
    ])
    expect(qualifications.onlyB.map(({ slug, level, requirement }) => [slug, level, requirement])).toEqual([
      ['computer-science', 'unspecified', 'recommended'],
      ['information-technology', 'unspecified', 'recommended'],
    ])

    const experience: Dimension = c.experience
    expect(experience.shared).toEqual([])
    expect(experience.onlyA).toEqual([])
    expect(experience.onlyB.map(({ slug, kind, requirement }) => [slug, kind, requirement])).toEqual([
      ['managing-sdlc-projects', 'management', 'recommended'],
      ['software-development', 'technical', 'recommended'],
      ['systems-engineering', 'technical', 'recommended'],
      ['cloud-solutions', 'technical', 'recommended'],
    ])
  })

  it('swapping the roles swaps the sides', async () => {
    const { body } = await site.graphql(COMPARE, { a: TPM, b: PM })
    const c = body.data.compareRoles
    expect(c.aBuildsOnB).toBe(true)
    expect(slugs(c.skills.onlyA)).toEqual([
      'project-management-principles',
      'technical-domain-expertise',
      'problem-solving',
      'adaptability-to-change',
    ])
    // Shared items follow role a's order now: the TPM lists communication before leadership.
    expect(c.skills.shared.map(({ slug }: Shared) => slug)).toEqual(['communication', 'leadership'])
    expect(c.certifications.shared[0]).toMatchObject({ a: { requirement: 'recommended' }, b: { requirement: 'required' } })
  })

  it('REST GET /api/roles/compare returns the same comparison', async () => {
    const graphql = (await site.graphql(COMPARE, { a: PM, b: TPM })).body.data.compareRoles
    const { body, status } = await site.rest.get(`/roles/compare?a=${PM}&b=${TPM}`)
    expect(status).toBe(200)
    expect(body.a).toMatchObject({ slug: PM, title: 'Project Manager', abbreviation: 'PM' })
    expect(body.b).toMatchObject({ slug: TPM, title: 'Technical Project Manager', abbreviation: 'TPM' })
    for (const name of ['responsibilities', 'skills', 'certifications', 'qualifications', 'experience']) {
      // REST has every item property; GraphQL the ones the query asked for.
      expect(body[name], name).toMatchObject(graphql[name])
    }
    expect(body.bBuildsOnA).toBe(true)
  })

  it('an unknown slug is a 404 naming it, over GraphQL and REST', async () => {
    const { body, status } = await site.graphql(COMPARE, { a: PM, b: 'chief-wizard' })
    expect(status).toBe(200)
    expect(body.data.compareRoles).toBeNull()
    expect(body.errors).toHaveLength(1)
    expect(body.errors![0].message).toBe('No role with slug "chief-wizard"')
    expect(body.errors![0].extensions.statusCode).toBe(404)
    expect(body.errors![0].path).toEqual(['compareRoles'])

    const both = await site.graphql(COMPARE, { a: 'chief-wizard', b: 'head-gardener' })
    expect(both.body.errors![0].message).toBe('No roles with slugs "chief-wizard" and "head-gardener"')

    const rest = await site.rest.get(`/roles/compare?a=chief-wizard&b=${TPM}`)
    expect(rest.status).toBe(404)
    expect(rest.body).toEqual({ errors: [{ message: 'No role with slug "chief-wizard"' }] })
  })

  it('a missing or malformed slug is a 400 naming the parameter', async () => {
    const missing = await site.rest.get(`/roles/compare?a=${PM}`)
    expect(missing.status).toBe(400)
    expect(missing.body.errors![0].message).toMatch(/^"b" is required/)

    const malformed = await site.rest.get(`/roles/compare?a=${encodeURIComponent('Project Manager')}&b=${TPM}`)
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors![0].message).toBe(
      '"a" must be a role slug (lower-case letters, digits and single dashes), not "Project Manager"',
    )

    const graphql = await site.graphql(COMPARE, { a: PM, b: '' })
    expect(graphql.body.errors![0].extensions.statusCode).toBe(400)
    expect(graphql.body.errors![0].message).toMatch(/^"b" is required/)
  })

  it('anonymous callers compare published content only; editors also see drafts', async () => {
    const draftSkill = await site.payload.create({
      collection: 'skills',
      data: { name: 'Unreleased skill', slug: 'unreleased-skill', kind: 'soft', _status: 'draft' },
      draft: true,
    })
    const [pm] = (await site.payload.find({ collection: 'roles', where: { slug: { equals: PM } } })).docs
    await site.payload.update({
      collection: 'roles',
      id: pm!.id,
      data: { skills: [...(pm!.skills ?? []), { skill: draftSkill.id, requirement: 'recommended' }] },
    })
    await site.payload.create({
      collection: 'roles',
      data: { title: 'Draft Role', slug: 'draft-role', _status: 'draft' },
      draft: true,
    })

    const anonymous = await site.graphql(COMPARE, { a: PM, b: TPM })
    expect(slugs(anonymous.body.data.compareRoles.skills.onlyA)).toEqual(['organizational-skills'])
    const token = await site.login()
    const editor = await site.graphql(COMPARE, { a: PM, b: TPM }, token)
    expect(slugs(editor.body.data.compareRoles.skills.onlyA)).toEqual(['organizational-skills', 'unreleased-skill'])

    const hidden = await site.graphql(COMPARE, { a: PM, b: 'draft-role' })
    expect(hidden.body.errors![0]).toMatchObject({ message: 'No role with slug "draft-role"', extensions: { statusCode: 404 } })
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=draft-role`)).status).toBe(404)
    const asEditor = await site.graphql(COMPARE, { a: PM, b: 'draft-role' }, token)
    expect(asEditor.body.errors).toBeUndefined()
    expect(asEditor.body.data.compareRoles.b.slug).toBe('draft-role')
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=draft-role`, { token })).status).toBe(200)
  })
})

describe('compareRoles: SQL statements', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'compare_sql' })
  })
  afterAll(async () => site?.stop())

  const createItems = async (collection: 'certifications' | 'responsibilities' | 'skills', prefix: string, count: number) => {
    const ids: (number | string)[] = []
    for (let index = 0; index < count; index++) {
      const name = `${prefix} ${index}`
      const data =
        collection === 'responsibilities'
          ? { title: name, description: name }
          : collection === 'skills'
            ? { name, kind: 'technical' }
            : { name }
      const doc = await site.payload.create({ collection, data: { ...data, _status: 'published' } as never })
      ids.push(doc.id)
    }
    return ids
  }

  const createRole = async (slug: string, size: number) => {
    const [responsibilities, skills, certifications] = await Promise.all([
      createItems('responsibilities', `${slug} responsibility`, size),
      createItems('skills', `${slug} skill`, size),
      createItems('certifications', `${slug} certification`, size),
    ])
    await site.payload.create({
      collection: 'roles',
      data: {
        title: slug,
        slug,
        _status: 'published',
        certifications: certifications.map((certification) => ({ certification, requirement: 'required' })),
        experience: Array.from({ length: size }, (_, index) => ({
          area: `Area ${index}`,
          kind: 'technical',
          requirement: 'recommended',
        })),
        qualifications: Array.from({ length: size }, (_, index) => ({
          level: 'bachelor',
          requirement: 'required',
          fieldsOfStudy: [{ name: `Field ${index}` }, { name: `Other field ${index}` }],
        })),
        responsibilities: responsibilities.map((responsibility) => ({ responsibility, requirement: 'required' })),
        skills: skills.map((skill) => ({ skill, requirement: 'recommended' })),
      } as never,
    })
  }

  it('is the same for roles with 1 and with 25 links per dimension', async () => {
    await createRole('few-a', 1)
    await createRole('few-b', 1)
    await createRole('many-a', 25)
    await createRole('many-b', 25)

    const few = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE, { a: 'few-a', b: 'few-b' }))
    const many = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE, { a: 'many-a', b: 'many-b' }))
    expect(few.result.body.errors).toBeUndefined()
    expect(many.result.body.errors).toBeUndefined()
    expect(many.result.body.data.compareRoles.skills.onlyA).toHaveLength(25)
    // Both roles name their fields of study and areas alike ("Field 0", ...): shared.
    expect(many.result.body.data.compareRoles.qualifications.shared).toHaveLength(50)
    expect(many.result.body.data.compareRoles.experience.shared).toHaveLength(25)
    expect(few.result.body.data.compareRoles.skills.onlyA).toHaveLength(1)

    // Fixed, however many items the roles link: on the plugin's tuned path (src/read/tunedReads.ts),
    // one statement for both roles and everything they link, access applied in it.
    expect(many.statements).toHaveLength(few.statements.length)
    expect(few.statements).toHaveLength(1)
    console.log(`[sql] compareRoles over GraphQL, anonymous: ${few.statements.length} statement with 1 link per dimension, ${many.statements.length} with 25`)

    // On Payload's generic path (tuned reads off, as for a host with its own access rules): one
    // statement for both roles and one per linked collection (responsibilities, skills,
    // certifications), plus the roles' afterRead link checks (src/hooks/hideUnreadableLinks.ts):
    // at most one per linked collection.
    const catalog = getCatalogConfig(site.payload.config)
    catalog.tunedReads = false
    try {
      const genericFew = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE, { a: 'few-a', b: 'few-b' }))
      const genericMany = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE, { a: 'many-a', b: 'many-b' }))
      expect(genericMany.result.body.data).toEqual(many.result.body.data)
      expect(genericMany.statements).toHaveLength(genericFew.statements.length)
      const ownReads = (statements: string[]) => statements.filter((sql) => !isLinkAccessCheck(sql))
      expect(ownReads(genericFew.statements)).toHaveLength(4)
      expect(ownReads(genericMany.statements)).toHaveLength(4)
      expect(genericFew.statements.length - 4).toBeLessThanOrEqual(4)
      const restFew = await recordStatements(site.databaseUrl, () => site.rest.get('/roles/compare?a=few-a&b=few-b'))
      const restMany = await recordStatements(site.databaseUrl, () => site.rest.get('/roles/compare?a=many-a&b=many-b'))
      expect(restFew.result.status).toBe(200)
      expect(restMany.statements).toHaveLength(restFew.statements.length)
      expect(ownReads(restMany.statements)).toHaveLength(4)
    } finally {
      catalog.tunedReads = true
    }

    const token = await site.login()
    const editorFew = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE, { a: 'few-a', b: 'few-b' }, token))
    const editorMany = await recordStatements(site.databaseUrl, () => site.graphql(COMPARE, { a: 'many-a', b: 'many-b' }, token))
    expect(editorMany.statements).toHaveLength(editorFew.statements.length)
    console.log(`[sql] compareRoles over GraphQL, editor: ${editorFew.statements.length} statements with 1 link, ${editorMany.statements.length} with 25 (incl. the user lookup)`)

    const restFew = await recordStatements(site.databaseUrl, () => site.rest.get('/roles/compare?a=few-a&b=few-b'))
    const restMany = await recordStatements(site.databaseUrl, () => site.rest.get('/roles/compare?a=many-a&b=many-b'))
    expect(restFew.result.status).toBe(200)
    expect(restMany.statements).toHaveLength(1)
  })
})

describe('compareRoles with the plugin\'s roles at `job-roles`, next to the host\'s own `roles`', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'compare_job_roles',
      collections: [{ slug: 'roles', fields: [{ name: 'name', type: 'text' }] }],
      plugin: { overrides: { roles: { slug: 'job-roles' } }, seed: true },
    })
  })
  afterAll(async () => site?.stop())

  it('keeps the query names, names its types after the plugin collection, serves REST under job-roles', async () => {
    const { body } = await site.graphql(COMPARE, { a: PM, b: TPM })
    expect(body.errors).toBeUndefined()
    expect(slugs(body.data.compareRoles.skills.shared)).toEqual(['leadership', 'communication'])

    const types = await site.graphql(`{
      comparison: __type(name: "JobRoleComparison") { name fields { name } }
      hostRole: __type(name: "Role") { fields { name } }
      query: __type(name: "Query") { fields { name type { name } } }
    }`)
    expect(types.body.data.comparison.fields.map((field: { name: string }) => field.name)).toContain('skills')
    expect(types.body.data.hostRole.fields.map((field: { name: string }) => field.name)).not.toContain('jsonLd')
    const queries = Object.fromEntries(
      types.body.data.query.fields.map((field: { name: string; type: { name: string } }) => [field.name, field.type.name]),
    )
    expect(queries.compareRoles).toBe('JobRoleComparison')
    expect(queries.roleBySlug).toBe('JobRole')

    const rest = await site.rest.get(`/job-roles/compare?a=${PM}&b=${TPM}`)
    expect(rest.status).toBe(200)
    expect(rest.body.certifications.shared[0].slug).toBe('pmp')
    // The host's own `roles` collection keeps Payload's stock endpoints only.
    const token = await site.login()
    const host = await site.rest.get('/roles', { token })
    expect(host.status).toBe(200)
    expect(host.body.docs).toEqual([])
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=${TPM}`, { token })).status).not.toBe(200)
  })
})

describe("compareRoles applies the host's access functions", () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({
      name: 'compare_access',
      plugin: {
        // Caller-facing read limits must not cut a comparison short: the TPM links 6 skills.
        limits: { maxLimit: 2 },
        overrides: {
          // Anonymous readers: no Project Manager, and soft skills only.
          roles: { access: { read: ({ req }) => (req.user ? true : { slug: { not_equals: PM } }) } },
          skills: { access: { read: ({ req }) => (req.user ? true : { kind: { equals: 'soft' } }) } },
        },
        seed: true,
      },
    })
  })
  afterAll(async () => site?.stop())

  it('leaves out what the host hides from the caller', async () => {
    const hidden = await site.graphql(COMPARE, { a: PM, b: TPM })
    expect(hidden.body.errors![0]).toMatchObject({
      message: 'No role with slug "project-manager"',
      extensions: { statusCode: 404 },
    })
    const token = await site.login()
    const editor = await site.graphql(COMPARE, { a: PM, b: TPM }, token)
    expect(editor.body.errors).toBeUndefined()
    expect(slugs(editor.body.data.compareRoles.skills.onlyB)).toContain('technical-domain-expertise')

    // The TPM with itself, anonymously: its technical skills are hidden, its soft skills remain.
    const soft = ['problem-solving', 'adaptability-to-change', 'communication', 'leadership']
    const self = await site.graphql(COMPARE, { a: TPM, b: TPM })
    expect(slugs(self.body.data.compareRoles.skills.shared)).toEqual(soft)
    const rest = await site.rest.get(`/roles/compare?a=${TPM}&b=${TPM}`)
    expect(slugs(rest.body.skills.shared)).toEqual(soft)
    const all = await site.graphql(COMPARE, { a: TPM, b: TPM }, token)
    expect(all.body.data.compareRoles.skills.shared).toHaveLength(6)
    expect(all.body.data.compareRoles.responsibilities.shared).toHaveLength(5)
    // ...while the caller's own list queries are still capped at maxLimit.
    const list = await site.graphql('{ Skills(limit: 0) { docs { slug } } }', {}, token)
    expect(list.body.data.Skills.docs).toHaveLength(2)
  })
})

describe('with `disabled: true`', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'compare_disabled', plugin: { disabled: true } })
  })
  afterAll(async () => site?.stop())

  it('keeps the taxonomy codes in the schema but adds no queries, no jsonLd and no endpoints', async () => {
    const columns = await site.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'roles_external_codes' order by column_name`,
    )
    expect(columns.map((column) => column.column_name)).toEqual(
      expect.arrayContaining(['scheme', 'code', 'label', 'uri', 'match', 'source']),
    )
    const { body } = await site.graphql(`{ query: __type(name: "Query") { fields { name } } role: __type(name: "Role") { fields { name } } }`)
    const queries = body.data.query.fields.map((field: { name: string }) => field.name)
    expect(queries).toContain('Roles')
    expect(queries).not.toContain('compareRoles')
    expect(queries).not.toContain('roleBySlug')
    const roleFields = body.data.role.fields.map((field: { name: string }) => field.name)
    expect(roleFields).toContain('externalCodes')
    expect(roleFields).not.toContain('jsonLd')
    expect((await site.rest.get(`/roles/compare?a=${PM}&b=${TPM}`)).status).not.toBe(200)
    expect((await site.rest.get(`/roles/${PM}/jsonld`)).status).toBe(404)
  })
})
