import type { LocalizationConfig } from 'payload'

/**
 * The demo site's content locales: English and German. The seed is the English article and its German
 * translation (seed/translations/de.ts); what editors add falls back to English until they translate
 * it (the admin's "Without German text" filter lists what is left). The example frontend serves German under /de (app/(frontend)/_lib/languages.ts).
 * The benchmark builds its ESCO-size site with the same locales, so `next start` of this demo can
 * serve that database (scripts/bench.ts).
 */
export const demoLocalization: LocalizationConfig = {
  defaultLocale: 'en',
  fallback: true,
  // Labels in the admin's languages: an English admin says "German", a German one "Deutsch".
  locales: [
    { code: 'en', label: { de: 'Englisch', en: 'English' } },
    { code: 'de', label: { de: 'Deutsch', en: 'German' } },
  ],
}
