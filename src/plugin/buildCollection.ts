import type { CollectionConfig, Field } from 'payload'

import type { CatalogCollection, ResolvedRoleCatalogOptions } from './options.js'

import { withMaxLengths } from '../fields/maxLengths.js'
import { boundReads } from '../hooks/boundReads.js'
import { requiredInDefaultLocale } from '../localization/requiredInDefaultLocale.js'
import { translatedCollectionLabels, withTranslatedLabels } from '../translations/index.js'
import { catalogHooks } from '../hooks/index.js'
import { databaseNamesFor } from './databaseNames.js'
import { previewAdmin } from '../preview/previewAdmin.js'
import { markPluginOwned } from './owned.js'
import { defaultCatalogAccess } from './access.js'

type BuildCollectionArgs = {
  /** The plugin's own collection config, without slug, access or fields. */
  base: Omit<CollectionConfig, 'access' | 'fields' | 'slug'>
  defaultFields: Field[]
  /** Collection hooks that make up the plugin's behaviour; left out when the plugin is disabled. */
  pluginHooks?: CollectionConfig['hooks']
  name: CatalogCollection
  options: ResolvedRoleCatalogOptions
}

const mergeHooks = (
  first: CollectionConfig['hooks'] = {},
  second: CollectionConfig['hooks'] = {},
): CollectionConfig['hooks'] => {
  const merged: Record<string, unknown[]> = {}
  for (const hooks of [first, second]) {
    for (const [key, list] of Object.entries(hooks)) {
      merged[key] = [...(merged[key] ?? []), ...((list as unknown[]) ?? [])]
    }
  }
  return merged as CollectionConfig['hooks']
}

/**
 * One expression per collection, as Payload's own plugins do it: the plugin's config, then the
 * host's overrides on top (the host's access functions replace the defaults of the same name,
 * its hooks run after the plugin's, its `fields` function receives the plugin's fields).
 */
export const buildCollection = ({
  name,
  base,
  defaultFields,
  options,
  pluginHooks,
}: BuildCollectionArgs): CollectionConfig => {
  const override = options.overrides[name] ?? {}
  // Admin labels come from the plugin's translations (src/translations/); a host's own labels win.
  // Nested tables and enums named to fit PostgreSQL's 63 characters under any slug the options
  // accept (src/plugin/databaseNames.ts); the host's own fields, added below, are its to name.
  const { dbName, fields } = databaseNamesFor({
    fields: withTranslatedLabels(requiredInDefaultLocale(withMaxLengths(defaultFields))),
    slug: options.slugs[name],
    versions: Boolean(base.versions),
  })
  const ownHooks = options.disabled
    ? {}
    : mergeHooks(mergeHooks({ beforeOperation: [boundReads(options.limits)] }, catalogHooks(name, options)), pluginHooks)
  // Recognised later as the plugin's own: tuned reads need a collection without a host's hooks.
  for (const hooks of [ownHooks, base.hooks]) {
    for (const list of Object.values(hooks ?? {})) for (const hook of (list as unknown[]) ?? []) markPluginOwned(hook)
  }
  return {
    ...base,
    labels: override.labels ?? translatedCollectionLabels(name),
    slug: options.slugs[name],
    ...(dbName ? { dbName } : {}),
    access: { ...defaultCatalogAccess(), ...override.access },
    // Previews on the host's frontend (`preview` option) are behaviour: none when disabled.
    admin: { group: options.adminGroup, ...base.admin, ...previewAdmin(name, options), ...override.admin },
    fields: override.fields ? override.fields({ defaultFields: fields }) : fields,
    hooks: mergeHooks(ownHooks, mergeHooks(base.hooks, override.hooks)),
  }
}
