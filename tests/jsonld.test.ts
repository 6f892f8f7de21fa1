import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { taxonomySeed } from '../seed/taxonomy.js'
import { degreeWordsFor, occupationId, serializeJsonLdForHtml } from '../src/jsonld/occupation.js'
import { mergeTranslations } from '../src/translations/index.js'
import { jsonLdInHtml, schemaOrgIssues, textLanguagesOf } from './helpers/schemaOrg.js'
import { startSite, type TestSite } from './helpers/setup.js'
import { getCatalogConfig } from '../src/plugin/catalogConfig.js'
import { isLinkAccessCheck, recordStatements } from './helpers/sqlCounter.js'

const PM = 'project-manager'
const TPM = 'technical-project-manager'

const ROLE_PAGE = `query RolePage($slug: String!) {
  roleBySlug(slug: $slug) {
    slug title abbreviation summary focus
    buildsOn { slug title }
    builtOnBy { docs { slug title } }
    responsibilities { requirement note responsibility { slug title description } }
    skills { requirement note skill { slug name kind } }
    certifications { requirement note certification { slug name abbreviation } }
    qualifications { level requirement note fieldsOfStudy { name slug } }
    experience { area slug kind requirement note }
    externalCodes { scheme code label uri match source }
    jsonLd
  }
}`

