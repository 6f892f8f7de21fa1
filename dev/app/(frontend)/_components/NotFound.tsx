'use client'

import { useParams } from 'next/navigation.js'
import React from 'react'

import { DEFAULT_LANGUAGE, isLanguage, localizedPath, words } from '../_lib/languages.js'

/**
 * The 404 page inside the frontend's document, in the language of the address (a not-found page
 * gets no params of its own; the client router knows them). The pages' root layouts sit below the
 * [lang] segment, so each group has a not-found.tsx beside its root layout that renders this.
 */
export const NotFound = () => {
  const { lang } = useParams<{ lang?: string }>()
  const language = lang && isLanguage(lang) ? lang : DEFAULT_LANGUAGE
  return (
    <>
      <h1>404</h1>
      <p className="lead">{words[language].pageNotFound}</p>
      <p>
        <a href={localizedPath(language, '/roles')}>{words[language].roles}</a>
      </p>
    </>
  )
}
