import type { CollectionSlug, PayloadRequest, SelectType, Where } from 'payload'

import DataLoader from 'dataloader'
import { Forbidden, isolateObjectProperty } from 'payload'

import type { ExternalCode } from '../fields/externalCodes.js'
import type { CatalogSlugs } from '../plugin/options.js'

import type { ReadContext } from './readContext.js'

import { recordDocuments, recordRoleSlugs } from '../cache/dependencies.js'
import { internalReadRequest } from './internalRead.js'
import { TEXT_LOCALES, type TextLocales } from './textLocales.js'
import { readRolesTuned, type TunedSelection } from './tunedReads.js'

export type DocID = number | string

/** A role as the database holds it (depth 0: links carry IDs). */
export type RoleDoc = {
  [key: string]: unknown
  abbreviation?: null | string
  buildsOn?: null | unknown[]
  certifications?: LinkRow[] | null
  experience?: ExperienceRow[] | null
  externalCodes?: ExternalCode[] | null
  focus?: null | string
  id: DocID
  qualifications?: null | QualificationRow[]
  responsibilities?: LinkRow[] | null
  skills?: LinkRow[] | null
  slug: string
  summary?: null | string
  title: string
}

type LinkRow = { [item: string]: unknown; note?: null | string; requirement?: null | string }

export type QualificationRow = {
  /** `name` may be missing in a locale without a translation and no fallback. */
  fieldsOfStudy?: { name?: null | string; slug: string }[] | null
  level?: null | string
  note?: null | string
  requirement?: null | string
}

export type ExperienceRow = {
  /** Missing in a locale without a translation and no fallback. */
  area?: null | string
  kind?: null | string
  note?: null | string
  requirement?: null | string
  slug: string
}

/** A responsibility, skill or certification, reduced to what comparisons and JSON-LD use. */
export type CatalogItem = {
  abbreviation: null | string
  description: null | string
  id: DocID
  issuingBody: null | string
  /** Skills: soft or technical. */
  kind: null | string
  label: string
  slug: string
}

export type ResolvedLink = { item: CatalogItem; note: null | string; requirement: string }

/** A role with its links resolved to the items the reader may see, in the editor's order. */
export type ResolvedRole = {
  certifications: ResolvedLink[]
  doc: RoleDoc
  experience: ExperienceRow[]
  externalCodes: ExternalCode[]
  qualifications: QualificationRow[]
  responsibilities: ResolvedLink[]
  skills: ResolvedLink[]
}

export type LinkDimension = 'certifications' | 'responsibilities' | 'skills'

/** The role's array fields that link catalogue items, the relationship inside each row, its label field. */
export const linkDimensions: { itemName: string; label: string; name: LinkDimension }[] = [
  { name: 'responsibilities', itemName: 'responsibility', label: 'title' },
  { name: 'skills', itemName: 'skill', label: 'name' },
  { name: 'certifications', itemName: 'certification', label: 'name' },
]

// Join fields (a skill's `roles`, a role's `builtOnBy`) are not needed here; skipping them keeps each
// `find` to one plain statement. Typed loosely: the collection slugs are only known at runtime.
const noJoins = false as never

const itemFields = ['slug', 'title', 'name', 'description', 'kind', 'abbreviation', 'issuingBody']

const idOf = (value: unknown): DocID | undefined => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return (value as { id: DocID }).id
  return undefined
}

const text = (value: unknown): null | string => (typeof value === 'string' && value !== '' ? value : null)

type ItemKey = { dimension: LinkDimension; id: DocID }

/**
 * A linked document (as `find` returns it, or the tuned read) reduced to what comparisons and JSON-LD
 * use; with the locales its text came from when the tuned read reported them (src/read/textLocales.ts).
 */
