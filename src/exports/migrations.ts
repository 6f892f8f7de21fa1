/**
 * `payload-plugin-role-catalog/migrations`: helpers for a site's own migrations (turning
 * localization on after the catalogue holds content).
 */
export {
  keepTextWhenLocalizing,
  type KeepTextWhenLocalizingArgs,
  type KeptText,
} from '../localization/keepTextWhenLocalizing.js'
