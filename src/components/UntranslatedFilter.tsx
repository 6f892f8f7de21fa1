import type { BeforeListTableServerProps, CollectionSlug, TypedLocale } from 'payload'

import React from 'react'

import { localeName } from '../localization/localeName.js'

/**
 * Above the list of a catalogue collection on a site with more than one locale: for every locale
 * other than the default one, how many documents have no text in it yet (their title field is
 * empty there, so readers get the fallback), with a link that filters the list to exactly those.
 *
 * The filter is the list itself in that locale with Payload's own query on the title field
 * (`?locale=de&where[title][exists]=false`; the admin's lists read a locale without fallback): it
 * pages and sorts like any other filter, an editor can bookmark it, and each row opens the document
 * in that locale, ready to translate (the slug column tells the rows apart while their titles are
 * empty). Payload's list view cannot take a locale inside a field path (`title.de`): its filter
 * controls fail on it.
 *
 * Counted with exactly the list's query (drafts, that locale, no fallback, the editor's own access),
 * so the count is the number of rows the link shows: the list shows each document's latest draft,
 * and a title translated in a draft (autosave writes only the versions table) is text the editor
 * has written, while a count of the published documents would still include it.
 */
export const UntranslatedFilter = async ({ collectionConfig, i18n, payload, searchParams, user }: BeforeListTableServerProps) => {
  const localization = payload.config.localization
  const titleField = collectionConfig.admin?.useAsTitle
  if (!localization || localization.locales.length < 2 || !titleField) return null
  const field = collectionConfig.flattenedFields.find((candidate) => candidate.name === titleField)
  if (!field || !('localized' in field) || !field.localized) return null

  const listURL = `${payload.config.routes.admin}/collections/${collectionConfig.slug}`
  const t = i18n.t as (key: string, vars?: Record<string, unknown>) => string
  const activeWhere = (searchParams?.where ?? {}) as Record<string, unknown>
  const activeLocale = searchParams?.locale
  const param = (key: string, value: string) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`

  const locales = localization.locales.filter((locale) => locale.code !== localization.defaultLocale)
  const rows = await Promise.all(
    locales.map(async (locale) => {
      // As the list view queries (@payloadcms/next's List view), one page of one row for its total.
      // No shared req: a Local API call sets the req's locale, and these run side by side.
      const { totalDocs } = await payload.find({
        collection: collectionConfig.slug as CollectionSlug,
        depth: 0,
        draft: true,
        fallbackLocale: false,
        limit: 1,
        // A host's generated types narrow TypedLocale to its own codes; these come from its config.
        locale: locale.code as TypedLocale,
        overrideAccess: false,
        user: user ?? undefined,
        where: { [titleField]: { exists: false } },
      })
      const label = localeName(locale, i18n.language)
      // The list view may restate the filter in its own and/or form: look for the condition anywhere in it.
      const active =
        activeLocale === locale.code && JSON.stringify(activeWhere).includes(JSON.stringify({ [titleField]: { exists: 'false' } }))
      const href = `${listURL}?${param('locale', locale.code)}&${param(`where[${titleField}][exists]`, 'false')}`
      return { active, code: locale.code, href, label, totalDocs }
    }),
  )

  return (
    <div className="role-catalog-untranslated" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.5rem', marginBottom: '1rem' }}>
      {rows.map((row) => (
        <p data-locale={row.code} key={row.code} style={{ margin: 0 }}>
          {t('roleCatalog:untranslated_count', { count: row.totalDocs, locale: row.label })}{' '}
          {row.active ? (
            <a href={`${listURL}?${param('locale', localization.defaultLocale)}`}>{t('roleCatalog:untranslated_showAll')}</a>
          ) : row.totalDocs > 0 ? (
            <a href={row.href}>{t('roleCatalog:untranslated_show')}</a>
          ) : null}
        </p>
      ))}
    </div>
  )
}
