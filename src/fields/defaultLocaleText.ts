import type { FieldHook } from 'payload'

/**
 * A document created in another locale than the site's default (an editor whose admin is in German
 * creates "Projektleiter") gets the same text in the default locale too, unless that locale was given
 * its own. Without it the default locale's title stays empty: readers of the default language (no
 * fallback there) see a role without a name, and every list sorted by title puts it first. The copy
 * is the default locale's text from then on, until someone translates it; later edits in the other
 * locale leave it alone. Only on create, and only for the name field (title/name) of each collection.
 *
 * Payload merges a localized field's value for the request's locale into the values of the other
 * locales it keeps in `siblingDocWithLocales` (empty on create): the default locale's copy is put there.
 */
export const copyToDefaultLocaleOnCreate: FieldHook = ({ field, operation, req, siblingDocWithLocales, value }) => {
  const localization = req.payload.config.localization
  const name = 'name' in field ? field.name : undefined
  if (operation !== 'create' || !localization || !siblingDocWithLocales || !name) return value
  const locale = req.locale
  const defaultLocale: string | undefined = localization.defaultLocale
  if (!defaultLocale || !locale || locale === 'all' || locale === defaultLocale) return value
  if (typeof value !== 'string' || value.trim() === '') return value
  const existing = siblingDocWithLocales[name]
  const locales: Record<string, unknown> = existing && typeof existing === 'object' ? { ...(existing as Record<string, unknown>) } : {}
  const own = locales[defaultLocale]
  if (typeof own === 'string' && own.trim() !== '') return value
  siblingDocWithLocales[name] = { ...locales, [defaultLocale]: value }
  return value
}
