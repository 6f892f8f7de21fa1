import type { CollectionSlug, Payload, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { createHash, randomUUID } from 'node:crypto'
import { createLocalReq } from 'payload'
import type { SQL } from 'drizzle-orm'

import type { ImportProblem, ParsedCatalogue, RoleInput, RoleTranslation, SkillInput, SkillTranslation } from './types.js'

import { CHANGE_BATCH_KEY, ChangeBatch, changeBatchOf } from '../changes/changeBatch.js'
import { adapterName, isPostgres } from '../database/adapter.js'
import { drizzleOrm, loadDrizzle } from '../database/drizzle.js'
import { acquireProcessLock } from '../database/processLock.js'
import { SLUG_MAX_LENGTH, toSlug } from '../fields/slug.js'
import { getCatalogSlugs } from '../plugin/catalogConfig.js'
import { CollectionRowBuilder, RowSet } from './sqlRows.js'
import { findTooLong } from './validateLengths.js'

export type ImportMethod = 'localApi' | 'sql'

export type BatchInfo = {
  collection: 'roles' | 'skills'
  /** 1-based number of the batch within its collection. */
  index: number
  /** `source.section` of the first and last document of the batch (file and line). */
  first: string
  last: string
  size: number
}

export type ImportProgress = { done: number; phase: 'roles' | 'skills'; total: number }

export type ImportCatalogueArgs = {
  /** Documents per batch; each batch is written in one transaction. Default 500. */
  batchSize?: number
  /**
   * Runs inside each batch's transaction after its rows are written; throwing rolls the batch
   * back (and stops the import). For checks of your own, and for tests that simulate a failure.
   */
  beforeCommit?: (batch: BatchInfo) => Promise<void> | void
  catalogue: ParsedCatalogue
  /**
   * `sql` (the default on PostgreSQL) writes in bulk through the adapter's drizzle instance, exactly
   * the rows `payload.create` would write; `localApi` (the default, and the only method, on other
   * adapters) calls `payload.create` per document (runs the collections' hooks; about 60 ms per
   * document on a 2-core machine, some 50 times slower).
   */
  method?: ImportMethod
  onProgress?: (progress: ImportProgress) => void
  payload: Payload
}

export type ImportReport = {
  /** The batch that failed and was rolled back; the import stopped there. A re-run continues. */
  failed?: { batch: BatchInfo; error: string }
  links: { created: number }
  problems: ImportProblem[]
  roles: { created: number; existing: number }
  seconds: number
  skills: { created: number; existing: number }
}

// Arbitrary but fixed: two imports at once queue batch by batch instead of racing.
const IMPORT_LOCK_KEY = 7_305_112_002

type Adapter = {
  beginTransaction: () => Promise<null | number | string>
  commitTransaction: (id: number | string) => Promise<void>
  drizzle: any
  idType?: 'serial' | 'uuid'
  rollbackTransaction: (id: number | string) => Promise<void>
  schemaName?: string
  sessions: Record<string, { db: any }>
  tables: Record<string, any>
}

/** Short, stable suffix for a colliding slug: the first 8 hex digits of a UUID in the URI, else of its hash. */
const uriSuffix = (uri: string) => {
  const uuid = /([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(uri)
  return (uuid ? uuid[1]! : createHash('sha1').update(uri).digest('hex').slice(0, 8)).toLowerCase()
}

/**
 * Slugs from the label; on collision with a slug in the database or earlier in this import, the
 * URI's suffix is appended, so the same catalogue always yields the same slugs.
 */
export const assignSlug = (label: string, uri: string, taken: Set<string>, fallback: string) => {
  const base = toSlug(label) ?? fallback
  let slug = base
  if (taken.has(slug)) {
    const suffix = uriSuffix(uri)
    slug = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length - 1).replace(/-+$/, '')}-${suffix}`
    for (let n = 2; taken.has(slug); n++) slug = `${slug.replace(/-\d+$/, '')}-${n}`
  }
  taken.add(slug)
  return slug
}

/**
 * Documents created one by one get increasing timestamps, and lists sorted by createdAt (join
 * fields' default) rely on it; a batch spreads its documents over the milliseconds before now.
 */
const timestamp = (now: number, index: number, count: number) => new Date(now - (count - 1 - index)).toISOString()

const chunk = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/**
 * One `INSERT … SELECT FROM unnest(…)` per table and batch: one array parameter per column, cast
 * to the column's own type, instead of one parameter per value (PostgreSQL's limit is 65,535, and
 * building and binding hundreds of thousands of parameters dominates a bulk load).
 */
const columnTypesByAdapter = new WeakMap<Adapter, Map<string, Map<string, string>>>()

const loadColumnTypes = async (db: any, adapter: Adapter, table: string) => {
  let columnTypes = columnTypesByAdapter.get(adapter)
  if (!columnTypes) columnTypesByAdapter.set(adapter, (columnTypes = new Map()))
  const known = columnTypes.get(table)
  if (known) return known
  const qualified = qualify(adapter, table)
  const { sql } = drizzleOrm()
  const result = await db.execute(
    sql`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ${qualified}::regclass and attnum > 0 and not attisdropped`,
  )
  const types = new Map((result.rows as { name: string; type: string }[]).map((row) => [row.name, row.type]))
  columnTypes.set(table, types)
  return types
}

const qualify = (adapter: Adapter, table: string) =>
  adapter.schemaName && adapter.schemaName !== 'public' ? `"${adapter.schemaName}"."${table}"` : `"${table}"`

const insertRows = async (db: any, adapter: Adapter, rows: RowSet) => {
  for (const [table, list] of rows.tables) {
    const { getTableColumns, sql } = drizzleOrm()
    const drizzleTable = adapter.tables[table]
    const columns = getTableColumns(drizzleTable)
    const keys = new Set<string>()
    for (const row of list) for (const key of Object.keys(row)) keys.add(key)
    const types = await loadColumnTypes(db, adapter, table)
    const names: SQL[] = []
    const arrays: SQL[] = []
    for (const key of keys) {
      const column = columns[key]!
      const type = types.get(column.name)
      if (!type) throw new Error(`column ${column.name} of ${table} not found in the database; is the schema up to date?`)
      names.push(sql`${sql.identifier(column.name)}`)
      arrays.push(sql`${sql.param(list.map((row) => row[key] ?? null))}::${sql.raw(type)}[]`)
    }
    await db.execute(
      sql`insert into ${drizzleTable} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    )
  }
}

