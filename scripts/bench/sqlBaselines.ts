/**
 * The benchmark's baselines: ONE hand-written SQL statement per GraphQL query, returning the same
 * data the query answers with for an anonymous reader (published documents only, links to
 * unpublished items left out), as JSON built by PostgreSQL. What a frontend would get if it talked
 * to the database directly, with nothing but the driver between them.
 *
 * Written for the plugin's default slugs and fields (the benchmark site uses them).
 */

/** The item a link row points to, with what the role page and its JSON-LD show of it. */
const linkItems = {
  certifications: {
    item: 'certification',
    json: `'slug', i.slug, 'name', i.name, 'abbreviation', i.abbreviation, 'issuingBody', i.issuing_body, 'description', i.description`,
    table: 'certifications',
  },
  responsibilities: {
    item: 'responsibility',
    json: `'slug', i.slug, 'title', i.title, 'description', i.description`,
    table: 'responsibilities',
  },
  skills: { item: 'skill', json: `'slug', i.slug, 'name', i.name, 'kind', i.kind, 'description', i.description`, table: 'skills' },
} as const

const links = (name: keyof typeof linkItems) => {
  const { item, json, table } = linkItems[name]
  return `coalesce((select json_agg(json_build_object('requirement', l.requirement, 'note', l.note, '${item}', json_build_object(${json})) order by l._order)
      from roles_${name} l join ${table} i on i.id = l.${item}_id and i._status = 'published'
      where l._parent_id = r.id), '[]')`
}

/** roleBySlug as the role page asks for it (ROLE_PAGE_QUERY): the role, every link, the linked items, codes. */
export const ROLE_BY_SLUG_SQL = `select json_build_object(
  'slug', r.slug, 'title', r.title, 'abbreviation', r.abbreviation, 'summary', r.summary, 'focus', r.focus,
  'buildsOn', coalesce((select json_agg(json_build_object('slug', b.slug, 'title', b.title) order by rr."order")
      from roles_rels rr join roles b on b.id = rr.roles_id and b._status = 'published'
      where rr.parent_id = r.id and rr.path = 'buildsOn'), '[]'),
  'builtOnBy', coalesce((select json_agg(json_build_object('slug', b.slug, 'title', b.title) order by b.title, b.created_at desc)
      from roles_rels rr join roles b on b.id = rr.parent_id and b._status = 'published'
      where rr.roles_id = r.id and rr.path = 'buildsOn'), '[]'),
  'responsibilities', ${links('responsibilities')},
  'skills', ${links('skills')},
  'certifications', ${links('certifications')},
  'qualifications', coalesce((select json_agg(json_build_object('level', q.level, 'requirement', q.requirement, 'note', q.note,
        'fieldsOfStudy', coalesce((select json_agg(json_build_object('slug', f.slug, 'name', f.name) order by f._order)
          from roles_qualifications_fields_of_study f where f._parent_id = q.id), '[]')) order by q._order)
      from roles_qualifications q where q._parent_id = r.id), '[]'),
  'experience', coalesce((select json_agg(json_build_object('slug', e.slug, 'area', e.area, 'kind', e.kind,
        'requirement', e.requirement, 'note', e.note) order by e._order)
      from roles_experience e where e._parent_id = r.id), '[]'),
  'externalCodes', coalesce((select json_agg(json_build_object('scheme', c.scheme, 'code', c.code, 'label', c.label,
        'uri', c.uri, 'match', c.match, 'source', c.source) order by c._order)
      from roles_external_codes c where c._parent_id = r.id), '[]')
) as role
from roles r where r.slug = $1 and r._status = 'published'`

/**
 * compareRoles as the comparison page asks for it (COMPARE_QUERY): both roles, and per dimension
 * the items both have (in A's order), only A has, only B has; an item listed twice counts once, by
 * its first listing. Item descriptions, issuing bodies and the roles' codes come along for the two
 * roles' JSON-LD.
 */
