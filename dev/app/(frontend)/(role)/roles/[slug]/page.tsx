import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { degreeLevels, experienceKinds, Requirement, roleName } from '../../../_components/labels.js'
import { loadRole } from '../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }> }

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const role = await loadRole((await params).slug)
  return { description: role?.summary ?? undefined, title: role ? `${role.title} — Role Catalog` : 'Role not found' }
}

const Note = ({ note }: { note: null | string }) => (note ? <span className="note">{note}</span> : null)

const RolePage = async ({ params }: Props) => {
  const role = await loadRole((await params).slug)
  if (!role) notFound()
  const related = [...(role.buildsOn ?? []), ...(role.builtOnBy?.docs ?? [])]
  return (
    <>
      <h1>{roleName(role)}</h1>
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
          responsibility ? (
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
          skill ? (
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
          certification ? (
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
            {(row.fieldsOfStudy ?? []).map((field) => field.name).join(', ')} <Requirement value={row.requirement} />
            <Note note={row.note} />
          </li>
        ))}
      </ul>

      {(role.experience ?? []).length > 0 && (
        <>
          <h2>Experience</h2>
          <ul className="links">
            {(role.experience ?? []).map((row) => (
              <li key={row.slug}>
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

export default RolePage
