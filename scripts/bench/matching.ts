/**
 * matchRolesMs (and matchRolesVsSql, similarRolesMs): the example frontend's "match my skills"
 * query (MATCH_ROLES_QUERY) executed in-process on the ESCO-size catalogue, over a fixed set of
 * people: for each sampled role, the first half of its skills plus one skill of another role (so
 * every query has several candidate roles, not only the one it was drawn from). Side by side with
 * one hand-written SQL statement that ranks the same roles by the same formula (src/match/scoring.ts)
 * and lists what they miss; the baseline is checked to rank the same roles first.
 */
import { MATCH_ROLES_QUERY } from '../../dev/app/(frontend)/_lib/queryText.js'
import type { BenchSite } from './benchSite.js'
import { median, round, sideBySide } from './timing.js'

/**
 * matchRoles in one statement, for an anonymous reader: published roles and items, links to
 * unpublished items left out; the top 10 roles by (2·required covered + recommended covered) /
 * (2·required + recommended) over skills and certifications, ties by covered weight, covered
 * required items, slug; each with its missing items.
 */
export const MATCH_ROLES_SQL = `with given as (
  select 'skills' as kind, id from skills where slug = any($1::text[]) and _status = 'published'
  union all
  select 'certifications', id from certifications where slug = any($2::text[]) and _status = 'published'
), links as (
  select l._parent_id as role_id, 'skills' as kind, l.skill_id as item_id, l.requirement::text as requirement, l.note, l._order, i.slug, i.name as label
    from roles_skills l join skills i on i.id = l.skill_id and i._status = 'published'
    where l._parent_id in (select _parent_id from roles_skills where skill_id in (select id from given where kind = 'skills')
                           union select _parent_id from roles_certifications where certification_id in (select id from given where kind = 'certifications'))
  union all
  select l._parent_id, 'certifications', l.certification_id, l.requirement::text, l.note, 1000000 + l._order, i.slug, i.name
    from roles_certifications l join certifications i on i.id = l.certification_id and i._status = 'published'
    where l._parent_id in (select _parent_id from roles_skills where skill_id in (select id from given where kind = 'skills')
                           union select _parent_id from roles_certifications where certification_id in (select id from given where kind = 'certifications'))
), marked as (
  select l.*, case when l.requirement = 'recommended' then 1 else 2 end as weight, g.id is not null as has
    from links l left join given g on g.kind = l.kind and g.id = l.item_id
), scored as (
  select m.role_id, sum(m.weight) filter (where m.has) as covered, sum(m.weight) as total,
         count(*) filter (where m.has and m.requirement <> 'recommended') as required_covered
    from marked m join roles r on r.id = m.role_id and r._status = 'published'
    group by m.role_id having bool_or(m.has)
), top as (
  select s.*, r.slug, r.title from scored s join roles r on r.id = s.role_id
    order by s.covered::float8 / s.total desc, s.covered desc, s.required_covered desc, r.slug limit 10
)
select json_build_object('totalDocs', (select count(*) from scored), 'docs', coalesce((select json_agg(json_build_object(
    'role', json_build_object('slug', t.slug, 'title', t.title),
    'score', round((t.covered::float8 / t.total)::numeric, 4),
    'missing', (select json_agg(json_build_object('slug', m.slug, 'label', m.label, 'requirement', m.requirement, 'note', m.note) order by m._order)
                  from marked m where m.role_id = t.role_id and not m.has)
  ) order by t.covered::float8 / t.total desc, t.covered desc, t.required_covered desc, t.slug) from top t), '[]')) as result`

