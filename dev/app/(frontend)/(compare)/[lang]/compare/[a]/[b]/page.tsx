import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import type { ComparisonLink } from '../../../../../_lib/queries.js'
import type { UntranslatedText } from '../../../../../_lib/untranslated.js'

import { Requirement, roleName, Text, UntranslatedNotice } from '../../../../../_components/labels.js'
import { isLanguage, type Language, localizedPath, words } from '../../../../../_lib/languages.js'
import { loadComparison } from '../../../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ a: string; b: string; lang: string }> }

type DimensionName = 'certifications' | 'experience' | 'qualifications' | 'responsibilities' | 'skills'

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { a, b, lang } = await params
  if (!isLanguage(lang)) return {}
  const comparison = (await loadComparison(a, b, lang))?.data
  return {
    title: comparison ? `${comparison.a.title} vs ${comparison.b.title} — Role Catalog` : words[lang].rolesNotFound,
  }
}

const sections: DimensionName[] = ['responsibilities', 'skills', 'certifications', 'qualifications', 'experience']

type Marks = { language: Language; untranslated: UntranslatedText }

/** One role's cell: its requirement, the degree level where there is one, and its note. */
const Cell = ({ language, link, untranslated }: Marks & { link?: ComparisonLink }) =>
  link ? (
    <td>
      <Requirement language={language} value={link.requirement} />
      {link.level && <span className="meta"> {words[language].degreeLevels[link.level] ?? link.level}</span>}
      {link.note && (
        <span className="note">
          <Text field="note" language={language} of={link} untranslated={untranslated} />
        </span>
      )}
    </td>
  ) : (
    <td className="absent">—</td>
  )

const ItemLabel = ({
  dimension,
  item,
  language,
  untranslated,
}: Marks & { dimension: DimensionName; item: { abbreviation: null | string; kind: null | string; label: string } }) => {
  const extra =
    dimension === 'experience' && item.kind
      ? words[language].experienceKinds[item.kind] ?? item.kind
      : dimension === 'skills' && item.kind
        ? item.kind
        : item.abbreviation
  return (
    <>
      <Text field="label" language={language} of={item} untranslated={untranslated} />
      {extra && <span className="meta"> ({extra})</span>}
    </>
  )
}

const ComparePage = async ({ params }: Props) => {
  const { a, b, lang } = await params
  if (!isLanguage(lang)) notFound()
  const language = lang
  const say = words[language]
  const loaded = await loadComparison(a, b, language)
  if (!loaded) notFound()
  const { data: comparison, untranslated } = loaded
  const marks = { language, untranslated }
  const nameA = comparison.a.abbreviation ?? comparison.a.title
  const nameB = comparison.b.abbreviation ?? comparison.b.title
  return (
    <>
      <UntranslatedNotice {...marks} />
      <h1>
        <Text field="title" of={comparison.a} {...marks} /> vs <Text field="title" of={comparison.b} {...marks} />
      </h1>
      {comparison.bBuildsOnA && <p className="lead">{say.builtOnBy(comparison.a.title, comparison.b.title)}</p>}
      {comparison.aBuildsOnB && <p className="lead">{say.builtOnBy(comparison.b.title, comparison.a.title)}</p>}
      <div className="pair">
        {[comparison.a, comparison.b].map((role) => (
          <section className="card" key={role.slug}>
            <h2>
              <a href={localizedPath(language, `/roles/${role.slug}`)}>
                <Text field="title" of={role} value={roleName(role)} {...marks} />
              </a>{' '}
              {role._status === 'draft' && <span className="badge draft">{say.draft}</span>}
            </h2>
            {role.summary && (
              <p>
                <Text field="summary" of={role} {...marks} />
              </p>
            )}
          </section>
        ))}
      </div>

      <p className="meta">{say.shadedRows}</p>

      {sections.map((name) => {
        const { description, title } = say.dimensions[name]
        const dimension = comparison[name]
        const rows = dimension.shared.length + dimension.onlyA.length + dimension.onlyB.length
        return (
          <section aria-labelledby={`dimension-${name}`} key={name}>
            <h2 id={`dimension-${name}`}>{title}</h2>
            <p className="tally">
              {description} {say.tally(dimension.shared.length, nameA, dimension.onlyA.length, nameB, dimension.onlyB.length)}
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
                      <th scope="row">
                        <ItemLabel dimension={name} item={item} {...marks} />
                      </th>
                      <Cell link={item.a} {...marks} />
                      <Cell link={item.b} {...marks} />
                    </tr>
                  ))}
                  {dimension.onlyA.map((item) => (
                    <tr className="only-a" data-slug={item.slug} key={`a-${item.slug}`}>
                      <th scope="row">
                        <ItemLabel dimension={name} item={item} {...marks} />
                      </th>
                      <Cell link={item} {...marks} />
                      <Cell {...marks} />
                    </tr>
                  ))}
                  {dimension.onlyB.map((item) => (
                    <tr className="only-b" data-slug={item.slug} key={`b-${item.slug}`}>
                      <th scope="row">
                        <ItemLabel dimension={name} item={item} {...marks} />
                      </th>
                      <Cell {...marks} />
                      <Cell link={item} {...marks} />
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
