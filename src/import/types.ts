import type { RequirementLevel } from '../fields/requirement.js'
import type { ReuseLevel, SkillType } from '../fields/skillClassification.js'

/**
 * Something the importer could not take as it was, and why. `kind` says what it cost, so a summary
 * can count each apart:
 * - `file`: a language's file is absent (that language's text stays empty; no row was skipped);
 * - `row`: a row was skipped (left out of the import);
 * - `text`: a row or concept was imported without some of its text (a label left empty, a concept
 *   a language's file has no row for): readers get the fallback language's text there.
 * `line` is the 1-based line of the CSV file where the row starts, or 0 when there is no line (a
 * file or a row the file lacks).
 */
export type ImportProblem = {
  file: string
  kind: 'file' | 'row' | 'text'
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

/**
 * A concept's text in a language other than the catalogue's first one, from that language's file.
 * What a file leaves out stays empty in that locale, so readers get the fallback language's text.
 */
export type SkillTranslation = { alternateNames: string[]; description?: string; line: number; name?: string }
export type RoleTranslation = { alternateNames: string[]; line: number; summary?: string; title?: string }

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
  /** Text in the other languages read, by locale code. */
  translations: Record<string, SkillTranslation>
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
  /** Text in the other languages read, by locale code. */
  translations: Record<string, RoleTranslation>
  uri: string
}

/** A catalogue read from files and checked row by row: what can be imported, and what was skipped. */
export type ParsedCatalogue = {
  /** Relations whose occupation is not in the occupations file: fine if the role is already imported. */
  orphanRelations: { line: number; occupationUri: string }[]
  problems: ImportProblem[]
  /** File names of the first language, for reports. */
  files: { occupations: string; relations: string; skills: string }
  /**
   * The languages read, as locale codes: the first one's files hold every concept and the
   * relations (it becomes the site's default locale); the others add their text.
   */
  languages: string[]
  /** File names of the other languages, for reports. */
  translationFiles: Record<string, { occupations: string; skills: string }>
  roles: RoleInput[]
  skills: SkillInput[]
}
