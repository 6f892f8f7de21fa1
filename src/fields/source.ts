import type { GroupField } from 'payload'

/**
 * Where a document's content comes from, so every seeded or imported item can be traced back to
 * its origin (an article, a taxonomy file) and told apart from editors' own additions.
 */
export const sourceField = (): GroupField => ({
  name: 'source',
  type: 'group',
  admin: {
    description: 'Where this content comes from. Leave empty for your own content.',
    position: 'sidebar',
  },
  fields: [
    {
      name: 'title',
      type: 'text',
      admin: { description: 'Title of the source, e.g. an article or a taxonomy.' },
    },
    {
      name: 'section',
      type: 'text',
      admin: { description: 'Where in the source: a section heading, a file and line.' },
    },
    {
      name: 'quote',
      type: 'textarea',
      admin: { description: 'The words of the source this content is based on.' },
    },
    {
      // Identifies the document in a taxonomy (e.g. an ESCO concept URI); importers match on it, so
      // it is indexed.
      name: 'uri',
      type: 'text',
      admin: { description: 'The identifier of this item in the source, e.g. an ESCO concept URI.' },
      index: true,
    },
  ],
})