describe('roleBySlug and JSON-LD (the article)', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'jsonld' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it('roleBySlug returns the role with every link and its details in one call', async () => {
    const { body, status } = await site.graphql(ROLE_PAGE, { slug: TPM })
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    const role = body.data.roleBySlug
    expect(role).toMatchObject({ slug: TPM, abbreviation: 'TPM', title: 'Technical Project Manager' })
    expect(role.buildsOn).toEqual([{ slug: PM, title: 'Project Manager' }])
    expect(role.skills.map((link: any) => [link.skill.slug, link.skill.kind, link.requirement])).toEqual([
      ['project-management-principles', 'technical', 'required'],
      ['technical-domain-expertise', 'technical', 'required'],
      ['problem-solving', 'soft', 'required'],
      ['adaptability-to-change', 'soft', 'required'],
      ['communication', 'soft', 'required'],
      ['leadership', 'soft', 'required'],
    ])
    expect(role.certifications[0]).toMatchObject({ requirement: 'recommended', certification: { abbreviation: 'PMP' } })
    expect(role.experience).toHaveLength(4)
    expect(role.qualifications[0].fieldsOfStudy.map((field: any) => field.slug)).toEqual([
      'computer-science',
      'engineering',
      'information-technology',
    ])

    const pm = (await site.graphql(ROLE_PAGE, { slug: PM })).body.data.roleBySlug
    expect(pm.builtOnBy.docs).toEqual([{ slug: TPM, title: 'Technical Project Manager' }])
  })

  it('the seed gives both roles their close taxonomy matches, labelled as taxonomy metadata', async () => {
    const rows = await site.query<{ code: null | string; match: string; role: string; scheme: string; source: string; uri: string }>(
      `select r.slug as role, c.scheme, c.code, c.label, c.uri, c.match::text as match, c.source
         from roles_external_codes c join roles r on r.id = c._parent_id order by r.slug, c._order`,
    )
    expect(rows.map(({ role, scheme, code, uri }) => [role, scheme, code, uri])).toEqual([
      [PM, 'O*NET-SOC 2019', '13-1082.00', 'https://www.onetonline.org/link/summary/13-1082.00'],
      [PM, 'ESCO', null, 'http://data.europa.eu/esco/occupation/bea99fea-0383-4c63-b944-70d4799de2c5'],
      [TPM, 'O*NET-SOC 2019', '15-1299.09', 'https://www.onetonline.org/link/summary/15-1299.09'],
      [TPM, 'ESCO', null, 'http://data.europa.eu/esco/occupation/8b6388a4-4904-471b-9331-d3b1211f5525'],
    ])
    expect(new Set(rows.map((row) => row.match))).toEqual(new Set(['close']))
    for (const row of rows) {
      expect(row.source).toMatch(/taxonomy metadata, not from the article/)
      expect(row.source).not.toBe(articleSeed.sourceTitle)
    }
    const tpm = (await site.graphql(ROLE_PAGE, { slug: TPM })).body.data.roleBySlug
    expect(tpm.externalCodes).toEqual(
      taxonomySeed.roles[TPM]!.map((code) => ({ code: null, uri: null, ...code })),
    )
  })

  it('jsonLd is a schema.org Occupation built from the role and its published links', async () => {
    const pm = (await site.graphql(ROLE_PAGE, { slug: PM })).body.data.roleBySlug.jsonLd
    expect(pm).toMatchObject({
      '@context': 'https://schema.org',
      '@id': 'urn:role-catalog:role:project-manager',
      '@type': 'Occupation',
      name: 'Project Manager',
      alternateName: 'PM',
      description: expect.stringMatching(/^The Project Manager serves as the captain of the ship/),
    })
    expect(pm.responsibilities).toHaveLength(6)
    expect(pm.responsibilities[0]).toBe(
      'Stakeholder Management: Building and nurturing relationships with stakeholders, ensuring their expectations are managed effectively throughout the project lifecycle.',
    )
    expect(pm.skills).toEqual([
      { '@type': 'DefinedTerm', name: 'Leadership', termCode: 'leadership' },
      { '@type': 'DefinedTerm', name: 'Communication', termCode: 'communication' },
      { '@type': 'DefinedTerm', name: 'Organizational skills', termCode: 'organizational-skills' },
    ])
    expect(pm.qualifications).toEqual([
      {
        '@type': 'EducationalOccupationalCredential',
        alternateName: 'PMP',
        credentialCategory: 'certification',
        description:
          'Qualifications typically include relevant certifications such as the Project Management Professional (PMP) certification.',
        name: 'Project Management Professional',
      },
    ])
    expect(pm.educationRequirements).toEqual([
      {
        '@type': 'EducationalOccupationalCredential',
        about: [
          { '@type': 'Thing', name: 'Business administration' },
          { '@type': 'Thing', name: 'Engineering' },
          { '@type': 'Thing', name: 'Project management' },
        ],
        credentialCategory: 'degree',
        description: 'Typically a bachelor’s degree in a relevant field.',
        educationalLevel: "Bachelor's degree",
        name: "Bachelor's degree in Business administration, Engineering or Project management",
      },
    ])
    // The article names no experience requirement for the PM: the property is left out, not empty.
    expect(pm).not.toHaveProperty('experienceRequirements')
    expect(pm.occupationalCategory).toEqual([
      {
        '@type': 'CategoryCode',
        codeValue: '13-1082.00',
        inCodeSet: { '@type': 'CategoryCodeSet', name: 'O*NET-SOC 2019' },
        name: 'Project Management Specialists',
        url: 'https://www.onetonline.org/link/summary/13-1082.00',
      },
      {
        '@type': 'CategoryCode',
        inCodeSet: { '@type': 'CategoryCodeSet', name: 'ESCO' },
        name: 'project manager',
        url: 'http://data.europa.eu/esco/occupation/bea99fea-0383-4c63-b944-70d4799de2c5',
      },
    ])

    const tpm = (await site.graphql(ROLE_PAGE, { slug: TPM })).body.data.roleBySlug.jsonLd
    expect(tpm.experienceRequirements).toHaveLength(4)
    expect(tpm.experienceRequirements[1]).toMatch(/^Software development: Hands-on experience in technical roles/)
    expect(tpm.educationRequirements[0]).not.toHaveProperty('educationalLevel')
    expect(tpm.educationRequirements[0].name).toBe('Degree in Computer science, Engineering or Information technology')
    expect(tpm.qualifications.map((credential: any) => credential.name)).toEqual([
      'Project Management Professional',
      'Technology-specific certifications',
      'Salesforce certifications',
    ])
  })

  it('GET /api/roles/<slug>/jsonld serves the same JSON-LD as application/ld+json', async () => {
    const graphql = (await site.graphql(ROLE_PAGE, { slug: TPM })).body.data.roleBySlug.jsonLd
    const request = new Request(`http://localhost/api/roles/${TPM}/jsonld`)
    const { REST_GET } = await import('@payloadcms/next/routes')
    const response = await REST_GET(site.config)(request, {
      params: Promise.resolve({ slug: ['roles', TPM, 'jsonld'] }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/ld+json')
    expect(await response.json()).toEqual(graphql)
  })

  it('is valid schema.org for a validator the project did not write (both roles, GraphQL and REST)', async () => {
    for (const slug of [PM, TPM]) {
      const jsonLd = (await site.graphql(ROLE_PAGE, { slug })).body.data.roleBySlug.jsonLd
      expect(await schemaOrgIssues([jsonLd])).toEqual([])
      expect(await schemaOrgIssues([(await site.rest.get(`/roles/${slug}/jsonld`)).body])).toEqual([])
      // A site without localization says nothing about the text's language.
      expect(jsonLd['@context']).toBe('https://schema.org')
      expect(await textLanguagesOf(jsonLd)).toEqual(new Set([null]))
    }
    // The validator does object: the property roles once carried is not schema.org's on an Occupation.
    const pm = (await site.graphql(ROLE_PAGE, { slug: PM })).body.data.roleBySlug.jsonLd
    expect(await schemaOrgIssues([{ ...pm, inLanguage: 'en' }])).toEqual([
      expect.objectContaining({ fieldNames: ['inLanguage'], issueMessage: expect.stringMatching(/"inLanguage" for type "Occupation"/) }),
    ])
  })

  it('an unknown slug is a 404 naming it; a malformed one a 400', async () => {
    const rest = await site.rest.get('/roles/chief-wizard/jsonld')
    expect(rest.status).toBe(404)
    expect(rest.body).toEqual({ errors: [{ message: 'No role with slug "chief-wizard"' }] })
    const malformed = await site.rest.get('/roles/Chief_Wizard/jsonld')
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors![0].message).toMatch(/^"slug" must be a role slug/)
    // Named as the reader wrote it, not as the address escapes it; an escape that is no UTF-8 as sent.
    const umlaut = await site.rest.get('/roles/gh%C3%B6st/jsonld')
    expect(umlaut.status).toBe(400)
    expect(umlaut.body.errors![0].message).toMatch(/, not "ghöst"$/)
    const broken = await site.rest.get('/roles/gh%C3/similar')
    expect(broken.status).toBe(400)
    expect(broken.body.errors![0].message).toMatch(/, not "gh%C3"$/)

    const graphql = await site.graphql(ROLE_PAGE, { slug: 'chief-wizard' })
    expect(graphql.body.data.roleBySlug).toBeNull()
    expect(graphql.body.errors![0]).toMatchObject({
      message: 'No role with slug "chief-wizard"',
      extensions: { statusCode: 404 },
      path: ['roleBySlug'],
    })
  })

  it('anonymous readers get published content only, in roleBySlug and JSON-LD', async () => {
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
    await site.payload.create({ collection: 'roles', data: { title: 'Draft Role', slug: 'draft-role', _status: 'draft' }, draft: true })

    const anonymous = (await site.graphql(ROLE_PAGE, { slug: PM })).body.data.roleBySlug
    expect(anonymous.jsonLd.skills.map((skill: any) => skill.termCode)).not.toContain('unreleased-skill')
    const rest = await site.rest.get(`/roles/${PM}/jsonld`)
    expect(rest.body.skills.map((skill: any) => skill.termCode)).not.toContain('unreleased-skill')
    expect((await site.rest.get('/roles/draft-role/jsonld')).status).toBe(404)
    expect((await site.graphql(ROLE_PAGE, { slug: 'draft-role' })).body.errors![0].extensions.statusCode).toBe(404)

    const token = await site.login()
    const editor = (await site.graphql(ROLE_PAGE, { slug: PM }, token)).body.data.roleBySlug
    expect(editor.jsonLd.skills.map((skill: any) => skill.termCode)).toContain('unreleased-skill')
    expect((await site.rest.get('/roles/draft-role/jsonld', { token })).status).toBe(200)
  })

  it('a list of roles with jsonLd reads the linked items once per collection, however many roles', async () => {
    const LIST = `query ($limit: Int) { Roles(limit: $limit, sort: "slug", where: { _status: { equals: published } }) { docs { slug jsonLd } } }`
    const BARE = `query ($limit: Int) { Roles(limit: $limit, sort: "slug", where: { _status: { equals: published } }) { docs { slug } } }`
    // What `jsonLd` adds to the list query, apart from what listing the roles costs by itself.
    const added = async (limit: number) => {
      const withJsonLd = await recordStatements(site.databaseUrl, () => site.graphql(LIST, { limit }))
      const without = await recordStatements(site.databaseUrl, () => site.graphql(BARE, { limit }))
      expect(withJsonLd.result.body.errors).toBeUndefined()
      return { docs: withJsonLd.result.body.data.Roles.docs, statements: withJsonLd.statements.length - without.statements.length }
    }
    const two = await added(2)
    expect(two.docs.map((doc: any) => doc.jsonLd.name)).toEqual(['Project Manager', 'Technical Project Manager'])

    for (const slug of ['role-c', 'role-d', 'role-e']) {
      const [skill] = (await site.payload.find({ collection: 'skills', limit: 1, sort: '-name' })).docs
      await site.payload.create({
        collection: 'roles',
        data: { title: slug, slug, _status: 'published', skills: [{ skill: skill!.id, requirement: 'required' }] } as never,
      })
    }
    const five = await added(10)
    expect(five.docs).toHaveLength(5)
    expect(five.docs.every((doc: any) => doc.jsonLd['@type'] === 'Occupation')).toBe(true)
    // One read per linked collection (responsibilities, skills, certifications) for the whole list.
    expect(two.statements).toBe(3)
    expect(five.statements).toBe(3)
    console.log(`[sql] jsonLd on Roles { docs }: +${two.statements} statements for 2 roles, +${five.statements} for 5`)

    // The REST endpoint: one statement for the role and its linked items on the plugin's tuned path
    // (src/read/tunedReads.ts); on Payload's generic path the role, then its linked items once per
    // collection, and the roles' afterRead link checks.
    const rest = await recordStatements(site.databaseUrl, () => site.rest.get(`/roles/${TPM}/jsonld`))
    expect(rest.statements).toHaveLength(1)
    const catalog = getCatalogConfig(site.payload.config)
    catalog.tunedReads = false
    try {
      const generic = await recordStatements(site.databaseUrl, () => site.rest.get(`/roles/${TPM}/jsonld`))
      expect(generic.result.body).toEqual(rest.result.body)
      expect(generic.statements.filter((sql) => !isLinkAccessCheck(sql))).toHaveLength(4)
    } finally {
      catalog.tunedReads = true
    }
  })

  it('hostile text, unicode, long text, empty strings and every degree shape: valid, the same everywhere, safe in HTML', async () => {
    const token = await site.login()
    const [leadership] = (await site.payload.find({ collection: 'skills', limit: 1, where: { slug: { equals: 'leadership' } } })).docs
    const title = '</script><script>alert(1)</script> Ünïcødé 😀 ‏עברית‎'
    const summary = 'Ω≈ç√ e\u0301 \u2028 \u2029 & "quotes" <b>bold</b> '.repeat(60).trim()
    const created = await site.rest.post('/roles?depth=0', {
      body: {
        _status: 'published',
        abbreviation: '',
        focus: '',
        qualifications: [
          { fieldsOfStudy: [{ name: 'Physics', slug: 'physics' }], level: 'master', requirement: 'required' },
          { fieldsOfStudy: [{ name: 'A', slug: 'a' }, { name: 'B', slug: 'b' }, { name: 'C', slug: 'c' }], level: 'unspecified', requirement: 'recommended' },
        ],
        skills: [{ note: '</script> & <!-- note -->', requirement: 'required', skill: leadership!.id }],
        slug: 'hostile-role',
        summary,
        title,
      },
      token,
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const graphql = (await site.graphql(ROLE_PAGE, { slug: 'hostile-role' })).body.data.roleBySlug.jsonLd
    const rest = (await site.rest.get('/roles/hostile-role/jsonld')).body
    expect(rest).toEqual(graphql)
    expect(await schemaOrgIssues([graphql])).toEqual([])
    expect(graphql).toMatchObject({ description: summary, name: title })
    // Empty strings are left out, not stated as empty.
    expect(graphql).not.toHaveProperty('alternateName')
    expect(graphql.educationRequirements.map((degree: any) => [degree.name, degree.educationalLevel ?? null, degree.about.length])).toEqual([
      ["Master's degree in Physics", "Master's degree", 1],
      ['Degree in A, B or C', null, 3],
    ])
    // Embedded as the example frontend embeds it: one script element, read back whole by a crawler's extractor.
    const html = `<html><head><script type="application/ld+json">${serializeJsonLdForHtml(graphql)}</script></head><body></body></html>`
    expect(html.match(/<\/script/gi)).toHaveLength(1)
    expect(jsonLdInHtml(html)).toEqual([graphql])

    // A role with no degree, no links and no codes: just what it has.
    await site.rest.post('/roles?depth=0', { body: { _status: 'published', slug: 'bare-role', title: 'Bare Role' }, token })
    const bare = (await site.rest.get('/roles/bare-role/jsonld')).body
    expect(bare).toEqual({ '@context': 'https://schema.org', '@id': 'urn:role-catalog:role:bare-role', '@type': 'Occupation', name: 'Bare Role' })
    expect(await schemaOrgIssues([bare])).toEqual([])
  })

  it('a taxonomy code row needs a code or a URI, and the URI must be an http(s) address', async () => {
    const token = await site.login()
    const noCode = await site.rest.post('/roles', {
      body: { title: 'Coded Role', externalCodes: [{ scheme: 'ISCO-08', label: 'Managers' }] },
      token,
    })
    expect(noCode.status).toBe(400)
    expect(noCode.body.errors![0].data.errors).toEqual([
      expect.objectContaining({ message: 'Give the code, the URI, or both', path: 'externalCodes.0.code' }),
    ])
    const badUri = await site.rest.post('/roles', {
      body: { title: 'Coded Role', externalCodes: [{ scheme: 'ISCO-08', label: 'Managers', uri: 'isco:1' }] },
      token,
    })
    expect(badUri.status).toBe(400)
    expect(badUri.body.errors![0].data.errors[0].path).toBe('externalCodes.0.uri')
    expect((await site.query(`select count(*)::int as n from roles where title = 'Coded Role'`))[0].n).toBe(0)
  })
})

describe('JSON-LD helpers', () => {
  it('@id is the JSON-LD address when Payload knows its public URL, a URN otherwise', () => {
    expect(occupationId({ config: { routes: { api: '/api' } } as never, rolesSlug: 'job-roles', slug: 'project-manager' })).toBe(
      'urn:role-catalog:role:project-manager',
    )
    expect(
      occupationId({
        config: { routes: { api: '/api' }, serverURL: 'https://catalog.example.com/' } as never,
        rolesSlug: 'job-roles',
        slug: 'project-manager',
      }),
    ).toBe('https://catalog.example.com/api/job-roles/project-manager/jsonld')
  })

  it("writes a degree's words in the language of the text, as the site's translations say", () => {
    const translations = mergeTranslations({ fr: { roleCatalog: { jsonld_or: 'ou', option_level_master: 'Master' } } } as never, ['fr'])
    expect(degreeWordsFor(translations, 'de-CH')).toMatchObject({ degree: 'Abschluss', levels: { bachelor: 'Bachelor-Abschluss' }, or: 'oder' })
    // A host's words win; what it leaves out is the plugin's English.
    expect(degreeWordsFor(translations, 'fr')).toMatchObject({ levels: { bachelor: "Bachelor's degree", master: 'Master' }, or: 'ou' })
    expect(degreeWordsFor(translations, 'pl')).toMatchObject({ degree: 'Degree', or: 'or' })
    expect(degreeWordsFor(translations, undefined).levels.doctorate).toBe('Doctorate')
  })

  it('serialises for a <script> element without letting text close it', () => {
    const html = serializeJsonLdForHtml({ name: '</script><script>alert(1)</script>' })
    expect(html).not.toContain('</script')
    expect(JSON.parse(html)).toEqual({ name: '</script><script>alert(1)</script>' })
  })
})
