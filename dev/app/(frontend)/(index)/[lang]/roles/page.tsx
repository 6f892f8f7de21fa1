import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { roleName, Text, UntranslatedNotice } from '../../../_components/labels.js'
import { SearchBox } from '../../../_components/SearchBox.js'
import { graphqlEndpoint } from '../../../_lib/graphql.js'
import { isLanguage, localizedPath, words } from '../../../_lib/languages.js'
import { loadRoleList, loadSkillsWithRoles } from '../../../_lib/queries.js'
import { untranslatedText, type UntranslatedText } from '../../../_lib/untranslated.js'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ lang: string }> }

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { lang } = await params
  return { title: `${isLanguage(lang) ? words[lang].roles : 'Roles'} — Role Catalog` }
}

/** Both lists' marks: a string is marked when either read says it fell back. */
const both = (a: UntranslatedText, b: UntranslatedText): UntranslatedText => ({
  count: a.count + b.count,
  has: (object, field) => a.has(object, field) || b.has(object, field),
})

const RolesPage = async ({ params }: Props) => {
  const { lang } = await params
  if (!isLanguage(lang)) notFound()
  const language = lang
  const say = words[language]
  const [roles, skills] = await Promise.all([loadRoleList(language), loadSkillsWithRoles(language)])
  const untranslated = both(roles.untranslated, skills.untranslated)
  const text = (of: object, field: string, value?: React.ReactNode) => (
    <Text field={field} language={language} of={of} untranslated={untranslated} value={value} />
  )
  // Sorted by the text the reader sees (GraphQL sorts by the language's own text, missing ones last).
  const collator = new Intl.Collator(language)
  const roleList = [...roles.data.docs].sort((a, b) => collator.compare(a.title, b.title))
  const skillList = [...skills.data.docs].sort((a, b) => collator.compare(a.name, b.name))
  return (
    <>
      <UntranslatedNotice language={language} untranslated={untranslated} />
      <h1>{say.roles}</h1>
      <p className="lead">{say.lead}</p>
      <SearchBox
        endpoint={await graphqlEndpoint()}
        kinds={say.search.kinds}
        label={say.search.label}
        language={language}
        placeholder={say.search.placeholder}
        submit={say.search.submit}
      />
      <ul className="cards">
        {roleList.map((role) => (
          <li className="card" key={role.slug}>
            <h2>
              <a href={localizedPath(language, `/roles/${role.slug}`)}>{text(role, 'title', roleName(role))}</a>
            </h2>
            {role.summary && <p>{text(role, 'summary')}</p>}
            <p className="meta">
              {say.counts(role.responsibilities?.length ?? 0, role.skills?.length ?? 0, role.certifications?.length ?? 0)}
            </p>
            {(role.buildsOn ?? []).map((base) => (
              <p className="meta" key={base.slug}>
                {say.buildsOn(base.title)}{' '}
                <a href={localizedPath(language, `/compare/${base.slug}/${role.slug}`)}>{say.compareWith(base.title, role.title)}</a>
              </p>
            ))}
          </li>
        ))}
      </ul>
      {roleList.length === 0 && <p>{say.noRoles}</p>}

      <h2>{say.skillsWithRoles}</h2>
      <ul className="links">
        {skillList.map((skill) => (
          <li key={skill.slug}>
            <strong>{text(skill, 'name')}</strong> <span className="meta">({skill.kind})</span> —{' '}
            {(skill.roles?.docs ?? []).map((role, index) => (
              <React.Fragment key={role.slug}>
                {index > 0 && ', '}
                <a href={localizedPath(language, `/roles/${role.slug}`)}>{role.abbreviation ?? role.title}</a>
              </React.Fragment>
            ))}
          </li>
        ))}
      </ul>
    </>
  )
}

export default RolesPage
