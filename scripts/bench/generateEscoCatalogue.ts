/**
 * A synthetic catalogue of ESCO's size, in the layout of ESCO's CSV download (occupations_en.csv,
 * skills_en.csv, occupationSkillRelations_en.csv, with ESCO's column names and value vocabularies),
 * so the importer, its tests and the benchmark never depend on downloading ESCO. The same seed gives
 * byte-identical files.
 *
 * The URIs live under example.org: the content is made up and must not pass for ESCO concepts.
 */
import { stringify } from 'csv-stringify'
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'

import { escoFilesFor } from '../../src/import/esco/vocabulary.js'

export type GenerateOptions = {
  /**
   * Languages to write (default `['en']`): the first gets the three files; each further one its
   * occupations_<code>.csv and skills_<code>.csv with the same concepts (URIs, order, columns) and
   * text of its own, as ESCO's per-language downloads are. The text is synthetic: the first
   * language's, tagged with the language code, so a test can tell every language's text apart.
   */
  languages?: string[]
  /** Occupation–skill links in occupationSkillRelations_en.csv. */
  links: number
  occupations: number
  seed: number
  skills: number
}

export const escoSizes: GenerateOptions = { links: 130_000, occupations: 3_000, seed: 1, skills: 14_000 }

export const OCCUPATION_COLUMNS = [
  'conceptType', 'conceptUri', 'iscoGroup', 'preferredLabel', 'altLabels', 'hiddenLabels', 'status',
  'modifiedDate', 'regulatedProfessionNote', 'scopeNote', 'definition', 'inScheme', 'description', 'code',
] as const
export const SKILL_COLUMNS = [
  'conceptType', 'conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'hiddenLabels',
  'status', 'modifiedDate', 'scopeNote', 'definition', 'inScheme', 'description',
] as const
export const RELATION_COLUMNS = ['occupationUri', 'relationType', 'skillType', 'skillUri'] as const

export const SYNTHETIC_URI_BASE = 'https://example.org/synthetic-esco'

/** mulberry32: a small, fast, seedable PRNG; the generator only needs reproducibility. */
const prng = (seed: number) => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VERBS = ['manage', 'operate', 'plan', 'inspect', 'maintain', 'design', 'analyse', 'coordinate', 'monitor', 'install', 'repair', 'evaluate', 'develop', 'apply', 'prepare', 'supervise', 'test', 'document', 'negotiate', 'train']
const GERUNDS: Record<string, string> = { plan: 'planning', apply: 'applying' }
const gerund = (verb: string) => GERUNDS[verb] ?? (verb.endsWith('e') ? `${verb.slice(0, -1)}ing` : `${verb}ing`)
const OBJECTS = ['budgets', 'machinery', 'software', 'projects', 'inventories', 'contracts', 'schedules', 'teams', 'networks', 'vehicles', 'materials', 'records', 'experiments', 'campaigns', 'patients', 'wiring', 'pipelines', 'crops', 'accounts', 'safety procedures', 'quality standards', 'customer requests', 'food products', 'textile goods', 'medical devices', 'databases', 'engines', 'buildings', 'timber', 'chemicals']
const QUALIFIERS = ['industrial', 'digital', 'hydraulic', 'financial', 'agricultural', 'maritime', 'clinical', 'electrical', 'environmental', 'logistic', 'pharmaceutical', 'municipal', 'aeronautical', 'textile', 'acoustic', 'nautical', 'thermal', 'forensic', 'geological', 'ceramic']
const FIELDS = ['law', 'chemistry', 'statistics', 'accounting', 'ergonomics', 'botany', 'metallurgy', 'acoustics', 'cartography', 'pharmacology', 'linguistics', 'hydrology', 'marketing', 'logistics', 'robotics', 'optics', 'genetics', 'welding techniques', 'food science', 'tax legislation']
const ROLE_HEADS = ['technician', 'manager', 'operator', 'engineer', 'specialist', 'assistant', 'inspector', 'coordinator', 'consultant', 'supervisor', 'analyst', 'officer', 'planner', 'designer', 'instructor']
const SECTORS = ['warehouse', 'hospital', 'railway', 'bakery', 'software', 'mining', 'forestry', 'shipping', 'insurance', 'hotel', 'laboratory', 'construction', 'broadcasting', 'textile', 'aviation', 'water utility', 'retail', 'print shop', 'vineyard', 'museum']
const REUSE = ['transversal', 'cross-sector', 'sector-specific', 'occupation-specific'] as const

