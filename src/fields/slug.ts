import type { CollectionSlug, FieldHook, RowField, TextField, TextFieldSingleValidation } from 'payload'

import { slugField } from 'payload'

import { slugRefusal, uniqueSlugHook } from '../hooks/uniqueSlug.js'
import { clientComponent } from './adminComponents.js'
import { checkSlug, SLUG_MAX_LENGTH, toSlug } from './slugFormat.js'

export { checkSlug, SLUG_MAX_LENGTH, SLUG_PATTERN, toSlug } from './slugFormat.js'

export const validateSlug: TextFieldSingleValidation = (value) => checkSlug(value)

/**
 * A document's slug: its format, and in the admin's form state (once a save was tried, Payload
 * re-validates the form on the server as the editor edits, `event: 'onChange'`) also whether another
 * document has it. Without that, the form state answered a taken slug as valid right after the
 * refused save, and the admin dropped the refusal shown beside the field; now it stays there until
 * the slug is changed to a free one. On saves the collection's uniqueSlugHook refuses it (drafts included,
 * whose field validation Payload may skip), so this adds no query there; and only where that hook
 * runs (not on a disabled plugin's collections, nor a host's own collection using this field).
 * A saved document's own slug, unchanged, is not looked up again.
 */
const validateDocumentSlug: TextFieldSingleValidation = async (value, { collectionSlug, event, id, previousValue, req }) => {
  const format = checkSlug(value)
  if (format !== true || event !== 'onChange' || !collectionSlug || typeof value !== 'string') return format
  if (id !== undefined && id !== null && value === previousValue) return true
  const collection = req?.payload?.collections?.[collectionSlug as CollectionSlug]?.config
  if (!collection?.hooks?.beforeChange?.includes(uniqueSlugHook)) return true
  return (await slugRefusal({ id: id ?? undefined, collection, req, slug: value })) ?? true
}

/**
 * Runs before validation, so a derived slug is validated like one typed in. A slug that was given
 * is kept as typed (and validated), never silently rewritten; an update that does not send a slug
 * leaves it alone, so renaming a document does not change its URL.
 */
const deriveSlug =
  (useAsSlug: string): FieldHook =>
  ({ operation, originalDoc, siblingData, value }) => {
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    if (value === undefined && operation === 'update') return value
    return toSlug(siblingData?.[useAsSlug] ?? originalDoc?.[useAsSlug]) ?? value
  }

export type CatalogSlugFieldArgs = {
  /** Name of the top-level text field the slug is derived from. */
  useAsSlug: string
}

/**
 * Builds on Payload's `slugField()` (its admin component with Generate and Lock buttons), without
 * its hidden `generateSlug` checkbox: that checkbox re-derives the slug from the title on every
 * update, which would break published URLs and the seed's matching by slug whenever an editor
 * renames a document.
 */
export const catalogSlugField = ({ useAsSlug }: CatalogSlugFieldArgs): TextField => {
  const row: RowField = slugField({
    slugify: ({ valueToSlugify }) => toSlug(valueToSlugify),
    useAsSlug,
  })
  const base = row.fields.find(
    (field): field is TextField => 'name' in field && field.name === 'slug',
  )
  if (!base) throw new Error('payload slugField() no longer returns a "slug" text field')
  const { hasMany: _hasMany, maxRows: _maxRows, minRows: _minRows, validate: _validate, ...rest } =
    base as TextField & { maxRows?: number; minRows?: number }
  return {
    ...rest,
    admin: {
      ...rest.admin,
      // Fills itself in from the title as the editor types (Payload's own slug input starts locked).
      components: {
        ...rest.admin?.components,
        Field: { clientProps: { useAsSlug }, path: clientComponent('SlugInput') },
      },
      description:
        'Identifies the document in URLs and APIs. Filled in from the name as you type; edit it to choose your own. Lower-case letters, digits and dashes, unique.',
      position: 'sidebar',
    },
    hasMany: false,
    hooks: { ...rest.hooks, beforeValidate: [deriveSlug(useAsSlug)] },
    localized: false,
    maxLength: SLUG_MAX_LENGTH,
    // Enforced by validateSlug after the beforeValidate hook has derived it; `required: true` would
    // make the GraphQL create input demand a slug the API is meant to derive.
    required: false,
    unique: true,
    validate: validateDocumentSlug,
  }
}

/**
 * A slug for a row inside an array (a field of study, an area of experience): the same rules as a
 * document slug, unique only where the frontend needs it (within the role, by convention).
 */
export const rowSlugField = ({ useAsSlug }: CatalogSlugFieldArgs): TextField => ({
  name: 'slug',
  type: 'text',
  admin: {
    description: 'Stable key used to compare roles. Left empty, it is made from the name.',
    width: '40%',
  },
  hooks: { beforeValidate: [deriveSlug(useAsSlug)] },
  maxLength: SLUG_MAX_LENGTH,
  required: false,
  validate: validateSlug,
})
