/**
 * The seed against the article itself: everything the article names is seeded and linked to the
 * right role, and everything seeded is traceable to the article's words.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { articleSeed } from '../seed/data.js'
import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'
import { startSite, type TestSite } from './helpers/setup.js'

const article = readFileSync(
  new URL('../seed/source/project-manager-vs-technical-project-manager.txt', import.meta.url),
  'utf8',
)
const flat = (text: string) => text.replace(/\s+/g, ' ').trim()
const articleFlat = flat(article)

/** The article between two headings. */
const section = (from: string, to: string) => {
  const start = article.indexOf(from)
  const end = article.indexOf(to, start + from.length)
  expect(start, `heading "${from}"`).toBeGreaterThanOrEqual(0)
  expect(end, `heading "${to}"`).toBeGreaterThan(start)
  return article.slice(start, end)
}

/** "  1. Title: Description." lines. */
const numberedItems = (text: string) =>
  [...text.matchAll(/^\s*\d+\.\s+([^:\n]+):\s+(.+)$/gm)].map(([, title, description]) => ({
    description: description!.trim(),
    title: title!.trim(),
  }))

/** "  • Name: Description." lines. */
const bulletItems = (text: string) =>
  [...text.matchAll(/^\s*•\s+([^:\n]+):\s+(.+)$/gm)].map(([, name, description]) => ({
    description: description!.trim(),
    name: name!.trim(),
  }))

const pmSection = section('The Role of a Project Manager:', 'The Role of a Technical Project Manager')
const tpmSection = section('The Role of a Technical Project Manager', 'How to Qualify')
const certificationSection = section('Certifications that can enhance', 'Moreover, broad experience')
const experienceSection = section('Moreover, broad experience', 'Soft Skills and Attributes')
const softSkillSection = section('Soft Skills and Attributes', 'In conclusion')

const ROLE_QUERY = `query Role($slug: String!) {
  Roles(where: { slug: { equals: $slug } }) {
    docs {
      title abbreviation summary
      buildsOn { slug }
      responsibilities { requirement responsibility { title description } }
      skills { requirement note skill { slug name kind } }
      certifications { requirement note certification { name abbreviation description } }
      qualifications { level requirement fieldsOfStudy { name slug } }
      experience { area slug kind requirement note }
    }
  }
}`

