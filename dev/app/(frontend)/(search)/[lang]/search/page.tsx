import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { Highlight } from '../../../_components/Highlight.js'
import { SearchBox } from '../../../_components/SearchBox.js'
import { graphqlEndpoint } from '../../../_lib/graphql.js'
import { isLanguage, type Language, localizedPath, words } from '../../../_lib/languages.js'
import { loadSearch, type SearchHit } from '../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = {
  params: Promise<{ lang: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const KINDS = ['roles', 'skills', 'certifications', 'responsibilities'] as const
type Kind = (typeof KINDS)[number]
const isKind = (value: unknown): value is Kind => typeof value === 'string' && (KINDS as readonly string[]).includes(value)

const first = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { lang } = await params
  return { title: `${isLanguage(lang) ? words[lang].search.title : 'Search'} — Role Catalog`, robots: { index: false } }
}

/** Where a hit leads: a role to its page; a skill or certification to "match my skills" with it picked. */
const hrefOf = (language: Language, hit: SearchHit): null | string => {
  if (!hit.slug) return null
  if (hit.collection === 'roles') return localizedPath(language, `/roles/${hit.slug}`)
  if (hit.collection === 'skills') return `${localizedPath(language, '/match')}?skills=${encodeURIComponent(hit.slug)}`
  if (hit.collection === 'certifications') return `${localizedPath(language, '/match')}?certifications=${encodeURIComponent(hit.slug)}`
  return null
}

/**
 * Search results, server-rendered: `?q=` (web search syntax: "a phrase", -word, or), `?kind=` (one
 * collection) and `?page=`. The counts of every kind sit above the hits, each a link that narrows
 * the search to it; each hit shows its kind, the field it matched on and the matched words marked.
 */
const SearchPage = async ({ params, searchParams }: Props) => {
  const { lang } = await params
  if (!isLanguage(lang)) notFound()
  const language: Language = lang
  const say = words[language]
  const query = await searchParams
  const text = first(query.q).trim()
  const kind = isKind(first(query.kind)) ? (first(query.kind) as Kind) : null
  const pageNumber = Math.min(100, Math.max(1, Number.parseInt(first(query.page), 10) || 1))
  const answer = text ? await loadSearch(language, text, kind, pageNumber) : null
  const here = (changes: Record<string, null | number | string>) => {
    const next = new URLSearchParams()
    const values = { kind, page: null as null | number, q: text, ...changes }
    for (const [key, value] of Object.entries(values)) if (value !== null && value !== '') next.set(key, String(value))
    return `${localizedPath(language, '/search')}?${next}`
  }
  const results = answer?.results
  return (
    <>
      <h1>{say.search.title}</h1>
      <SearchBox
        endpoint={await graphqlEndpoint()}
        initial={text}
        kinds={say.search.kinds}
        label={say.search.label}
        language={language}
        placeholder={say.search.placeholder}
        submit={say.search.submit}
      />
      {!text && <p className="meta">{say.search.empty}</p>}
      {text && !answer && <p className="meta">{say.search.refused}</p>}
      {answer && results && (
        <section aria-labelledby="search-results">
          <h2 id="search-results">{say.search.results(answer.everything.totalDocs, text)}</h2>
          {answer.everything.ranking === 'basic' && <p className="meta">{say.search.basicRanking}</p>}
          <nav aria-label={say.search.title} className="kinds">
            {kind ? <a href={here({ kind: null })}>{say.search.all} ({answer.everything.totalDocs})</a> : <strong>{say.search.all} ({answer.everything.totalDocs})</strong>}
            {KINDS.map((each) => {
              const count = answer.everything.counts.find((entry) => entry.collection === each)?.totalDocs ?? 0
              const label = `${say.search.kindsPlural[each]} (${count})`
              return each === kind ? (
                <strong aria-current="page" data-kind={each} key={each}>
                  {label}
                </strong>
              ) : (
                <a data-kind={each} href={here({ kind: each })} key={each}>
                  {label}
                </a>
              )
            })}
          </nav>
          {results.docs.length === 0 && <p>{say.search.noHits(text)}</p>}
          <ol className="hits">
            {results.docs.map((hit) => {
              const href = hrefOf(language, hit)
              const title = hit.title ?? hit.slug ?? String(hit.id)
              return (
                <li data-collection={hit.collection} data-slug={hit.slug ?? ''} key={`${hit.collection}:${hit.id}`}>
                  <span className="badge">{say.search.kinds[hit.collection as Kind] ?? hit.collection}</span>{' '}
                  {href ? <a href={href}>{title}</a> : <strong>{title}</strong>}
                  {hit.highlight && (
                    <p className="highlight">
                      <Highlight text={hit.highlight} />
                    </p>
                  )}
                  <span className="meta">{say.search.matchedOn(hit.matchedOn)}</span>
                </li>
              )
            })}
          </ol>
          {results.totalPages > 1 && (
            <nav className="pages">
              {results.page > 1 && <a href={here({ page: results.page - 1 })}>{say.search.previous}</a>}
              <span className="meta">{say.search.page(results.page, results.totalPages)}</span>
              {results.hasNextPage && <a href={here({ page: results.page + 1 })}>{say.search.next}</a>}
            </nav>
          )}
        </section>
      )}
    </>
  )
}

export default SearchPage
