/*
 * Which text on a page fell back to the default language. A page in German asks GraphQL for its data
 * twice in one request (queryText.ts): as shown, `locale: de` falling back to English where German
 * is missing, and as `ownText`, the same fields with `fallbackLocale: none`, null where there is no
 * German. A string that is shown but has no text of its own fell back.
 */

export type UntranslatedText = {
  /** How many strings fell back (the page says so once when there are any). */
  count: number
  /** Whether `object[field]`, as shown, is the default language's text. */
  has: (object: object, field: string) => boolean
}

/** No marks: the default language, and the live preview (whose text comes from the admin's form). */
export const noneUntranslated: UntranslatedText = { count: 0, has: () => false }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * The counterpart of `item` (at `index` of a shown list) in the own-text list: the element with the
 * same slug where elements have one (lists sorted by a localized field are in another order when the
 * text differs), else the element at the same position (rows of a document keep their order).
 */
const counterpart = (item: unknown, index: number, own: unknown[]): unknown => {
  if (isObject(item) && typeof item.slug === 'string') return own.find((other) => isObject(other) && other.slug === item.slug)
  return own[index]
}

/** Compares the data as shown with its own-text read; both come from the same selection. */
export const untranslatedText = (shown: unknown, own: unknown): UntranslatedText => {
  const marks = new WeakMap<object, Set<string>>()
  let count = 0
  const walk = (value: unknown, mine: unknown) => {
    if (Array.isArray(value)) {
      const others = Array.isArray(mine) ? mine : []
      value.forEach((item, index) => walk(item, counterpart(item, index, others)))
      return
    }
    if (!isObject(value)) return
    for (const [field, text] of Object.entries(value)) {
      // JSON-LD is one value made on the server (in the page's language), not text to mark.
      if (field === 'jsonLd') continue
      const ownText = isObject(mine) ? mine[field] : undefined
      // A comparison item's `label` is never null: without a title or name in the language it is the
      // item's slug, so that is what "no text of its own" looks like there.
      const noOwnText = ownText === null || ownText === undefined || ownText === '' || (field === 'label' && ownText === (mine as Record<string, unknown>).slug)
      if (typeof text === 'string' && text !== '' && noOwnText && text !== ownText) {
        const fields = marks.get(value) ?? new Set<string>()
        fields.add(field)
        marks.set(value, fields)
        count++
      } else walk(text, ownText)
    }
  }
  walk(shown, own)
  return { count, has: (object, field) => marks.get(object)?.has(field) ?? false }
}