const toCatalogItem = (dimension: LinkDimension, doc: Record<PropertyKey, unknown>): CatalogItem => {
  const id = doc.id as DocID
  const label = linkDimensions.find((each) => each.name === dimension)!.label
  const item: CatalogItem = {
    abbreviation: text(doc.abbreviation),
    description: text(doc.description),
    id,
    issuingBody: text(doc.issuingBody),
    kind: dimension === 'skills' ? text(doc.kind) : null,
    label: text(doc[label]) ?? String(doc.slug ?? id),
    slug: String(doc.slug ?? id),
  }
  const locales = doc[TEXT_LOCALES] as TextLocales | undefined
  if (locales) {
    // The item's fields under the names the item has here (`label`: its title or name).
    const fields: TextLocales['fields'] = {}
    const names: [keyof CatalogItem, string][] = [['label', label], ['description', 'description'], ['abbreviation', 'abbreviation'], ['issuingBody', 'issuingBody']]
    for (const [key, field] of names) if (field in locales.fields) fields[key] = locales.fields[field] ?? null
    ;(item as Record<PropertyKey, unknown>)[TEXT_LOCALES] = { context: locales.context, fields } satisfies TextLocales
  }
  return item
}

export type CatalogReaderArgs = {
  /** What the read answers for (drafts, locale, cache scope, database): see src/read/readContext.ts. */
  context: ReadContext
  req: PayloadRequest
  slugs: CatalogSlugs
}

/**
 * Reads roles and the items they link on behalf of one request, through the Local API with the
 * request's user and `overrideAccess: false`, so the host's access rules (and drafts hidden from
 * anonymous readers) apply to every document.
 *
 * The number of SQL statements does not depend on how many items the roles link: one `find` for
 * the roles, then the linked items of every role asked for in the same tick are batched (DataLoader)
 * into one `find` per collection, i.e. at most three more. Roles by slug take the tuned path where
 * it applies (src/read/tunedReads.ts): one statement for the roles and everything they link.
 */
export class CatalogReader {
  /** What this reader's reads answer for; every read it makes follows it. */
  readonly context: ReadContext
  private readonly draft: boolean
  private readonly items: DataLoader<ItemKey, CatalogItem | null, string>
  private readonly req: PayloadRequest
  /** Roles the tuned path read with the locales of their text (src/read/textLocales.ts), by ID. */
  private readonly reported = new Map<string, RoleDoc>()
  private readonly slugs: CatalogSlugs

  constructor({ context, req, slugs }: CatalogReaderArgs) {
    this.context = context
    this.draft = context.draft
    // Locale isolated too: given a `req`, the Local API writes the locale it was asked for onto it,
    // which would otherwise change the language of everything else the operation reads.
    this.req = internalReadRequest(isolateObjectProperty(req, ['locale', 'fallbackLocale']))
    this.slugs = slugs
    this.items = new DataLoader((keys) => this.loadItems(keys), {
      cacheKeyFn: (key) => `${key.dimension}:${key.id}`,
    })
  }

  /**
   * Roles with these slugs that the request's user may read; the others are simply absent. On the
   * tuned path, `selection` says which of the roles' fields to read (GraphQL passes its query's),
   * and the linked items come along (see src/read/tunedReads.ts); without one, every field.
   */
  async findRolesBySlug(slugs: string[], selection?: TunedSelection): Promise<RoleDoc[]> {
    if (slugs.length === 0) return []
    const unique = [...new Set(slugs)]
    // Role pages by slug, found or not: the change feed names every page a change shows on.
    recordRoleSlugs(this.req, unique)
    const tuned = await readRolesTuned(this.req, unique, { context: this.context, selection: selection ?? { neighbours: false } })
    if (tuned) {
      // The items arrive with what comparisons and JSON-LD use: resolve() needs no further query.
      for (const { name } of linkDimensions) {
        for (const doc of tuned.items[name]) this.items.prime({ dimension: name, id: doc.id }, toCatalogItem(name, doc))
        recordDocuments(this.req, name, tuned.items[name].map((doc) => doc.id))
      }
      recordDocuments(this.req, 'roles', tuned.roles.map((doc) => doc.id))
      for (const doc of tuned.roles) if (TEXT_LOCALES in doc) this.reported.set(String(doc.id), doc as unknown as RoleDoc)
      return tuned.roles as RoleDoc[]
    }
    return this.findRoles({ slug: { in: unique } }, unique.length)
  }

  /**
   * The role with this ID as this reader read it on the tuned path with the locales of its text, if
   * it did: the same role met again in the same answer (a comparison's role among the other's
   * `buildsOn`) is the same document, read for the same request and context.
   */
  reportedRole(id: DocID): RoleDoc | undefined {
    return this.reported.get(String(id))
  }

