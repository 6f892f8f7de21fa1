/**
 * untranslatedListVsPlain (issue 19, part 8): the admin's list page of a catalogue collection on the
 * bilingual ESCO-size catalogue, its reads with the "Without German text: N" filter's counts
 * (src/localization/untranslatedCounts.ts, what src/components/UntranslatedFilter.tsx renders) over
 * the same list's reads without them. The list's read is Payload's `find` as its List view makes it
 * (drafts, the admin's locale without fallback, the editor's access, the collection's default sort
 * and page size, lock status; pages rotating). Target: at most 1.5. For comparison (details), the
 * counts as the filter made them before: the Local API's `find`, one page of one row per locale.
 */
import type { CollectionSlug, TypedUser } from 'payload'

import { countUntranslated } from '../../src/localization/untranslatedCounts.js'
import { getCatalogConfig } from '../../src/plugin/catalogConfig.js'
import type { BenchSite } from './benchSite.js'
import { round, sideBySide } from './timing.js'

// The list read itself takes seconds at this size (Payload's draft query for the roles' `builtOnBy`
// and the items' `roles` joins): few rounds are enough for a median, and keep the run short.
const ROUNDS = 15
const WARMUP = 2
const PAGES = 20

export type UntranslatedFigures = {
  /** The larger of the collections' ratios: the list page the filter costs most on. */
  ratio: number
  collections: Record<
    string,
    { counts: Record<string, number>; findCountsRatio: number; listMs: number; ratio: number; withCountsMs: number; withFindCountsMs: number }
  >
}

/**
 * The German text of the bench's localized catalogue (written into the published documents' `_locales`
 * rows) into their latest versions too, as saving them in the admin would have: the list and its
 * filter read each document's latest version.
 */
const germanInLatestVersions = async (site: BenchSite) => {
  const client = await site.sql()
  for (const [table, columns] of [
    ['roles', ['title', 'abbreviation', 'summary', 'focus']],
    ['skills', ['name', 'description']],
  ] as const) {
    await client.query(
      `insert into _${table}_v_locales (_locale, _parent_id, ${columns.map((column) => `version_${column}`).join(', ')})
       select 'de', v.id, ${columns.map((column) => `l.${column}`).join(', ')}
         from _${table}_v v join ${table}_locales l on l._parent_id = v.parent_id and l._locale = 'de'
        where v.latest
       on conflict (_locale, _parent_id) do nothing`,
    )
  }
  await client.query('analyze _roles_v_locales, _skills_v_locales')
}

/**
 * German text for part of the bench's localized catalogue (localizedRoleBySlugVsSql, httpRoleBySlug):
 * every other role, every third skill; the rest falls back to English.
 */
export const addGermanText = async (site: BenchSite) => {
  const client = await site.sql()
  await client.query(`insert into roles_locales (_locale, _parent_id, title, abbreviation, summary, focus)
    select 'de', _parent_id, 'DE ' || title, abbreviation, 'DE ' || summary, focus from roles_locales where _locale = 'en' and _parent_id % 2 = 0`)
  await client.query(`insert into skills_locales (_locale, _parent_id, name, description)
    select 'de', _parent_id, 'DE ' || name, null from skills_locales where _locale = 'en' and _parent_id % 3 = 0`)
  // As autovacuum would after such a write (the importer analyzes what it wrote): with the German rows
  // unknown to the planner, both statements took plans for empty tables (the SQL baseline ~20 ms instead of ~2.5 ms).
  await client.query('analyze roles_locales, skills_locales')
}

/** The benchmark's table row for the figure. */
export const untranslatedRow = (figures: UntranslatedFigures) => ({
  figure: 'untranslatedListVsPlain',
  met: figures.ratio <= 1.5,
  target: '≤ 1.5',
  value: `${figures.ratio.toFixed(2)} (${Object.entries(figures.collections)
    .map(
      ([slug, each]) =>
        `${slug}: ${each.withCountsMs.toFixed(2)} ms / ${each.listMs.toFixed(2)} ms, ${Object.entries(each.counts)
          .map(([code, count]) => `${count} without ${code}`)
          .join(', ')}; counted by find: ${each.findCountsRatio.toFixed(2)}`,
    )
    .join('; ')})`,
})

