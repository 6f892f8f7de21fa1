import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'

import { APIError, commitTransaction, Forbidden, initTransaction, killTransaction, Locked, NotFound, ValidationError } from 'payload'

import type { CatalogSlugs } from '../plugin/options.js'

import { isPostgres } from '../database/adapter.js'
import { requirementLevels as requirements } from '../fields/requirement.js'
import { type DocID, type LinkedCollection, relationID, roleLinks } from '../hooks/roleLinks.js'
import { textForMessages } from '../localization/textForMessages.js'

/** One role that links the item, as the item's Roles table shows it. */
export type ItemRoleLink = {
  id: DocID
  /** The role's rows that link this item (usually one): requirement and note, in the request's locale. */
  links: { id: string; note: null | string; requirement: string }[]
  slug: null | string
  /** `draft`: the role has never been published, or these links are in its unpublished draft. */
  status: 'draft' | 'published'
  title: string
  /**
   * When the role's latest version was saved: sent back as `roleUpdatedAt` with a change, so a change
   * made meanwhile by someone else is refused (409) instead of being overwritten.
   */
  updatedAt: null | string
}

type Row = Record<string, unknown> & { id?: string }

const fail = (path: string, message: string): never => {
  const error = new ValidationError({ errors: [{ message, path }] })
  // Payload's own message only says "The following field is invalid: <path>"; say what is wrong.
  error.message = message
  throw error
}

const itemID = (req: PayloadRequest): DocID => {
  const raw = req.routeParams?.id
  const id = typeof raw === 'string' && /^\d+$/.test(raw) && req.payload.db.defaultIDType === 'number' ? Number(raw) : raw
  if (typeof id !== 'number' && typeof id !== 'string') throw new NotFound(req.t)
  return id
}

/**
 * The item itself, as the caller may read it (a 404 otherwise): the Roles table and its changes are
 * for editors who can see the item.
 */
const readItem = async (req: PayloadRequest, slug: string, id: DocID) => {
  const found = await req.payload.find({
    collection: slug as CollectionSlug,
    depth: 0,
    draft: true,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    select: { id: true } as never,
    user: req.user,
    where: { id: { equals: id } },
  })
  if (found.docs.length === 0) throw new NotFound(req.t)
}

/**
 * A note as written for the request's locale, without falling back to another language: the table
 * edits it, and a fallback shown there would be saved as that locale's own text. A read with
 * `locale: 'all'` gives one value per locale.
 */
const noteIn = (value: unknown, locale: string | undefined): null | string => {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object' && typeof locale === 'string') {
    const text = (value as Record<string, unknown>)[locale]
    return typeof text === 'string' ? text : null
  }
  return null
}

const linksOf = (doc: Record<string, unknown>, arrayName: string, itemName: string, id: DocID, locale: string | undefined) =>
  ((doc[arrayName] as Row[] | undefined) ?? [])
    .filter((row) => String(relationID(row[itemName])) === String(id))
    .map((row) => ({
      id: String(row.id),
      note: noteIn(row.note, locale),
      requirement: String(row.requirement ?? 'required'),
    }))

/**
 * `GET /api/<items>/:id/role-links`: the roles whose latest version (draft or published) links the
 * item, each with its requirement and note, as the caller may read them.
 *
 * `POST /api/<items>/:id/role-links` with `{ role, requirement, note?, publish?, roleUpdatedAt? }`:
 * adds the item to the role, or changes the requirement and note of the role's link to it, as a new
 * version of the role: a draft, or published when `publish` is true (publishing the role's latest
 * draft with it, as the role's own Publish button would). The caller's access applies
 * (`overrideAccess: false`), read and write in one transaction.
 *
 * Two editors, one role: the change is refused, and nothing written, when
 * - another editor has the role open in the admin (Payload's document lock): 423, naming the role;
 *   the change never takes the lock away from them (Payload's update would, by default);
 * - the role was saved since the caller read it (`roleUpdatedAt`, the `updatedAt` the GET gave,
 *   differs from the role's latest version): 409, naming the role, so the caller reloads and sees
 *   the other editor's change before making theirs.
 */
