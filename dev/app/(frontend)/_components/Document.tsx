import React from 'react'

import { jsonLdScriptText, previewSession, siteOrigin } from '../_lib/graphql.js'
import { DEFAULT_LANGUAGE, type Language, languageNames, LANGUAGES, localizedPath, words } from '../_lib/languages.js'
import { styles } from './styles.js'

type Props = {
  children: React.ReactNode
  /** schema.org objects, each rendered as a <script type="application/ld+json"> in <head>. */
  jsonLd?: (null | Record<string, unknown> | undefined)[]
  language: Language
  /** This page's path without its language (`/roles/x`): the alternates and the language switch lead there. */
  path?: string
}

/**
 * The example frontend's HTML document. Each route group of the frontend has a root layout of its
 * own (the admin has another, in the (payload) group), so a layout that knows the page's slug can
 * put the role's JSON-LD into <head>, where search engines look for it first. It states the page's
 * language (`<html lang>`), links the page in every language (`hreflang`, English as `x-default`)
 * and offers the same page in the other languages.
 */
export const Document = async ({ children, jsonLd = [], language, path = '/roles' }: Props) => {
  const say = words[language]
  const site = await siteOrigin()
  const here = localizedPath(language, path)
  return (
    <html lang={language}>
      <head>
        <style dangerouslySetInnerHTML={{ __html: styles }} />
        <link href={`${site}${here}`} rel="canonical" />
        {LANGUAGES.map((code) => (
          <link href={`${site}${localizedPath(code, path)}`} hrefLang={code} key={code} rel="alternate" />
        ))}
        <link href={`${site}${localizedPath(DEFAULT_LANGUAGE, path)}`} hrefLang="x-default" rel="alternate" />
        {jsonLd
          .filter((value): value is Record<string, unknown> => Boolean(value))
          .map((value, index) => (
            <script
              dangerouslySetInnerHTML={{ __html: jsonLdScriptText(value) }}
              key={index}
              type="application/ld+json"
            />
          ))}
      </head>
      <body>
        {(await previewSession()) && (
          <p className="preview-banner" role="status">
            <strong>{say.draftPreview}</strong> {say.draftBanner}{' '}
            <a href={`/next/exit-preview?${new URLSearchParams({ path: here })}`}>{say.exitPreview}</a>
          </p>
        )}
        <header className="site">
          <a className="brand" href={localizedPath(language, '/roles')}>
            Role Catalog
          </a>
          <nav>
            <a href={localizedPath(language, '/roles')}>{say.roles}</a>
            <a href={localizedPath(language, '/compare/project-manager/technical-project-manager')}>PM vs TPM</a>
            <a href={localizedPath(language, '/match')}>{say.matching.nav}</a>
            <a href="/admin">{say.admin}</a>
          </nav>
          <nav aria-label={say.languageSwitch} className="languages">
            {LANGUAGES.map((code) =>
              code === language ? (
                <strong aria-current="page" key={code} lang={code}>
                  {languageNames[code]}
                </strong>
              ) : (
                <a href={localizedPath(code, path)} hrefLang={code} key={code} lang={code}>
                  {languageNames[code]}
                </a>
              ),
            )}
          </nav>
        </header>
        <main>{children}</main>
        <footer className="site">{say.footer}</footer>
      </body>
    </html>
  )
}
