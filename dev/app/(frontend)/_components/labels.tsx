import React from 'react'

import type { Requirement as RequirementValue } from '../_lib/queries.js'
import type { UntranslatedText } from '../_lib/untranslated.js'

import { DEFAULT_LANGUAGE, type Language, words } from '../_lib/languages.js'

export const Requirement = ({ language, value }: { language: Language; value: RequirementValue | string }) => (
  <span className={`badge ${value}`}>{value === 'recommended' ? words[language].recommended : words[language].required}</span>
)

export const roleName = (role: { abbreviation: null | string; title: string }) =>
  role.abbreviation ? `${role.title} (${role.abbreviation})` : role.title

type TextProps = {
  field: string
  language: Language
  /** The object whose `field` is shown (as GraphQL answered it). */
  of: object
  untranslated: UntranslatedText
  /** What to show, when it is not `of[field]` itself (e.g. the role's name with its abbreviation). */
  value?: React.ReactNode
}

/**
 * Text from the catalogue. Where the page's language has none of its own and the default language's
 * text is shown instead, that text is marked: `lang` says which language it is (screen readers and
 * search engines read it so) and a small mark tells the reader, e.g. "EN" on a German page.
 */
export const Text = ({ field, language, of, untranslated, value }: TextProps) => {
  const shown = value ?? ((of as Record<string, unknown>)[field] as React.ReactNode)
  if (!untranslated.has(of, field)) return <>{shown}</>
  return (
    <span className="untranslated" lang={DEFAULT_LANGUAGE}>
      {shown}{' '}
      <abbr className="fallback-mark" title={words[language].untranslated}>
        {DEFAULT_LANGUAGE.toUpperCase()}
      </abbr>
    </span>
  )
}

/** Said once above a page some of whose text is shown in the default language. */
export const UntranslatedNotice = ({ language, untranslated }: { language: Language; untranslated: UntranslatedText }) =>
  untranslated.count > 0 ? (
    <p className="untranslated-notice" role="note">
      {words[language].untranslatedNotice}
    </p>
  ) : null
