import type { Metadata } from 'next'

import React from 'react'

import { roleName } from '../../_components/labels.js'
import { loadRoleList, loadSkillsWithRoles } from '../../_lib/queries.js'

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { title: 'Roles — Role Catalog' }

const RolesPage = async () => {
  const [roles, skills] = await Promise.all([loadRoleList(), loadSkillsWithRoles()])
  return (
    <>
      <h1>Roles</h1>
      <p className="lead">Job roles with what they are responsible for and what qualifies for them.</p>
      <ul className="cards">
        {roles.map((role) => (
          <li className="card" key={role.slug}>
            <h2>
              <a href={`/roles/${role.slug}`}>{roleName(role)}</a>
            </h2>
            {role.summary && <p>{role.summary}</p>}
            <p className="meta">
              {role.responsibilities?.length ?? 0} responsibilities · {role.skills?.length ?? 0} skills ·{' '}
              {role.certifications?.length ?? 0} certifications
            </p>
            {(role.buildsOn ?? []).map((base) => (
              <p className="meta" key={base.slug}>
                Builds on {base.title}:{' '}
                <a href={`/compare/${base.slug}/${role.slug}`}>
                  compare {base.title} with {role.title}
                </a>
              </p>
            ))}
          </li>
        ))}
      </ul>
      {roles.length === 0 && <p>No roles are published yet.</p>}

      <h2>Skills and the roles that ask for them</h2>
      <ul className="links">
        {skills.map((skill) => (
          <li key={skill.slug}>
            <strong>{skill.name}</strong> <span className="meta">({skill.kind})</span> —{' '}
            {(skill.roles?.docs ?? []).map((role, index) => (
              <React.Fragment key={role.slug}>
                {index > 0 && ', '}
                <a href={`/roles/${role.slug}`}>{role.abbreviation ?? role.title}</a>
              </React.Fragment>
            ))}
          </li>
        ))}
      </ul>
    </>
  )
}

export default RolesPage
