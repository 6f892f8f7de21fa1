import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { NotFoundContent } from '../../../_components/NotFoundContent.js'
import { isLanguage, LANGUAGES, words } from '../../../_lib/languages.js'

type Props = { params: Promise<{ lang: string }> }

/** Rendered at build time, once per language: the same HTML for every unknown role. */
export const generateStaticParams = () => LANGUAGES.map((lang) => ({ lang }))
export const dynamicParams = false

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { lang } = await params
  return { robots: { index: false }, title: isLanguage(lang) ? words[lang].pageNotFound : undefined }
}

/**
 * The not-found page as HTML from the server, in the address's language: dev/proxy.ts answers an
 * unknown role or comparison with it and status 404 (the page's own notFound() would be rendered by
 * the browser only). Its own address answers it too, with status 200: a page, not an error.
 */
const NotFoundPage = async ({ params }: Props) => {
  const { lang } = await params
  if (!isLanguage(lang)) notFound()
  return <NotFoundContent language={lang} />
}

export default NotFoundPage
