/**
 * `payload-plugin-role-catalog/translations`: the plugin's admin texts, for a site that words some
 * of them its own way (`i18n.translations`, under the `roleCatalog` namespace).
 */
export { roleCatalogTranslations, type RoleCatalogTranslationKey, TRANSLATION_NAMESPACE } from '../translations/index.js'
