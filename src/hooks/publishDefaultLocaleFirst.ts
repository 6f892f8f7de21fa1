import type { CollectionBeforeOperationHook, CollectionSlug } from 'payload'

import { isolateObjectProperty, ValidationError } from 'payload'

import { localeName } from '../localization/localeName.js'
import { TRANSLATION_NAMESPACE } from '../translations/index.js'

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
    // In the caller's interface language (the admin's, or Accept-Language over the API; English by default).
    const interfaceLanguage = req.i18n?.language ?? 'en'
    const language = localeName(localization.locales.find((each) => each.code === defaultLocale) ?? { code: defaultLocale, label: defaultLocale }, interfaceLanguage)
    const t = req.t as unknown as (key: string, variables?: Record<string, string>) => string
    const field = t(`${TRANSLATION_NAMESPACE}:field_${nameField}`)
    const message = t(`${TRANSLATION_NAMESPACE}:error_publishDefaultLocaleFirst`, { field, language })
    const error = new ValidationError({ collection: collection.slug, errors: [{ message, path: nameField }], req })
    error.message = message
    throw error
  }
