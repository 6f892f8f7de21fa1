/**
 * The slug rules, with no Payload import: the admin's client components (SlugInput) use them to
 * fill the slug in as the editor types, the server to validate it.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const SLUG_MAX_LENGTH = 120

const spelledOut: Record<string, string> = { æ: 'ae', đ: 'd', ł: 'l', ø: 'o', œ: 'oe', ß: 'ss', þ: 'th' }

/**
 * URL-safe slug: accents folded ("Café" → "cafe", "Führung" → "fuhrung"), letters
 * without a decomposition spelled out ("Straße" → "strasse"), apostrophes dropped ("bachelor’s" → "bachelors"),
 * every other run of non-alphanumerics becomes one dash.
 */
export const toSlug = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined
  const slug = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // Letters NFKD leaves whole, spelled as their languages spell them without the letter, so a German
    // "Straßenbau" is "strassenbau", not "stra-enbau".
    .replace(/[ßæœøłđþ]/g, (letter) => spelledOut[letter]!)
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '')
  return slug || undefined
}

/** `true`, or the message that says what is wrong with the slug. */
export const checkSlug = (value: null | string | undefined): string | true => {
  if (value === null || value === undefined || value === '') return 'A slug is required'
  if (value.length > SLUG_MAX_LENGTH) return `A slug has at most ${SLUG_MAX_LENGTH} characters`
  if (!SLUG_PATTERN.test(value)) {
    return 'A slug may only contain lower-case letters, digits and single dashes (e.g. "technical-project-manager")'
  }
  return true
}