export const itemRoleLinksEndpoints = (name: LinkedCollection, slugs: CatalogSlugs, maxLimit: number): Endpoint[] => {
  const { arrayName, itemName } = roleLinks[name]
  const rolesSlug = slugs.roles as CollectionSlug
  const itemSlug = slugs[name]

  const list = async (req: PayloadRequest, id: DocID): Promise<ItemRoleLink[]> => {
    // Read before the find below: a Local API call with `locale` sets req.locale to it.
    const locale = req.locale ?? undefined
    const found = await req.payload.find({
      collection: rolesSlug,
      depth: 0,
      draft: true,
      limit: maxLimit,
      // Every locale: the notes without fallback, the titles with it (see noteIn, textForMessages).
      locale: req.payload.config.localization ? 'all' : undefined,
      overrideAccess: false,
      req,
      sort: 'slug',
      user: req.user,
      where: { [`${arrayName}.${itemName}`]: { equals: id } },
    })
    return (found.docs as unknown as Record<string, unknown>[]).map((doc) => ({
      id: doc.id as DocID,
      links: linksOf(doc, arrayName, itemName, id, locale),
      slug: typeof doc.slug === 'string' ? doc.slug : null,
      status: doc._status === 'published' ? 'published' : 'draft',
      title: textForMessages(doc.title, req, locale) ?? `#${String(doc.id)}`,
      updatedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : null,
    }))
  }

  return [
    {
      handler: async (req) => {
        if (!req.user) throw new Forbidden(req.t)
        const id = itemID(req)
        await readItem(req, itemSlug, id)
        return Response.json({ roles: await list(req, id) })
      },
      method: 'get',
      path: '/:id/role-links',
    },
    {
      handler: async (req) => {
        if (!req.user) throw new Forbidden(req.t)
        const id = itemID(req)
        let body: Record<string, unknown>
        try {
          body = (await req.json?.()) as Record<string, unknown>
        } catch {
          throw new APIError('The request body must be JSON: { "role", "requirement", "note", "publish" }.', 400, undefined, true)
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          throw new APIError('The request body must be a JSON object: { "role", "requirement", "note", "publish" }.', 400, undefined, true)
        }
        const role = body.role
        const roleID =
          typeof role === 'number' && Number.isInteger(role) && role > 0
            ? role
            : typeof role === 'string' && role !== '' && req.payload.db.defaultIDType !== 'number'
              ? role
              : fail('role', '`role` must be the ID of a role.')
        const requirement = body.requirement
        if (typeof requirement !== 'string' || !(requirements as readonly string[]).includes(requirement)) {
          fail('requirement', `\`requirement\` must be one of: ${requirements.join(', ')}.`)
        }
        const note = body.note
        if (note !== undefined && note !== null && typeof note !== 'string') fail('note', '`note` must be a text or null.')
        const publish = body.publish
        if (publish !== undefined && typeof publish !== 'boolean') fail('publish', '`publish` must be true or false.')
        const seen = body.roleUpdatedAt
        if (seen !== undefined && seen !== null && (typeof seen !== 'string' || Number.isNaN(Date.parse(seen)))) {
          fail('roleUpdatedAt', '`roleUpdatedAt` must be the role\'s `updatedAt` as this endpoint gave it (an ISO date).')
        }

        const shouldCommit = await initTransaction(req)
        try {
          // One change to a role's links at a time: a second one waits, then reads what the first wrote.
          if (isPostgres(req.payload)) await (await import('./roleChangeLock.js')).waitForOtherChangesToRole(req, roleID as DocID)
          await readItem(req, itemSlug, id)
          // The role's latest version (its draft, if any), as the caller may read it.
          // disableErrors: a role that does not exist, or that the caller may not read, is null (a 400
          // naming `role` below); any other error still fails the request.
          const current = (await req.payload.findByID({
            id: roleID as DocID,
            collection: rolesSlug,
            depth: 0,
            disableErrors: true,
            draft: true,
            fallbackLocale: false as never,
            overrideAccess: false,
            req,
            user: req.user,
          })) as null | Record<string, unknown>
          if (!current) fail('role', `There is no role with the ID ${String(roleID)} that you may read.`)
          const roleTitle = () => textForMessages(current!.title, req) ?? `#${String(roleID)}`
          if (typeof seen === 'string' && Date.parse(String(current!.updatedAt)) !== Date.parse(seen)) {
            throw new APIError(
              `The role "${roleTitle()}" was changed by someone else since you loaded this list: your change was not saved. Reload to see the role as it is now, then make your change again.`,
              409,
              undefined,
              true,
            )
          }
          const rows = ((current![arrayName] as Row[] | undefined) ?? []).map((row) => ({
            ...row,
            [itemName]: relationID(row[itemName]) ?? null,
          }))
          const linked = rows.filter((row) => String(row[itemName]) === String(id))
          const changes = { requirement, ...(note !== undefined ? { note } : {}) }
          const next = linked.length
            ? rows.map((row) => (String(row[itemName]) === String(id) ? { ...row, ...changes } : row))
            : [...rows, { [itemName]: id, note: note ?? null, requirement }]

          const updated = (await req.payload
            .update({
              id: roleID as DocID,
              collection: rolesSlug,
              data: { [arrayName]: next, _status: publish ? 'published' : 'draft' } as never,
              depth: 0,
              draft: !publish,
              overrideAccess: false,
              // Refused while another editor has the role open in the admin; by default Payload's
              // update would save over their form and drop their lock without a word.
              overrideLock: false,
              req,
              user: req.user,
            })
            .catch((error: unknown) => {
              if (!(error instanceof Locked)) throw error
              throw new Locked(
                `The role "${roleTitle()}" is open in the admin by another editor: your change was not saved, so theirs is not overwritten. Try again once they have saved or left it.`,
              )
            })) as unknown as Record<string, unknown>
          if (shouldCommit) await commitTransaction(req)
          const title = textForMessages(updated.title, req) ?? `#${String(roleID)}`
          return Response.json({
            message: `${linked.length ? 'Changed the link on' : 'Added it to'} the role "${title}"${publish ? ' and published the role' : ' as a draft of the role'}.`,
            role: {
              id: updated.id as DocID,
              links: linksOf(updated, arrayName, itemName, id, req.locale ?? undefined),
              slug: typeof updated.slug === 'string' ? updated.slug : null,
              status: publish ? 'published' : 'draft',
              title,
              updatedAt: typeof updated.updatedAt === 'string' ? updated.updatedAt : null,
            } satisfies ItemRoleLink,
          })
        } catch (error) {
          if (shouldCommit) await killTransaction(req)
          throw error
        }
      },
      method: 'post',
      path: '/:id/role-links',
    },
  ]
}