export const COMPARE_ROLES_SQL = `with r as (
  select id, slug, title, abbreviation, summary, case when slug = $1 then 'a' else 'b' end as side
  from roles where slug in ($1, $2) and _status = 'published'
), entries as (
  select r.side, 'responsibilities' as dim, l._order as ord, 0 as sub, i.slug, i.title as label, null::text as kind,
    null::text as abbreviation, i.description, null::text as issuing_body, l.requirement::text as requirement, l.note, null::text as level
  from r join roles_responsibilities l on l._parent_id = r.id
    join responsibilities i on i.id = l.responsibility_id and i._status = 'published'
  union all
  select r.side, 'skills', l._order, 0, i.slug, i.name, i.kind::text, null, i.description, null, l.requirement::text, l.note, null
  from r join roles_skills l on l._parent_id = r.id join skills i on i.id = l.skill_id and i._status = 'published'
  union all
  select r.side, 'certifications', l._order, 0, i.slug, i.name, null, i.abbreviation, i.description, i.issuing_body,
    l.requirement::text, l.note, null
  from r join roles_certifications l on l._parent_id = r.id
    join certifications i on i.id = l.certification_id and i._status = 'published'
  union all
  select r.side, 'qualifications', q._order, f._order, f.slug, f.name, null, null, null, null, q.requirement::text, q.note, q.level::text
  from r join roles_qualifications q on q._parent_id = r.id join roles_qualifications_fields_of_study f on f._parent_id = q.id
  union all
  select r.side, 'experience', e._order, 0, e.slug, e.area, e.kind::text, null, null, null, e.requirement::text, e.note, null
  from r join roles_experience e on e._parent_id = r.id where e.slug is not null
), firsts as (
  select distinct on (side, dim, slug) * from entries order by side, dim, slug, ord, sub
)
select json_build_object(
  'a', (select json_build_object('slug', slug, 'title', title, 'abbreviation', abbreviation, 'summary', summary,
      'externalCodes', (select coalesce(json_agg(json_build_object('scheme', c.scheme, 'code', c.code, 'label', c.label, 'uri', c.uri, 'match', c.match) order by c._order), '[]')
        from roles_external_codes c where c._parent_id = r.id)) from r where side = 'a'),
  'b', (select json_build_object('slug', slug, 'title', title, 'abbreviation', abbreviation, 'summary', summary,
      'externalCodes', (select coalesce(json_agg(json_build_object('scheme', c.scheme, 'code', c.code, 'label', c.label, 'uri', c.uri, 'match', c.match) order by c._order), '[]')
        from roles_external_codes c where c._parent_id = r.id)) from r where side = 'b'),
  'aBuildsOnB', exists (select 1 from roles_rels rr join r a on a.side = 'a' and rr.parent_id = a.id
      join r b on b.side = 'b' and rr.roles_id = b.id where rr.path = 'buildsOn'),
  'bBuildsOnA', exists (select 1 from roles_rels rr join r b on b.side = 'b' and rr.parent_id = b.id
      join r a on a.side = 'a' and rr.roles_id = a.id where rr.path = 'buildsOn'),
  'dimensions', (select json_object_agg(d.dim, json_build_object(
    'shared', (select coalesce(json_agg(json_build_object('slug', fa.slug, 'label', fa.label, 'kind', fa.kind,
          'abbreviation', fa.abbreviation, 'description', fa.description, 'issuingBody', fa.issuing_body,
          'a', json_build_object('requirement', fa.requirement, 'note', fa.note, 'level', fa.level),
          'b', json_build_object('requirement', fb.requirement, 'note', fb.note, 'level', fb.level)) order by fa.ord, fa.sub), '[]')
        from firsts fa join firsts fb on fb.side = 'b' and fb.dim = fa.dim and fb.slug = fa.slug
        where fa.side = 'a' and fa.dim = d.dim),
    'onlyA', (select coalesce(json_agg(json_build_object('slug', fa.slug, 'label', fa.label, 'kind', fa.kind,
          'abbreviation', fa.abbreviation, 'description', fa.description, 'issuingBody', fa.issuing_body,
          'requirement', fa.requirement, 'note', fa.note, 'level', fa.level) order by fa.ord, fa.sub), '[]')
        from firsts fa where fa.side = 'a' and fa.dim = d.dim
          and not exists (select 1 from firsts fb where fb.side = 'b' and fb.dim = fa.dim and fb.slug = fa.slug)),
    'onlyB', (select coalesce(json_agg(json_build_object('slug', fb.slug, 'label', fb.label, 'kind', fb.kind,
          'abbreviation', fb.abbreviation, 'description', fb.description, 'issuingBody', fb.issuing_body,
          'requirement', fb.requirement, 'note', fb.note, 'level', fb.level) order by fb.ord, fb.sub), '[]')
        from firsts fb where fb.side = 'b' and fb.dim = d.dim
          and not exists (select 1 from firsts fa where fa.side = 'a' and fa.dim = fb.dim and fa.slug = fb.slug))
  )) from (values ('responsibilities'), ('skills'), ('certifications'), ('qualifications'), ('experience')) as d(dim))
) as comparison
where (select count(*) from r) = 2`

