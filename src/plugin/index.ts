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
import { watchTypeRenames } from '../graphql/typeNames.js'
import { watchCommits } from '../changes/afterCommit.js'
import { watchReplicaFreshness } from '../replicas/replayFreshness.js'
import { hasReadReplicas } from '../replicas/routing.js'
import { onCatalogChange, onCommitAnnounce, receiveRemoteChange, resyncCatalog } from '../changes/changeFeed.js'
import { startChangeTransport } from '../changes/transport.js'
import { deliveriesCollection } from '../notify/deliveries.js'
import { deliverChangeNotificationsTask, startChangeOutbox } from '../notify/outbox.js'
import { adapterName, isPostgres } from '../database/adapter.js'
import { loadDrizzle } from '../database/drizzle.js'
import { databaseErrorsAfterError } from '../hooks/databaseErrors.js'
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
    const deliveriesSlug = options.changeNotifications?.slug
    if (deliveriesSlug && (hostSlugs.has(deliveriesSlug) || catalogCollections.some((name) => options.slugs[name] === deliveriesSlug))) {
      throw new RoleCatalogOptionsError(
        `invalid option \`changeNotifications.slug\`: "${deliveriesSlug}" is already a collection's slug; give the outbox another one`,
      )
    }
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
    // Change notifications' outbox and the jobs task that delivers it: schema too (src/notify).
    const outbox = options.changeNotifications
      ? [deliveriesCollection(options.changeNotifications, adminGroup ?? options.adminGroup)]
      : []
    const next: Config = {
      ...config,
      collections: [...(config.collections ?? []), ...catalog, ...outbox],
      ...(options.changeNotifications
        ? { jobs: { ...config.jobs, tasks: [
                ...(config.jobs?.tasks ?? []),
                deliverChangeNotificationsTask(options.slugs, options.changeNotifications, !options.disabled),
              ], } }
        : {}),
      i18n: { ...config.i18n, translations },
      custom: {
        ...config.custom,
        [CUSTOM_KEY]: {
          disabled: options.disabled,
          // The route helpers (src/cache) read it; a disabled plugin caches nothing.
          responseCache: { ...options.responseCache, enabled: options.responseCache.enabled && !options.disabled },
          search: options.search,
          slugs: options.slugs,
          // Tuned reads (src/read/tunedReads.ts) check the site's fields, access and hooks themselves.
          tunedReads: options.tunedReads && !options.disabled,
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

    // Database errors of the catalogue's own operations as 503/400 (src/hooks/databaseErrors.ts);
    // the hook leaves every other collection's errors as Payload answers them.
    next.hooks = {
      ...config.hooks,
      afterError: [...(config.hooks?.afterError ?? []), databaseErrorsAfterError],
    }
    // A refused delete is the editor's everyday business, not a server error: log it as info.
    // (Payload's type lists its own error names only; it looks levels up by any error's name.
    // The name is the plugin's own error's, so no other error's level changes.)
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
      // GraphQL types of the plugin renamed because the site has types of those names: logged here.
      watchTypeRenames(payload)
      // The PostgreSQL accelerations need drizzle-orm, loaded only there (src/database/drizzle.ts).
      // On other adapters the catalogue answers through the Local API; said once, at start.
      const postgres = isPostgres(payload)
      if (postgres) await loadDrizzle(payload)
      else {
        payload.logger.info(
          `role catalog: the site runs on the "${adapterName(payload)}" adapter; the catalogue works through Payload's Local API, and the PostgreSQL-only parts are off: tuned reads, LISTEN/NOTIFY between instances, read replicas, bulk import, ranked search`,
        )
      }
      // A customization the tuned reads cannot follow is said once, here, not found in a benchmark.
      const untuned = postgres ? (await import('../read/tunedReads.js')).untunedReason(payload) : undefined
      if (untuned) payload.logger.warn(`role catalog: catalogue reads take Payload's generic path (several times slower): ${untuned}`)
      // Before anything writes: changes are published after their transaction commits (src/changes).
      watchCommits(payload)
      // Replicas are read only once they have replayed the changes this instance knows of.
      if (hasReadReplicas(payload)) watchReplicaFreshness(payload)
      // Before the seed, so its change reaches the other instances and the frontends too.
      // LISTEN/NOTIFY is PostgreSQL's: elsewhere each instance keeps its own caches' promise alone.
      if (options.instanceSync && postgres) {
        const transport = startChangeTransport(payload, { onCatalogChange, onCommitAnnounce, receiveRemoteChange, resyncCatalog }, options.instanceSync)
        // Cached answers wait for proof of hearing; give it a moment so the first requests can use
        // the cache. A deaf connection delays start-up by this bound at most (then it reads the database).
        if (transport) await transport.heard(options.instanceSync.maxStalenessMs)
      }
      if (options.changeNotifications) startChangeOutbox(payload, options.slugs, options.changeNotifications)
      if (hostOnInit) await hostOnInit(payload)
      if (options.seed) await seedRoleCatalog({ payload })
    }

    return next
  }
