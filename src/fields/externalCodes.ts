import type { ArrayField, TextFieldSingleValidation } from 'payload'

/**
 * How a taxonomy concept relates to the role, in SKOS terms: `exact` — the same occupation;
 * `close` — interchangeable for most purposes; `broad` — the taxonomy concept is broader than the
 * role; `narrow` — it is narrower.
 */
export const externalCodeMatches = ['exact', 'close', 'broad', 'narrow'] as const
export type ExternalCodeMatch = (typeof externalCodeMatches)[number]

/** What an external code row holds once saved (and what the seed's taxonomy data provides). */
export type ExternalCode = {
  code?: null | string
  label: string
  match: ExternalCodeMatch
  scheme: string
  source?: null | string
  uri?: null | string
}

export const isHttpUri = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

const validateUri: TextFieldSingleValidation = (value) => {
  if (value === null || value === undefined || value === '') return true
  return isHttpUri(value) ? true : 'The URI must be an absolute http(s) address, e.g. "http://data.europa.eu/esco/occupation/…"'
}

// A code row says nothing unless it names the concept: by its code, by its URI, or both.
const validateCode: TextFieldSingleValidation = (value, { siblingData }) => {
  const uri = (siblingData as { uri?: null | string } | undefined)?.uri
  if ((value === null || value === undefined || value === '') && !uri) {
    return 'Give the code, the URI, or both'
  }
  return true
}

/**
 * Crosswalk from a role to public occupation taxonomies (O*NET-SOC, ESCO, ISCO-08, ...). This is
 * metadata about the role, not content of any article: each row names where it comes from.
 * JSON-LD uses these rows as the Occupation's `occupationalCategory`.
 */
export const externalCodesField = (): ArrayField => ({
  name: 'externalCodes',
  type: 'array',
  admin: {
    description:
      'Codes of this role in public occupation taxonomies and how closely they match. Shown to search engines as the occupational category.',
    initCollapsed: true,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'scheme',
          type: 'text',
          admin: { description: 'The taxonomy, e.g. "O*NET-SOC 2019" or "ESCO".', width: '30%' },
          required: true,
        },
        {
          name: 'code',
          type: 'text',
          admin: { description: 'The code in that taxonomy, e.g. "13-1082.00".', width: '25%' },
          validate: validateCode,
        },
        {
          name: 'label',
          type: 'text',
          admin: { description: "The taxonomy's name for the occupation.", width: '45%' },
          required: true,
        },
      ],
    },
    {
      name: 'uri',
      type: 'text',
      label: 'URI',
      admin: { description: 'The concept\'s address, e.g. "http://data.europa.eu/esco/occupation/…".' },
      validate: validateUri,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'match',
          type: 'select',
          admin: { width: '30%' },
          defaultValue: 'close',
          options: [
            { label: 'Exact match', value: 'exact' },
            { label: 'Close match', value: 'close' },
            { label: 'Broader concept', value: 'broad' },
            { label: 'Narrower concept', value: 'narrow' },
          ],
          required: true,
        },
        {
          name: 'source',
          type: 'text',
          admin: {
            description: 'Where this code comes from, e.g. "O*NET-SOC 2019 taxonomy".',
            width: '70%',
          },
        },
      ],
    },
  ],
  label: 'Taxonomy codes',
  labels: { plural: 'Taxonomy codes', singular: 'Taxonomy code' },
})
