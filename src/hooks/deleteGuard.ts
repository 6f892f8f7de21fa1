import type { CollectionBeforeDeleteHook, CollectionSlug, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { textForMessages } from '../localization/textForMessages.js'
import { englishSingularLabel } from '../translations/index.js'
import { type DocID, relationID, type RoleLink } from './roleLinks.js'

type LinkingRole = { draftOnly: boolean; id: DocID; title: string }

const hasField = (req: PayloadRequest, collection: string, name: string) =>
  Boolean(req.payload.collections[collection as CollectionSlug]?.config.flattenedFields.some((field) => field.name === name))

const roleTitle = (doc: Record<string, unknown> | undefined, id: DocID, req: PayloadRequest) =>
  textForMessages(doc?.title, req) ?? `#${id}`

/**
 * Roles that link the item: in the roles table (published roles and never-published drafts) or in
 * a role's latest version (a draft saved over a published role). The check must see every role,
 * whatever the deleting user may read: read through the database adapter, not the access-controlled
 * Local API.
 */
export const findLinkingRoles = async ({
  id,
  link,
  req,
  rolesSlug,
}: {
  id: DocID
  link: RoleLink
  req: PayloadRequest
  rolesSlug: string
}): Promise<LinkingRole[]> => {
  // A host may have removed the link array from its roles (overrides.roles.fields).
  if (!hasField(req, rolesSlug, link.arrayName)) return []
  const path = `${link.arrayName}.${link.itemName}`
  const found = new Map<DocID, LinkingRole>()

  const current = await req.payload.db.find({
    collection: rolesSlug as CollectionSlug,
    // Every locale of the title, for the message (src/localization/textForMessages.ts).
    locale: 'all',
    pagination: false,
    req,
    where: { [path]: { equals: id } },
  })
  for (const doc of current.docs as unknown as Record<string, unknown>[]) {
    const roleID = doc.id as DocID
    found.set(roleID, { draftOnly: false, id: roleID, title: roleTitle(doc, roleID, req) })
  }

  const latest = await req.payload.db.findVersions({
    collection: rolesSlug as CollectionSlug,
    locale: 'all',
    pagination: false,
    req,
    where: { and: [{ latest: { equals: true } }, { [`version.${path}`]: { equals: id } }] },
  })
  for (const version of latest.docs as unknown as { parent?: unknown; version?: Record<string, unknown> }[]) {
    const roleID = relationID(version.parent)
    if (roleID === undefined || found.has(roleID)) continue
    found.set(roleID, { draftOnly: true, id: roleID, title: roleTitle(version.version, roleID, req) })
  }
  return [...found.values()].sort((a, b) => a.title.localeCompare(b.title))
}

export const ITEM_IN_USE_ERROR = 'ItemInUseError'

/** A 409 naming the roles that still link the item. Its own name lets a site set its log level. */
export class ItemInUseError extends APIError<{ roles: { draft: boolean; id: DocID; title: string }[] }> {
  constructor(message: string, roles: LinkingRole[]) {
    super(message, 409, { roles: roles.map(({ id, draftOnly, title }) => ({ id, draft: draftOnly, title })) }, true)
    this.name = ITEM_IN_USE_ERROR
  }
}

const quoteList = (roles: LinkingRole[]) =>
  roles.map((role) => `"${role.title}"${role.draftOnly ? ' (draft)' : ''}`).join(', ')

/**
 * Refuses to delete an item that a role still links. In PostgreSQL the roles would otherwise change
 * silently: their link rows keep the requirement and note but lose the item (ON DELETE SET NULL).
 */
export const deleteGuardHook =
  ({ link, rolesSlug }: { link: RoleLink; rolesSlug: string }): CollectionBeforeDeleteHook =>
  async ({ id, collection, req }) => {
    const roles = await findLinkingRoles({ id, link, req, rolesSlug })
    if (roles.length === 0) return
    const label = englishSingularLabel(collection, req.payload.config).toLowerCase()
    throw new ItemInUseError(
      `This ${label} cannot be deleted: ${roles.length === 1 ? 'the role' : `${roles.length} roles`} ${quoteList(roles)} still link${
        roles.length === 1 ? 's' : ''
      } it. Remove it from ${roles.length === 1 ? 'that role' : 'those roles'} first.`,
      roles,
    )
  }