const allocateIDs = async (db: any, adapter: Adapter, table: string, count: number): Promise<(number | string)[]> => {
  if (count === 0) return []
  if (adapter.idType === 'uuid') return Array.from({ length: count }, () => randomUUID())
  const qualified = qualify(adapter, table)
  const { sql } = drizzleOrm()
  const result = await db.execute(
    sql`select nextval(pg_get_serial_sequence(${qualified}, 'id'))::integer as id from generate_series(1, ${count})`,
  )
  return (result.rows as { id: number }[]).map((row) => row.id)
}

type Existing = { byUri: Map<string, number | string>; slugs: Set<string> }

const loadExisting = async (db: any, table: any): Promise<Existing> => {
  const rows: { id: number | string; slug: null | string; uri: null | string }[] = await db
    .select({ id: table.id, slug: table.slug, uri: table.source_uri })
    .from(table)
  const byUri = new Map<string, number | string>()
  const slugs = new Set<string>()
  for (const row of rows) {
    if (row.uri) byUri.set(row.uri, row.id)
    if (row.slug) slugs.add(row.slug)
  }
  return { byUri, slugs }
}

/**
 * Existing documents through the Local API (adapters other than PostgreSQL): every one's slug and
 * source URI, or, given `uris`, those with one of them (in the batch's transaction, `req`).
 */
const loadExistingLocally = async (
  payload: Payload,
  collection: string,
  req?: PayloadRequest,
  uris?: string[],
): Promise<Existing & { present: { id: number | string; uri: string }[] }> => {
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { slug: true, source: { uri: true } } as never,
    ...(uris ? { where: { 'source.uri': { in: uris } } } : {}),
  })
  const byUri = new Map<string, number | string>()
  const slugs = new Set<string>()
  const present: { id: number | string; uri: string }[] = []
  for (const doc of docs as unknown as { id: number | string; slug?: null | string; source?: { uri?: null | string } | null }[]) {
    const uri = doc.source?.uri
    if (uri) {
      byUri.set(uri, doc.id)
      present.push({ id: doc.id, uri })
    }
    if (doc.slug) slugs.add(doc.slug)
  }
  return { byUri, present, slugs }
}

/**
 * The languages an import reads by default: the site's locales, its default locale first (its
 * files hold the concepts and relations); `en` on a site without localization.
 */
