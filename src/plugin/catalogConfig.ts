import type { Config, SanitizedConfig } from 'payload'

import type { CatalogSlugs, ResolvedRoleCatalogOptions } from './options.js'

/** Key under `config.custom` where the plugin leaves its resolved options for seeding and tooling. */
export const CUSTOM_KEY = 'roleCatalog'

export type StoredCatalogConfig = Pick<ResolvedRoleCatalogOptions, 'disabled' | 'responseCache' | 'search' | 'slugs'> & {
  /**
   * The plugin's tuned reads may be used: the option is on, the plugin is enabled and no collection's
   * fields are overridden (access and hooks are checked at runtime, src/read/tunedReads.ts).
   * Mutable at runtime (tests and the benchmark compare both paths).
   */
  tunedReads?: boolean
}

export const getCatalogConfig = (config: Config | SanitizedConfig): StoredCatalogConfig => {
  const stored = (config.custom as Record<string, unknown> | undefined)?.[CUSTOM_KEY]
  if (!stored) {
    throw new Error('roleCatalogPlugin is not among this Payload config\'s plugins')
  }
  return stored as StoredCatalogConfig
}

export const getCatalogSlugs = (config: Config | SanitizedConfig): CatalogSlugs =>
  getCatalogConfig(config).slugs
