/*
 * The example frontend's languages: the demo site's content locales (dev/payload.config.ts). English,
 * the default locale, is served at the root (/roles/…); every other language under its code
 * (/de/roles/…). next.config.mjs maps the English URLs onto the app's [lang] segment. Plain data
 * and functions only: the client-side live preview and dev/preview.ts import it too.
 */

export const LANGUAGES = ['en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]

/** The site's default locale: its pages have no prefix, and other languages fall back to it. */
export const DEFAULT_LANGUAGE: Language = 'en'

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value)

/** A page's path in a language, from its path without a language (`/roles/x` → `/de/roles/x`). */
export const localizedPath = (language: Language, path: string): string =>
  language === DEFAULT_LANGUAGE ? path : `/${language}${path === '/' ? '' : path}`

/** Each language's name, in that language (the language switch shows them so). */
export const languageNames: Record<Language, string> = { de: 'Deutsch', en: 'English' }

type Words = {
  admin: string
  buildsOn: (base: string) => string
  builtOnBy: (a: string, b: string) => string
  compareSideBySide: string
  compareWith: (a: string, b: string) => string
  counts: (responsibilities: number, skills: number, certifications: number) => string
  degreeIn: string
  degreeLevels: Record<string, string>
  dimensions: Record<'certifications' | 'experience' | 'qualifications' | 'responsibilities' | 'skills', { description: string; title: string }>
  draft: string
  draftBanner: string
  draftPreview: string
  exitPreview: string
  experienceKinds: Record<string, string>
  focus: string
  footer: string
  languageSwitch: string
  lead: string
  match: (how: string) => string
  /** The search box and the search results page. */
  search: {
    all: string
    basicRanking: string
    empty: string
    /** One hit's kind (a badge, a suggestion). */
    kinds: Record<'certifications' | 'responsibilities' | 'roles' | 'skills', string>
    /** The counts per kind above the hits. */
    kindsPlural: Record<'certifications' | 'responsibilities' | 'roles' | 'skills', string>
    label: string
    matchedOn: (field: string) => string
    next: string
    noHits: (text: string) => string
    page: (page: number, pages: number) => string
    placeholder: string
    previous: string
    refused: string
    results: (total: number, text: string) => string
    submit: string
    title: string
    useInMatch: string
  }
  /** The "match my skills" page. */
  matching: {
    certifications: string
    covered: string
    coverage: (percent: number) => string
    intro: string
    missingRecommended: string
    missingRequired: string
    nav: string
    noMatches: string
    nothingMissing: string
    pickSome: string
    recommendedCount: (matched: number, total: number) => string
    requiredCount: (matched: number, total: number) => string
    results: (shown: number, total: number) => string
    skills: string
    submit: string
    title: string
    unknown: (slugs: string) => string
  }
  noRoles: string
  notFound: string
  pageNotFound: string
  publicTaxonomies: string
  recommended: string
  relatedRole: string
  required: string
  roles: string
  rolesNotFound: string
  shadedRows: string
  skillsWithRoles: string
  tally: (both: number, a: string, onlyA: number, b: string, onlyB: number) => string
  /** The mark beside text shown in the default language because this one has none yet. */
  untranslated: string
  /** Said once at the top of a page with such text. */
  untranslatedNotice: string
}

