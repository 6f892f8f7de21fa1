import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import type { CatalogCollection, CatalogSlugs } from '../src/plugin/options.js'
import type { CatalogSeed, SeedRoleTranslation, SeedTranslation } from './schema.js'

type Doc = Record<string, any>
type Id = number | string
/** A document's text per locale, as a read with `locale: 'all'` returns it. */
type ByLocale = Record<string, unknown> | null | undefined

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)

export type FillTranslationArgs = {
  /** Slugs created in this run, per collection (their default-locale title may be the create hook's copy). */
  created?: Record<CatalogCollection, string[]>
  /** The seeded documents' IDs by collection and slug (created in this run or found). */
  ids: Record<CatalogCollection, Map<string, Id>>
  payload: Payload
  req: PayloadRequest
  seed: CatalogSeed
  slugs: CatalogSlugs
  /** The locale holding the seed's own text (the translation's source language, or the default locale). */
  sourceLocale?: string
  translation: SeedTranslation
}

export type FilledTranslation = {
  /** Slugs whose text in the locale this run filled in, wholly or in part. */
  filled: Record<CatalogCollection, string[]>
  /** Slugs left alone because their newest version is an unpublished draft (an editor is working on it). */
  draft: Record<CatalogCollection, string[]>
}

/**
 * Writes a translation's text into the seeded documents, where it is missing. Text is filled in a
 * locale only where that locale has none and the default locale still has the seed's own text (the
 * translation translates that text; an editor who rewrote the English has left nothing it fits). A
 * text the locale already has, an editor's or an earlier run's, is never touched, so re-running is
 * a no-op. Documents whose newest version is a draft are left alone: saving them would publish the
 * editor's unfinished draft.
 *
 * Runs inside the seed's transaction (`req`), through the Local API (any database adapter).
 */
