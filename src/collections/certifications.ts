import type { CollectionConfig, Field } from 'payload'

import type { ResolvedRoleCatalogOptions } from '../plugin/options.js'

import { copyToDefaultLocaleOnCreate } from '../fields/defaultLocaleText.js'
import { catalogSlugField } from '../fields/slug.js'
import { sourceField } from '../fields/source.js'
import { usedByRolesField } from '../fields/usedByRoles.js'
import { buildCollection } from '../plugin/buildCollection.js'
import { catalogVersions } from '../plugin/versions.js'

export const defaultCertificationFields = ({ limits, slugs }: ResolvedRoleCatalogOptions): Field[] => [
  {
    name: 'name',
    type: 'text',
    admin: { description: 'Full name, e.g. "Project Management Professional".' },
    // Created in another locale: the default locale gets the same text (see copyToDefaultLocaleOnCreate).
    hooks: { beforeChange: [copyToDefaultLocaleOnCreate] },
    localized: true,
    required: true,
  },
  catalogSlugField({ useAsSlug: 'name' }),
  {
    type: 'row',
    fields: [
      {
        name: 'abbreviation',
        type: 'text',
        admin: { description: 'Short form, e.g. "PMP".', width: '30%' },
      },
      {
        name: 'issuingBody',
        type: 'text',
        admin: { description: 'Who awards it. Leave empty when the source does not say.', width: '70%' },
        localized: true,
      },
    ],
  },
  {
    name: 'description',
    type: 'textarea',
    admin: { description: 'What holding it shows.' },
    localized: true,
  },
  usedByRolesField({ defaultLimit: limits.maxLimit, on: 'certifications.certification', rolesSlug: slugs.roles }),
  sourceField(),
]

export const certificationsCollection = (options: ResolvedRoleCatalogOptions): CollectionConfig =>
  buildCollection({
    name: 'certifications',
    base: {
      admin: {
        defaultColumns: ['name', 'abbreviation', 'issuingBody', '_status', 'updatedAt'],
        description:
          'Certifications roles ask for or that enhance them. A certification linked by a role cannot be deleted until the link is removed.',
        listSearchableFields: ['name', 'abbreviation', 'issuingBody', 'slug'],
        useAsTitle: 'name',
      },
      defaultSort: 'name',
      versions: catalogVersions(options),
    },
    defaultFields: defaultCertificationFields(options),
    options,
  })