const ROUNDS = 60

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** The fixed set of people: half of a sampled role's skills, plus one skill of the next sampled role. */
const peopleFor = async (site: BenchSite, roleSlugs: string[]): Promise<string[][]> => {
  const client = await site.sql()
  const { rows } = await client.query<{ role: string; skills: string[] }>(
    `select r.slug as role, array_agg(s.slug order by l._order) as skills
       from roles r join roles_skills l on l._parent_id = r.id join skills s on s.id = l.skill_id and s._status = 'published'
      where r.slug = any($1::text[]) group by r.slug`,
    [roleSlugs],
  )
  const byRole = new Map(rows.map((row) => [row.role, row.skills]))
  return roleSlugs
    .map((slug, i) => {
      const own = byRole.get(slug) ?? []
      const other = byRole.get(roleSlugs[(i + 1) % roleSlugs.length]!) ?? []
      return [...new Set([...own.slice(0, Math.max(1, Math.ceil(own.length / 2))), ...other.slice(0, 1)])]
    })
    .filter((skills) => skills.length > 0)
}

export type MatchingFigures = {
  matchRolesMs: { p50: number; p99: number }
  matchRolesVsSql: number
  medianMs: { graphql: number; sql: number }
  people: number
  rounds: number
  similarRolesMs: { p50: number; p99: number }
}

export const measureMatching = async (site: BenchSite, roleSlugs: string[], log: (line: string) => void): Promise<MatchingFigures> => {
  const client = await site.sql()
  const people = await peopleFor(site, roleSlugs)
  if (people.length === 0) throw new Error('matchRolesMs: no role with skills to draw people from')
  const variables = (i: number) => ({ certifications: [], limit: 10, skills: people[i % people.length]! })

  // The baseline must rank what matchRoles ranks, or the ratio compares different work.
  for (const person of people.slice(0, 4)) {
    const answer = (await site.execute(MATCH_ROLES_QUERY, { limit: 10, skills: person })).data as { matchRoles: any }
    const sql = (await client.query(MATCH_ROLES_SQL, [person, []])).rows[0]?.result
    const plugin = answer.matchRoles.docs.map((doc: any) => `${doc.role.slug}:${doc.score}`)
    const baseline = sql.docs.map((doc: any) => `${doc.role.slug}:${Number(doc.score)}`)
    if (JSON.stringify(plugin) !== JSON.stringify(baseline) || answer.matchRoles.totalDocs !== Number(sql.totalDocs)) {
      throw new Error(`the matchRoles SQL baseline ranks differently for ${person.join(', ')}:\n${plugin.join(' ')}\n${baseline.join(' ')}`)
    }
  }

  log(`matchRoles vs SQL: ${ROUNDS} rounds over ${people.length} people (${median(people.map((p) => p.length))} skills each, median)`)
  const samples: number[] = []
  const measured = await sideBySide(
    {
      graphql: async (i) => {
        const started = performance.now()
        const result = await site.execute(MATCH_ROLES_QUERY, variables(i))
        samples.push(performance.now() - started)
        return result
      },
      sql: (i) => client.query(MATCH_ROLES_SQL, [variables(i).skills, []]),
    },
    { iterations: ROUNDS },
  )
  // The warm-up rounds are in `samples` too: drop them.
  const timings = samples.slice(samples.length - ROUNDS)

  const SIMILAR = `query Similar($slug: String!) { similarRoles(slug: $slug, limit: 10) { totalDocs docs { role { slug title } score sharedSkills { slug label } sharedResponsibilities { slug label } } } }`
  const similar: number[] = []
  for (let i = 0; i < 5 + ROUNDS / 2; i++) {
    const started = performance.now()
    await site.execute(SIMILAR, { slug: roleSlugs[i % roleSlugs.length] })
    if (i >= 5) similar.push(performance.now() - started)
  }

  return {
    matchRolesMs: { p50: round(percentile(timings, 50)), p99: round(percentile(timings, 99)) },
    matchRolesVsSql: round(measured.graphql.medianMs / measured.sql.medianMs),
    medianMs: { graphql: round(measured.graphql.medianMs), sql: round(measured.sql.medianMs) },
    people: people.length,
    rounds: ROUNDS,
    similarRolesMs: { p50: round(percentile(similar, 50)), p99: round(percentile(similar, 99)) },
  }
}
