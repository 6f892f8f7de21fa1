import { parse } from 'csv-parse'
import { createReadStream, existsSync } from 'node:fs'
import path from 'node:path'

import type { ImportProblem, ParsedCatalogue, RoleInput, RoleTranslation, SkillInput, SkillTranslation } from '../types.js'

import {
  DEFAULT_SOURCE_TITLE,
  escoFilesFor,
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
    problems.push({ file: name, kind: 'row', line: error.lines ?? 0, message: `unreadable CSV: ${error.message}` })
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
  /**
   * ESCO languages to read, as the site's locale codes (ESCO names its files by the same ISO 639-1
   * codes: `skills_de.csv`). The first language's files hold the concepts and the relations; each
   * further language adds the labels and descriptions of its files. Default: `['en']`.
   */
  languages?: string[]
  /**
   * When the languages were not asked for explicitly (the site's locales): a further language's
   * file that is not there is reported and that language left empty, instead of an error.
   */
  optionalTranslations?: boolean
  /** `source.title` of every imported document. */
  sourceTitle?: string
}

/**
 * Reads one further language's file for concepts already read: preferred label, alternative labels
 * and description by URI. A row for a concept the first language does not have, a repeated URI and
 * a row without a label are reported; a concept the file lacks is reported once, and keeps that
 * locale empty (readers get the fallback language's text).
 */
const readTranslations = async <T extends { line: number; source: { section: string }; translations: Record<string, unknown>; uri: string }>(
  file: string,
  language: string,
  concepts: Map<string, T>,
  problems: ImportProblem[],
  translate: (record: Record<string, string>, line: number) => T['translations'][string],
) => {
  const name = path.basename(file)
  const seen = new Map<string, number>()
  for await (const { line, record } of readCsv(file, ['conceptUri', 'preferredLabel'], problems)) {
    const uri = text(record.conceptUri)
    if (!uri) { problems.push({ file: name, kind: 'row', line, message: 'missing conceptUri' }); continue }
    const concept = concepts.get(uri)
    if (!concept) { problems.push({ file: name, kind: 'row', line, message: `unknown concept ${uri} (not in the first language's file)` }); continue }
    if (seen.has(uri)) { problems.push({ file: name, kind: 'row', line, message: `repeated conceptUri ${uri} (first at ${name}, line ${seen.get(uri)})` }); continue }
    seen.set(uri, line)
    if (!text(record.preferredLabel)) problems.push({ file: name, kind: 'text', line, message: `missing preferredLabel for ${uri}: its ${language} label stays empty` })
    concept.translations[language] = translate(record, line)
  }
  for (const [uri, concept] of concepts) {
    if (!seen.has(uri)) {
      problems.push({ file: name, kind: 'text', line: 0, message: `no row for ${uri} (${concept.source.section}): its ${language} text stays empty` })
    }
  }
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
  { languages = ['en'], optionalTranslations = false, sourceTitle = DEFAULT_SOURCE_TITLE }: ReadEscoOptions = {},
): Promise<ParsedCatalogue> => {
  const [first, ...others] = languages
  if (!first) throw new Error('no language to read: pass at least one')
  if (new Set(languages).size !== languages.length) throw new Error(`a language is listed twice: ${languages.join(', ')}`)
  const escoFiles = escoFilesFor(first)
  const translationFiles = Object.fromEntries(
    others.map((language) => {
      const { occupations, skills } = escoFilesFor(language)
      return [language, { occupations, skills }]
    }),
  )
  const problems: ImportProblem[] = []
  const needed = [...Object.values(escoFiles), ...Object.values(translationFiles).flatMap((files) => Object.values(files))]
  const absent = new Set(needed.filter((file) => !existsSync(path.join(folder, file))))
  for (const file of absent) {
    const optional = optionalTranslations && !Object.values(escoFiles).includes(file as never)
    if (!optional) throw new Error(`${path.join(folder, file)} not found: the folder must hold ESCO's ${needed.join(', ')}`)
    problems.push({ file, kind: 'file', line: 0, message: `not found in ${folder}: that language's text stays empty` })
  }
  const report = (file: string, line: number, message: string) => problems.push({ file, kind: 'row', line, message })

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
      translations: {},
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
      translations: {},
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

  for (const language of others) {
    const files = translationFiles[language]!
    if (!absent.has(files.skills)) {
      await readTranslations(path.join(folder, files.skills), language, skillByUri, problems, (record, line): SkillTranslation => {
        const name = text(record.preferredLabel)
        return { alternateNames: splitLabels(record.altLabels, name ?? ''), description: text(record.description), line, name }
      })
    }
    if (!absent.has(files.occupations)) {
      await readTranslations(path.join(folder, files.occupations), language, roleByUri, problems, (record, line): RoleTranslation => {
        const title = text(record.preferredLabel)
        return { alternateNames: splitLabels(record.altLabels, title ?? ''), line, summary: text(record.description), title }
      })
    }
  }

  return { files: { ...escoFiles }, languages: [...languages], orphanRelations, problems, roles, skills, translationFiles }
}
