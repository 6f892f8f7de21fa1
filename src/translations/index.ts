import type { CollectionConfig, Config, Field, LabelFunction, Tab } from 'payload'

import { de } from './de.js'
import { en, type RoleCatalogTranslationKey } from './en.js'

export type { RoleCatalogTranslationKey } from './en.js'

/** The namespace of every plugin key: `t('roleCatalog:roles_plural')`. */
export const TRANSLATION_NAMESPACE = 'roleCatalog'

/** The plugin's admin labels, in the shape of Payload's `i18n.translations`. */
export const roleCatalogTranslations = {
  de: { [TRANSLATION_NAMESPACE]: de },
  en: { [TRANSLATION_NAMESPACE]: en },
}

type Translations = NonNullable<NonNullable<Config['i18n']>['translations']>

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const deepMerge = (base: Record<string, unknown>, top: Record<string, unknown>): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(top)) {
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? deepMerge(merged[key], value) : value
  }
  return merged
}

/**
 * The plugin's translations under the host's: any key the host sets itself wins. Admin languages the
 * host supports and the plugin has no text for get the English labels (rather than raw keys).
 */
export const mergeTranslations = (
  host: Translations | undefined,
  supportedLanguages: string[] = [],
): Translations => {
  const plugin: Record<string, unknown> = { ...roleCatalogTranslations }
  for (const language of supportedLanguages) plugin[language] ??= roleCatalogTranslations.en
  return deepMerge(plugin, (host ?? {}) as Record<string, unknown>) as Translations
}

/**
 * A label looked up in the admin's language when it renders. A language without the key (the host
 * supports French, say, and gave no French labels) shows the English one rather than the raw key.
 */
export const translatedLabel = (key: RoleCatalogTranslationKey): LabelFunction => ({ t }) => {
  const fullKey = `${TRANSLATION_NAMESPACE}:${key}`
  const text = (t as (key: string) => string)(fullKey)
  return text && text !== fullKey ? text : en[key]
}

const hasKey = (key: string): key is RoleCatalogTranslationKey => Object.hasOwn(en, key)

const tabKeyByEnglishLabel = new Map(
  Object.entries(en)
    .filter(([key]) => key.startsWith('tab_'))
    .map(([key, label]) => [label, key as RoleCatalogTranslationKey]),
)

const labelFor = (name: string, parent: string | undefined): LabelFunction | undefined => {
  for (const key of [parent ? `field_${parent}_${name}` : undefined, `field_${name}`]) {
    if (key && hasKey(key)) return translatedLabel(key)
  }
  return undefined
}

const translateOptions = (field: Extract<Field, { type: 'select' }>): Extract<Field, { type: 'select' }>['options'] =>
  field.options.map((option) => {
    const value = typeof option === 'string' ? option : option.value
    const key = `option_${field.name}_${value}`
    if (!hasKey(key)) return option
    if (typeof option !== 'string' && typeof option.label !== 'string') return option
    return { label: translatedLabel(key), value }
  })

/**
 * Gives the plugin's default fields translated labels without touching the collection files: every
 * field, select option and tab the translations know gets a label function; anything that already
 * has a label of its own (or that the translations do not know) is left as it is. Runs on the
 * default fields only, before a host's `fields` override, so the host's own fields stay untouched.
 */
export const withTranslatedLabels = (fields: Field[], parent?: string): Field[] =>
  fields.map((field): Field => {
    const named = 'name' in field ? field.name : undefined
    let next: Field = field
    if (named && !('label' in field && field.label !== undefined)) {
      const label = labelFor(named, parent)
      if (label) next = { ...next, label } as Field
    }
    if (next.type === 'select') next = { ...next, options: translateOptions(next) }
    if (next.type === 'tabs') {
      next = {
        ...next,
        tabs: next.tabs.map((tab): Tab => {
          const key = typeof tab.label === 'string' ? tabKeyByEnglishLabel.get(tab.label) : undefined
          const tabName = 'name' in tab ? tab.name : undefined
          return {
            ...tab,
            ...(key ? { label: translatedLabel(key) } : {}),
            fields: withTranslatedLabels(tab.fields, tabName ?? parent),
          } as Tab
        }),
      }
    } else if ('fields' in next && Array.isArray(next.fields)) {
      next = { ...next, fields: withTranslatedLabels(next.fields, named ?? parent) } as Field
    }
    return next
  })

/** `labels` for one of the plugin's collections, e.g. Role / Roles, Rolle / Rollen. */
export const translatedCollectionLabels = (
  name: 'certifications' | 'responsibilities' | 'roles' | 'skills',
): NonNullable<CollectionConfig['labels']> => ({
  plural: translatedLabel(`${name}_plural`),
  singular: translatedLabel(`${name}_singular`),
})

/**
 * The admin group's name per language (Payload takes a record of language → text there, not a
 * function), from the merged translations so a host's own wording wins.
 */
export const translatedAdminGroup = (translations: Translations): Record<string, string> => {
  const group: Record<string, string> = {}
  for (const [language, namespaces] of Object.entries(translations)) {
    const text = (namespaces as Record<string, Record<string, string> | undefined>)?.[TRANSLATION_NAMESPACE]?.adminGroup
    if (typeof text === 'string') group[language] = text
  }
  return group
}

/**
 * A collection's singular label as English text, for messages the API answers in English (a
 * refused delete, a taken slug). A label function is resolved against the site's merged English
 * translations, so a host's own wording (e.g. "Job role") shows; a static label is used as it is.
 */
export const englishSingularLabel = (
  collection: Pick<CollectionConfig, 'labels' | 'slug'>,
  config: { i18n?: { translations?: unknown } },
): string => {
  const label = collection.labels?.singular
  if (typeof label === 'string') return label
  if (typeof label === 'function') {
    const english = ((config.i18n?.translations as Record<string, unknown> | undefined)?.en ?? {}) as Record<
      string,
      Record<string, string> | undefined
    >
    const t = (key: string) => {
      const [namespace, name] = key.split(':') as [string, string]
      return english[namespace]?.[name] ?? key
    }
    return (label as LabelFunction)({ i18n: {} as never, t: t as never })
  }
  if (label && typeof label === 'object') {
    const byLanguage = label as Record<string, string>
    return byLanguage.en ?? Object.values(byLanguage)[0] ?? collection.slug
  }
  return collection.slug
}
