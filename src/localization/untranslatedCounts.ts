import type { CollectionSlug, Payload, SanitizedCollectionConfig, TypedUser, Where } from 'payload'

import { appendVersionToQueryKey, combineQueries, createLocalReq } from 'payload'

export type UntranslatedCount = {
  /** The locale's code, e.g. `de`. */
  code: string
  /** Documents of the collection whose title field has no text in that locale (their latest draft, as the list shows them). */
  totalDocs: number
}

/**
 * For every locale other than the default one, how many documents of the collection have no text in
 * their title field (`admin.useAsTitle`) in it: the counts of the "Without German text: N" filter above
 * the admin's lists (src/components/UntranslatedFilter.tsx). `undefined` when the collection has no
 * localized title or the site fewer than two locales.
 *
 * The count is the total of the list the filter links to (`?locale=de&where[title][exists]=false`), so
 * it is the number of rows the link shows: the list shows each document's latest draft, and a title
 * translated in a draft (autosave writes only the versions table) is text the editor has written,
 * while a count of the published documents would still include it. It is counted as that list's
 * `find` counts its total (`payload.find({ draft: true })`: the editor's read access combined with the
 * filter, trashed documents left out, on the latest versions), but with the adapter's count of
 * versions alone: one count statement per locale. Through the Local API's `find` (one page of one
 * row for its total) it also read that row with its links and joins and ran its read hooks, which
 * on the ESCO-size catalogue cost about as much as the list page itself (untranslatedListVsPlain in
 * docs/benchmarks.md).
 */
export const countUntranslated = async ({
  collectionConfig,
  payload,
  user,
}: {
  collectionConfig: SanitizedCollectionConfig
  payload: Payload
  user: null | TypedUser | undefined
}): Promise<undefined | UntranslatedCount[]> => {
  const localization = payload.config.localization
  const titleField = collectionConfig.admin?.useAsTitle
  if (!localization || localization.locales.length < 2 || !titleField) return undefined
  const field = collectionConfig.flattenedFields.find((candidate) => candidate.name === titleField)
  if (!field || !('localized' in field) || !field.localized) return undefined

  const locales = localization.locales.filter((locale) => locale.code !== localization.defaultLocale)
  // The editor's read access, as Payload's find applies it (a query, or all, or nothing).
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  const read = collectionConfig.access?.read
  const access: boolean | Where = read ? await read({ req }) : Boolean(user)
  if (access === false) return locales.map((locale) => ({ code: locale.code, totalDocs: 0 }))
  let where: Where = combineQueries({ [titleField]: { exists: false } }, access)
  if (collectionConfig.trash) where = combineQueries(where, { deletedAt: { exists: false } })
  const drafts = Boolean(collectionConfig.versions?.drafts)
  const versionWhere = combineQueries({ latest: { equals: true } }, appendVersionToQueryKey(where))

  return Promise.all(
    locales.map(async (locale) => {
      // No shared req: each count reads its own locale, and these run side by side.
      const localeReq = await createLocalReq({ locale: locale.code, user: user ?? undefined }, payload)
      const collection = collectionConfig.slug as CollectionSlug
      const { totalDocs } = drafts
        ? await payload.db.countVersions({ collection, locale: locale.code, req: localeReq, where: versionWhere })
        : await payload.db.count({ collection, locale: locale.code, req: localeReq, where })
      return { code: locale.code, totalDocs }
    }),
  )
}
