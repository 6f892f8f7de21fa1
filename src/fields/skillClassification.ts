import type { SelectField } from 'payload'

/**
 * ESCO's classification of a skill. The values are GraphQL-safe (Payload turns select values into
 * enum names, where '-' and '/' do not survive), so ESCO's own strings are mapped on import
 * (see src/import/esco.ts).
 */
export const skillTypes = ['skill_competence', 'knowledge'] as const
export type SkillType = (typeof skillTypes)[number]

export const reuseLevels = ['transversal', 'cross_sector', 'sector_specific', 'occupation_specific'] as const
export type ReuseLevel = (typeof reuseLevels)[number]

export const skillTypeField = (): SelectField => ({
  name: 'skillType',
  type: 'select',
  admin: {
    description: 'Skill or competence (what one can do) or knowledge (what one knows), as ESCO classifies it.',
    position: 'sidebar',
  },
  options: [
    { label: 'Skill / competence', value: 'skill_competence' },
    { label: 'Knowledge', value: 'knowledge' },
  ],
})

export const reuseLevelField = (): SelectField => ({
  name: 'reuseLevel',
  type: 'select',
  admin: {
    description: 'How widely the skill applies, as ESCO classifies it: from any job (transversal) to one occupation.',
    position: 'sidebar',
  },
  options: [
    { label: 'Transversal', value: 'transversal' },
    { label: 'Cross-sector', value: 'cross_sector' },
    { label: 'Sector-specific', value: 'sector_specific' },
    { label: 'Occupation-specific', value: 'occupation_specific' },
  ],
})
