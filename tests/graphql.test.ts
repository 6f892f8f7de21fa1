/** What a frontend gets over GraphQL (POST /api/graphql through Payload's route handler). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const seedRole = (slug: string) => articleSeed.roles.find((role) => role.slug === slug)!

describe('GraphQL', () => {
  let site: TestSite
  beforeAll(async () => {
    site = await startSite({ name: 'graphql' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
  })
  afterAll(async () => site?.stop())

  it('returns a role by slug with its links and their required/recommended flags', async () => {
    const { body, status } = await site.graphql(
      `query ($slug: String!) {
        Roles(where: { slug: { equals: $slug } }) {
          totalDocs
          docs {
            slug title abbreviation _status
            skills { requirement note skill { slug name kind } }
            certifications { requirement certification { slug abbreviation } }
            responsibilities { requirement responsibility { slug } }
            buildsOn { slug title }
          }
        }
      }`,
      { slug: 'technical-project-manager' },
    )
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    expect(body.data.Roles.totalDocs).toBe(1)
    const role = body.data.Roles.docs[0]
    const expected = seedRole('technical-project-manager')
    expect(role).toMatchObject({ _status: 'published', abbreviation: 'TPM', slug: expected.slug, title: expected.title })
    // GraphQL resolves hasMany items in completion order, not stored order: compare as sets.
    const asSet = (rows: any[], key: string) =>
      new Set(rows.map((row) => `${row[key].slug}:${row.requirement}`))
    expect(asSet(role.skills, 'skill')).toEqual(
      new Set(expected.skills.map((link) => `${link.slug}:${link.requirement}`)),
    )
    expect(asSet(role.certifications, 'certification')).toEqual(
      new Set(['pmp:recommended', 'technology-specific-certifications:recommended', 'salesforce-certifications:recommended']),
    )
    expect(asSet(role.responsibilities, 'responsibility')).toEqual(
      new Set(expected.responsibilities.map((link) => `${link.slug}:required`)),
    )
    const leadership = role.skills.find((link: any) => link.skill.slug === 'leadership')
    expect(leadership).toEqual({
      note: 'Inspiring and guiding technical teams to achieve project objectives efficiently.',
      requirement: 'required',
      skill: { kind: 'soft', name: 'Leadership', slug: 'leadership' },
    })
    expect(role.buildsOn).toEqual([{ slug: 'project-manager', title: 'Project Manager' }])
  })

  it('navigates from a skill, a certification and a responsibility back to the roles that use them', async () => {
    const { body } = await site.graphql(`{
      Skills(where: { slug: { equals: "leadership" } }) { docs { name roles { docs { slug } } } }
      Certifications(where: { slug: { equals: "pmp" } }) { docs { abbreviation roles { docs { slug } } } }
      Responsibilities(where: { slug: { equals: "quality-assurance" } }) { docs { title roles { docs { slug } } } }
      Roles(where: { slug: { equals: "project-manager" } }) { docs { builtOnBy { docs { slug } } } }
    }`)
    expect(body.errors).toBeUndefined()
    const slugs = (docs: any[]) => docs.map((doc) => doc.slug).sort()
    expect(slugs(body.data.Skills.docs[0].roles.docs)).toEqual(['project-manager', 'technical-project-manager'])
    expect(slugs(body.data.Certifications.docs[0].roles.docs)).toEqual(['project-manager', 'technical-project-manager'])
    expect(slugs(body.data.Responsibilities.docs[0].roles.docs)).toEqual(['technical-project-manager'])
    expect(slugs(body.data.Roles.docs[0].builtOnBy.docs)).toEqual(['technical-project-manager'])
  })

  it('lists skills by kind with qualifications and experience readable on the role', async () => {
    const { body } = await site.graphql(`{
      Skills(where: { kind: { equals: technical } }, sort: "name") { docs { slug } }
      Roles(sort: "title") { docs { slug qualifications { level requirement fieldsOfStudy { slug } } experience { slug kind requirement } } }
    }`)
    expect(body.errors).toBeUndefined()
    expect(body.data.Skills.docs.map((doc: any) => doc.slug)).toEqual([
      'project-management-principles',
      'technical-domain-expertise',
    ])
    const [pm, tpm] = body.data.Roles.docs
    expect(pm.qualifications[0]).toEqual({
      fieldsOfStudy: [{ slug: 'business-administration' }, { slug: 'engineering' }, { slug: 'project-management' }],
      level: 'bachelor',
      requirement: 'required',
    })
    expect(tpm.experience.map((row: any) => `${row.slug}:${row.kind}:${row.requirement}`)).toEqual([
      'managing-sdlc-projects:management:recommended',
      'software-development:technical:recommended',
      'systems-engineering:technical:recommended',
      'cloud-solutions:technical:recommended',
    ])
  })

  it('lets a logged-in editor create a role linked to existing skills', async () => {
    const token = await site.login()
    const skill = await site.payload.find({ collection: 'skills', where: { slug: { equals: 'leadership' } } })
    const { body } = await site.graphql(
      `mutation ($skill: Int!) {
        createRole(data: { title: "Programme Manager", _status: published, skills: [{ skill: $skill, requirement: recommended }] }) {
          slug skills { requirement skill { slug } }
        }
      }`,
      { skill: skill.docs[0]!.id },
      token,
    )
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
    expect(body.data.createRole).toEqual({
      skills: [{ requirement: 'recommended', skill: { slug: 'leadership' } }],
      slug: 'programme-manager',
    })
    const { body: reverse } = await site.graphql(`{ Skills(where: { slug: { equals: "leadership" } }) { docs { roles { docs { slug } } } } }`)
    expect(reverse.data.Skills.docs[0].roles.docs.map((doc: any) => doc.slug)).toContain('programme-manager')
  })
})