/**
 * roleBySlug on a localized site, in `locale` with `fallback` for text missing there (or empty), as
 * the role page asks for it: ROLE_BY_SLUG_SQL with every localized column read from its `_locales`
 * table (two joined rows per table, one per language) and `coalesce(nullif(wanted, ''), fallback)`.
 * Locale codes are literals: the benchmark's own, never input.
 */
export const localizedRoleBySlugSql = (locale: string, fallback: string) => {
  const pick = (alias: string, column: string) => `coalesce(nullif(${alias}w.${column}, ''), ${alias}f.${column}, ${alias}w.${column})`
  const both = (table: string, alias: string, parent: string) =>
    `left join ${table}_locales ${alias}w on ${alias}w._parent_id = ${parent} and ${alias}w._locale = '${locale}'
       left join ${table}_locales ${alias}f on ${alias}f._parent_id = ${parent} and ${alias}f._locale = '${fallback}'`
  const localizedLinks = (name: keyof typeof linkItems, fields: string) => {
    const { item, table } = linkItems[name]
    return `coalesce((select json_agg(json_build_object('requirement', l.requirement, 'note', ${pick('n', 'note')}, '${item}', json_build_object(${fields})) order by l._order)
      from roles_${name} l join ${table} i on i.id = l.${item}_id and i._status = 'published'
        ${both(`roles_${name}`, 'n', 'l.id')}
        ${both(table, 'i', 'i.id')}
      where l._parent_id = r.id), '[]')`
  }
  return `select json_build_object(
  'slug', r.slug, 'title', ${pick('r', 'title')}, 'abbreviation', ${pick('r', 'abbreviation')}, 'summary', ${pick('r', 'summary')}, 'focus', ${pick('r', 'focus')},
  'buildsOn', coalesce((select json_agg(json_build_object('slug', b.slug, 'title', ${pick('b', 'title')}) order by rr."order")
      from roles_rels rr join roles b on b.id = rr.roles_id and b._status = 'published' ${both('roles', 'b', 'b.id')}
      where rr.parent_id = r.id and rr.path = 'buildsOn'), '[]'),
  'builtOnBy', coalesce((select json_agg(json_build_object('slug', b.slug, 'title', ${pick('b', 'title')}) order by bw.title, b.created_at desc)
      from roles_rels rr join roles b on b.id = rr.parent_id and b._status = 'published' ${both('roles', 'b', 'b.id')}
      where rr.roles_id = r.id and rr.path = 'buildsOn'), '[]'),
  'responsibilities', ${localizedLinks('responsibilities', `'slug', i.slug, 'title', ${pick('i', 'title')}, 'description', ${pick('i', 'description')}`)},
  'skills', ${localizedLinks('skills', `'slug', i.slug, 'name', ${pick('i', 'name')}, 'kind', i.kind, 'description', ${pick('i', 'description')}`)},
  'certifications', ${localizedLinks('certifications', `'slug', i.slug, 'name', ${pick('i', 'name')}, 'abbreviation', i.abbreviation, 'issuingBody', ${pick('i', 'issuing_body')}, 'description', ${pick('i', 'description')}`)},
  'qualifications', coalesce((select json_agg(json_build_object('level', q.level, 'requirement', q.requirement, 'note', ${pick('q', 'note')},
        'fieldsOfStudy', coalesce((select json_agg(json_build_object('slug', f.slug, 'name', ${pick('f', 'name')}) order by f._order)
          from roles_qualifications_fields_of_study f ${both('roles_qualifications_fields_of_study', 'f', 'f.id')} where f._parent_id = q.id), '[]')) order by q._order)
      from roles_qualifications q ${both('roles_qualifications', 'q', 'q.id')} where q._parent_id = r.id), '[]'),
  'experience', coalesce((select json_agg(json_build_object('slug', e.slug, 'area', ${pick('e', 'area')}, 'kind', e.kind,
        'requirement', e.requirement, 'note', ${pick('e', 'note')}) order by e._order)
      from roles_experience e ${both('roles_experience', 'e', 'e.id')} where e._parent_id = r.id), '[]'),
  'externalCodes', coalesce((select json_agg(json_build_object('scheme', c.scheme, 'code', c.code, 'label', c.label,
        'uri', c.uri, 'match', c.match, 'source', c.source) order by c._order)
      from roles_external_codes c where c._parent_id = r.id), '[]')
) as role
from roles r ${both('roles', 'r', 'r.id')}
where r.slug = $1 and r._status = 'published'`
}
