import type { BeforeListTableServerProps } from 'payload'

import React from 'react'

import { localeName } from '../localization/localeName.js'
import { countUntranslated } from '../localization/untranslatedCounts.js'

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
 * controls fail on it. The counts: src/localization/untranslatedCounts.ts.
 */
export const UntranslatedFilter = async ({ collectionConfig, i18n, payload, searchParams, user }: BeforeListTableServerProps) => {
  const counts = await countUntranslated({ collectionConfig, payload, user })
  const localization = payload.config.localization
  const titleField = collectionConfig.admin?.useAsTitle
  if (!counts || !localization || !titleField) return null

  const listURL = `${payload.config.routes.admin}/collections/${collectionConfig.slug}`
  const t = i18n.t as (key: string, vars?: Record<string, unknown>) => string
  const activeWhere = (searchParams?.where ?? {}) as Record<string, unknown>
  const activeLocale = searchParams?.locale
  const param = (key: string, value: string) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`

  const rows = counts.map(({ code, totalDocs }) => {
    const locale = localization.locales.find((candidate) => candidate.code === code)!
    const label = localeName(locale, i18n.language)
    // The list view may restate the filter in its own and/or form: look for the condition anywhere in it.
    const active = activeLocale === code && JSON.stringify(activeWhere).includes(JSON.stringify({ [titleField]: { exists: 'false' } }))
    const href = `${listURL}?${param('locale', code)}&${param(`where[${titleField}][exists]`, 'false')}`
    return { active, code, href, label, totalDocs }
  })

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
