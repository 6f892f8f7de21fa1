/**
 * The plugin's admin server components, for the import map. A host site's config refers to them as
 * `payload-plugin-role-catalog/rsc#UntranslatedFilter`.
 */
export { UntranslatedFilter } from '../components/UntranslatedFilter.js'
