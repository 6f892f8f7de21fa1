import type { DocID, ResolvedLink, ResolvedRole, RoleDoc } from '../read/catalogReader.js'

/** One role's side of a link: how strongly it asks for the item, and what it says about it. */
export type ComparisonLink = {
  /** Qualifications: the degree level of the role's row that lists this field of study. */
  level: null | string
  note: null | string
  requirement: string
}

type ItemBase = {
  /** Certifications: the short form, e.g. "PMP". */
  abbreviation: null | string
  description: null | string
  /** Skills: soft or technical. Experience: hands-on technical role or project management. */
  kind: null | string
  label: string
  slug: string
}

export type SharedItem = ItemBase & { a: ComparisonLink; b: ComparisonLink }
export type OnlyItem = ItemBase & ComparisonLink

export type ComparisonDimension = {
  onlyA: OnlyItem[]
  onlyB: OnlyItem[]
  shared: SharedItem[]
}

export const comparisonDimensions = [
  'responsibilities',
  'skills',
  'certifications',
  'qualifications',
  'experience',
] as const
export type ComparisonDimensionName = (typeof comparisonDimensions)[number]

export type RoleComparison = Record<ComparisonDimensionName, ComparisonDimension> & {
  a: RoleDoc
  /** Role A lists role B under "builds on". */
  aBuildsOnB: boolean
  b: RoleDoc
  /** Role B lists role A under "builds on" (e.g. the TPM builds on the PM). */
  bBuildsOnA: boolean
}

/** What a dimension's entries reduce to before comparing: a key, the item, one side's link. */
type Entry = { item: ItemBase; link: ComparisonLink }

const fromLinks = (links: ResolvedLink[]): Entry[] =>
  links.map(({ item, note, requirement }) => ({
    item: {
      abbreviation: item.abbreviation,
      description: item.description,
      kind: item.kind,
      label: item.label,
      slug: item.slug,
    },
    link: { level: null, note, requirement },
  }))

/** Degrees compare by field of study: both roles accept an engineering degree, whatever the level. */
const fromQualifications = (role: ResolvedRole): Entry[] =>
  role.qualifications.flatMap((row) =>
    (row.fieldsOfStudy ?? []).map((field) => ({
      // A field of study without a name in the reader's language (and no fallback) is shown by its key.
      item: { abbreviation: null, description: null, kind: null, label: field.name ?? field.slug, slug: field.slug },
      link: { level: row.level ?? null, note: row.note ?? null, requirement: row.requirement ?? 'required' },
    })),
  )

const fromExperience = (role: ResolvedRole): Entry[] =>
  role.experience.map((row) => ({
    item: { abbreviation: null, description: null, kind: row.kind ?? null, label: row.area ?? row.slug, slug: row.slug },
    link: { level: null, note: row.note ?? null, requirement: row.requirement ?? 'required' },
  }))

const entriesOf = (role: ResolvedRole, dimension: ComparisonDimensionName): Entry[] => {
  switch (dimension) {
    case 'experience':
      return fromExperience(role)
    case 'qualifications':
      return fromQualifications(role)
    default:
      return fromLinks(role[dimension])
  }
}

/** First entry per slug: a role that lists an item twice is described by its first listing. */
const bySlug = (entries: Entry[]) => {
  const map = new Map<string, Entry>()
  for (const entry of entries) if (!map.has(entry.item.slug)) map.set(entry.item.slug, entry)
  return map
}

export const compareDimension = (a: Entry[], b: Entry[]): ComparisonDimension => {
  const left = bySlug(a)
  const right = bySlug(b)
  const result: ComparisonDimension = { onlyA: [], onlyB: [], shared: [] }
  for (const [slug, entry] of left) {
    const other = right.get(slug)
    if (other) result.shared.push({ ...entry.item, a: entry.link, b: other.link })
    else result.onlyA.push({ ...entry.item, ...entry.link })
  }
  for (const [slug, entry] of right) {
    if (!left.has(slug)) result.onlyB.push({ ...entry.item, ...entry.link })
  }
  return result
}

const buildsOn = (role: RoleDoc, other: DocID): boolean =>
  (role.buildsOn ?? []).some((value) => {
    const id = value && typeof value === 'object' ? (value as { id: DocID }).id : value
    return String(id) === String(other)
  })

/**
 * What two roles share and what only one of them has, per dimension. Shared items and A's own
 * items keep A's order, B's own items B's order. Pure: the reading happens in loadComparison.
 */
export const compareResolvedRoles = (a: ResolvedRole, b: ResolvedRole): RoleComparison => {
  const comparison = {
    a: a.doc,
    aBuildsOnB: buildsOn(a.doc, b.doc.id),
    b: b.doc,
    bBuildsOnA: buildsOn(b.doc, a.doc.id),
  } as RoleComparison
  for (const dimension of comparisonDimensions) {
    comparison[dimension] = compareDimension(entriesOf(a, dimension), entriesOf(b, dimension))
  }
  return comparison
}
