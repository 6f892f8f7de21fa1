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

/**
 * A translation of a seed into one more locale: the same items, by slug, with their text in that
 * language. It is a translation, not a source: the English article stays the source of truth, so
 * `translationOf` names it and the language it is written in, and every item keeps the English
 * source's section and quote (the seed records those, untranslated).
 *
 * Only what a reader sees is translated: titles, names, summaries, descriptions, link notes, fields
 * of study and areas of experience. A certification's name is the one it is issued under (the
 * translation repeats it unchanged where it is a proper name). What the English seed leaves empty
 * stays empty here too (checked by seedTranslationProblems).
 */
const notesBySlug = z.record(z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug'), text)

export const seedRoleTranslationSchema = z
  .object({
    abbreviation: text.optional(),
    /** Other names German readers search by (synonyms, the other grammatical gender). */
    alternateNames: z.array(text).optional(),
    /** Link notes by the linked item's slug. */
    certifications: notesBySlug,
    experience: z.record(
      z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug'),
      z.object({ area: text, note: text.optional() }).strict(),
    ),
    focus: text.optional(),
    /** In the English seed's order (its rows have no slug); fields of study by their slug. */
    qualifications: z.array(z.object({ fieldsOfStudy: notesBySlug, note: text.optional() }).strict()),
    responsibilities: notesBySlug,
    skills: notesBySlug,
    summary: text.optional(),
    title: text,
  })
  .strict()

export const seedTranslationSchema = z
  .object({
    certifications: z.record(
      z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug'),
      z.object({ description: text.optional(), name: text }).strict(),
    ),
    /** The locale code the text is written for; the seed writes it only where the site has this locale. */
    locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale code, e.g. "de"'),
    responsibilities: z.record(
      z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug'),
      z.object({ description: text, title: text }).strict(),
    ),
    roles: z.record(z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug'), seedRoleTranslationSchema),
    skills: z.record(
      z.string().regex(SLUG_PATTERN, 'must be a URL-safe slug'),
      z.object({ alternateNames: z.array(text).optional(), description: text.optional(), name: text }).strict(),
    ),
    /** Marks the text as a translation: of which work, from which language, and who made it how. */
    translationOf: z
      .object({
        /** The language of the source the translation is made from (the seed's own text). */
        language: text,
        /** How the translation was made and what it follows, for whoever reviews it. */
        note: text,
        /** Must be the seed's `sourceTitle`. */
        title: text,
      })
      .strict(),
  })
  .strict()

export type SeedTranslation = z.infer<typeof seedTranslationSchema>
export type SeedRoleTranslation = z.infer<typeof seedRoleTranslationSchema>

export type SeedTranslationProblems = {
  /** Text the source has and the translation lacks (paths like `roles.project-manager.summary`). */
  missing: string[]
  /** Text the translation has for something the source does not (an unknown slug, a note the source lacks). */
  unknown: string[]
}

/**
 * Checks a translation against the seed it translates, item by item. `unknown` entries are errors
 * (seedRoleCatalog refuses such a translation); `missing` ones are text left to the fallback.
 */
export const seedTranslationProblems = (seed: CatalogSeed, translation: SeedTranslation): SeedTranslationProblems => {
  const missing: string[] = []
  const unknown: string[] = []
  if (translation.translationOf.title !== seed.sourceTitle) {
    unknown.push(`translationOf.title: "${translation.translationOf.title}" is not the seed's source "${seed.sourceTitle}"`)
  }
  /** Compares one optional text of the source with its translation. */
  const pair = (path: string, source: string | undefined, translated: string | undefined) => {
    if (source !== undefined && translated === undefined) missing.push(path)
    if (source === undefined && translated !== undefined) unknown.push(path)
  }
  const items = <S extends { slug: string }, T>(
    name: string,
    sources: S[],
    translated: Record<string, T>,
    each: (path: string, source: S, item: T) => void,
  ) => {
    const bySlug = new Map(sources.map((source) => [source.slug, source]))
    for (const slug of Object.keys(translated)) if (!bySlug.has(slug)) unknown.push(`${name}.${slug}`)
    for (const source of sources) {
      const item = translated[source.slug]
      if (item === undefined) missing.push(`${name}.${source.slug}`)
      else each(`${name}.${source.slug}`, source, item)
    }
  }
  items('skills', seed.skills, translation.skills, (path, source, item) => pair(`${path}.description`, source.description, item.description))
  items('certifications', seed.certifications, translation.certifications, (path, source, item) =>
    pair(`${path}.description`, source.description, item.description),
  )
  items('responsibilities', seed.responsibilities, translation.responsibilities, () => {})
  items('roles', seed.roles, translation.roles, (path, role, item) => {
    pair(`${path}.abbreviation`, role.abbreviation, item.abbreviation)
    pair(`${path}.summary`, role.summary, item.summary)
    pair(`${path}.focus`, role.focus, item.focus)
    for (const dimension of ['responsibilities', 'skills', 'certifications'] as const) {
      const links = new Map(role[dimension].map((link) => [link.slug, link.note]))
      for (const slug of Object.keys(item[dimension])) if (!links.has(slug)) unknown.push(`${path}.${dimension}.${slug}`)
      for (const [slug, note] of links) pair(`${path}.${dimension}.${slug}`, note, item[dimension][slug])
    }
    const experience = new Map(role.experience.map((row) => [row.slug, row]))
    for (const slug of Object.keys(item.experience)) if (!experience.has(slug)) unknown.push(`${path}.experience.${slug}`)
    for (const [slug, row] of experience) {
      const translated = item.experience[slug]
      if (translated === undefined) missing.push(`${path}.experience.${slug}`)
      else pair(`${path}.experience.${slug}.note`, row.note, translated.note)
    }
    if (item.qualifications.length > role.qualifications.length) {
      unknown.push(`${path}.qualifications.${role.qualifications.length}`)
    }
    role.qualifications.forEach((qualification, index) => {
      const translated = item.qualifications[index]
      const at = `${path}.qualifications.${index}`
      if (translated === undefined) {
        missing.push(at)
        return
      }
      pair(`${at}.note`, qualification.note, translated.note)
      const fields = new Set(qualification.fieldsOfStudy.map((field) => field.slug))
      for (const slug of Object.keys(translated.fieldsOfStudy)) if (!fields.has(slug)) unknown.push(`${at}.fieldsOfStudy.${slug}`)
      for (const slug of fields) if (translated.fieldsOfStudy[slug] === undefined) missing.push(`${at}.fieldsOfStudy.${slug}`)
    })
  })
  return { missing, unknown }
}
