import type { CollectionConfig } from 'payload'

import type { ResolvedRoleCatalogOptions } from './options.js'

/**
 * The versions config of the four catalogue collections: drafts (validated, so a draft can never
 * hold a malformed or missing slug), autosave and scheduled publishing as the options say
 * (`drafts`). Schema, like the fields: applied whether or not the plugin is disabled.
 */
export const catalogVersions = ({ drafts }: Pick<ResolvedRoleCatalogOptions, 'drafts'>): CollectionConfig['versions'] => ({
  drafts: {
    autosave: drafts.autosave,
    schedulePublish:
      drafts.schedulePublish === false
        ? false
        : Object.keys(drafts.schedulePublish).length > 0
          ? drafts.schedulePublish
          : true,
    validate: true,
  },
  // An autosave rewrites the latest autosaved version instead of adding one, so typing does not
  // push older versions out.
  maxPerDoc: 50,
})
