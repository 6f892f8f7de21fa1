import React from 'react'

import type { Requirement as RequirementValue } from '../_lib/queries.js'

export const Requirement = ({ value }: { value: RequirementValue | string }) => (
  <span className={`badge ${value}`}>{value === 'recommended' ? 'Recommended' : 'Required'}</span>
)

export const degreeLevels: Record<string, string> = {
  associate: 'Associate degree',
  bachelor: "Bachelor's degree",
  doctorate: 'Doctorate',
  master: "Master's degree",
  unspecified: 'Degree (level not specified)',
}

export const experienceKinds: Record<string, string> = {
  management: 'Project management',
  technical: 'Hands-on technical role',
}

export const roleName = (role: { abbreviation: null | string; title: string }) =>
  role.abbreviation ? `${role.title} (${role.abbreviation})` : role.title