export const importLanguages = (payload: Payload): string[] => {
  const localization = payload.config.localization
  if (!localization) return ['en']
  return [localization.defaultLocale, ...localization.localeCodes.filter((code) => code !== localization.defaultLocale)]
}

/**
 * Throws, naming the language, unless the site can hold every language asked for: the first one
 * is the site's default locale (or the only language of a site without localization), the others
 * are configured locales.
 */
export const checkImportLanguages = (payload: Payload, languages: string[]): void => {
  const localization = payload.config.localization
  const [first, ...others] = languages
  if (!first) throw new Error('no language given: pass at least one')
  if (!localization) {
    if (others.length > 0) {
      throw new Error(`this site has no localization: it can hold one language, not ${languages.join(', ')}`)
    }
    return
  }
  if (first !== localization.defaultLocale) {
    throw new Error(
      `the first language must be the site's default locale "${localization.defaultLocale}" (its files hold every concept), not "${first}"`,
    )
  }
  const unknown = others.filter((code) => !localization.localeCodes.includes(code))
  if (unknown.length > 0) {
    throw new Error(`language(s) ${unknown.join(', ')} are not locales of this site (${localization.localeCodes.join(', ')})`)
  }
}

/**
 * Imports a parsed catalogue (see readEscoCatalogue) into the plugin's skills and roles: new
 * documents only (matched by `source.uri`; existing ones, editors' changes included, are left
 * alone), published, in batches of one transaction each. Skills come first, so every role batch
 * links only to skills that are committed.
 */
