import type { CollectionConfig, Field } from 'payload'

import type { ResolvedRoleCatalogOptions } from '../plugin/options.js'

import { alternateNamesField } from '../fields/alternateNames.js'
import { reuseLevelField, skillTypeField } from '../fields/skillClassification.js'
import { copyToDefaultLocaleOnCreate } from '../fields/defaultLocaleText.js'
import { catalogSlugField } from '../fields/slug.js'
import { sourceField } from '../fields/source.js'
import { usedByRolesField } from '../fields/usedByRoles.js'
import { buildCollection } from '../plugin/buildCollection.js'
import { catalogVersions } from '../plugin/versions.js'

export const skillKinds = ['soft', 'technical'] as const
export type SkillKind = (typeof skillKinds)[number]

export const defaultSkillFields = ({ limits, slugs }: ResolvedRoleCatalogOptions): Field[] => [
  {
    name: 'name',
    type: 'text',
    admin: { description: 'The skill as a reader would name it, e.g. "Leadership".' },
    // The default sort: lists ordered by name read the index instead of sorting every skill.
    index: true,
    // Created in another locale: the default locale gets the same text (see copyToDefaultLocaleOnCreate).
    hooks: { beforeChange: [copyToDefaultLocaleOnCreate] },
    localized: true,
    required: true,
  },
  catalogSlugField({ useAsSlug: 'name' }),
  alternateNamesField(),
  {
    name: 'kind',
    type: 'select',
    admin: {
      description: 'Soft skills are interpersonal attributes; technical skills are domain knowledge.',
      position: 'sidebar',
    },
    options: [
      { label: 'Soft / interpersonal', value: 'soft' },
      { label: 'Technical / domain', value: 'technical' },
    ],
    required: true,
  },
  skillTypeField(),
  reuseLevelField(),
  {
    name: 'description',
    type: 'textarea',
    admin: { description: 'What the skill is, independent of any one role.' },
    localized: true,
  },
  usedByRolesField({ defaultLimit: limits.maxLimit, on: 'skills.skill', rolesSlug: slugs.roles }),
  sourceField(),
]

export const skillsCollection = (options: ResolvedRoleCatalogOptions): CollectionConfig =>
  buildCollection({
    name: 'skills',
    base: {
      admin: {
        defaultColumns: ['name', 'kind', 'slug', '_status', 'updatedAt'],
        description:
          'Abilities roles ask for, soft and technical. Describe the skill in general here; what it means for one role goes in the note on that role’s link.',
        listSearchableFields: ['name', 'slug', 'description'],
        useAsTitle: 'name',
      },
      defaultSort: 'name',
      versions: catalogVersions(options),
    },
    defaultFields: defaultSkillFields(options),
    options,
  })
