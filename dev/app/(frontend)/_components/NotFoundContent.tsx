import React from 'react'

import { type Language, localizedPath, words } from '../_lib/languages.js'

/** What a reader sees for an address that leads nowhere, in a language (server and client alike). */
export const NotFoundContent = ({ language }: { language: Language }) => (
  <>
    <h1>404</h1>
    <p className="lead">{words[language].pageNotFound}</p>
    <p>
      <a href={localizedPath(language, '/roles')}>{words[language].roles}</a>
    </p>
  </>
)
