import type { Config } from 'payload'

import { seedRoleCatalog } from '../../seed/seedRoleCatalog.js'
import { certificationsCollection } from '../collections/certifications.js'
import { responsibilitiesCollection } from '../collections/responsibilities.js'
import { rolesCollection } from '../collections/roles.js'
import { skillsCollection } from '../collections/skills.js'
import { roleEndpoints } from '../endpoints/index.js'
import { searchEndpoints } from '../search/endpoints.js'
import { itemRoleLinksEndpoints } from '../endpoints/itemRoleLinks.js'
import { serverComponent } from '../fields/adminComponents.js'
import { roleCatalogGraphQL } from '../graphql/index.js'
import { withGraphQLLimits } from '../graphql/limits.js'
import { watchCommits } from '../changes/afterCommit.js'
import { onCatalogChange, receiveRemoteChange, resyncCatalog } from '../changes/changeFeed.js'
import { startChangeTransport } from '../changes/transport.js'
import { startChangeNotifications } from '../notify/changeNotifications.js'
import { databaseErrorsAfterError, keepProcessAliveOnPoolErrors } from '../hooks/databaseErrors.js'
import { mergeTranslations, translatedAdminGroup } from '../translations/index.js'
import { ITEM_IN_USE_ERROR, restoreVersionEndpoint } from '../hooks/index.js'
import { linkedCollections } from '../hooks/roleLinks.js'
import { CUSTOM_KEY } from './catalogConfig.js'
import { withCatalogIndexes } from './indexes.js'
import {
  catalogCollections,
  type RoleCatalogPluginOptions,
  resolveOptions,
  RoleCatalogOptionsError,
} from './options.js'

/**
 * Adds the role catalogue (roles, responsibilities, certifications, skills) to a Payload config.
 *
 * ```ts
 * plugins: [roleCatalogPlugin({ overrides: { roles: { slug: 'job-roles' } }, seed: true })]
 * ```
 */
export const roleCatalogPlugin =
  (pluginOptions: RoleCatalogPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)

    const hostSlugs = new Set((config.collections ?? []).map((collection) => collection.slug))
    for (const name of catalogCollections) {
      if (hostSlugs.has(options.slugs[name])) {
        throw new RoleCatalogOptionsError(
          `invalid option \`overrides.${name}.slug\`: the site already has a collection "${options.slugs[name]}"; give the plugin's ${name} another slug`,
        )
      }
    }

    // The plugin's admin labels under the host's translations: the host's own wording wins.
    const translations = mergeTranslations(
      config.i18n?.translations,
      Object.keys(config.i18n?.supportedLanguages ?? {}),
    )
    const adminGroup = pluginOptions.adminGroup === undefined ? translatedAdminGroup(translations) : undefined
    const catalog = [
      rolesCollection(options),
      responsibilitiesCollection(options),
      certificationsCollection(options),
      skillsCollection(options),
    ].map((collection) =>
      adminGroup && collection.admin?.group === options.adminGroup
        ? { ...collection, admin: { ...collection.admin, group: adminGroup } }
        : collection,
    )

    // Collections are added before the `disabled` check so the schema (and migrations) never depend on it.
    const next: Config = {
      ...config,
      collections: [...(config.collections ?? []), ...catalog],
      i18n: { ...config.i18n, translations },
      custom: {
        ...config.custom,
        [CUSTOM_KEY]: {
          disabled: options.disabled,
          // The route helpers (src/cache) read it; a disabled plugin caches nothing.
          responseCache: { ...options.responseCache, enabled: options.responseCache.enabled && !options.disabled },
          search: options.search,
          slugs: options.slugs,
          // Tuned reads (src/read/tunedReads.ts) need the plugin's own fields.
          tunedReads:
            options.tunedReads && !options.disabled && catalogCollections.every((name) => !options.overrides[name]?.fields),
        },
      },
      // Indexes are schema too: added whether or not the plugin is disabled.
      db: withCatalogIndexes(config.db, options.slugs, options.search) as Config['db'],
    }

    if (options.disabled) return next

    if (options.graphQL.maxDepth || options.graphQL.maxAliases) {
      next.graphQL = {
        ...config.graphQL,
        validationRules: withGraphQLLimits(config.graphQL?.validationRules, options.graphQL),
      }
    }

    next.hooks = {
      ...config.hooks,
      afterError: [...(config.hooks?.afterError ?? []), databaseErrorsAfterError],
    }
    // A refused delete is the editor's everyday business, not a server error: log it as info.
    // (Payload's type lists its own error names only; it looks levels up by any error's name.)
    next.loggingLevels = { ...({ [ITEM_IN_USE_ERROR]: 'info' } as Config['loggingLevels']), ...config.loggingLevels }

    // Frontend API: REST comparison + JSON-LD on the roles collection, GraphQL queries (src/endpoints, src/graphql).
    // After the limits above: it extends `next.graphQL`, keeping their validation rules.
    // Editors: restoring a role's version says which links to deleted items it left out; an item's
    // Roles table edits the roles' links from the item's side (src/endpoints/itemRoleLinks.ts).
    next.collections = next.collections!.map((collection) => {
      if (collection.slug === options.slugs.roles) {
        return {
          ...collection,
          endpoints: [
            ...(collection.endpoints || []),
            ...roleEndpoints(options.slugs, options.limits.maxLimit),
            // Text search and suggestions over the whole catalogue (src/search).
            ...searchEndpoints(),
            restoreVersionEndpoint(options.slugs.roles),
          ],
        }
      }
      const linked = linkedCollections.find((name) => options.slugs[name] === collection.slug)
      return linked
        ? {
            ...collection,
            endpoints: [...(collection.endpoints || []), ...itemRoleLinksEndpoints(linked, options.slugs, options.limits.maxLimit)],
          }
        : collection
    })
    next.graphQL = roleCatalogGraphQL(next.graphQL, options.slugs, options.limits)

    // On a site with more than one locale, each catalogue list tells editors what has no text in
    // the other locales yet, and filters to it (src/components/UntranslatedFilter.tsx).
    if ((config.localization ? config.localization.locales.length : 0) > 1) {
      const catalogSlugs = new Set<string>(catalogCollections.map((name) => options.slugs[name]))
      next.collections = next.collections!.map((collection) =>
        catalogSlugs.has(collection.slug)
          ? {
              ...collection,
              admin: {
                ...collection.admin,
                components: {
                  ...collection.admin?.components,
                  beforeListTable: [...(collection.admin?.components?.beforeListTable ?? []), serverComponent('UntranslatedFilter')],
                },
              },
            }
          : collection,
      )
    }

    const hostOnInit = config.onInit
    next.onInit = async (payload) => {
      keepProcessAliveOnPoolErrors(payload)
      // Before anything writes: changes are published after their transaction commits (src/changes).
      watchCommits(payload)
      // Before the seed, so its change reaches the other instances and the frontends too.
      if (options.instanceSync) {
        startChangeTransport(payload, { onCatalogChange, receiveRemoteChange, resyncCatalog }, options.instanceSync)
      }
      if (options.changeNotifications) {
        startChangeNotifications(payload, onCatalogChange, options.slugs, options.changeNotifications)
      }
      if (hostOnInit) await hostOnInit(payload)
      if (options.seed) await seedRoleCatalog({ payload })
    }

    return next
  }
