import type { RequirementLevel } from '../fields/requirement.js'
import type { ReuseLevel, SkillType } from '../fields/skillClassification.js'

/** A row the importer skipped, and why; `line` is the 1-based line of the CSV file where the row starts. */
export type ImportProblem = {
  file: string
  line: number
  message: string
}

/** Where a document came from, as the plugin's `source` group records it. */
export type ImportSource = {
  quote: string
  section: string
  title: string
  uri: string
}

export type SkillInput = {
  alternateNames: string[]
  /** Line of the row in its file. */
  line: number
  description?: string
  kind: 'soft' | 'technical'
  name: string
  reuseLevel?: ReuseLevel
  skillType?: SkillType
  source: ImportSource
  uri: string
}

export type RoleLinkInput = {
  /** Line of the relation in its file, for reporting a skill that cannot be found. */
  line: number
  requirement: RequirementLevel
  /** URI of the linked skill (in this catalogue or already in the database). */
  skillUri: string
}

export type RoleInput = {
  alternateNames: string[]
  /** Line of the row in its file. */
  line: number
  skills: RoleLinkInput[]
  source: ImportSource
  summary?: string
  title: string
  uri: string
}

/** A catalogue read from files and checked row by row: what can be imported, and what was skipped. */
export type ParsedCatalogue = {
  /** Relations whose occupation is not in the occupations file: fine if the role is already imported. */
  orphanRelations: { line: number; occupationUri: string }[]
  problems: ImportProblem[]
  /** File names, for reports. */
  files: { occupations: string; relations: string; skills: string }
  roles: RoleInput[]
  skills: SkillInput[]
}