export const importCatalogue = async ({
  batchSize = 500,
  beforeCommit,
  catalogue,
  method: requestedMethod,
  onProgress,
  payload,
}: ImportCatalogueArgs): Promise<ImportReport> => {
  const started = performance.now()
  const adapter = payload.db as unknown as Adapter
  // Bulk writing is PostgreSQL's (src/database/adapter.ts); elsewhere the Local API writes.
  const postgres = isPostgres(payload)
  const method = requestedMethod ?? (postgres ? 'sql' : 'localApi')
  if (method === 'sql' && !postgres) {
    throw new Error(
      `role catalog import: \`method: 'sql'\` (bulk import) needs PostgreSQL (@payloadcms/db-postgres); this site runs on the "${adapterName(payload)}" adapter: use \`method: 'localApi'\``,
    )
  }
  await loadDrizzle(payload)
  checkImportLanguages(payload, catalogue.languages)
  const slugs = getCatalogSlugs(payload.config)
  const configs = {
    roles: payload.collections[slugs.roles as CollectionSlug]!.config as SanitizedCollectionConfig,
    skills: payload.collections[slugs.skills as CollectionSlug]!.config as SanitizedCollectionConfig,
  }
  // The tables, on PostgreSQL: the bulk writer fills them, and the Local API method reads
  // existing documents from them too (one plain statement instead of a `find` of every document).
  const builders = postgres
    ? {
        roles: new CollectionRowBuilder(adapter as never, configs.roles),
        skills: new CollectionRowBuilder(adapter as never, configs.skills),
      }
    : undefined
  const tables = builders ? { roles: adapter.tables[builders.roles.table], skills: adapter.tables[builders.skills.table] } : undefined
  const existingOf = (collection: 'roles' | 'skills') =>
    tables ? loadExisting(adapter.drizzle, tables[collection]) : loadExistingLocally(payload, slugs[collection])

  const report: ImportReport = {
    links: { created: 0 },
    problems: [...catalogue.problems],
    roles: { created: 0, existing: 0 },
    seconds: 0,
    skills: { created: 0, existing: 0 },
  }

  const existingSkills = await existingOf('skills')
  const existingRoles = await existingOf('roles')

  // Plan: what is new, with which slug. Existing documents are counted and left alone.
  // Rows Payload would refuse are reported and skipped before they take a slug.
  const refused = (collection: 'roles' | 'skills', file: string, line: number, data: Record<string, unknown>) => {
    const reason = findTooLong(configs[collection].flattenedFields, data)
    if (reason) report.problems.push({ file, kind: 'row', line, message: reason })
    return Boolean(reason)
  }
  // A translation Payload would refuse is reported and left out: that locale falls back.
  const acceptedTranslations = <T extends { line: number }>(
    collection: 'roles' | 'skills',
    translations: Record<string, T>,
    toData: (translation: T) => Record<string, unknown>,
  ): Record<string, Record<string, unknown>> => {
    const accepted: Record<string, Record<string, unknown>> = {}
    for (const [language, translation] of Object.entries(translations)) {
      const data = toData(translation)
      if (Object.keys(data).length === 0) continue
      const files = catalogue.translationFiles[language]!
      if (!refused(collection, collection === 'roles' ? files.occupations : files.skills, translation.line, data)) accepted[language] = data
    }
    return accepted
  }
  const newSkills: (SkillInput & { slug: string; translated: Record<string, Record<string, unknown>> })[] = []
  for (const skill of catalogue.skills) {
    if (existingSkills.byUri.has(skill.uri)) report.skills.existing++
    else if (!refused('skills', catalogue.files.skills, skill.line, skillData({ ...skill, slug: '' }))) {
      newSkills.push({
        ...skill,
        slug: assignSlug(skill.name, skill.uri, existingSkills.slugs, 'skill'),
        translated: acceptedTranslations('skills', skill.translations, skillTranslationData),
      })
    }
  }
  const newRoles: (RoleInput & { slug: string; translated: Record<string, Record<string, unknown>> })[] = []
  for (const role of catalogue.roles) {
    if (existingRoles.byUri.has(role.uri)) report.roles.existing++
    else if (!refused('roles', catalogue.files.occupations, role.line, roleDocumentData({ ...role, slug: '' }, []))) {
      newRoles.push({
        ...role,
        slug: assignSlug(role.title, role.uri, existingRoles.slugs, 'role'),
        translated: acceptedTranslations('roles', role.translations, roleTranslationData),
      })
    }
  }
  for (const relation of catalogue.orphanRelations) {
    if (!existingRoles.byUri.has(relation.occupationUri)) {
      report.problems.push({
        file: catalogue.files.relations,
        kind: 'row',
        line: relation.line,
        message: `unknown occupation ${relation.occupationUri} (not in ${catalogue.files.occupations} nor in the database)`,
      })
    }
  }

  const defaultLocale = payload.config.localization ? payload.config.localization.defaultLocale : undefined
  /**
   * The Local API writes one locale per call: the document is created in the default locale, then
   * each other locale's text is saved with an update in that locale (a version each, as an editor's
   * translation would make). The bulk writer puts every locale into the one version it writes.
   */
  const translateWithLocalApi = async (
    collection: string,
    id: number | string,
    translations: Record<string, Record<string, unknown>>,
    req: PayloadRequest,
  ) => {
    for (const [locale, data] of Object.entries(translations)) {
      await payload.update({
        id,
        collection: collection as CollectionSlug,
        data: data as never,
        depth: 0,
        locale: locale as never,
        overrideAccess: true,
        req,
      })
    }
  }

  const skillIDs = new Map(existingSkills.byUri)
  const writtenTables = new Set<string>()
  const runBatch = async <T extends { slug: string; source: { section: string }; uri: string }>(
    collection: 'roles' | 'skills',
    items: T[],
    index: number,
    write: (db: any, req: PayloadRequest, items: T[], now: number) => Promise<void>,
  ): Promise<boolean> => {
    const batch: BatchInfo = {
      collection,
      first: items[0]!.source.section,
      index,
      last: items[items.length - 1]!.source.section,
      size: items.length,
    }
    // A SQLite site without `transactionOptions` has no transactions (Payload's own writes run
    // without one there too): the batch is then written document by document.
    const transactionID = await adapter.beginTransaction()
    if (transactionID === null && postgres) throw new Error('role catalog import needs database transactions')
    const db = transactionID === null ? undefined : adapter.sessions?.[String(transactionID)]?.db
    // The batch is one change on the change feed, published after its commit (src/changes).
    const changes = new ChangeBatch('import')
    const req = await createLocalReq({ context: { [CHANGE_BATCH_KEY]: changes } }, payload)
    if (transactionID !== null) req.transactionID = transactionID
    // Batches of concurrent imports queue up: across instances on PostgreSQL (released by the
    // commit), within this process elsewhere (src/database/processLock.ts).
    let unlock = () => {}
    try {
      const uris = items.map((item) => item.uri)
      let present: { id: number | string; uri: string }[]
      if (tables) {
        const { inArray, sql } = drizzleOrm()
        await db.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`)
        // Another import may have written some of these since the plan was made.
        const table = tables[collection]
        present = await db
          .select({ id: table.id, uri: table.source_uri })
          .from(table)
          .where(inArray(table.source_uri, uris))
      } else {
        unlock = await acquireProcessLock(`import:${IMPORT_LOCK_KEY}`)
        present = (await loadExistingLocally(payload, slugs[collection], req, uris)).present
      }
      const skip = new Set(present.map((row) => row.uri))
      // Roles link to such skills by their ID, as to any other existing skill.
      if (collection === 'skills') for (const row of present) skillIDs.set(row.uri, row.id)
      const fresh = items.filter((item) => !skip.has(item.uri))
      report[collection].existing += items.length - fresh.length
      await write(db, req, fresh, Date.now())
      await beforeCommit?.(batch)
      // The webhook outbox's rows join the batch's transaction (src/changes/inTransaction.ts).
      await changes.stage(req)
      if (transactionID !== null) await adapter.commitTransaction(transactionID)
      changes.publish(payload)
      report[collection].created += fresh.length
      return true
    } catch (error) {
      if (transactionID !== null) await adapter.rollbackTransaction(transactionID)
      report.failed = { batch, error: error instanceof Error ? error.message : String(error) }
      return false
    } finally {
      unlock()
    }
  }

  // Skills.
  const writeSkills = async (db: any, req: PayloadRequest, items: (typeof newSkills)[number][], now: number) => {
    const data = items.map((skill) => skillData(skill))
    if (method === 'localApi') {
      for (const [i, item] of items.entries()) {
        const doc = await payload.create({
          collection: slugs.skills as CollectionSlug,
          data: { ...data[i], _status: 'published' } as never,
          depth: 0,
          locale: defaultLocale as never,
          overrideAccess: true,
          req,
        })
        await translateWithLocalApi(slugs.skills, doc.id, item.translated, req)
        skillIDs.set(item.uri, doc.id)
      }
      return
    }
    const ids = await allocateIDs(db, adapter, builders!.skills.table, items.length)
    const versionIDs = await allocateIDs(db, adapter, builders!.skills.versionsTable, items.length)
    const rows = new RowSet()
    items.forEach((item, i) => {
      builders!.skills.addDocument(rows, {
        data: data[i]!,
        id: ids[i]!,
        now: timestamp(now, i, items.length),
        translations: item.translated,
        versionID: versionIDs[i]!,
      })
    })
    await rows.resolvePendingIDs((table, count) => allocateIDs(db, adapter, table, count))
    await insertRows(db, adapter, rows)
    for (const table of rows.tables.keys()) writtenTables.add(table)
    items.forEach((item, i) => skillIDs.set(item.uri, ids[i]!))
    // New skills: only the new roles of later batches link them.
    changeBatchOf(req)?.add('skills', items.map((item, i) => ({ id: ids[i]!, slug: item.slug })), [])
  }
  let done = 0
  const total = newSkills.length + newRoles.length
  for (const [i, items] of chunk(newSkills, batchSize).entries()) {
    const ok = await runBatch('skills', items, i + 1, writeSkills)
    if (!ok) {
      await analyzeWrittenTables(adapter, report, writtenTables)
      return finish(report, started, catalogue)
    }
    done += items.length
    onProgress?.({ done, phase: 'skills', total })
  }

  // Roles, with their links to skills.
  let pendingLinks = 0
  const roleData = (role: (typeof newRoles)[number]) => {
    const links: { requirement: string; skill: number | string }[] = []
    for (const link of role.skills) {
      const id = skillIDs.get(link.skillUri)
      if (id === undefined) {
        report.problems.push({
          file: catalogue.files.relations,
          kind: 'row',
          line: link.line,
          message: `unknown skill ${link.skillUri} (not in ${catalogue.files.skills} nor in the database)`,
        })
        continue
      }
      links.push({ requirement: link.requirement, skill: id })
    }
    return { data: roleDocumentData(role, links), links: links.length, translations: role.translated }
  }
  const writeRoles = async (db: any, req: PayloadRequest, items: (typeof newRoles)[number][], now: number) => {
    const data = items.map(roleData)
    if (method === 'localApi') {
      for (const entry of data) {
        const doc = await payload.create({
          collection: slugs.roles as CollectionSlug,
          data: { ...entry.data, _status: 'published' } as never,
          depth: 0,
          locale: defaultLocale as never,
          overrideAccess: true,
          req,
        })
        await translateWithLocalApi(slugs.roles, doc.id, entry.translations, req)
      }
    } else {
      const ids = await allocateIDs(db, adapter, builders!.roles.table, items.length)
      const versionIDs = await allocateIDs(db, adapter, builders!.roles.versionsTable, items.length)
      const rows = new RowSet()
      data.forEach((entry, i) => {
        builders!.roles.addDocument(rows, {
          data: entry.data,
          id: ids[i]!,
          now: timestamp(now, i, items.length),
          translations: entry.translations,
          versionID: versionIDs[i]!,
        })
      })
      await rows.resolvePendingIDs((table, count) => allocateIDs(db, adapter, table, count))
      await insertRows(db, adapter, rows)
      for (const table of rows.tables.keys()) writtenTables.add(table)
      changeBatchOf(req)?.add(
        'roles',
        items.map((item, i) => ({ id: ids[i]!, slug: item.slug })),
        items.map((item) => item.slug),
      )
    }
    pendingLinks = data.reduce((sum, entry) => sum + entry.links, 0)
  }
  for (const [i, items] of chunk(newRoles, batchSize).entries()) {
    const problemsBefore = report.problems.length
    pendingLinks = 0
    const ok = await runBatch('roles', items, i + 1, writeRoles)
    if (!ok) {
      // The batch's rows are gone; so are the problems it found, which a re-run reports again.
      report.problems.length = problemsBefore
      await analyzeWrittenTables(adapter, report, writtenTables)
      return finish(report, started, catalogue)
    }
    report.links.created += pendingLinks
    done += items.length
    onProgress?.({ done, phase: 'roles', total })
  }
  await analyzeWrittenTables(adapter, report, writtenTables)
  return finish(report, started, catalogue)
}

/**
 * A bulk load leaves the planner's statistics behind until autovacuum catches up, and with them
 * the plans: measured at ESCO size, a role read with its skills took 2.7 s before ANALYZE and
 * 13 ms after (the join from skills to roles scanned every role). So the importer refreshes the
 * statistics of what it wrote. It also moves the GIN indexes' pending entries (the search index,
 * src/search/postgres/schema.ts) into the indexes: until autovacuum does, every search scans the
 * whole pending list (measured at ESCO size: search p50 258 ms right after the import, 67 ms once
 * merged).
 */
const analyzeWrittenTables = async (adapter: Adapter, report: ImportReport, tables: Set<string>) => {
  if (report.skills.created + report.roles.created === 0 || tables.size === 0) return
  const { sql } = drizzleOrm()
  for (const table of tables) {
    await adapter.drizzle.execute(sql.raw(`analyze ${qualify(adapter, table)}`))
    const regclass = `'${qualify(adapter, table).replace(/'/g, "''")}'::regclass`
    await adapter.drizzle.execute(sql.raw(`select gin_clean_pending_list(i.indexrelid) from pg_index i
      join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam where i.indrelid = ${regclass} and a.amname = 'gin'`))
  }
}