/** The frontend's own words (the catalogue's text comes from the site, in the page's language). */
export const words: Record<Language, Words> = {
  de: {
    admin: 'Verwaltung',
    buildsOn: (base) => `Baut auf ${base} auf:`,
    builtOnBy: (a, b) => `Die Rolle ${b} baut auf der Rolle ${a} auf.`,
    compareSideBySide: 'nebeneinander vergleichen',
    compareWith: (a, b) => `${a} mit ${b} vergleichen`,
    counts: (r, s, c) => `${r} Verantwortlichkeiten · ${s} Fähigkeiten · ${c} Zertifizierungen`,
    degreeIn: 'in',
    degreeLevels: {
      associate: 'Associate-Abschluss',
      bachelor: 'Bachelor',
      doctorate: 'Promotion',
      master: 'Master',
      unspecified: 'Abschluss (Stufe nicht angegeben)',
    },
    dimensions: {
      certifications: { description: 'Zertifizierungen, die eine Rolle verlangt oder die sie stärken.', title: 'Zertifizierungen' },
      experience: { description: 'Praktische Erfahrung, die für die Rolle qualifiziert.', title: 'Erfahrung' },
      qualifications: { description: 'Abschlüsse, nach Fachrichtung.', title: 'Abschlüsse' },
      responsibilities: { description: 'Wofür jede Rolle verantwortlich ist.', title: 'Verantwortlichkeiten' },
      skills: { description: 'Soziale und technische Fähigkeiten.', title: 'Fähigkeiten' },
    },
    draft: 'Entwurf',
    draftBanner: 'Diese Seite zeigt die neuesten Entwürfe, wie nur Redakteure sie sehen.',
    draftPreview: 'Entwurfsvorschau',
    exitPreview: 'Vorschau beenden',
    experienceKinds: { management: 'Projektmanagement', technical: 'Technische Praxisrolle' },
    focus: 'Schwerpunkt:',
    footer: 'Beispiel-Frontend: Jede Seite wird beim Aufruf über HTTP von /api/graphql gelesen.',
    languageSwitch: 'Sprache',
    lead: 'Berufsrollen: wofür sie verantwortlich sind und was für sie qualifiziert.',
    match: (how) => `Übereinstimmung: ${how}`,
    noRoles: 'Noch keine Rollen veröffentlicht.',
    notFound: 'Rolle nicht gefunden',
    pageNotFound: 'Diese Seite gibt es nicht (oder nicht mehr).',
    publicTaxonomies: 'In öffentlichen Klassifikationen',
    recommended: 'Empfohlen',
    search: {
      all: 'Alle',
      basicRanking: 'Einfache Suche: Diese Datenbank ordnet Treffer nicht nach Relevanz.',
      empty: 'Geben Sie ein, wonach Sie suchen: eine Rolle, eine Fähigkeit, eine Zertifizierung.',
      kinds: { certifications: 'Zertifizierung', responsibilities: 'Verantwortlichkeit', roles: 'Rolle', skills: 'Fähigkeit' },
      kindsPlural: { certifications: 'Zertifizierungen', responsibilities: 'Verantwortlichkeiten', roles: 'Rollen', skills: 'Fähigkeiten' },
      label: 'Katalog durchsuchen',
      matchedOn: (field) => `gefunden in: ${field}`,
      next: 'Weiter',
      noHits: (text) => `Nichts gefunden für „${text}“.`,
      page: (page, pages) => `Seite ${page} von ${pages}`,
      placeholder: 'z. B. Projektleiter, Kommunikation, PMP',
      previous: 'Zurück',
      refused: 'Diese Suche ist zu lang (höchstens 200 Zeichen).',
      results: (total, text) => `${total} Treffer für „${text}“`,
      submit: 'Suchen',
      title: 'Suche',
      useInMatch: 'für „Passende Rollen“ verwenden',
    },
    matching: {
      certifications: 'Meine Zertifizierungen',
      covered: 'Vorhanden:',
      coverage: (percent) => `${percent} % abgedeckt`,
      intro: 'Wählen Sie Ihre Fähigkeiten und Zertifizierungen: Die Rollen, die sie am besten abdecken, stehen oben, mit dem, was noch fehlt. Erforderliches zählt doppelt so viel wie Empfohlenes.',
      missingRecommended: 'Fehlt (empfohlen):',
      missingRequired: 'Fehlt (erforderlich):',
      nav: 'Passende Rollen',
      noMatches: 'Keine Rolle verlangt eine der gewählten Fähigkeiten oder Zertifizierungen.',
      nothingMissing: 'Es fehlt nichts.',
      pickSome: 'Wählen Sie mindestens eine Fähigkeit oder Zertifizierung.',
      recommendedCount: (m, t) => `Empfohlen: ${m} von ${t}`,
      requiredCount: (m, t) => `Erforderlich: ${m} von ${t}`,
      results: (shown, total) => (shown === total ? `${total} passende Rollen` : `Die besten ${shown} von ${total} passenden Rollen`),
      skills: 'Meine Fähigkeiten',
      submit: 'Passende Rollen zeigen',
      title: 'Welche Rollen passen zu mir?',
      unknown: (slugs) => `Nicht (mehr) im Katalog, ignoriert: ${slugs}`,
    },
    relatedRole: 'Verwandte Rolle:',
    required: 'Erforderlich',
    roles: 'Rollen',
    rolesNotFound: 'Rollen nicht gefunden',
    shadedRows: 'Hinterlegte Zeilen haben beide Rollen; ein Strich heißt, dass die Rolle den Eintrag nicht nennt.',
    skillsWithRoles: 'Fähigkeiten und die Rollen, die sie verlangen',
    tally: (both, a, onlyA, b, onlyB) => `Beide: ${both} · nur ${a}: ${onlyA} · nur ${b}: ${onlyB}`,
    untranslated: 'Noch nicht übersetzt: englischer Text',
    untranslatedNotice: 'Ein Teil dieser Seite ist noch nicht übersetzt und erscheint auf Englisch (mit EN markiert).',
  },
  en: {
    admin: 'Admin',
    buildsOn: (base) => `Builds on ${base}:`,
    builtOnBy: (a, b) => `The ${b} builds on the ${a}.`,
    compareSideBySide: 'compare side by side',
    compareWith: (a, b) => `compare ${a} with ${b}`,
    counts: (r, s, c) => `${r} responsibilities · ${s} skills · ${c} certifications`,
    degreeIn: 'in',
    degreeLevels: {
      associate: 'Associate degree',
      bachelor: "Bachelor's degree",
      doctorate: 'Doctorate',
      master: "Master's degree",
      unspecified: 'Degree (level not specified)',
    },
    dimensions: {
      certifications: { description: 'Certifications each role asks for or that enhance it.', title: 'Certifications' },
      experience: { description: 'Hands-on experience that qualifies for the role.', title: 'Experience' },
      qualifications: { description: 'Degrees, by field of study.', title: 'Degrees' },
      responsibilities: { description: 'The work each role is responsible for.', title: 'Responsibilities' },
      skills: { description: 'Soft and technical skills.', title: 'Skills' },
    },
    draft: 'Draft',
    draftBanner: 'This page shows the latest drafts, as only editors see them.',
    draftPreview: 'Draft preview',
    exitPreview: 'Exit preview',
    experienceKinds: { management: 'Project management', technical: 'Hands-on technical role' },
    focus: 'Focus:',
    footer: 'Example frontend: every page is read from /api/graphql over HTTP when it is requested.',
    languageSwitch: 'Language',
    lead: 'Job roles with what they are responsible for and what qualifies for them.',
    match: (how) => `${how} match`,
    noRoles: 'No roles are published yet.',
    notFound: 'Role not found',
    pageNotFound: 'This page could not be found.',
    publicTaxonomies: 'In public taxonomies',
    recommended: 'Recommended',
    search: {
      all: 'All',
      basicRanking: 'Basic search: this database does not rank hits by relevance.',
      empty: 'Type what you are looking for: a role, a skill, a certification.',
      kinds: { certifications: 'Certification', responsibilities: 'Responsibility', roles: 'Role', skills: 'Skill' },
      kindsPlural: { certifications: 'Certifications', responsibilities: 'Responsibilities', roles: 'Roles', skills: 'Skills' },
      label: 'Search the catalogue',
      matchedOn: (field) => `matched on: ${field}`,
      next: 'Next',
      noHits: (text) => `Nothing found for “${text}”.`,
      page: (page, pages) => `Page ${page} of ${pages}`,
      placeholder: 'e.g. project manager, communication, PMP',
      previous: 'Previous',
      refused: 'This search is too long (200 characters at most).',
      results: (total, text) => `${total} ${total === 1 ? 'hit' : 'hits'} for “${text}”`,
      submit: 'Search',
      title: 'Search',
      useInMatch: 'use in “Match my skills”',
    },
    matching: {
      certifications: 'My certifications',
      covered: 'You have:',
      coverage: (percent) => `${percent}% covered`,
      intro: 'Pick your skills and certifications: the roles they cover best come first, with what each still asks for. Required items count twice as much as recommended ones.',
      missingRecommended: 'Missing (recommended):',
      missingRequired: 'Missing (required):',
      nav: 'Match my skills',
      noMatches: 'No role asks for any of the skills or certifications you picked.',
      nothingMissing: 'Nothing is missing.',
      pickSome: 'Pick at least one skill or certification.',
      recommendedCount: (m, t) => `Recommended: ${m} of ${t}`,
      requiredCount: (m, t) => `Required: ${m} of ${t}`,
      results: (shown, total) => (shown === total ? `${total} matching roles` : `The best ${shown} of ${total} matching roles`),
      skills: 'My skills',
      submit: 'Show matching roles',
      title: 'Which roles fit me?',
      unknown: (slugs) => `Not (or no longer) in the catalogue, ignored: ${slugs}`,
    },
    relatedRole: 'Related role:',
    required: 'Required',
    roles: 'Roles',
    rolesNotFound: 'Roles not found',
    shadedRows: 'Shaded rows are items both roles have; a dash means the role does not list the item.',
    skillsWithRoles: 'Skills and the roles that ask for them',
    tally: (both, a, onlyA, b, onlyB) => `Both: ${both} · only ${a}: ${onlyA} · only ${b}: ${onlyB}`,
    untranslated: 'Not translated yet: English text',
    untranslatedNotice: 'Part of this page is not translated yet and is shown in English (marked EN).',
  },
}
