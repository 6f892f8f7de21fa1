import type { CollectionBeforeOperationHook, CollectionSlug, PayloadRequest } from 'payload'

import { isolateObjectProperty, ValidationError } from 'payload'

import { localeName } from '../localization/localeName.js'
import { en } from '../translations/en.js'
import { TRANSLATION_NAMESPACE } from '../translations/index.js'

/**
 * A field's label as text in `language`: the host's own label (a string, one per language, or a
 * function of the interface's `t`), else the plugin's name for the field.
 */
const fieldLabel = (label: unknown, language: string, req: PayloadRequest, fallback: () => string): string => {
  if (typeof label === 'string' && label !== '') return label
  if (typeof label === 'function') {
    const text = (label as (args: { i18n: unknown; t: unknown }) => unknown)({ i18n: req.i18n, t: req.t })
    if (typeof text === 'string' && text !== '') return text
  }
  if (label && typeof label === 'object') {
    const byLanguage = label as Record<string, unknown>
    const text = byLanguage[language] ?? byLanguage.en ?? Object.values(byLanguage).find((each) => typeof each === 'string')
    if (typeof text === 'string' && text !== '') return text
  }
  return fallback()
}

/**
 * "Publish in German" of a document whose default locale has never had its name published is
 * refused, naming the field. Payload publishes one locale by taking that locale from the draft and
 * every other locale from the last published version; a document created in German
 * (copyToDefaultLocaleOnCreate gives its draft the English name too) and published in German alone
 * would be public with no English name — and English, the default locale, falls back to nothing.
 * Publishing every language, or the default one first, publishes it; once the default locale has a
 * published name, publishing any one locale is that locale's business alone again.
 */
export const publishDefaultLocaleFirst =
  (nameField: string): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, overrideAccess, req }) => {
    const localization = req.payload.config.localization
    const locale = (args as { publishSpecificLocale?: string }).publishSpecificLocale
    const id = (args as { id?: number | string }).id
    if (operation !== 'update' || !localization || !locale || locale === localization.defaultLocale || id === undefined) return args
    const defaultLocale = localization.defaultLocale
    // Its own locale and fallback: given a req, the Local API writes the locale it reads in onto it.
    const readReq = isolateObjectProperty(req, ['locale', 'fallbackLocale'])
    const { docs } = await req.payload.findVersions({
      collection: collection.slug as CollectionSlug,
      depth: 0,
      fallbackLocale: false as never,
      limit: 1,
      locale: defaultLocale as never,
      // With the rights of the update it guards: the request's user, or none checked for a trusted
      // caller (a scheduled publish queued without a user runs with access overridden).
      overrideAccess: overrideAccess === true,
      pagination: false,
      req: readReq,
      sort: '-updatedAt',
      user: req.user,
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
    })
    const published = (docs[0]?.version as unknown as Record<string, unknown> | undefined)?.[nameField]
    if (typeof published === 'string' && published.trim() !== '') return args
    // In the caller's interface language (the admin's, or Accept-Language over the API; English by
    // default). An interface language without a text of its own (the plugin's or the host's) gets the
    // plugin's English one (mergeTranslations): then the names in it are English too, not French
    // words in an English sentence.
    const t = req.t as unknown as (key: string, variables?: Record<string, string>) => string
    const key = `${TRANSLATION_NAMESPACE}:error_publishDefaultLocaleFirst`
    const interfaceLanguage = req.i18n?.language ?? 'en'
    const sentenceLanguage = t(key) === en.error_publishDefaultLocaleFirst ? 'en' : interfaceLanguage
    const language = localeName(localization.locales.find((each) => each.code === defaultLocale) ?? { code: defaultLocale, label: defaultLocale }, sentenceLanguage)
    // The field as the editor sees it: a host's own label of the name field (overrides.<collection>.fields) included.
    const nameFieldConfig = collection.flattenedFields.find((each) => each.name === nameField)
    const field = fieldLabel(nameFieldConfig && 'label' in nameFieldConfig ? nameFieldConfig.label : undefined, sentenceLanguage, req, () =>
      t(`${TRANSLATION_NAMESPACE}:field_${nameField}`),
    )
    const message = t(key, { field, language })
    const error = new ValidationError({ collection: collection.slug, errors: [{ message, path: nameField }], req })
    error.message = message
    throw error
  }
