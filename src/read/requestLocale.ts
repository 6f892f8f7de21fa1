import type { PayloadRequest } from 'payload'

import { APIError, isolateObjectProperty, sanitizeFallbackLocale } from 'payload'

/**
 * The locale a read of the catalogue answers in, taken from the entry point's own arguments the way
 * Payload's own entry points take them, and set on a request of its own (isolated, so the caller's
 * request and any other query of the same operation keep theirs). `readContextFor` then reads it
 * from there: nothing below the entry points looks at arguments or query strings.
 *
 * - GraphQL (`roleBySlug`, `compareRoles`, `jsonLd`): `locale` and `fallbackLocale` are Payload's own
 *   LocaleInputType / FallbackLocaleInputType enums, applied as its `Role(id, locale, fallbackLocale)`
 *   resolver applies them (`req.locale = args.locale || req.locale`, the same for the fallback), with
 *   one difference: `locale` without `fallbackLocale` falls back as the config says for that locale
 *   (its own `fallbackLocale`, else the default locale), as Payload's REST and Local API do and as
 *   Payload's GraphQL does for the items below a document, where its top level would take the
 *   request's fallback, worked out before the locale was known.
 * - REST (`compare`, `jsonld`): `?locale=` and `?fallback-locale=` (or `fallbackLocale`), which
 *   Payload has already applied to the request (with the locale's own fallback from the config).
 *   Payload silently answers an unknown locale in the default one; these endpoints say so instead:
 *   400 naming the parameter.
 *
 * `all` is refused with a 400: a comparison or a JSON-LD document is text in one language (Payload's
 * GraphQL enum has no `all` either).
 */

const noFallback = ['false', 'none', 'null']

const badParameter = (parameter: string, value: string, allowed: string[]) =>
  new APIError(
    `"${parameter}" must be one of ${allowed.join(', ')}, not ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`,
    400,
    undefined,
    true,
  )

/** A request of its own with this locale and fallback; the caller's request is left as it was. */
const withLocale = (req: PayloadRequest, locale: string | undefined, fallbackLocale: unknown): PayloadRequest => {
  const isolated = isolateObjectProperty(req, ['locale', 'fallbackLocale', 'transactionID'])
  // PayloadRequest['locale'] is the site's generated locale union: a site without localization types it 'all'.
  if (locale !== undefined) isolated.locale = locale as PayloadRequest['locale']
  if (fallbackLocale !== undefined) isolated.fallbackLocale = fallbackLocale as PayloadRequest['fallbackLocale']
  return isolated
}

/** The locale and fallback arguments of a GraphQL field: Payload's own enums, so already valid. */
export type LocaleArgs = { fallbackLocale?: null | string; locale?: null | string }

/**
 * GraphQL: the request for a field with `locale` / `fallbackLocale` arguments, as Payload's own
 * collection resolvers make it. Without localization the request is returned as it is.
 */
export const requestForLocaleArgs = (req: PayloadRequest, args: LocaleArgs): PayloadRequest => {
  const localization = req.payload.config.localization
  if (!localization || (args.locale == null && args.fallbackLocale == null)) return req
  const locale = args.locale || req.locale || undefined
  const fallbackLocale =
    args.fallbackLocale || (args.locale ? sanitizeFallbackLocale({ fallbackLocale: null, locale: args.locale, localization }) : req.fallbackLocale)
  return withLocale(req, locale, fallbackLocale)
}

/**
 * REST: the request for `?locale=` / `?fallback-locale=`, checked against the site's locales (400
 * naming the parameter otherwise). Payload has applied valid values to `req` already; a site without
 * localization ignores both, as Payload's REST does.
 */
export const requestForLocaleQuery = (req: PayloadRequest): PayloadRequest => {
  const localization = req.payload.config.localization
  if (!localization) return req
  const codes = localization.localeCodes
  const locale = req.searchParams?.get('locale')
  if (locale !== null && locale !== undefined && !codes.includes(locale)) {
    throw badParameter('locale', locale, codes)
  }
  for (const parameter of ['fallback-locale', 'fallbackLocale']) {
    const fallback = req.searchParams?.get(parameter)
    if (fallback !== null && fallback !== undefined && !codes.includes(fallback) && !noFallback.includes(fallback)) {
      throw badParameter(parameter, fallback, [...codes, 'none'])
    }
  }
  return req
}

/** A fallback as Payload spells it on a request (`'none'`, `'false'`, a code, a list) as the read context holds it. */
export const normalizeFallbackLocale = (value: unknown): false | string | string[] | undefined => {
  if (value === undefined || value === null) return undefined
  if (value === false || (typeof value === 'string' && (value === '' || noFallback.includes(value)))) return false
  if (Array.isArray(value)) return value.filter((code): code is string => typeof code === 'string')
  return typeof value === 'string' ? value : undefined
}

/**
 * The locale a read context carries, handed to a GraphQL relationship resolver as its arguments, so
 * the items a role links are read in the role's language (Payload's resolvers take `args.locale ||
 * req.locale`; `none` is its spelling of "no fallback").
 */
export const localeArgsFor = ({ fallbackLocale, locale }: { fallbackLocale: false | string | string[] | undefined; locale: string | undefined }) => ({
  fallbackLocale: fallbackLocale === false ? 'none' : fallbackLocale,
  locale,
})