export const fillTranslation = async ({ created, ids, payload, req, seed, slugs, sourceLocale, translation }: FillTranslationArgs): Promise<FilledTranslation> => {
  const { locale } = translation
  const siteDefaultLocale = payload.config.localization ? payload.config.localization.defaultLocale : locale
  // Where the seed's own text is, to check it is still the seed's (not the site's default locale when
  // that is the translation's, e.g. a German-first site).
  const defaultLocale = sourceLocale ?? siteDefaultLocale
  /**
   * The document in hand was created by this run in the source locale, and this translation goes
   * into the site's default locale: its title there is the copy the create hook made
   * (copyToDefaultLocaleOnCreate), not an editor's text, so it counts as missing.
   */
  let copiedByCreate = false
  const result: FilledTranslation = {
    draft: { certifications: [], responsibilities: [], roles: [], skills: [] },
    filled: { certifications: [], responsibilities: [], roles: [], skills: [] },
  }
  const slugOf = (name: CatalogCollection, id: unknown): string | undefined => {
    for (const [slug, candidate] of ids[name]) if (String(candidate) === String(id)) return slug
    return undefined
  }
  /** The locale's own text when there is some; else the translation, if the default locale still says `source`. */
  const fill = (value: ByLocale, source: string | undefined, translated: string | undefined): { changed: boolean; text: unknown } => {
    const own = value?.[locale]
    const copy = copiedByCreate && own === value?.[defaultLocale]
    if ((!isEmpty(own) && !copy) || translated === undefined || value?.[defaultLocale] !== source) return { changed: false, text: own ?? null }
    return { changed: true, text: translated }
  }

  const each = async <S extends { slug: string }>(
    name: CatalogCollection,
    items: S[],
    patchFor: (doc: Doc, item: S) => Doc | null,
  ) => {
    for (const item of items) {
      const id = ids[name].get(item.slug)
      if (id === undefined) continue
      const doc = (await payload.findByID({
        collection: slugs[name] as CollectionSlug,
        depth: 0,
        draft: true,
        id,
        locale: 'all',
        overrideAccess: true,
        req,
      })) as Doc
      copiedByCreate = locale === siteDefaultLocale && locale !== defaultLocale && (created?.[name].includes(item.slug) ?? false)
      const patch = patchFor(doc, item)
      if (!patch) continue
      if (doc._status === 'draft') {
        result.draft[name].push(item.slug)
        continue
      }
      await payload.update({
        collection: slugs[name] as CollectionSlug,
        data: { ...patch, _status: 'published' } as never,
        depth: 0,
        id,
        // A locale the site has (seedRoleCatalog checked); a host's generated types narrow the type.
        locale: locale as never,
        overrideAccess: true,
        req,
      })
      result.filled[name].push(item.slug)
    }
  }

  /** Top-level texts: `[field, seed's text, translation]`; a patch with the ones to fill, or null. */
  const topLevel = (doc: Doc, texts: [string, string | undefined, string | undefined][]): Doc | null => {
    const patch: Doc = {}
    for (const [field, source, translated] of texts) {
      const { changed, text } = fill(doc[field], source, translated)
      if (changed) patch[field] = text
    }
    return Object.keys(patch).length > 0 ? patch : null
  }

  /** Alternate names belong to a title: filled when the locale has none and the title is the seed's. */
  const alternateNames = (doc: Doc, patch: Doc | null, titleField: string, title: string, names: string[] | undefined) => {
    const own = (doc.alternateNames as ByLocale)?.[locale]
    if (!names || !isEmpty(own) || (doc[titleField] as ByLocale)?.[defaultLocale] !== title) return patch
    return { ...patch, alternateNames: names }
  }

  await each('skills', seed.skills, (doc, skill) => {
    const item = translation.skills[skill.slug]
    if (!item) return null
    const patch = topLevel(doc, [
      ['name', skill.name, item.name],
      ['description', skill.description, item.description],
    ])
    return alternateNames(doc, patch, 'name', skill.name, item.alternateNames)
  })
  await each('certifications', seed.certifications, (doc, certification) => {
    const item = translation.certifications[certification.slug]
    if (!item) return null
    return topLevel(doc, [
      ['name', certification.name, item.name],
      ['description', certification.description, item.description],
    ])
  })
  await each('responsibilities', seed.responsibilities, (doc, responsibility) => {
    const item = translation.responsibilities[responsibility.slug]
    if (!item) return null
    return topLevel(doc, [
      ['title', responsibility.title, item.title],
      ['description', responsibility.description, item.description],
    ])
  })
  await each('roles', seed.roles, (doc, role) => {
    const item = translation.roles[role.slug]
    if (!item) return null
    let changed = false
    const patch: Doc = {
      ...topLevel(doc, [
        ['title', role.title, item.title],
        ['abbreviation', role.abbreviation, item.abbreviation],
        ['summary', role.summary, item.summary],
        ['focus', role.focus, item.focus],
      ]),
    }
    Object.assign(patch, alternateNames(doc, {}, 'title', role.title, item.alternateNames))

    // Array rows: sent whole (with their IDs, so the other locales' text stays), in this locale's text.
    const links = (dimension: 'certifications' | 'responsibilities' | 'skills', itemName: string) => {
      const notes = new Map(role[dimension].map((link) => [link.slug, link.note]))
      const translated: SeedRoleTranslation[typeof dimension] = item[dimension]
      return ((doc[dimension] ?? []) as Doc[]).map((row) => {
        const slug = slugOf(dimension, row[itemName])
        const note = fill(row.note, slug ? notes.get(slug) : undefined, slug ? translated[slug] : undefined)
        changed ||= note.changed
        return { ...row, note: note.text }
      })
    }
    const rows = {
      certifications: links('certifications', 'certification'),
      experience: ((doc.experience ?? []) as Doc[]).map((row) => {
        const source = role.experience.find((entry) => entry.slug === row.slug)
        const translated = item.experience[String(row.slug)]
        const area = fill(row.area, source?.area, source && translated?.area)
        const note = fill(row.note, source?.note, source && translated?.note)
        changed ||= area.changed || note.changed
        return { ...row, area: area.text, note: note.text }
      }),
      qualifications: ((doc.qualifications ?? []) as Doc[]).map((row, index) => {
        // Rows have no slug: the seed's row at the same position, if it is still of the same level.
        const source = role.qualifications[index]?.level === row.level ? role.qualifications[index] : undefined
        const translated = source ? item.qualifications[index] : undefined
        const note = fill(row.note, source?.note, translated?.note)
        changed ||= note.changed
        return {
          ...row,
          fieldsOfStudy: ((row.fieldsOfStudy ?? []) as Doc[]).map((field) => {
            const name = fill(
              field.name,
              source?.fieldsOfStudy.find((entry) => entry.slug === field.slug)?.name,
              translated?.fieldsOfStudy[String(field.slug)],
            )
            changed ||= name.changed
            return { ...field, name: name.text }
          }),
          note: note.text,
        }
      }),
      responsibilities: links('responsibilities', 'responsibility'),
      skills: links('skills', 'skill'),
    }
    if (changed) Object.assign(patch, rows)
    return Object.keys(patch).length > 0 ? patch : null
  })
  return result
}
