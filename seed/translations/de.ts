import { articleSeed } from '../data.js'
import { type SeedTranslation, seedTranslationProblems, seedTranslationSchema } from '../schema.js'

/**
 * The article's content in German: a translation of seed/data.ts, item by item (by slug), for the
 * site's `de` locale. The English article stays the source of truth; nothing here adds to it or
 * changes its meaning, and every seeded document keeps the English section and quote it comes from.
 *
 * Choices, so a reviewer can check them:
 * - Job titles in the form German occupation catalogues use (the Federal Employment Agency's
 *   BERUFENET: "Projektmanager/in"); the forms German readers search by ("Projektleiter",
 *   "Projektmanagerin" …) are alternate names, as ESCO lists its German labels. "Projektleiter" is
 *   the common German equivalent of "project manager", so it is a faithful alternate name.
 * - The abbreviations PM and TPM are kept: German project-management usage keeps the English ones.
 * - Certification names stay as issued ("Project Management Professional"); the generic groups the
 *   article names ("Technology-specific certifications") are not names of a certificate and are
 *   translated. Descriptions and link notes are translated.
 * - Established English loan words of German project management are kept where German job ads
 *   use them (Stakeholder, Technologie-Stack, SDLC, Systems Engineering).
 */
export const articleSeedGerman: SeedTranslation = seedTranslationSchema.parse({
  locale: 'de',
  translationOf: {
    language: 'en',
    note: 'Übersetzung des englischen Artikels ins Deutsche; maßgeblich ist der englische Wortlaut.',
    title: articleSeed.sourceTitle,
  },

  responsibilities: {
    'stakeholder-management': {
      title: 'Stakeholder-Management',
      description:
        'Aufbau und Pflege der Beziehungen zu den Stakeholdern, sodass ihre Erwartungen während des gesamten Projektlebenszyklus wirksam gesteuert werden.',
    },
    'resource-allocation': {
      title: 'Ressourcenzuteilung',
      description:
        'Effiziente Zuteilung der Ressourcen auf Aufgaben und Aktivitäten, um die Produktivität zu optimieren und Engpässe möglichst gering zu halten.',
    },
    'risk-management': {
      title: 'Risikomanagement',
      description: 'Erkennen möglicher Risiken und Entwickeln von Strategien zu ihrer Minderung, um den Fortschritt des Projekts abzusichern.',
    },
    communication: {
      title: 'Kommunikation',
      description:
        'Fördern einer klaren und prägnanten Kommunikation zwischen Teammitgliedern, Stakeholdern und weiteren relevanten Beteiligten.',
    },
    'project-planning': {
      title: 'Projektplanung',
      description:
        'Erstellen umfassender Projektpläne mit Zeitplänen, Meilensteinen und Liefergegenständen, die die Durchführung des Projekts leiten.',
    },
    'managing-budgets': {
      title: 'Budgetverwaltung',
      description: 'Verwalten des Projektbudgets, damit das Geld sinnvoll und innerhalb der vorgegebenen Grenzen ausgegeben wird.',
    },
    'technical-expertise': {
      title: 'Technische Expertise',
      description:
        'Ein sicheres Verständnis der für das Projekt maßgeblichen Technologien, Werkzeuge und Methoden, das fundierte Entscheidungen und wirksames Problemlösen ermöglicht.',
    },
    'integration-of-technical-solutions': {
      title: 'Integration technischer Lösungen',
      description:
        'Zusammenarbeit mit technischen Teams, um Lösungen nahtlos in den Projektrahmen zu integrieren und ihre Ausrichtung an den Projektzielen sicherzustellen.',
    },
    'quality-assurance': {
      title: 'Qualitätssicherung',
      description:
        'Überwachen der Qualitätssicherungsprozesse, damit die Liefergegenstände die technischen Spezifikationen erfüllen und den Branchenstandards entsprechen.',
    },
    'risk-assessment': {
      title: 'Risikobewertung',
      description:
        'Durchführen technischer Risikobewertungen und Umsetzen von Strategien zur Risikominderung, um möglichen technischen Herausforderungen zu begegnen.',
    },
    'cross-functional-collaboration': {
      title: 'Funktionsübergreifende Zusammenarbeit',
      description:
        'Fördern der Zusammenarbeit zwischen technischen und nicht-technischen Stakeholdern, als Brücke zwischen den verschiedenen Fachbereichen im Projekt.',
    },
  },

  skills: {
    leadership: { name: 'Führungskompetenz', alternateNames: ['Führung', 'Leadership'] },
    communication: { name: 'Kommunikationsfähigkeit', alternateNames: ['Kommunikation'] },
    'organizational-skills': { name: 'Organisationsfähigkeit', alternateNames: ['Organisationstalent'] },
    'problem-solving': { name: 'Problemlösungsfähigkeit', alternateNames: ['Problemlösung'] },
    'adaptability-to-change': { name: 'Anpassungsfähigkeit an Veränderungen' },
    'project-management-principles': { name: 'Grundsätze des Projektmanagements' },
    'technical-domain-expertise': { name: 'Technisches Fachwissen im Projektbereich' },
  },

  certifications: {
    // The name it is issued under, in every language.
    pmp: {
      name: 'Project Management Professional',
      description: 'Weist sichere Kenntnisse der Grundsätze des Projektmanagements nach.',
    },
    'technology-specific-certifications': {
      name: 'Technologiespezifische Zertifizierungen',
      description: 'Technische Zertifizierungen für die Branche oder den Technologie-Stack, die für das Projekt relevant sind.',
    },
    'salesforce-certifications': { name: 'Salesforce-Zertifizierungen' },
  },

  roles: {
    'project-manager': {
      title: 'Projektmanager/in',
      abbreviation: 'PM',
      alternateNames: ['Projektmanager', 'Projektmanagerin', 'Projektleiter/in', 'Projektleiter', 'Projektleiterin'],
      summary:
        'Der/die Projektmanager/in ist der Kapitän des Schiffes und dafür verantwortlich, das Projekt innerhalb der festgelegten Grenzen von Zeit, Budget und Umfang zum erfolgreichen Abschluss zu steuern.',
      focus: 'Gesamtsteuerung des Projekts und Stakeholder-Management.',
      responsibilities: {},
      skills: {
        leadership: 'Von größter Bedeutung für den Erfolg in dieser Rolle.',
        communication: 'Von größter Bedeutung für den Erfolg in dieser Rolle.',
        'organizational-skills': 'Von größter Bedeutung für den Erfolg in dieser Rolle.',
      },
      certifications: {
        pmp: 'Zu den Qualifikationen gehören in der Regel einschlägige Zertifizierungen wie die Zertifizierung Project Management Professional (PMP).',
      },
      qualifications: [
        {
          note: 'In der Regel ein Bachelorabschluss in einem einschlägigen Fach.',
          fieldsOfStudy: {
            'business-administration': 'Betriebswirtschaftslehre',
            engineering: 'Ingenieurwesen',
            'project-management': 'Projektmanagement',
          },
        },
      ],
      experience: {},
    },
    'technical-project-manager': {
      title: 'Technische/r Projektmanager/in',
      abbreviation: 'TPM',
      alternateNames: [
        'Technischer Projektmanager',
        'Technische Projektmanagerin',
        'Technische/r Projektleiter/in',
        'Technischer Projektleiter',
        'Technische Projektleiterin',
      ],
      summary:
        'Der/die Technische Projektmanager/in verbindet das klassische Rüstzeug des Projektmanagements mit einem tiefen Verständnis der technischen Feinheiten, die das jeweilige Projekt mit sich bringt.',
      focus: 'Spezialisierte technische Expertise; steuert die Umsetzung technischer Lösungen im Rahmen des Projekts.',
      responsibilities: {},
      skills: {
        'project-management-principles':
          'Diese Rolle setzt sichere Kenntnisse der Grundsätze des Projektmanagements voraus; ein solides Fundament im Projektmanagement.',
        'technical-domain-expertise':
          'Je nach Projekt unterschiedlich tiefe Expertise in dem für das Projekt relevanten technischen Bereich; ein solides Fundament in diesem Fachgebiet.',
        'problem-solving': 'Technische Probleme eingrenzen und beheben und effizient Lösungen finden können.',
        'adaptability-to-change':
          'Weil sich Technologie ständig wandelt, ist die Fähigkeit unerlässlich, sich auf neue Werkzeuge, Methoden und Trends einzustellen.',
        communication:
          'Klare Kommunikation: technische Konzepte wirksam an nicht-technische Stakeholder vermitteln und die Zusammenarbeit unterschiedlicher Teams fördern.',
        leadership: 'Technische Teams inspirieren und anleiten, damit sie die Projektziele effizient erreichen.',
      },
      certifications: {
        pmp: 'Kann die Qualifikation stärken: weist sichere Kenntnisse der Grundsätze des Projektmanagements nach.',
        'technology-specific-certifications': 'Bezogen auf die Branche oder den Technologie-Stack, die für das Projekt relevant sind.',
        'salesforce-certifications':
          'Sehr von Vorteil für Technische Projektmanager/innen, die an Salesforce-Projekten arbeiten.',
      },
      qualifications: [
        {
          note: 'Oft gehört dazu ein Studienabschluss in einem technischen Fach.',
          fieldsOfStudy: {
            'computer-science': 'Informatik',
            engineering: 'Ingenieurwesen',
            'information-technology': 'Informationstechnik',
          },
        },
      ],
      experience: {
        'managing-sdlc-projects': {
          area: 'Leitung von SDLC-Projekten',
          note: 'Umfassende Erfahrung in der Leitung von SDLC-Projekten (Softwareentwicklungslebenszyklus) hebt Projektmanager/innen hervor und befähigt sie, stärker technische Rollen zu übernehmen.',
        },
        'software-development': {
          area: 'Softwareentwicklung',
          note: 'Praktische Erfahrung in technischen Rollen ist von unschätzbarem Wert, um ein tiefes Verständnis für die Feinheiten der Projektdurchführung zu entwickeln.',
        },
        'systems-engineering': {
          area: 'Systems Engineering',
          note: 'Praktische Erfahrung in technischen Rollen ist von unschätzbarem Wert, um ein tiefes Verständnis für die Feinheiten der Projektdurchführung zu entwickeln.',
        },
        'cloud-solutions': {
          area: 'Cloud-Lösungen',
          note: 'Praktische Erfahrung in technischen Rollen ist von unschätzbarem Wert, um ein tiefes Verständnis für die Feinheiten der Projektdurchführung zu entwickeln.',
        },
      },
    },
  },
})

const problems = seedTranslationProblems(articleSeed, articleSeedGerman)
if (problems.unknown.length > 0) {
  throw new Error(`seed/translations/de.ts translates what the article seed does not have: ${problems.unknown.join(', ')}`)
}
