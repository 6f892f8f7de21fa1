import type { Field, PayloadRequest, TextareaField, TextField } from 'payload'

import { text, textarea } from 'payload/shared'

const isEmpty = (value: unknown) => value === undefined || value === null || value === ''

/** True when the request writes a locale other than the site's default one. */
const writesOtherLocale = (req: PayloadRequest | undefined): boolean => {
  const localization = req?.payload?.config.localization
  if (!localization || !req?.locale || req.locale === 'all') return false
  return req.locale !== localization.defaultLocale
}

type AnyValidate = (value: unknown, options: unknown) => unknown

const localeAware = <F extends TextareaField | TextField>(field: F, fallback: unknown): F => {
  const validate = (field.validate ?? fallback) as AnyValidate
  return {
    ...field,
    validate: ((value: unknown, options: { req?: PayloadRequest }) =>
      isEmpty(value) && writesOtherLocale(options.req) ? true : validate(value, options)) as F['validate'],
  }
}

/**
 * A localized text the catalogue requires (a title, a field of study's name) is required in the
 * site's default locale only. Without this, translating one role into a second locale would first
 * demand a translation of every row's text in it; with it, untranslated text falls back to the
 * default locale (where the host enables `fallback`) and the editor translates at their own pace.
 * In a site without localization nothing changes.
 */
export const requiredInDefaultLocale = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    if (field.type === 'text' && field.localized && field.required && !field.hasMany) {
      return localeAware(field, text)
    }
    if (field.type === 'textarea' && field.localized && field.required) {
      return localeAware(field, textarea)
    }
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: requiredInDefaultLocale(tab.fields) })) }
    }
    if ('fields' in field && Array.isArray(field.fields)) {
      return { ...field, fields: requiredInDefaultLocale(field.fields) } as Field
    }
    return field
  })