  /** At most `limit` roles matching `where` that the request's user may read: one SQL statement for plain filters. */
  async findRoles(where: Where, limit: number): Promise<RoleDoc[]> {
    const result = await this.req.payload.find({
      collection: this.slugs.roles as CollectionSlug,
      depth: 0,
      draft: this.draft,
      ...this.localeOptions(),
      joins: noJoins,
      limit,
      overrideAccess: false,
      pagination: false,
      req: this.req,
      user: this.req.user,
      where,
    })
    return result.docs as unknown as RoleDoc[]
  }

  /**
   * The context's locale and fallback, passed to every `find` explicitly: given a `req`, the Local
   * API takes its locale but works the fallback out afresh unless it is passed.
   */
  private localeOptions() {
    const { fallbackLocale, locale } = this.context
    if (locale === undefined) return {}
    return { fallbackLocale: fallbackLocale as never, locale: locale as never }
  }

  /** The role with its linked items resolved; items the reader may not see are left out. */
  async resolve(doc: RoleDoc): Promise<ResolvedRole> {
    const [responsibilities, skills, certifications] = await Promise.all(
      linkDimensions.map(async ({ name, itemName }) => {
        const rows = (doc[name] as LinkRow[] | null | undefined) ?? []
        const keyed = rows
          .map((row) => ({ id: idOf(row[itemName]), row }))
          .filter((entry): entry is { id: DocID; row: LinkRow } => entry.id !== undefined)
        const items = await this.items.loadMany(keyed.map(({ id }) => ({ dimension: name, id })))
        const links: ResolvedLink[] = []
        keyed.forEach(({ row }, index) => {
          const item = items[index]
          if (!item || item instanceof Error) return
          const link: ResolvedLink = { item, note: text(row.note), requirement: text(row.requirement) ?? 'required' }
          // Where the row's note came from, when the read reported it (the link has the row's field names).
          const locales = (row as Record<PropertyKey, unknown>)[TEXT_LOCALES]
          if (locales) (link as Record<PropertyKey, unknown>)[TEXT_LOCALES] = locales
          links.push(link)
        })
        return links
      }),
    )
    return {
      certifications: certifications!,
      doc,
      experience: (doc.experience ?? []).filter((row) => row && row.slug),
      externalCodes: doc.externalCodes ?? [],
      qualifications: doc.qualifications ?? [],
      responsibilities: responsibilities!,
      skills: skills!,
    }
  }

  private async loadItems(keys: readonly ItemKey[]): Promise<(CatalogItem | null)[]> {
    const found = new Map<string, CatalogItem>()
    // One collection after another, as Payload's own DataLoader does, so a request's transaction
    // never sees two queries at once.
    for (const { name } of linkDimensions) {
      const ids = [...new Set(keys.filter((key) => key.dimension === name).map((key) => key.id))]
      if (ids.length === 0) continue
      const collection = this.slugs[name] as CollectionSlug
      const known = new Set(
        this.req.payload.collections[collection]?.config.flattenedFields.map((field) => field.name) ?? [],
      )
      const select = Object.fromEntries(
        itemFields.filter((field) => known.has(field)).map((field) => [field, true]),
      ) as SelectType
      let docs: Record<string, unknown>[]
      try {
        const result = await this.req.payload.find({
          collection,
          depth: 0,
          draft: this.draft,
          ...this.localeOptions(),
          joins: noJoins,
          overrideAccess: false,
          pagination: false,
          req: this.req,
          select,
          user: this.req.user,
          where: { id: { in: ids } },
        })
        docs = result.docs as unknown as Record<string, unknown>[]
      } catch (error) {
        // A reader denied the whole collection sees the role without those links, as Payload's own
        // relationship population does; any other failure is real.
        if (error instanceof Forbidden) continue
        throw error
      }
      for (const doc of docs) found.set(`${name}:${doc.id as DocID}`, toCatalogItem(name, doc))
    }
    return keys.map((key) => found.get(`${key.dimension}:${key.id}`) ?? null)
  }
}
