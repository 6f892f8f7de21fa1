import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import type { ResolvedRoleCatalogOptions } from '../plugin/options.js'

import { alternateNamesField } from '../fields/alternateNames.js'
import { copyToDefaultLocaleOnCreate } from '../fields/defaultLocaleText.js'
import { externalCodesField } from '../fields/externalCodes.js'
import { linkNoteField } from '../fields/note.js'
import { requirementField } from '../fields/requirement.js'
import { roleLinkField } from '../fields/roleLink.js'
import { catalogSlugField, rowSlugField } from '../fields/slug.js'
import { sourceField } from '../fields/source.js'
import { buildCollection } from '../plugin/buildCollection.js'
import { catalogVersions } from '../plugin/versions.js'

export const degreeLevels = ['unspecified', 'associate', 'bachelor', 'master', 'doctorate'] as const
export type DegreeLevel = (typeof degreeLevels)[number]

export const experienceKinds = ['technical', 'management'] as const
export type ExperienceKind = (typeof experienceKinds)[number]

export const defaultRoleFields = ({ limits, slugs }: ResolvedRoleCatalogOptions): Field[] => [
  {
    name: 'title',
    type: 'text',
    admin: { description: 'The job title, e.g. "Technical Project Manager".' },
    // The default sort: lists ordered by title read the index instead of sorting every role.
    index: true,
    // Created in another locale: the default locale gets the same text (see copyToDefaultLocaleOnCreate).
    hooks: { beforeChange: [copyToDefaultLocaleOnCreate] },
    localized: true,
    required: true,
  },
  catalogSlugField({ useAsSlug: 'title' }),
  alternateNamesField(),
  {
    type: 'tabs',
    tabs: [
      {
        fields: [
          {
            name: 'abbreviation',
            type: 'text',
            admin: { description: 'Short form used in running text, e.g. "TPM".' },
            localized: true,
          },
          {
            name: 'summary',
            type: 'textarea',
            admin: { description: 'What the role is, in two or three sentences.' },
            localized: true,
          },
          {
            name: 'focus',
            type: 'textarea',
            admin: { description: 'What sets this role apart from related roles, in one sentence.' },
            localized: true,
          },
          {
            name: 'buildsOn',
            type: 'relationship',
            admin: {
              description: 'Roles whose skill set this role starts from, e.g. a TPM builds on the PM.',
            },
            filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
            hasMany: true,
            relationTo: slugs.roles as CollectionSlug,
          },
          {
            name: 'builtOnBy',
            type: 'join',
            admin: { description: 'Roles that build on this one. Edit the link on the other role.' },
            collection: slugs.roles as CollectionSlug,
            defaultLimit: limits.maxLimit,
            // By slug: see usedByRolesField (a join sorted by the localized title breaks draft reads).
            defaultSort: 'slug',
            on: 'buildsOn',
          },
        ],
        label: 'Overview',
      },
      {
        fields: [
          roleLinkField({
            name: 'responsibilities',
            description: 'The work the role is responsible for.',
            itemName: 'responsibility',
            relationTo: slugs.responsibilities,
          }),
          roleLinkField({
            name: 'skills',
            description: 'Skills the role asks for, soft and technical.',
            itemName: 'skill',
            relationTo: slugs.skills,
          }),
          roleLinkField({
            name: 'certifications',
            description: 'Certifications the role asks for or that enhance it.',
            itemName: 'certification',
            relationTo: slugs.certifications,
          }),
        ],
        label: 'Responsibilities, skills, certifications',
      },
      {
        fields: [
          {
            name: 'qualifications',
            type: 'array',
            admin: {
              description: 'Degrees that qualify for the role: one row per degree, with the fields of study that count.',
            },
            fields: [
              {
                type: 'row',
                fields: [
                  {
                    name: 'level',
                    type: 'select',
                    admin: { width: '50%' },
                    defaultValue: 'bachelor',
                    options: [
                      { label: 'Degree (level not specified)', value: 'unspecified' },
                      { label: 'Associate degree', value: 'associate' },
                      { label: "Bachelor's degree", value: 'bachelor' },
                      { label: "Master's degree", value: 'master' },
                      { label: 'Doctorate', value: 'doctorate' },
                    ],
                    required: true,
                  },
                  requirementField(),
                ],
              },
              {
                name: 'fieldsOfStudy',
                type: 'array',
                admin: { description: 'Any one of these fields qualifies.' },
                fields: [
                  {
                    type: 'row',
                    fields: [
                      {
                        name: 'name',
                        type: 'text',
                        admin: { width: '60%' },
                        localized: true,
                        required: true,
                      },
                      rowSlugField({ useAsSlug: 'name' }),
                    ],
                  },
                ],
                minRows: 1,
                required: true,
              },
              linkNoteField(),
            ],
          },
          {
            name: 'experience',
            type: 'array',
            admin: { description: 'Hands-on experience that qualifies for the role.' },
            fields: [
              {
                type: 'row',
                fields: [
                  {
                    name: 'area',
                    type: 'text',
                    admin: { description: 'e.g. "Software development".', width: '60%' },
                    localized: true,
                    required: true,
                  },
                  rowSlugField({ useAsSlug: 'area' }),
                ],
              },
              {
                type: 'row',
                fields: [
                  {
                    name: 'kind',
                    type: 'select',
                    admin: { width: '50%' },
                    options: [
                      { label: 'Hands-on technical role', value: 'technical' },
                      { label: 'Project management', value: 'management' },
                    ],
                    required: true,
                  },
                  requirementField(),
                ],
              },
              linkNoteField(),
            ],
          },
        ],
        label: 'Qualifications & experience',
      },
      // Crosswalk to O*NET-SOC / ESCO (src/fields/externalCodes.ts): schema, so kept when `disabled`.
      { fields: [externalCodesField()], label: 'Taxonomy codes' },
    ],
  },
  sourceField(),
]

export const rolesCollection = (options: ResolvedRoleCatalogOptions): CollectionConfig =>
  buildCollection({
    name: 'roles',
    base: {
      admin: {
        defaultColumns: ['title', 'abbreviation', 'slug', '_status', 'updatedAt'],
        description:
          'Job roles: what they are responsible for, the skills and certifications they ask for, what qualifies for them. Save a draft to work on a role; only published roles are public.',
        listSearchableFields: ['title', 'abbreviation', 'slug', 'summary'],
        useAsTitle: 'title',
      },
      defaultSort: 'title',
      versions: catalogVersions(options),
    },
    defaultFields: defaultRoleFields(options),
    options,
  })