describe('the article seed', () => {
  let site: TestSite
  const roles: Record<string, any> = {}

  beforeAll(async () => {
    site = await startSite({ name: 'article' })
    await seedRoleCatalog({ log: () => {}, payload: site.payload })
    for (const slug of ['project-manager', 'technical-project-manager']) {
      const { body } = await site.graphql(ROLE_QUERY, { slug })
      expect(body.errors).toBeUndefined()
      roles[slug] = body.data.Roles.docs[0]
    }
  })
  afterAll(async () => site?.stop())

  it('traces every seeded item to the article, word for word', () => {
    const items = [
      ...articleSeed.roles,
      ...articleSeed.skills,
      ...articleSeed.certifications,
      ...articleSeed.responsibilities,
    ]
    for (const item of items) {
      expect(articleFlat, `${item.slug}: quote`).toContain(flat(item.source.quote))
      expect(article, `${item.slug}: section`).toContain(item.source.section.split(' – ')[0]!)
    }
    for (const responsibility of articleSeed.responsibilities) {
      expect(articleFlat).toContain(flat(`${responsibility.title}: ${responsibility.description}`))
    }
  })

  it('has both roles, the TPM building on the PM', () => {
    expect(articleFlat).toContain('Project Manager (PM)')
    expect(articleFlat).toContain('Technical Project Manager (TPM)')
    expect(roles['project-manager']).toMatchObject({ abbreviation: 'PM', title: 'Project Manager' })
    expect(roles['technical-project-manager']).toMatchObject({
      abbreviation: 'TPM',
      buildsOn: [{ slug: 'project-manager' }],
      title: 'Technical Project Manager',
    })
    expect(articleFlat).toContain(roles['project-manager'].summary)
    expect(articleFlat).toContain(roles['technical-project-manager'].summary.replace(/^The/, 'the'))
  })

  it.each([
    ['project-manager', () => pmSection],
    ['technical-project-manager', () => tpmSection],
  ])('links every numbered responsibility of the article to %s, as required', (slug, text) => {
    const expected = numberedItems(text())
    expect(expected.length).toBeGreaterThanOrEqual(5)
    const linked = roles[slug].responsibilities.map((link: any) => ({
      description: link.responsibility.description,
      requirement: link.requirement,
      title: link.responsibility.title,
    }))
    expect(linked).toEqual(expected.map((item) => ({ ...item, requirement: 'required' })))
  })

  it("links the PM's paramount skills and the TPM's soft skills with the article's descriptions", () => {
    const pmSkills = roles['project-manager'].skills.map((link: any) => link.skill.name.toLowerCase())
    expect(pmSection).toContain('strong leadership, communication, and organizational skills are paramount')
    expect(pmSkills).toEqual(['leadership', 'communication', 'organizational skills'])

    const tpmSkills = roles['technical-project-manager'].skills
    const softSkills = bulletItems(softSkillSection)
    expect(softSkills.map((item) => item.name)).toEqual([
      'Problem-solving abilities',
      'Adaptability to change',
      'Clear communication',
      'Leadership',
    ])
    for (const item of softSkills) {
      const link = tpmSkills.find((candidate: any) =>
        flat(candidate.note ?? '').toLowerCase().includes(flat(item.description).toLowerCase()),
      )
      expect(link, item.name).toBeDefined()
      expect(link.skill.kind).toBe('soft')
      expect(link.requirement).toBe('required')
    }
    // "proficiency in project management principles but also ... expertise in the technical domain"
    const technical = tpmSkills.filter((link: any) => link.skill.kind === 'technical')
    expect(technical.map((link: any) => link.skill.slug)).toEqual([
      'project-management-principles',
      'technical-domain-expertise',
    ])
  })

  it('has the certifications: PMP required for the PM, enhancing for the TPM, and technology-specific ones', () => {
    expect(articleFlat).toContain('relevant certifications such as the Project Management Professional (PMP) certification')
    expect(roles['project-manager'].certifications).toEqual([
      expect.objectContaining({
        certification: expect.objectContaining({ abbreviation: 'PMP', name: 'Project Management Professional' }),
        requirement: 'required',
      }),
    ])
    const tpm = roles['technical-project-manager'].certifications
    expect(certificationSection).toContain('Project Management Professional (PMP): Demonstrates proficiency in project management principles.')
    expect(tpm.map((link: any) => [link.certification.name, link.requirement])).toEqual([
      ['Project Management Professional', 'recommended'],
      ['Technology-specific certifications', 'recommended'],
      ['Salesforce certifications', 'recommended'],
    ])
    expect(tpm[0].certification.description).toBe('Demonstrates proficiency in project management principles.')
  })

  it('has the degree requirements with their fields of study', () => {
    expect(pmSection).toContain("bachelor’s degree in a relevant field such as business administration, engineering, or project management")
    expect(roles['project-manager'].qualifications).toEqual([
      {
        fieldsOfStudy: [
          { name: 'Business administration', slug: 'business-administration' },
          { name: 'Engineering', slug: 'engineering' },
          { name: 'Project management', slug: 'project-management' },
        ],
        level: 'bachelor',
        requirement: 'required',
      },
    ])
    expect(article).toContain('a degree in a technical field such as computer science, engineering, or information technology')
    expect(roles['technical-project-manager'].qualifications).toEqual([
      {
        fieldsOfStudy: [
          { name: 'Computer science', slug: 'computer-science' },
          { name: 'Engineering', slug: 'engineering' },
          { name: 'Information technology', slug: 'information-technology' },
        ],
        level: 'unspecified',
        requirement: 'recommended',
      },
    ])
  })

  it('has the hands-on experience the article lists for the TPM, and none for the PM', () => {
    const listed = [...experienceSection.matchAll(/^ {4,}•\s+(.+)$/gm)].map(([, area]) => area!.trim())
    expect(listed).toEqual(['Software development', 'Systems engineering', 'Cloud solutions'])
    const tpm = roles['technical-project-manager'].experience
    expect(tpm.map((row: any) => row.area)).toEqual(['Managing SDLC projects', ...listed])
    expect(tpm.filter((row: any) => row.kind === 'technical').map((row: any) => row.area)).toEqual(listed)
    expect(tpm.every((row: any) => row.requirement === 'recommended')).toBe(true)
    expect(experienceSection).toContain('broad experience in managing SDLC projects')
    expect(roles['project-manager'].experience).toEqual([])
  })

  it('seeds nothing beyond what is traced above', async () => {
    const counts = {
      certifications: (await site.payload.count({ collection: 'certifications' })).totalDocs,
      responsibilities: (await site.payload.count({ collection: 'responsibilities' })).totalDocs,
      roles: (await site.payload.count({ collection: 'roles' })).totalDocs,
      skills: (await site.payload.count({ collection: 'skills' })).totalDocs,
    }
    expect(counts).toEqual({
      certifications: 3,
      responsibilities: numberedItems(pmSection).length + numberedItems(tpmSection).length,
      roles: 2,
      // PM: leadership, communication, organizational; TPM adds two soft and two technical skills.
      skills: 7,
    })
  })
})
