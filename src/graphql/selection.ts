import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql'

import type { FieldSelection, LinkedDimension, TunedJoinSelection, TunedSelection } from '../read/tunedReads.js'

import { roleLinks } from '../hooks/roleLinks.js'

/**
 * The fields a GraphQL query selects below the current field, by name, across aliases, fragments
 * and inline fragments. `@skip`/`@include` are not evaluated: such fields count as selected, so the
 * result is never smaller than what the query reads.
 */
export const selectionOf = (info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): FieldSelection => {
  const into: FieldSelection = {}
  const collect = (set: SelectionSetNode | undefined, target: FieldSelection) => {
    for (const node of set?.selections ?? []) {
      if (node.kind === 'Field') {
        const name = node.name.value
        if (name.startsWith('__')) continue
        if (node.selectionSet) {
          const existing = target[name]
          const sub = existing && existing !== true ? existing : {}
          collect(node.selectionSet, sub)
          target[name] = sub
        } else if (!target[name]) {
          target[name] = true
        }
      } else if (node.kind === 'InlineFragment') {
        collect(node.selectionSet, target)
      } else if (node.kind === 'FragmentSpread') {
        collect(info.fragments[node.name.value]?.selectionSet, target)
      }
    }
  }
  for (const node of info.fieldNodes) collect(node.selectionSet, into)
  return into
}

/**
 * The fields selected directly below the current field that are asked for without arguments or
 * directives everywhere they appear (across aliases and fragments): a join field selected so is read
 * exactly as its resolver reads it by default.
 */
export const plainFieldsOf = (info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> => {
  const plain = new Set<string>()
  const withArguments = new Set<string>()
  const seenFragments = new Set<string>()
  const collect = (set: SelectionSetNode | undefined) => {
    for (const node of set?.selections ?? []) {
      if (node.kind === 'Field') {
        const bare = (node.arguments?.length ?? 0) === 0 && (node.directives?.length ?? 0) === 0
        ;(bare ? plain : withArguments).add(node.name.value)
      } else if (node.kind === 'InlineFragment') {
        collect(node.selectionSet)
      } else if (node.kind === 'FragmentSpread' && !seenFragments.has(node.name.value)) {
        seenFragments.add(node.name.value)
        collect(info.fragments[node.name.value]?.selectionSet)
      }
    }
  }
  for (const node of info.fieldNodes) collect(node.selectionSet)
  for (const name of withArguments) plain.delete(name)
  return plain
}

const sub = (selection: FieldSelection | undefined, name: string): FieldSelection | undefined => {
  const value = selection?.[name]
  return value && value !== true ? value : undefined
}

/** Union of two selections. */
export const mergeSelections = (a: FieldSelection | undefined, b: FieldSelection | undefined): FieldSelection | undefined => {
  if (!a) return b
  if (!b) return a
  const merged: FieldSelection = { ...a }
  for (const [name, value] of Object.entries(b)) {
    const existing = merged[name]
    if (!existing) merged[name] = value
    else if (existing !== true && value !== true) merged[name] = mergeSelections(existing, value)!
  }
  return merged
}

/**
 * What the tuned statement must read for a role whose GraphQL selection is `role`: its selected
 * fields (all of them when `jsonLd` is asked for: the JSON-LD is built from the whole role, and says
 * which of its text fell back, from the locales the statement reports), the selected fields of the
 * items it links, and the roles it builds on when `buildsOn` is selected.
 */
export const tunedSelectionForRole = (
  role: FieldSelection,
  /**
   * For a role page: fields selected without arguments (plainFieldsOf) and the limit a join field's
   * resolver reads by default. The join fields among them are read with the role (`joins`); which
   * fields are joins to roles is the tuned statement's to check.
   */
  joins?: { limit: number; plain: Set<string> },
): TunedSelection => {
  const items: Partial<Record<LinkedDimension, FieldSelection>> = {}
  for (const [name, { arrayName, itemName }] of Object.entries(roleLinks) as [LinkedDimension, (typeof roleLinks)[LinkedDimension]][]) {
    const item = sub(sub(role, arrayName), itemName)
    if (item) items[name] = item
  }
  const buildsOn = sub(role, 'buildsOn')
  const joined: Record<string, TunedJoinSelection> = {}
  for (const name of joins?.plain ?? []) {
    const join = sub(role, name)
    if (!join || !('docs' in join)) continue
    const docs = sub(join, 'docs') ?? {}
    joined[name] = { fields: docs.jsonLd ? undefined : docs, limit: joins!.limit }
  }
  return {
    items,
    ...(Object.keys(joined).length > 0 ? { joins: joined } : {}),
    neighbours: buildsOn ? (buildsOn.jsonLd ? undefined : buildsOn) : false,
    role: role.jsonLd ? withJsonLdInputs(role) : role,
    ...(role.jsonLd ? { textSources: true } : {}),
  }
}

/**
 * The fields the `jsonLd` field builds the Occupation from (src/jsonld/occupation.ts, through
 * CatalogReader.resolve): the role's text and every row of its arrays, whole. A role read with them
 * needs no second read for its JSON-LD (the `jsonLd` resolver checks they are there).
 */
const JSON_LD_INPUTS: FieldSelection = {
  abbreviation: true,
  certifications: true,
  experience: true,
  externalCodes: true,
  qualifications: true,
  responsibilities: true,
  skills: true,
  slug: true,
  summary: true,
  title: true,
}

/** The query's own selection of a role, with what its JSON-LD is built from: whole rows for the arrays. */
const withJsonLdInputs = (role: FieldSelection): FieldSelection => {
  const { jsonLd: _jsonLd, ...rest } = role
  return { ...rest, ...JSON_LD_INPUTS }
}

/** For a comparison: both roles' selections together, every role field (the comparison reads them all). */
export const tunedSelectionForComparison = (comparison: FieldSelection): TunedSelection => {
  const a = tunedSelectionForRole(sub(comparison, 'a') ?? {})
  const b = tunedSelectionForRole(sub(comparison, 'b') ?? {})
  const items: Partial<Record<LinkedDimension, FieldSelection>> = {}
  for (const name of Object.keys(roleLinks) as LinkedDimension[]) {
    const merged = mergeSelections(a.items?.[name], b.items?.[name])
    if (merged) items[name] = merged
  }
  const neighbours =
    a.neighbours === false && b.neighbours === false
      ? false
      : a.neighbours === undefined || b.neighbours === undefined
        ? undefined
        : mergeSelections(a.neighbours || undefined, b.neighbours || undefined)
  return { items, neighbours, role: undefined, ...(a.textSources || b.textSources ? { textSources: true } : {}) }
}

/**
 * For matchRoles / similarRoles: the roles under `docs { role }` (and similarRoles' own `role`)
 * with every role field (matching reads their links whatever the query selects), and the selected
 * fields of the items they link.
 */
export const tunedSelectionForMatches = (answer: FieldSelection): TunedSelection => {
  const role = mergeSelections(sub(sub(answer, 'docs'), 'role'), sub(answer, 'role')) ?? {}
  const { items } = tunedSelectionForRole(role)
  return { items, neighbours: false, role: undefined }
}
