import type { PayloadRequest } from 'payload'

/**
 * A text field's value for a message shown to the editor (a role's title in the delete guard's
 * refusal, say), from a database read made with `locale: 'all'`: localized fields then come as one
 * value per locale. The request's locale first, then the default locale (where the catalogue's titles
 * are required), then any; a plain string as it is.
 */
export const textForMessages = (
  value: unknown,
  req: PayloadRequest,
  /** The locale to prefer, when not req.locale (a Local API call with `locale` changes req.locale). */
  locale: null | string | undefined = req.locale,
): string | undefined => {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (!value || typeof value !== 'object') return undefined
  const byLocale = value as Record<string, unknown>
  const localization = req.payload.config.localization
  const order = [locale, localization ? localization.defaultLocale : undefined, ...Object.keys(byLocale)]
  for (const locale of order) {
    const text = typeof locale === 'string' ? byLocale[locale] : undefined
    if (typeof text === 'string' && text !== '') return text
  }
  return undefined
}
