/**
 * The plugin's admin components, for the import map. A host site's config refers to them as
 * `payload-plugin-role-catalog/client#SlugInput` and `payload-plugin-role-catalog/client#LinkRowLabel`.
 */
export { LinkRowLabel, type LinkRowLabelProps } from '../components/LinkRowLabel.js'
export { RoleLinksTable, type RoleLinksTableProps } from '../components/RoleLinksTable.js'
export { SlugInput, type SlugInputProps } from '../components/SlugInput.js'
export { RedeliverButton, type RedeliverButtonProps } from '../components/RedeliverButton.js'
