'use client'

import { useParams } from 'next/navigation.js'
import React from 'react'

import { DEFAULT_LANGUAGE, isLanguage } from '../_lib/languages.js'
import { NotFoundContent } from './NotFoundContent.js'

/**
 * The not-found boundary's content (not-found.tsx beside each root layout), in the language of the
 * address: a not-found page gets no params of its own; the client router knows them. Next.js renders
 * a page's notFound() of these dynamic routes in the browser only (the server sends an empty document
 * with status 404), so unknown roles are answered before the page renders, by dev/proxy.ts with the
 * server-rendered /<lang>/not-found page; this stays for what the proxy cannot know in advance.
 */
export const NotFound = () => {
  const { lang } = useParams<{ lang?: string }>()
  return <NotFoundContent language={lang && isLanguage(lang) ? lang : DEFAULT_LANGUAGE} />
}
