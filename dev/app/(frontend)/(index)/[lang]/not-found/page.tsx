import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { NotFoundContent } from '../../../_components/NotFoundContent.js'
import { isLanguage, words } from '../../../_lib/languages.js'

type Props = { params: Promise<{ lang: string }> }

// Rendered per request like the other pages (its document links the request's own origin); no data read.
export const dynamic = 'force-dynamic'

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
