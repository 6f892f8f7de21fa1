import type { ArrayField, CollectionSlug } from 'payload'

import { clientComponent } from './adminComponents.js'
import { linkNoteField } from './note.js'
import { requirementField } from './requirement.js'

type RoleLinkFieldArgs = {
  description: string
  /** Name of the array on the role, e.g. `skills`. */
  name: string
  /** Name of the relationship inside each row, e.g. `skill`; a join's `on` is `${name}.${itemName}`. */
  itemName: string
  relationTo: string
}

/**
 * A role's link to a catalogue item, kept as an array row so the link itself carries meaning
 * (required or recommended, a role-specific note) and stays in the order the editor gives it.
 */
export const roleLinkField = ({ name, description, itemName, relationTo }: RoleLinkFieldArgs): ArrayField => ({
  name,
  type: 'array',
  admin: {
    components: {
      // "Leadership · Required" instead of "Skill 01".
      RowLabel: {
        clientProps: { itemName, relationTo, singular: itemName.charAt(0).toUpperCase() + itemName.slice(1) },
        path: clientComponent('LinkRowLabel'),
      },
    },
    description,
    // Open, so a newly added row shows its picker at once ("Collapse All" turns the links into a
    // list of their row labels: name and requirement).
    initCollapsed: false,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: itemName,
          type: 'relationship',
          admin: { width: '70%' },
          relationTo: relationTo as CollectionSlug,
          required: true,
        },
        requirementField(),
      ],
    },
    linkNoteField(),
  ],
})
