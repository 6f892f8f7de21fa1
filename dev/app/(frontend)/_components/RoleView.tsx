import React from 'react'

import type { RolePage } from '../_lib/queries.js'

import { degreeLevels, experienceKinds, Requirement, roleName } from './labels.js'

/*
 * The role page's content, from the role as GraphQL answers it (server) or as the admin's live
 * preview sends it while an editor types (client, LiveRole.tsx): the same fields, except that a
 * link whose item is not chosen yet, or cannot be read, holds null or a bare ID instead of the item.
 */

/** A linked item that can be shown: a document, not an empty row or a bare ID. */
const isItem = <T,>(value: null | number | string | T | undefined): value is T => typeof value === 'object' && value !== null

const Note = ({ note }: { note: null | string }) => (note ? <span className="note">{note}</span> : null)

export const RoleView = ({ role }: { role: RolePage }) => {
  const related = [...(role.buildsOn ?? []), ...(role.builtOnBy?.docs ?? [])].filter(isItem)
  return (
    <>
      <h1>
        {roleName(role)} {role._status === 'draft' && <span className="badge draft">Draft</span>}
      </h1>
      {role.summary && <p className="lead">{role.summary}</p>}
      {role.focus && (
        <p>
          <strong>Focus:</strong> {role.focus}
        </p>
      )}
      {related.map((other) => (
        <p className="meta" key={other.slug}>
          Related role: <a href={`/roles/${other.slug}`}>{other.title}</a> —{' '}
          <a href={`/compare/${role.slug}/${other.slug}`}>compare side by side</a>
        </p>
      ))}

      <h2>Responsibilities</h2>
      <ul className="links">
        {(role.responsibilities ?? []).map(({ note, requirement, responsibility }) =>
          isItem(responsibility) ? (
            <li key={responsibility.slug}>
              <strong>{responsibility.title}</strong> <Requirement value={requirement} />
              {responsibility.description && <span className="note">{responsibility.description}</span>}
              <Note note={note} />
            </li>
          ) : null,
        )}
      </ul>

      <h2>Skills</h2>
      <ul className="links">
        {(role.skills ?? []).map(({ note, requirement, skill }) =>
          isItem(skill) ? (
            <li key={skill.slug}>
              <strong>{skill.name}</strong> <span className="meta">({skill.kind})</span> <Requirement value={requirement} />
              <Note note={note} />
            </li>
          ) : null,
        )}
      </ul>

      <h2>Certifications</h2>
      <ul className="links">
        {(role.certifications ?? []).map(({ certification, note, requirement }) =>
          isItem(certification) ? (
            <li key={certification.slug}>
              <strong>{certification.name}</strong>
              {certification.abbreviation && ` (${certification.abbreviation})`} <Requirement value={requirement} />
              <Note note={note} />
            </li>
          ) : null,
        )}
      </ul>

      <h2>Degrees</h2>
      <ul className="links">
        {(role.qualifications ?? []).map((row, index) => (
          <li key={index}>
            <strong>{degreeLevels[row.level] ?? row.level}</strong> in{' '}
            {(row.fieldsOfStudy ?? []).map((field) => field?.name).filter(Boolean).join(', ')} <Requirement value={row.requirement} />
            <Note note={row.note} />
          </li>
        ))}
      </ul>

      {(role.experience ?? []).length > 0 && (
        <>
          <h2>Experience</h2>
          <ul className="links">
            {(role.experience ?? []).map((row, index) => (
              <li key={row.slug ?? index}>
                <strong>{row.area}</strong> <span className="meta">({experienceKinds[row.kind] ?? row.kind})</span>{' '}
                <Requirement value={row.requirement} />
                <Note note={row.note} />
              </li>
            ))}
          </ul>
        </>
      )}

      {(role.externalCodes ?? []).length > 0 && (
        <>
          <h2>In public taxonomies</h2>
          <dl className="codes">
            {(role.externalCodes ?? []).map((code) => (
              <React.Fragment key={`${code.scheme}:${code.code ?? code.uri}`}>
                <dt>{code.scheme}</dt>
                <dd>
                  {code.uri ? <a href={code.uri}>{code.label}</a> : code.label}
                  {code.code && ` (${code.code})`} <span className="meta">— {code.match} match</span>
                </dd>
              </React.Fragment>
            ))}
          </dl>
        </>
      )}
    </>
  )
}

