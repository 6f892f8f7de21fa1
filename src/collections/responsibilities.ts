import type { CollectionConfig, Field } from 'payload'

import type { ResolvedRoleCatalogOptions } from '../plugin/options.js'

import { copyToDefaultLocaleOnCreate } from '../fields/defaultLocaleText.js'
import { catalogSlugField } from '../fields/slug.js'
import { sourceField } from '../fields/source.js'
import { usedByRolesField } from '../fields/usedByRoles.js'
import { buildCollection } from '../plugin/buildCollection.js'
import { catalogVersions } from '../plugin/versions.js'

export const defaultResponsibilityFields = ({ limits, slugs }: ResolvedRoleCatalogOptions): Field[] => [
  {
    name: 'title',
    type: 'text',
    admin: { description: 'A short name, e.g. "Risk Management".' },
    // Created in another locale: the default locale gets the same text (see copyToDefaultLocaleOnCreate).
    hooks: { beforeChange: [copyToDefaultLocaleOnCreate] },
    localized: true,
    required: true,
  },
  catalogSlugField({ useAsSlug: 'title' }),
  {
    name: 'description',
    type: 'textarea',
    admin: { description: 'What the work involves, in a sentence or two.' },
    localized: true,
  },
  usedByRolesField({ defaultLimit: limits.maxLimit, on: 'responsibilities.responsibility', rolesSlug: slugs.roles }),
  sourceField(),
]

export const responsibilitiesCollection = (options: ResolvedRoleCatalogOptions): CollectionConfig =>
  buildCollection({
    name: 'responsibilities',
    base: {
      admin: {
        defaultColumns: ['title', 'description', '_status', 'updatedAt'],
        description:
          'Work roles are responsible for, described in general; link them to roles on the role’s “Responsibilities, skills, certifications” tab.',
        listSearchableFields: ['title', 'slug', 'description'],
        useAsTitle: 'title',
      },
      defaultSort: 'title',
      versions: catalogVersions(options),
    },
    defaultFields: defaultResponsibilityFields(options),
    options,
  })
