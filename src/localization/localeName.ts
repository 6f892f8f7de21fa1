import type { Locale } from 'payload'

/** The language's name for a locale code in an interface language, from the runtime's ICU data. */
const intlName = (code: string, language: string): string | undefined => {
  try {
    return new Intl.DisplayNames([language], { fallback: 'none', type: 'language' }).of(code)
  } catch {
    // Not a language tag Intl accepts (a code such as `de_formal`), or an unknown interface language.
    return undefined
  }
}

/**
 * A content locale's name inside a sentence in the editor's interface language ("Without German
 * text: 3"). A label given per interface language is the host's own wording and wins. A single
 * string is, as locale selectors show it, usually the language's name in itself ("Deutsch"), which
 * reads wrong inside an English sentence: then the name comes from the locale's code in the
 * interface language, and the string only where the code names no language Intl knows.
 */
export const localeName = (locale: Pick<Locale, 'code' | 'label'>, language: string): string => {
  if (typeof locale.label === 'object' && typeof locale.label[language] === 'string') return locale.label[language]
  return intlName(locale.code, language) ?? (typeof locale.label === 'string' ? locale.label : locale.code)
}
