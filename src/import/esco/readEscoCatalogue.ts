import { parse } from 'csv-parse'
import { createReadStream, existsSync } from 'node:fs'
import path from 'node:path'

import type { ImportProblem, ParsedCatalogue, RoleInput, SkillInput } from '../types.js'

import {
  DEFAULT_SOURCE_TITLE,
  escoFiles,
  escoRelationTypes,
  escoReuseLevels,
  escoSkillTypes,
  kindFromReuseLevel,
} from './vocabulary.js'

type CsvRow = { line: number; record: Record<string, string> }

const countNewlines = (text: string) => {
  let count = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++
  return count
}

/**
 * Streams a CSV file with a header row. Every record carries the line it starts on (ESCO's
 * altLabels span several lines); malformed records are reported and skipped.
 */
async function* readCsv(file: string, required: string[], problems: ImportProblem[]): AsyncGenerator<CsvRow> {
  const name = path.basename(file)
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const missing = required.filter((column) => !header.includes(column))
        if (missing.length > 0) {
          throw new Error(`${name}: missing column(s) ${missing.join(', ')} in the header row`)
        }
        return header
      },
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  )
  parser.on('skip', (error: Error & { lines?: number }) => {
    problems.push({ file: name, line: error.lines ?? 0, message: `unreadable CSV: ${error.message}` })
  })
  for await (const { info, raw, record } of parser as AsyncIterable<{
    info: { lines: number }
    raw: string
    record: Record<string, string>
  }>) {
    const line = info.lines - countNewlines(raw.replace(/\r?\n$/, ''))
    yield { line, record }
  }
}

/** ESCO separates alternative labels with line breaks; blanks and repeats are dropped. */
const splitLabels = (value: string | undefined, preferred: string) => {
  const labels = (value ?? '')
    .split(/\r?\n/)
    .map((label) => label.trim())
    .filter((label) => label !== '' && label !== preferred)
  return [...new Set(labels)]
}

const text = (value: string | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

export type ReadEscoOptions = {
  /** `source.title` of every imported document. */
  sourceTitle?: string
}

/**
 * Reads a folder in the layout of ESCO's CSV download and checks every row. Rows without a URI or
 * label, with a value outside ESCO's vocabulary, repeated URIs and relations to concepts the files
 * do not define are reported (file and line) and left out. Relations to concepts that are not in
 * the files but may already be in the database are kept for the importer to resolve (see
 * `unresolvedSkillUris` / `unresolvedRoleUris`).
 */
export const readEscoCatalogue = async (
  folder: string,
  { sourceTitle = DEFAULT_SOURCE_TITLE }: ReadEscoOptions = {},
): Promise<ParsedCatalogue> => {
  for (const file of Object.values(escoFiles)) {
    if (!existsSync(path.join(folder, file))) {
      throw new Error(`${path.join(folder, file)} not found: the folder must hold ESCO's ${Object.values(escoFiles).join(', ')}`)
    }
  }
  const problems: ImportProblem[] = []
  const report = (file: string, line: number, message: string) => problems.push({ file, line, message })

  const skills: SkillInput[] = []
  const skillByUri = new Map<string, SkillInput>()
  for await (const { line, record } of readCsv(path.join(folder, escoFiles.skills), ['conceptUri', 'preferredLabel'], problems)) {
    const file = escoFiles.skills
    const uri = text(record.conceptUri)
    const name = text(record.preferredLabel)
    if (!uri) { report(file, line, 'missing conceptUri'); continue }
    if (!name) { report(file, line, `missing preferredLabel for ${uri}`); continue }
    if (skillByUri.has(uri)) { report(file, line, `repeated conceptUri ${uri} (first at ${skillByUri.get(uri)!.source.section})`); continue }
    const skillTypeValue = text(record.skillType)
    const skillType = skillTypeValue === undefined ? undefined : escoSkillTypes[skillTypeValue]
    if (skillTypeValue !== undefined && !skillType) {
      report(file, line, `unknown skillType "${skillTypeValue}" (expected ${Object.keys(escoSkillTypes).join(' | ')})`)
      continue
    }
    const reuseValue = text(record.reuseLevel)
    const reuseLevel = reuseValue === undefined ? undefined : escoReuseLevels[reuseValue]
    if (reuseValue !== undefined && !reuseLevel) {
      report(file, line, `unknown reuseLevel "${reuseValue}" (expected ${Object.keys(escoReuseLevels).join(' | ')})`)
      continue
    }
    const skill: SkillInput = {
      alternateNames: splitLabels(record.altLabels, name),
      description: text(record.description),
      kind: kindFromReuseLevel(reuseLevel),
      line,
      name,
      reuseLevel,
      skillType,
      source: { quote: name, section: `${file}, line ${line}`, title: sourceTitle, uri },
      uri,
    }
    skills.push(skill)
    skillByUri.set(uri, skill)
  }

  const roles: RoleInput[] = []
  const roleByUri = new Map<string, RoleInput>()
  for await (const { line, record } of readCsv(path.join(folder, escoFiles.occupations), ['conceptUri', 'preferredLabel'], problems)) {
    const file = escoFiles.occupations
    const uri = text(record.conceptUri)
    const title = text(record.preferredLabel)
    if (!uri) { report(file, line, 'missing conceptUri'); continue }
    if (!title) { report(file, line, `missing preferredLabel for ${uri}`); continue }
    if (roleByUri.has(uri)) { report(file, line, `repeated conceptUri ${uri} (first at ${roleByUri.get(uri)!.source.section})`); continue }
    const role: RoleInput = {
      alternateNames: splitLabels(record.altLabels, title),
      line,
      skills: [],
      source: { quote: title, section: `${file}, line ${line}`, title: sourceTitle, uri },
      summary: text(record.description),
      title,
      uri,
    }
    roles.push(role)
    roleByUri.set(uri, role)
  }

  // Relations are attached to their role in file order; the importer resolves URIs that are not in
  // these files against the database and reports the ones it cannot find.
  const orphanRelations: ParsedCatalogue['orphanRelations'] = []
  const linked = new Map<string, Set<string>>()
  for await (const { line, record } of readCsv(
    path.join(folder, escoFiles.relations),
    ['occupationUri', 'relationType', 'skillUri'],
    problems,
  )) {
    const file = escoFiles.relations
    const occupationUri = text(record.occupationUri)
    const skillUri = text(record.skillUri)
    const relationType = text(record.relationType)
    if (!occupationUri) { report(file, line, 'missing occupationUri'); continue }
    if (!skillUri) { report(file, line, 'missing skillUri'); continue }
    const requirement = relationType === undefined ? undefined : escoRelationTypes[relationType]
    if (!requirement) {
      report(file, line, `bad relationType "${relationType ?? ''}" (expected ${Object.keys(escoRelationTypes).join(' | ')})`)
      continue
    }
    const seen = linked.get(occupationUri) ?? new Set<string>()
    if (seen.has(skillUri)) { report(file, line, `repeated relation between ${occupationUri} and ${skillUri}`); continue }
    seen.add(skillUri)
    linked.set(occupationUri, seen)
    const role = roleByUri.get(occupationUri)
    if (role) role.skills.push({ line, requirement, skillUri })
    else orphanRelations.push({ line, occupationUri })
  }

  return { files: { ...escoFiles }, orphanRelations, problems, roles, skills }
}
