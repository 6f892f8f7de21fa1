import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import type { ComparisonLink } from '../../../../_lib/queries.js'

import { degreeLevels, experienceKinds, Requirement, roleName } from '../../../../_components/labels.js'
import { loadComparison } from '../../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ a: string; b: string }> }

type DimensionName = 'certifications' | 'experience' | 'qualifications' | 'responsibilities' | 'skills'

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { a, b } = await params
  const comparison = await loadComparison(a, b)
  return {
    title: comparison ? `${comparison.a.title} vs ${comparison.b.title} — Role Catalog` : 'Roles not found',
  }
}

const sections: { description: string; name: DimensionName; title: string }[] = [
  { name: 'responsibilities', description: 'The work each role is responsible for.', title: 'Responsibilities' },
  { name: 'skills', description: 'Soft and technical skills.', title: 'Skills' },
  { name: 'certifications', description: 'Certifications each role asks for or that enhance it.', title: 'Certifications' },
  { name: 'qualifications', description: 'Degrees, by field of study.', title: 'Degrees' },
  { name: 'experience', description: 'Hands-on experience that qualifies for the role.', title: 'Experience' },
]

/** One role's cell: its requirement, the degree level where there is one, and its note. */
const Cell = ({ link }: { link?: ComparisonLink }) =>
  link ? (
    <td>
      <Requirement value={link.requirement} />
      {link.level && <span className="meta"> {degreeLevels[link.level] ?? link.level}</span>}
      {link.note && <span className="note">{link.note}</span>}
    </td>
  ) : (
    <td className="absent">—</td>
  )

const itemLabel = (item: { abbreviation: null | string; kind: null | string; label: string }, dimension: DimensionName) => {
  const extra =
    dimension === 'experience' && item.kind
      ? experienceKinds[item.kind] ?? item.kind
      : dimension === 'skills' && item.kind
        ? item.kind
        : item.abbreviation
  return (
    <>
      {item.label}
      {extra && <span className="meta"> ({extra})</span>}
    </>
  )
}

const ComparePage = async ({ params }: Props) => {
  const { a, b } = await params
  const comparison = await loadComparison(a, b)
  if (!comparison) notFound()
  const nameA = comparison.a.abbreviation ?? comparison.a.title
  const nameB = comparison.b.abbreviation ?? comparison.b.title
  return (
    <>
      <h1>
        {comparison.a.title} vs {comparison.b.title}
      </h1>
      {comparison.bBuildsOnA && (
        <p className="lead">
          The {comparison.b.title} builds on the {comparison.a.title}.
        </p>
      )}
      {comparison.aBuildsOnB && (
        <p className="lead">
          The {comparison.a.title} builds on the {comparison.b.title}.
        </p>
      )}
      <div className="pair">
        {[comparison.a, comparison.b].map((role) => (
          <section className="card" key={role.slug}>
            <h2>
              <a href={`/roles/${role.slug}`}>{roleName(role)}</a>{' '}
              {role._status === 'draft' && <span className="badge draft">Draft</span>}
            </h2>
            {role.summary && <p>{role.summary}</p>}
          </section>
        ))}
      </div>

      <p className="meta">
        Shaded rows are items both roles have; a dash means the role does not list the item.
      </p>

      {sections.map(({ name, description, title }) => {
        const dimension = comparison[name]
        const rows = dimension.shared.length + dimension.onlyA.length + dimension.onlyB.length
        return (
          <section aria-labelledby={`dimension-${name}`} key={name}>
            <h2 id={`dimension-${name}`}>{title}</h2>
            <p className="tally">
              {description} Both: {dimension.shared.length} · only {nameA}: {dimension.onlyA.length} · only {nameB}:{' '}
              {dimension.onlyB.length}
            </p>
            {rows > 0 && (
              <table className="compare" data-dimension={name}>
                <thead>
                  <tr>
                    <th scope="col">{title}</th>
                    <th scope="col">{roleName(comparison.a)}</th>
                    <th scope="col">{roleName(comparison.b)}</th>
                  </tr>
                </thead>
                <tbody>
                  {dimension.shared.map((item) => (
                    <tr className="shared" data-slug={item.slug} key={`shared-${item.slug}`}>
                      <th scope="row">{itemLabel(item, name)}</th>
                      <Cell link={item.a} />
                      <Cell link={item.b} />
                    </tr>
                  ))}
                  {dimension.onlyA.map((item) => (
                    <tr className="only-a" data-slug={item.slug} key={`a-${item.slug}`}>
                      <th scope="row">{itemLabel(item, name)}</th>
                      <Cell link={item} />
                      <Cell />
                    </tr>
                  ))}
                  {dimension.onlyB.map((item) => (
                    <tr className="only-b" data-slug={item.slug} key={`b-${item.slug}`}>
                      <th scope="row">{itemLabel(item, name)}</th>
                      <Cell />
                      <Cell link={item} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )
      })}
    </>
  )
}

export default ComparePage
