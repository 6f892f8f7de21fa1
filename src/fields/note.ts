import type { TextareaField } from 'payload'

/** What a link means for this particular role, in the source's words where there are any. */
export const linkNoteField = (): TextareaField => ({
  name: 'note',
  type: 'textarea',
  admin: {
    description: 'What this means for the role, e.g. "Inspiring and guiding technical teams".',
    rows: 2,
  },
  localized: true,
})
