'use client'

import React from 'react'

import { type Language, localizedPath } from '../_lib/languages.js'
import { SUGGEST_QUERY } from '../_lib/queryText.js'

type Suggestion = { collection: string; matchedOn: string; slug: null | string; text: string; title: null | string }

type Props = {
  /** The site's GraphQL endpoint (graphqlEndpoint() on the server). */
  endpoint: string
  initial?: string
  kinds: Record<string, string>
  label: string
  language: Language
  placeholder: string
  submit: string
}

/**
 * The search box: a plain form to /search (works without script), and, as one types, suggestions
 * from `suggestCatalog` asked for over GET (so the server's response cache and CDNs can answer
 * repeated prefixes). A role leads to its page, anything else to the search for its text.
 */
export const SearchBox = ({ endpoint, initial = '', kinds, label, language, placeholder, submit }: Props) => {
  const [text, setText] = React.useState(initial)
  const [suggestions, setSuggestions] = React.useState<Suggestion[]>([])
  const [open, setOpen] = React.useState(false)

  React.useEffect(() => {
    const prefix = text.trim()
    if (prefix.length < 2 || prefix.length > 200) {
      setSuggestions([])
      return
    }
    const controller = new AbortController()
    // A short pause, so a fast typist sends one request for several keystrokes.
    const timer = setTimeout(async () => {
      const url = new URL(endpoint, window.location.href)
      url.searchParams.set('query', SUGGEST_QUERY)
      url.searchParams.set('variables', JSON.stringify({ locale: language, prefix }))
      try {
        const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal })
        const body = (await response.json()) as { data?: { suggestCatalog?: { suggestions: Suggestion[] } } }
        setSuggestions(body.data?.suggestCatalog?.suggestions ?? [])
      } catch {
        // Aborted by the next keystroke, or offline: the form still works without suggestions.
      }
    }, 120)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [endpoint, language, text])

  const hrefOf = (suggestion: Suggestion) =>
    suggestion.collection === 'roles' && suggestion.slug
      ? localizedPath(language, `/roles/${suggestion.slug}`)
      : `${localizedPath(language, '/search')}?${new URLSearchParams({ q: suggestion.text })}`

  return (
    <form action={localizedPath(language, '/search')} className="search-box" method="get" role="search">
      <label htmlFor="search-text">{label}</label>
      <div className="search-field">
        <input
          aria-autocomplete="list"
          aria-controls="search-suggestions"
          aria-expanded={open && suggestions.length > 0}
          autoComplete="off"
          id="search-text"
          maxLength={200}
          name="q"
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onChange={(event) => {
            setText(event.target.value)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
          placeholder={placeholder}
          role="combobox"
          type="search"
          value={text}
        />
        {open && suggestions.length > 0 && (
          <ul className="suggestions" id="search-suggestions" role="listbox">
            {suggestions.map((suggestion) => (
              <li key={`${suggestion.collection}:${suggestion.slug}:${suggestion.text}`} role="option" aria-selected={false}>
                <a href={hrefOf(suggestion)}>
                  {suggestion.text}
                  {suggestion.title && suggestion.title !== suggestion.text ? ` (${suggestion.title})` : ''}{' '}
                  <span className="meta">{kinds[suggestion.collection] ?? suggestion.collection}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="submit">{submit}</button>
    </form>
  )
}
