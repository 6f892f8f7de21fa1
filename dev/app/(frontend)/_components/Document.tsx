import React from 'react'

import { jsonLdScriptText, previewSession } from '../_lib/graphql.js'
import { styles } from './styles.js'

type Props = {
  children: React.ReactNode
  /** schema.org objects, each rendered as a <script type="application/ld+json"> in <head>. */
  jsonLd?: (null | Record<string, unknown> | undefined)[]
  /** This page's path: where "Exit preview" leads back to, published. */
  path?: string
}

/**
 * The example frontend's HTML document. Each route group of the frontend has a root layout of its
 * own (the admin has another, in the (payload) group), so a layout that knows the page's slug can
 * put the role's JSON-LD into <head>, where search engines look for it first.
 */
export const Document = async ({ children, jsonLd = [], path = '/roles' }: Props) => (
  <html lang="en">
    <head>
      <style dangerouslySetInnerHTML={{ __html: styles }} />
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
          <strong>Draft preview</strong> This page shows the latest drafts, as only editors see them.{' '}
          <a href={`/next/exit-preview?${new URLSearchParams({ path })}`}>Exit preview</a>
        </p>
      )}
      <header className="site">
        <a className="brand" href="/roles">
          Role Catalog
        </a>
        <nav>
          <a href="/roles">Roles</a>
          <a href="/compare/project-manager/technical-project-manager">PM vs TPM</a>
          <a href="/admin">Admin</a>
        </nav>
      </header>
      <main>{children}</main>
      <footer className="site">
        Example frontend: every page is read from <code>/api/graphql</code> over HTTP when it is requested.
      </footer>
    </body>
  </html>
)
