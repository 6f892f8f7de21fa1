import type { SelectField } from 'payload'

/**
 * How strongly a role asks for a linked item. The article separates what a role "typically
 * includes" from what "can enhance" it.
 */
export const requirementLevels = ['required', 'recommended'] as const
export type RequirementLevel = (typeof requirementLevels)[number]

export const requirementField = (): SelectField => ({
  name: 'requirement',
  type: 'select',
  admin: {
    description: 'Required: the role typically includes it. Recommended: it can enhance the role.',
    width: '30%',
  },
  defaultValue: 'required',
  options: [
    { label: 'Required', value: 'required' },
    { label: 'Recommended', value: 'recommended' },
  ],
  required: true,
})
