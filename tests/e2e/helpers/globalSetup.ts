import { buildSite } from './site.js'

/**
 * Builds the demo site for production once for all browser suites. The build reads the config but
 * never connects to a database, so it gets a placeholder URL; each suite brings its own database.
 */
export default async function setup() {
  await buildSite(process.env.E2E_BUILD_DATABASE_URL ?? 'postgres://build-only@127.0.0.1:1/none')
}
