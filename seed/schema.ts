import { z } from 'zod'

import { degreeLevels, experienceKinds } from '../src/collections/roles.js'
import { skillKinds } from '../src/collections/skills.js'
import { requirementLevels } from '../src/fields/requirement.js'
import { SLUG_PATTERN } from '../src/fields/slug.js'

const slug = z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug')
const text = z.string().trim().min(1)

/** Where in the source an item is stated, and the words it is stated in (checked against the text). */
export const seedSourceSchema = z.object({ quote: text, section: text }).strict()

const linkSchema = z
  .object({ slug, note: text.optional(), requirement: z.enum(requirementLevels) })
  .strict()

export const seedSkillSchema = z
  .object({
    slug,
    name: text,
    description: text.optional(),
    kind: z.enum(skillKinds),
    source: seedSourceSchema,
  })
  .strict()

export const seedCertificationSchema = z
  .object({
    slug,
    name: text,
    abbreviation: text.optional(),
    description: text.optional(),
    issuingBody: text.optional(),
    source: seedSourceSchema,
  })
  .strict()

export const seedResponsibilitySchema = z
  .object({ slug, title: text, description: text, source: seedSourceSchema })
  .strict()

export const seedRoleSchema = z
  .object({
    slug,
    title: text,
    abbreviation: text.optional(),
    buildsOn: z.array(slug),
    certifications: z.array(linkSchema),
    experience: z.array(
      z
        .object({
          slug,
          area: text,
          kind: z.enum(experienceKinds),
          note: text.optional(),
          requirement: z.enum(requirementLevels),
        })
        .strict(),
    ),
    focus: text.optional(),
    qualifications: z.array(
      z
        .object({
          fieldsOfStudy: z.array(z.object({ slug, name: text }).strict()).min(1),
          level: z.enum(degreeLevels),
          note: text.optional(),
          requirement: z.enum(requirementLevels),
        })
        .strict(),
    ),
    responsibilities: z.array(linkSchema),
    skills: z.array(linkSchema),
    source: seedSourceSchema,
    summary: text.optional(),
  })
  .strict()

const uniqueSlugs = (items: { slug: string }[], where: string, ctx: z.RefinementCtx) => {
  const seen = new Set<string>()
  items.forEach((item, index) => {
    if (seen.has(item.slug)) {
      ctx.addIssue({ code: 'custom', message: `duplicate slug "${item.slug}"`, path: [where, index, 'slug'] })
    }
    seen.add(item.slug)
  })
}

export const catalogSeedSchema = z
  .object({
    certifications: z.array(seedCertificationSchema),
    responsibilities: z.array(seedResponsibilitySchema),
    roles: z.array(seedRoleSchema),
    skills: z.array(seedSkillSchema),
    /** The work the content is taken from; recorded on every seeded document. */
    sourceTitle: text,
  })
  .strict()
  .superRefine((seed, ctx) => {
    uniqueSlugs(seed.skills, 'skills', ctx)
    uniqueSlugs(seed.certifications, 'certifications', ctx)
    uniqueSlugs(seed.responsibilities, 'responsibilities', ctx)
    uniqueSlugs(seed.roles, 'roles', ctx)
    const known = {
      certifications: new Set(seed.certifications.map((item) => item.slug)),
      responsibilities: new Set(seed.responsibilities.map((item) => item.slug)),
      skills: new Set(seed.skills.map((item) => item.slug)),
    }
    const earlierRoles = new Set<string>()
    seed.roles.forEach((role, roleIndex) => {
      for (const dimension of ['responsibilities', 'skills', 'certifications'] as const) {
        role[dimension].forEach((link, linkIndex) => {
          if (!known[dimension].has(link.slug)) {
            ctx.addIssue({
              code: 'custom',
              message: `links unknown ${dimension} slug "${link.slug}"`,
              path: ['roles', roleIndex, dimension, linkIndex, 'slug'],
            })
          }
        })
      }
      role.buildsOn.forEach((target, index) => {
        // Roles are created in order, so a role can only build on one listed before it.
        if (!earlierRoles.has(target)) {
          ctx.addIssue({
            code: 'custom',
            message: `builds on "${target}", which is not a role listed before it`,
            path: ['roles', roleIndex, 'buildsOn', index],
          })
        }
      })
      earlierRoles.add(role.slug)
    })
  })

export type CatalogSeed = z.infer<typeof catalogSeedSchema>
export type SeedRole = z.infer<typeof seedRoleSchema>