export const measureUntranslatedList = async (site: BenchSite, log: (line: string) => void): Promise<UntranslatedFigures> => {
  const { payload } = site
  await germanInLatestVersions(site)
  const email = 'bench-editor@example.com'
  const existing = await payload.find({ collection: 'users', limit: 1, where: { email: { equals: email } } })
  const doc = existing.docs[0] ?? (await payload.create({ collection: 'users', data: { email, password: 'bench-editor-password' } as never }))
  // As the admin's request carries the logged-in editor.
  const user = { ...doc, collection: 'users' } as unknown as TypedUser
  const { slugs: catalog } = getCatalogConfig(payload.config)
  const slugs = [catalog.roles, catalog.skills]
  const figures: UntranslatedFigures = { collections: {}, ratio: 0 }
  for (const slug of slugs) {
    const collectionConfig = payload.collections[slug as CollectionSlug]!.config
    const list = (i: number) =>
      payload.find({
        collection: slug as CollectionSlug,
        depth: 0,
        draft: true,
        fallbackLocale: false,
        includeLockStatus: true,
        limit: collectionConfig.admin.pagination?.defaultLimit ?? 10,
        locale: payload.config.localization ? payload.config.localization.defaultLocale : undefined,
        overrideAccess: false,
        page: (i % PAGES) + 1,
        sort: collectionConfig.defaultSort as string | undefined,
        user,
      })
    const counts = await countUntranslated({ collectionConfig, payload, user })
    if (!counts || counts.length === 0) throw new Error(`untranslatedListVsPlain: ${slug} shows no untranslated counts`)
    log(`untranslated counts on the ${slug} list: ${counts.map((count) => `${count.code} ${count.totalDocs}`).join(', ')}; ${ROUNDS} rounds`)
    const localeCodes = counts.map((count) => count.code)
    /** The counts as the filter made them before: the Local API's `find`, one page of one row per locale. */
    const findCounts = () =>
      Promise.all(
        localeCodes.map((code) =>
          payload.find({
            collection: slug as CollectionSlug,
            depth: 0,
            draft: true,
            fallbackLocale: false,
            limit: 1,
            locale: code as never,
            overrideAccess: false,
            user,
            where: { [collectionConfig.admin.useAsTitle!]: { exists: false } },
          }),
        ),
      )
    const found = await findCounts()
    if (found.some((result, index) => result.totalDocs !== counts[index]!.totalDocs)) {
      throw new Error(`untranslatedListVsPlain: the counts differ from the list's own totals on ${slug}`)
    }
    const measured = await sideBySide(
      {
        list: (i) => list(i),
        withFindCounts: async (i) => {
          await list(i)
          await findCounts()
        },
        // The list view reads its page first; the filter (a server component above the table) then counts.
        withCounts: async (i) => {
          await list(i)
          await countUntranslated({ collectionConfig, payload, user })
        },
      },
      { iterations: ROUNDS, warmup: WARMUP },
    )
    const ratio = measured.withCounts.medianMs / measured.list.medianMs
    figures.collections[slug] = {
      counts: Object.fromEntries(counts.map((count) => [count.code, count.totalDocs])),
      findCountsRatio: round(measured.withFindCounts.medianMs / measured.list.medianMs),
      listMs: round(measured.list.medianMs),
      ratio: round(ratio),
      withCountsMs: round(measured.withCounts.medianMs),
      withFindCountsMs: round(measured.withFindCounts.medianMs),
    }
    figures.ratio = Math.max(figures.ratio, round(ratio))
  }
  return figures
}
