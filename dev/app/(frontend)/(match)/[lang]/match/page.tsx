import type { Metadata } from 'next'

import { notFound } from 'next/navigation.js'
import React from 'react'

import { isLanguage, type Language, localizedPath, words } from '../../../_lib/languages.js'
import { loadMatchChoices, loadMatches, type MatchItem } from '../../../_lib/queries.js'

export const dynamic = 'force-dynamic'

type Props = {
  params: Promise<{ lang: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { lang } = await params
  return { title: `${isLanguage(lang) ? words[lang].matching.title : 'Which roles fit me?'} — Role Catalog` }
}

/** A query parameter as a list (`?skills=a&skills=b` or `?skills=a,b`), at most 200 entries as the API takes. */
const listOf = (value: string | string[] | undefined): string[] =>
  [...new Set([value ?? []].flat().flatMap((each) => each.split(',')).map((each) => each.trim()).filter(Boolean))].slice(0, 200)

const Items = ({ items, label }: { items: MatchItem[]; label: string }) =>
  items.length === 0 ? null : (
    <div className="match-items">
      <strong>{label}</strong>
      <ul className="links">
        {items.map((item) => (
          <li data-slug={item.slug} key={`${item.collection}:${item.slug}`}>
            {item.label}
            {item.abbreviation ? ` (${item.abbreviation})` : ''}
            {item.note && <span className="note">{item.note}</span>}
          </li>
        ))}
      </ul>
    </div>
  )

/**
 * "Match my skills": a plain form (GET, no script needed) of the catalogue's skills and
 * certifications; submitted, the page shows the roles `matchRoles` ranks for them, each with what is
 * covered and what is missing (with the role's note on each item), server-rendered.
 */
const MatchPage = async ({ params, searchParams }: Props) => {
  const { lang } = await params
  if (!isLanguage(lang)) notFound()
  const language: Language = lang
  const say = words[language]
  const query = await searchParams
  const skills = listOf(query.skills)
  const certifications = listOf(query.certifications)
  const asked = skills.length > 0 || certifications.length > 0
  const [choices, matches] = await Promise.all([
    loadMatchChoices(language),
    asked ? loadMatches(language, skills, certifications) : Promise.resolve(null),
  ])
  const collator = new Intl.Collator(language)
  const skillChoices = [...(choices?.skills.docs ?? [])].sort((a, b) => collator.compare(a.name, b.name))
  const certificationChoices = [...(choices?.certifications.docs ?? [])].sort((a, b) => collator.compare(a.name, b.name))
  const unknown = matches ? [...matches.unknownSkills, ...matches.unknownCertifications] : []
  return (
    <>
      <h1>{say.matching.title}</h1>
      <p className="lead">{say.matching.intro}</p>
      <form action={localizedPath(language, '/match')} className="match-form" method="get">
        <fieldset>
          <legend>{say.matching.skills}</legend>
          {skillChoices.map((skill) => (
            <label key={skill.slug}>
              <input defaultChecked={skills.includes(skill.slug)} name="skills" type="checkbox" value={skill.slug} /> {skill.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{say.matching.certifications}</legend>
          {certificationChoices.map((certification) => (
            <label key={certification.slug}>
              <input
                defaultChecked={certifications.includes(certification.slug)}
                name="certifications"
                type="checkbox"
                value={certification.slug}
              />{' '}
              {certification.name}
              {certification.abbreviation ? ` (${certification.abbreviation})` : ''}
            </label>
          ))}
        </fieldset>
        <button type="submit">{say.matching.submit}</button>
      </form>

      {!asked && <p className="meta">{say.matching.pickSome}</p>}
      {asked && !matches && <p className="meta">{say.matching.pickSome}</p>}
      {unknown.length > 0 && <p className="meta">{say.matching.unknown(unknown.join(', '))}</p>}
      {matches && (
        <section aria-labelledby="match-results">
          <h2 id="match-results">{say.matching.results(matches.docs.length, matches.totalDocs)}</h2>
          {matches.docs.length === 0 && <p>{say.matching.noMatches}</p>}
          <ol className="matches">
            {matches.docs.map((match) => (
              <li className="card" data-role={match.role.slug} key={match.role.slug}>
                <h3>
                  <a href={localizedPath(language, `/roles/${match.role.slug}`)}>{match.role.title}</a>{' '}
                  <span className="score">{say.matching.coverage(Math.round(match.score * 100))}</span>
                </h3>
                <p className="meta">
                  {say.matching.requiredCount(match.required.matched, match.required.total)} ·{' '}
                  {say.matching.recommendedCount(match.recommended.matched, match.recommended.total)}
                </p>
                <Items items={match.missingRequired} label={say.matching.missingRequired} />
                <Items items={match.missingRecommended} label={say.matching.missingRecommended} />
                {match.missingRequired.length === 0 && match.missingRecommended.length === 0 && (
                  <p className="meta">{say.matching.nothingMissing}</p>
                )}
                <p className="meta">
                  {say.matching.covered} {match.covered.map((item) => item.label).join(', ')}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  )
}

export default MatchPage
