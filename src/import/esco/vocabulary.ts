import type { RequirementLevel } from '../../fields/requirement.js'
import type { ReuseLevel, SkillType } from '../../fields/skillClassification.js'

/**
 * The files of ESCO's CSV download in one language that the importer reads. ESCO publishes one
 * download per language, each with the same concepts (same URIs) and the same relations; the
 * labels and descriptions are in that language.
 */
export const escoFilesFor = (language: string) =>
  ({
    occupations: `occupations_${language}.csv`,
    relations: `occupationSkillRelations_${language}.csv`,
    skills: `skills_${language}.csv`,
  }) as const

/** The files of ESCO's English download. */
export const escoFiles = escoFilesFor('en')

/** ESCO's skillType strings → the plugin's GraphQL-safe select values. */
export const escoSkillTypes: Record<string, SkillType> = {
  knowledge: 'knowledge',
  'skill/competence': 'skill_competence',
}

/** ESCO's reuseLevel strings → the plugin's GraphQL-safe select values. */
export const escoReuseLevels: Record<string, ReuseLevel> = {
  'cross-sector': 'cross_sector',
  'occupation-specific': 'occupation_specific',
  'sector-specific': 'sector_specific',
  transversal: 'transversal',
}

/** An essential skill is one the occupation requires; an optional one can enhance it. */
export const escoRelationTypes: Record<string, RequirementLevel> = {
  essential: 'required',
  optional: 'recommended',
}

/**
 * The plugin's required `kind` (soft | technical) is not an ESCO attribute. ESCO's transversal
 * skills are its cross-cutting personal and social skills, the plugin's "soft" skills; every
 * other reuse level is tied to sectors or occupations, i.e. technical/domain skills.
 */
export const kindFromReuseLevel = (reuseLevel: ReuseLevel | undefined): 'soft' | 'technical' =>
  reuseLevel === 'transversal' ? 'soft' : 'technical'

export const DEFAULT_SOURCE_TITLE =
  'ESCO (European Skills, Competences, Qualifications and Occupations), European Commission'
