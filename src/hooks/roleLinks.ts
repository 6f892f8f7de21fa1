import type { CatalogCollection } from '../plugin/options.js'

/** The catalogue items a role links, each as an array on the role with one relationship per row. */
export type LinkedCollection = Exclude<CatalogCollection, 'roles'>

export type RoleLink = {
  /** Name of the array on the role, e.g. `skills`. */
  arrayName: string
  /** Name of the relationship inside each row, e.g. `skill`. */
  itemName: string
}

/** Where a role links each kind of item; the join fields' `on` is `${arrayName}.${itemName}`. */
export const roleLinks: Record<LinkedCollection, RoleLink> = {
  certifications: { arrayName: 'certifications', itemName: 'certification' },
  responsibilities: { arrayName: 'responsibilities', itemName: 'responsibility' },
  skills: { arrayName: 'skills', itemName: 'skill' },
}

export const linkedCollections = Object.keys(roleLinks) as LinkedCollection[]

export type DocID = number | string

/** The ID of a relationship value, whether it is a bare ID or a populated document. */
export const relationID = (value: unknown): DocID | undefined => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id
    if (typeof id === 'number' || typeof id === 'string') return id
  }
  return undefined
}