type Random = () => number

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!

/** A UUID-shaped identifier drawn from the PRNG (version nibble 4), so URIs look like ESCO's. */
const uuid = (random: Random) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

const sentence = (random: Random, subject: string) =>
  `${subject[0]!.toUpperCase()}${subject.slice(1)} ${pick(random, ['covers', 'involves', 'concerns', 'requires'])} ${gerund(pick(random, VERBS))} ${pick(random, QUALIFIERS)} ${pick(random, OBJECTS)} and ${gerund(pick(random, VERBS))} ${pick(random, OBJECTS)} in line with ${pick(random, FIELDS)}.`

const uniqueLabel = (seen: Set<string>, make: () => string) => {
  for (let attempt = 0; ; attempt++) {
    const label = attempt < 20 ? make() : `${make()} ${attempt}`
    if (!seen.has(label)) {
      seen.add(label)
      return label
    }
  }
}

export type GeneratedCatalogue = {
  files: { occupations: string; relations: string; skills: string }
  /** The further languages' files, by language. */
  translationFiles: Record<string, { occupations: string; skills: string }>
  counts: { links: number; occupations: number; skills: number }
}

const writeCsv = async (file: string, columns: readonly string[], rows: Iterable<Record<string, string>>) => {
  await pipeline(
    // ESCO quotes fields that need it; csv-stringify does the same (multi-line altLabels, commas).
    (function* () {
      yield* rows
    })(),
    stringify({ columns: [...columns], header: true }),
    createWriteStream(file),
  )
}

/** A row's text in another language: every label and the description tagged with the language code. */
const inLanguage = (row: Record<string, string>, language: string): Record<string, string> => {
  const tag = (value: string | undefined) => (value ? `${value} [${language}]` : '')
  return {
    ...row,
    altLabels: (row.altLabels ?? '').split('\n').filter(Boolean).map(tag).join('\n'),
    description: tag(row.description),
    preferredLabel: tag(row.preferredLabel),
  }
}