const finish = (report: ImportReport, started: number, catalogue: ParsedCatalogue): ImportReport => {
  // In reading order: skills, occupations, relations, then each further language's; by line within a file.
  const { files, translationFiles } = catalogue
  const order = [files.skills, files.occupations, files.relations, ...Object.values(translationFiles).flatMap((more) => [more.skills, more.occupations])]
  report.problems.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file) || a.line - b.line)
  report.seconds = (performance.now() - started) / 1000
  return report
}

/** The skill as Payload data; the Local API and the SQL writer receive the same object. */
const skillData = (skill: SkillInput & { slug: string }) =>
  withoutUndefined({
    name: skill.name,
    slug: skill.slug,
    alternateNames: skill.alternateNames,
    description: skill.description,
    kind: skill.kind,
    reuseLevel: skill.reuseLevel,
    skillType: skill.skillType,
    source: skill.source,
  })

/** A skill's text in another locale: only what that language's file has (the rest falls back). */
const skillTranslationData = (translation: SkillTranslation) =>
  withoutUndefined({
    name: translation.name,
    alternateNames: translation.alternateNames.length > 0 ? translation.alternateNames : undefined,
    description: translation.description,
  })

const roleTranslationData = (translation: RoleTranslation) =>
  withoutUndefined({
    alternateNames: translation.alternateNames.length > 0 ? translation.alternateNames : undefined,
    summary: translation.summary,
    title: translation.title,
  })

const roleDocumentData = (role: RoleInput & { slug: string }, skills: { requirement: string; skill: number | string }[]) =>
  withoutUndefined({
    slug: role.slug,
    alternateNames: role.alternateNames,
    skills,
    source: role.source,
    summary: role.summary,
    title: role.title,
  })

const withoutUndefined = (data: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined))

