import React from 'react'

import type { RolePage } from '../_lib/queries.js'

import { type Language, localizedPath, words } from '../_lib/languages.js'
import { noneUntranslated, type UntranslatedText } from '../_lib/untranslated.js'
import { Requirement, roleName, Text, UntranslatedNotice } from './labels.js'

/*
 * The role page's content, from the role as GraphQL answers it (server) or as the admin's live
 * preview sends it while an editor types (client, LiveRole.tsx): the same fields, except that a
 * link whose item is not chosen yet, or cannot be read, holds null or a bare ID instead of the item.
 */

/** A linked item that can be shown: a document, not an empty row or a bare ID. */
const isItem = <T,>(value: null | number | string | T | undefined): value is T => typeof value === 'object' && value !== null

type Props = {
  language: Language
  role: RolePage
  /** Text shown in the default language for want of a translation (none in the live preview). */
  untranslated?: UntranslatedText
}

export const RoleView = ({ language, role, untranslated = noneUntranslated }: Props) => {
  const related = [...(role.buildsOn ?? []), ...(role.builtOnBy?.docs ?? [])].filter(isItem)
  const say = words[language]
  const text = (of: object, field: string, value?: React.ReactNode) => (
    <Text field={field} language={language} of={of} untranslated={untranslated} value={value} />
  )
  const note = (row: { note: null | string }) => (row.note ? <span className="note">{text(row, 'note')}</span> : null)
  return (
    <>
      <UntranslatedNotice language={language} untranslated={untranslated} />
      <h1>
        {text(role, 'title', roleName(role))} {role._status === 'draft' && <span className="badge draft">{say.draft}</span>}
      </h1>
      {role.summary && <p className="lead">{text(role, 'summary')}</p>}
      {role.focus && (
        <p>
          <strong>{say.focus}</strong> {text(role, 'focus')}
        </p>
      )}
      {related.map((other) => (
        <p className="meta" key={other.slug}>
          {say.relatedRole} <a href={localizedPath(language, `/roles/${other.slug}`)}>{text(other, 'title')}</a> —{' '}
          <a href={localizedPath(language, `/compare/${role.slug}/${other.slug}`)}>{say.compareSideBySide}</a>
        </p>
      ))}

      <h2>{say.dimensions.responsibilities.title}</h2>
      <ul className="links">
        {(role.responsibilities ?? []).map((row) =>
          isItem(row.responsibility) ? (
            <li key={row.responsibility.slug}>
              <strong>{text(row.responsibility, 'title')}</strong> <Requirement language={language} value={row.requirement} />
              {row.responsibility.description && <span className="note">{text(row.responsibility, 'description')}</span>}
              {note(row)}
            </li>
          ) : null,
        )}
      </ul>

      <h2>{say.dimensions.skills.title}</h2>
      <ul className="links">
        {(role.skills ?? []).map((row) =>
          isItem(row.skill) ? (
            <li key={row.skill.slug}>
              <strong>{text(row.skill, 'name')}</strong> <span className="meta">({row.skill.kind})</span>{' '}
              <Requirement language={language} value={row.requirement} />
              {note(row)}
            </li>
          ) : null,
        )}
      </ul>

      <h2>{say.dimensions.certifications.title}</h2>
      <ul className="links">
        {(role.certifications ?? []).map((row) =>
          isItem(row.certification) ? (
            <li key={row.certification.slug}>
              <strong>{text(row.certification, 'name')}</strong>
              {row.certification.abbreviation && ` (${row.certification.abbreviation})`}{' '}
              <Requirement language={language} value={row.requirement} />
              {note(row)}
            </li>
          ) : null,
        )}
      </ul>

      <h2>{say.dimensions.qualifications.title}</h2>
      <ul className="links">
        {(role.qualifications ?? []).map((row, index) => (
          <li key={index}>
            <strong>{say.degreeLevels[row.level] ?? row.level}</strong> {say.degreeIn}{' '}
            {(row.fieldsOfStudy ?? []).filter(isItem).map((field, position) => (
              <React.Fragment key={field.slug}>
                {position > 0 && ', '}
                {text(field, 'name')}
              </React.Fragment>
            ))}{' '}
            <Requirement language={language} value={row.requirement} />
            {note(row)}
          </li>
        ))}
      </ul>

      {(role.experience ?? []).length > 0 && (
        <>
          <h2>{say.dimensions.experience.title}</h2>
          <ul className="links">
            {(role.experience ?? []).map((row, index) => (
              <li key={row.slug ?? index}>
                <strong>{text(row, 'area')}</strong> <span className="meta">({say.experienceKinds[row.kind] ?? row.kind})</span>{' '}
                <Requirement language={language} value={row.requirement} />
                {note(row)}
              </li>
            ))}
          </ul>
        </>
      )}

      {(role.externalCodes ?? []).length > 0 && (
        <>
          <h2>{say.publicTaxonomies}</h2>
          <dl className="codes">
            {(role.externalCodes ?? []).map((code) => (
              <React.Fragment key={`${code.scheme}:${code.code ?? code.uri}`}>
                <dt>{code.scheme}</dt>
                <dd>
                  {code.uri ? <a href={code.uri}>{text(code, 'label')}</a> : text(code, 'label')}
                  {code.code && ` (${code.code})`} <span className="meta">— {say.match(code.match)}</span>
                </dd>
              </React.Fragment>
            ))}
          </dl>
        </>
      )}
    </>
  )
}