export const generateEscoCatalogue = async (
  folder: string,
  { languages = ['en'], links, occupations, seed, skills }: GenerateOptions = escoSizes,
): Promise<GeneratedCatalogue> => {
  if (skills < 1 || occupations < 1) throw new Error('need at least one skill and one occupation')
  if (links > occupations * skills) throw new Error(`${links} links do not fit ${occupations} × ${skills} pairs`)
  const random = prng(seed)
  await mkdir(folder, { recursive: true })

  // Skills: preferredLabel mostly unique, but about 1 in 200 repeats another skill's label the way
  // ESCO's knowledge and skill concepts sometimes share one, so slug collisions get exercised.
  const skillLabels = new Set<string>()
  const skillRows: Record<string, string>[] = []
  for (let i = 0; i < skills; i++) {
    const isKnowledge = random() < 0.25
    const label =
      i > 10 && random() < 0.005
        ? skillRows[Math.floor(random() * skillRows.length)]!.preferredLabel!
        : uniqueLabel(skillLabels, () =>
            isKnowledge
              ? `${pick(random, QUALIFIERS)} ${pick(random, FIELDS)}`
              : `${pick(random, VERBS)} ${pick(random, QUALIFIERS)} ${pick(random, OBJECTS)}`,
          )
    const altCount = Math.floor(random() * 5)
    const alt = Array.from({ length: altCount }, () => `${pick(random, VERBS)} ${pick(random, OBJECTS)}`)
    const reuse = REUSE[Math.min(3, Math.floor(random() ** 0.7 * 4))]!
    skillRows.push({
      altLabels: [...new Set(alt)].join('\n'),
      conceptType: 'KnowledgeSkillCompetence',
      conceptUri: `${SYNTHETIC_URI_BASE}/skill/${uuid(random)}`,
      definition: '',
      description: sentence(random, label),
      hiddenLabels: '',
      inScheme: `${SYNTHETIC_URI_BASE}/concept-scheme/member-skills`,
      modifiedDate: '2024-05-15T12:00:00.000Z',
      preferredLabel: label,
      reuseLevel: reuse,
      scopeNote: '',
      skillType: isKnowledge ? 'knowledge' : 'skill/competence',
      status: 'released',
    })
  }

  const occupationLabels = new Set<string>()
  const occupationRows: Record<string, string>[] = []
  for (let i = 0; i < occupations; i++) {
    const label = uniqueLabel(occupationLabels, () => `${pick(random, SECTORS)} ${pick(random, QUALIFIERS)} ${pick(random, ROLE_HEADS)}`)
    const altCount = Math.floor(random() * 7)
    const alt = Array.from({ length: altCount }, () => `${pick(random, SECTORS)} ${pick(random, ROLE_HEADS)}`)
    const isco = String(1000 + Math.floor(random() * 9000))
    occupationRows.push({
      altLabels: [...new Set(alt)].join('\n'),
      code: `${isco}.${1 + Math.floor(random() * 20)}`,
      conceptType: 'Occupation',
      conceptUri: `${SYNTHETIC_URI_BASE}/occupation/${uuid(random)}`,
      definition: '',
      description: sentence(random, label),
      hiddenLabels: '',
      inScheme: `${SYNTHETIC_URI_BASE}/concept-scheme/occupations`,
      iscoGroup: isco,
      modifiedDate: '2024-05-15T12:00:00.000Z',
      preferredLabel: label,
      regulatedProfessionNote: `${SYNTHETIC_URI_BASE}/regulated-professions/unregulated`,
      scopeNote: '',
      status: 'released',
    })
  }

  // Links per occupation vary around the mean (ESCO: from a handful to over a hundred); the total is exact.
  const mean = links / occupations
  const perOccupation = occupationRows.map(() => Math.max(1, Math.round(mean * (0.4 + random() * 1.2))))
  let total = perOccupation.reduce((sum, n) => sum + n, 0)
  while (total !== links) {
    const i = Math.floor(random() * occupations)
    if (total < links && perOccupation[i]! < skills) {
      perOccupation[i]!++
      total++
    } else if (total > links && perOccupation[i]! > (links >= occupations ? 1 : 0)) {
      perOccupation[i]!--
      total--
    }
  }

  const relationRows: Record<string, string>[] = []
  occupationRows.forEach((occupation, i) => {
    const chosen = new Set<number>()
    while (chosen.size < perOccupation[i]!) {
      // Skewed towards low indexes: a few skills are used by many occupations, as in ESCO.
      chosen.add(Math.floor(random() ** 2 * skills))
    }
    for (const index of chosen) {
      const skill = skillRows[index]!
      relationRows.push({
        occupationUri: occupation.conceptUri!,
        relationType: random() < 0.52 ? 'essential' : 'optional',
        skillType: skill.skillType!,
        skillUri: skill.conceptUri!,
      })
    }
  })

  const [first = 'en', ...others] = languages
  const names = escoFilesFor(first)
  const files = {
    occupations: path.join(folder, names.occupations),
    relations: path.join(folder, names.relations),
    skills: path.join(folder, names.skills),
  }
  await writeCsv(files.occupations, OCCUPATION_COLUMNS, occupationRows)
  await writeCsv(files.skills, SKILL_COLUMNS, skillRows)
  await writeCsv(files.relations, RELATION_COLUMNS, relationRows)
  const translationFiles: GeneratedCatalogue['translationFiles'] = {}
  for (const language of others) {
    const more = escoFilesFor(language)
    translationFiles[language] = { occupations: path.join(folder, more.occupations), skills: path.join(folder, more.skills) }
    await writeCsv(translationFiles[language].occupations, OCCUPATION_COLUMNS, occupationRows.map((row) => inLanguage(row, language)))
    await writeCsv(translationFiles[language].skills, SKILL_COLUMNS, skillRows.map((row) => inLanguage(row, language)))
  }
  return { counts: { links: relationRows.length, occupations: occupationRows.length, skills: skillRows.length }, files, translationFiles }
}
