import type { CollectionBeforeChangeHook, CollectionSlug, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { ValidationError } from 'payload'

import { checkSlug } from '../fields/slugFormat.js'
import { textForMessages } from '../localization/textForMessages.js'
import { englishSingularLabel } from '../translations/index.js'
import { type DocID, relationID } from './roleLinks.js'

type Conflict = { draftOnly: boolean; id: DocID; title: string }

const singularLabel = (collection: SanitizedCollectionConfig, req: PayloadRequest) =>
  englishSingularLabel(collection, req.payload.config).toLowerCase()

const titleOf = (collection: SanitizedCollectionConfig, doc: Record<string, unknown>, req: PayloadRequest) =>
  textForMessages(doc[collection.admin?.useAsTitle ?? 'id'], req) ?? String(doc.id)

/**
 * Another document of this collection whose slug is `slug`, in the main table (what is published,
 * or a never-published draft) or in its latest version (a draft saved over a published document).
 *
 * Uniqueness is a property of the data, not of what the writer may read: read through the database
 * adapter, like the unique index would, not through the access-controlled Local API.
 */
/** A slug asked for a document of `collection` (`id` when the document exists). */
type SlugLookup = { collection: SanitizedCollectionConfig; id?: DocID; req: PayloadRequest; slug: string }

const findConflict = async ({
  id,
  collection,
  req,
  slug,
}: SlugLookup): Promise<Conflict | undefined> => {
  const collectionSlug = collection.slug as CollectionSlug
  const current = await req.payload.db.find({
    collection: collectionSlug,
    limit: 1,
    // Every locale of the title, for the message (src/localization/textForMessages.ts).
    locale: 'all',
    pagination: false,
    req,
    where: { and: [{ slug: { equals: slug } }, ...(id !== undefined ? [{ id: { not_equals: id } }] : [])] },
  })
  const doc = current.docs[0] as unknown as Record<string, unknown> | undefined
  if (doc) return { draftOnly: false, id: doc.id as DocID, title: titleOf(collection, doc, req) }

  const drafts = await req.payload.db.findVersions({
    collection: collectionSlug,
    limit: 1,
    locale: 'all',
    pagination: false,
    req,
    where: {
      and: [
        { latest: { equals: true } },
        { 'version.slug': { equals: slug } },
        ...(id !== undefined ? [{ parent: { not_equals: id } }] : []),
      ],
    },
  })
  const version = drafts.docs[0] as unknown as { parent?: unknown; version?: Record<string, unknown> } | undefined
  if (version?.version) {
    const parent = relationID(version.parent)
    return { draftOnly: true, id: parent ?? '?', title: titleOf(collection, { ...version.version, id: parent }, req) }
  }
  return undefined
}

/**
 * The refusal of `slug` for a document of `collection` (`id` when it exists): its format, or the
 * document (or draft) that already has it; `undefined` when it is free. The one message for both the
 * save (uniqueSlugHook) and the admin's form state (the slug field's validation as the editor edits).
 */
export const slugRefusal = async ({
  id,
  collection,
  req,
  slug,
}: SlugLookup): Promise<string | undefined> => {
  const format = checkSlug(slug)
  if (format !== true) return format
  const conflict = await findConflict({ id, collection, req, slug })
  if (!conflict) return undefined
  return `The slug "${slug}" is already used by the ${singularLabel(collection, req)} "${conflict.title}"${
    conflict.draftOnly ? ' (in a draft)' : ''
  }. Choose another slug.`
}

/**
 * Keeps slugs unique across drafts too. The database's unique index only sees the main table, and a
 * draft saved over a published document is written to the versions table alone; and Payload skips
 * field validation on draft saves, so this hook also applies the slug's format rule there.
 */
export const uniqueSlugHook: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  const slug = data?.slug
  if (typeof slug !== 'string' || slug === '') return data
  const id = operation === 'update' ? relationID(originalDoc) : undefined
  const message = await slugRefusal({ id, collection, req, slug })
  if (message !== undefined) {
    const error = new ValidationError({ collection: collection.slug, errors: [{ label: 'Slug', message, path: 'slug' }], req })
    // Payload's own message only says "The following field is invalid: Slug"; the admin shows this
    // one as its toast and next to the field, API clients get it as the error's message.
    error.message = message
    throw error
  }
  return data
}
