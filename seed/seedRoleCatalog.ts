import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import type { CatalogCollection, CatalogSlugs } from '../src/plugin/options.js'
import type { CatalogSeed, SeedTranslation } from './schema.js'

import { CHANGE_BATCH_KEY, ChangeBatch } from '../src/changes/changeBatch.js'
import { isPostgres } from '../src/database/adapter.js'
import { acquireProcessLock } from '../src/database/processLock.js'
import { getCatalogSlugs } from '../src/plugin/catalogConfig.js'
import { articleSeed } from './data.js'
import { fillTranslation } from './fillTranslation.js'
import { catalogSeedSchema, seedTranslationProblems, seedTranslationSchema } from './schema.js'
import { type TaxonomySeed, taxonomySeed, taxonomySeedSchema } from './taxonomy.js'
import { articleSeedGerman } from './translations/de.js'

export type SeedReport = {
  /** Slugs created in this run, per collection. */
  created: Record<CatalogCollection, string[]>
  /** Slugs that already existed and were left untouched, per collection (apart from `translated`). */
  existing: Record<CatalogCollection, string[]>
  /**
   * Per locale a translation was written in: the slugs whose missing text in that locale this run
   * filled in. Empty when the site has none of the translations' locales.
   */
  translated: Record<string, Record<CatalogCollection, string[]>>
}

export type SeedRoleCatalogArgs = {
  /** Defaults to the article's content. Validated before anything is written. */
  data?: CatalogSeed
  /** Called with one line per collection; defaults to payload.logger.info. */
  log?: (line: string) => void
  payload: Payload
  /** Crosswalk codes per role slug (seed/taxonomy.ts), added to a role when it is created. */
  taxonomy?: TaxonomySeed
  /**
   * Translations of `data` into further locales, written where the site has that locale (and it is
   * not the one the seed's own text goes into: its source language when the site has it, else the
   * default locale). Defaults to the article's German (seed/translations/de.ts) when `data` is
   * the article, to none otherwise.
   */
  translations?: SeedTranslation[]
}

// Arbitrary but fixed: two processes seeding at once queue up instead of racing on unique slugs.
const SEED_LOCK_KEY = 7_305_112_001

type DrizzleAdapterLike = {
  drizzle?: unknown
  execute?: (args: { db?: unknown; drizzle?: unknown; raw: string }) => Promise<unknown>
  sessions?: Record<string, { db: unknown }>
}

/**
 * Seeds queue up: on PostgreSQL with a transaction-level advisory lock (across every instance,
 * released by the commit); on other adapters (SQLite, MongoDB) with a lock within this process
 * (src/database/processLock.ts). Resolves with what releases the latter once the seed is done.
 */
const lockSeed = async (payload: Payload, req: PayloadRequest): Promise<() => void> => {
  const db = payload.db as unknown as DrizzleAdapterLike
  if (!isPostgres(payload) || typeof db.execute !== 'function') return acquireProcessLock(`seed:${SEED_LOCK_KEY}`)
  const transactionID = await req.transactionID
  const session = transactionID !== undefined ? db.sessions?.[String(transactionID)]?.db : undefined
  await db.execute({ db: session, drizzle: db.drizzle, raw: `select pg_advisory_xact_lock(${SEED_LOCK_KEY})` })
  return () => {}
}

const emptyReport = (): Record<CatalogCollection, string[]> => ({
  certifications: [],
  responsibilities: [],
  roles: [],
  skills: [],
})

/**
 * Seeds the catalogue: creates, published, every document whose slug is missing and leaves every
 * existing one alone (editors' changes survive a re-run). Then, on a localized site, it fills in the
 * translations' text (the article's German where the site has `de`) wherever a locale has none yet,
 * in new and existing documents alike (seed/fillTranslation.ts): no text a locale already has is
 * overwritten. All of it runs in one transaction, so a failure leaves the database as it was.
 */
export const seedRoleCatalog = async ({
  data = articleSeed,
  log,
  payload,
  taxonomy: taxonomyData = taxonomySeed,
  translations: translationData = data === articleSeed ? [articleSeedGerman] : [],
}: SeedRoleCatalogArgs): Promise<SeedReport> => {
  const seed = catalogSeedSchema.parse(data)
  const taxonomy = taxonomySeedSchema.parse(taxonomyData)
  const localization = payload.config.localization
  const parsedTranslations = translationData.map((translation) => {
    const parsed = seedTranslationSchema.parse(translation)
    const { unknown } = seedTranslationProblems(seed, parsed)
    if (unknown.length > 0) {
      throw new Error(`role catalog seed: the ${parsed.locale} translation has text for what the seed lacks: ${unknown.join(', ')}`)
    }
    return parsed
  })
  // The locale the seed's own text is written in. Normally the default locale. But where a complete
  // translation is in the default locale's language and the site also has the seed's language (a
  // German-first site: default `de`, `en` besides), the seed's text goes into its own language and
  // the translation into the default locale; else the English article would be filed as the site's
  // German and the German translation go nowhere (tests/seed-attacks.test.ts). Only for a complete
  // translation: readers of the default locale must not lose text (Payload falls back to it).
  const defaultTranslation = localization
    ? parsedTranslations.find(
        (translation) => translation.locale === localization.defaultLocale && seedTranslationProblems(seed, translation).missing.length === 0,
      )
    : undefined
  const sourceLocale: string | undefined = localization
    ? defaultTranslation && localization.localeCodes.includes(defaultTranslation.translationOf.language)
      ? defaultTranslation.translationOf.language
      : localization.defaultLocale
    : undefined
  // Only into a locale the site has, and not the one the seed's own text goes into.
  const translations = parsedTranslations.filter(
    (translation) => localization && localization.localeCodes.includes(translation.locale) && translation.locale !== sourceLocale,
  )
  const slugs: CatalogSlugs = getCatalogSlugs(payload.config)
  const report: SeedReport = { created: emptyReport(), existing: emptyReport(), translated: {} }
  const source = (section: string, quote: string) => ({ section, quote, title: seed.sourceTitle })

  // One change per collection on the change feed for the whole seed, published after its commit.
  let draftsLeftAlone: string[] = []
  const changes = new ChangeBatch('seed')
  const req = await createLocalReq({ context: { [CHANGE_BATCH_KEY]: changes } }, payload)
  const ownsTransaction = await initTransaction(req)
  let unlock = () => {}
  try {
    unlock = await lockSeed(payload, req)
    const ids: Record<CatalogCollection, Map<string, number | string>> = {
      certifications: new Map(),
      responsibilities: new Map(),
      roles: new Map(),
      skills: new Map(),
    }

    const loadExisting = async (name: CatalogCollection, wanted: string[]) => {
      if (wanted.length === 0) return
      const found = await payload.find({
        collection: slugs[name] as CollectionSlug,
        depth: 0,
        draft: true,
        limit: wanted.length,
        overrideAccess: true,
        pagination: false,
        req,
        select: { slug: true },
        where: { slug: { in: wanted } },
      })
      for (const doc of found.docs as unknown as { id: number | string; slug: string }[]) {
        ids[name].set(doc.slug, doc.id)
      }
    }

    const createMissing = async (
      name: CatalogCollection,
      items: { slug: string }[],
      toData: (item: any) => Record<string, unknown>,
    ) => {
      await loadExisting(
        name,
        items.map((item) => item.slug),
      )
      for (const item of items) {
        if (ids[name].has(item.slug)) {
          report.existing[name].push(item.slug)
          continue
        }
        const doc = await payload.create({
          collection: slugs[name] as CollectionSlug,
          data: { ...toData(item), _status: 'published' } as never,
          depth: 0,
          // The seed's own language (see sourceLocale); undefined on a site without localization.
          locale: sourceLocale as never,
          overrideAccess: true,
          req,
        })
        ids[name].set(item.slug, doc.id)
        report.created[name].push(item.slug)
      }
    }

    await createMissing('skills', seed.skills, (skill: CatalogSeed['skills'][number]) => ({
      name: skill.name,
      slug: skill.slug,
      description: skill.description,
      kind: skill.kind,
      source: source(skill.source.section, skill.source.quote),
    }))
    await createMissing('certifications', seed.certifications, (cert: CatalogSeed['certifications'][number]) => ({
      name: cert.name,
      slug: cert.slug,
      abbreviation: cert.abbreviation,
      description: cert.description,
      issuingBody: cert.issuingBody,
      source: source(cert.source.section, cert.source.quote),
    }))
    await createMissing(
      'responsibilities',
      seed.responsibilities,
      (item: CatalogSeed['responsibilities'][number]) => ({
        slug: item.slug,
        description: item.description,
        source: source(item.source.section, item.source.quote),
        title: item.title,
      }),
    )

    const link = (name: 'certifications' | 'responsibilities' | 'skills', itemName: string) =>
      (entry: { note?: string; requirement: string; slug: string }) => ({
        [itemName]: ids[name].get(entry.slug),
        note: entry.note,
        requirement: entry.requirement,
      })

    // Roles last: their links need the IDs above, and `buildsOn` the IDs of roles listed earlier.
    await createMissing('roles', seed.roles, (role: CatalogSeed['roles'][number]) => ({
      slug: role.slug,
      abbreviation: role.abbreviation,
      buildsOn: role.buildsOn.map((target) => ids.roles.get(target)),
      certifications: role.certifications.map(link('certifications', 'certification')),
      experience: role.experience,
      externalCodes: taxonomy.roles[role.slug] ?? [],
      focus: role.focus,
      qualifications: role.qualifications,
      responsibilities: role.responsibilities.map(link('responsibilities', 'responsibility')),
      skills: role.skills.map(link('skills', 'skill')),
      source: source(role.source.section, role.source.quote),
      summary: role.summary,
      title: role.title,
    }))

    // Then the other languages' text, into new and existing documents alike (a site seeded before a
    // translation existed gets it on the next run), never over text a locale already has.
    const leftAsDraft: string[] = []
    for (const translation of translations) {
      const { draft, filled } = await fillTranslation({ created: report.created, ids, payload, req, seed, slugs, sourceLocale: sourceLocale!, translation })
      report.translated[translation.locale] = filled
      for (const name of ['roles', 'responsibilities', 'certifications', 'skills'] as const) {
        leftAsDraft.push(...draft[name].map((slug) => `${translation.locale}: ${slugs[name]}/${slug}`))
      }
    }
    draftsLeftAlone = leftAsDraft

    // The webhook outbox's rows join the seed's transaction (src/changes/inTransaction.ts).
    await changes.stage(req)
    if (ownsTransaction) await commitTransaction(req)
    changes.publish(payload)
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  } finally {
    unlock()
  }

  const write = log ?? ((line: string) => payload.logger.info(line))
  for (const name of ['roles', 'responsibilities', 'certifications', 'skills'] as const) {
    const created = report.created[name]
    const existing = report.existing[name]
    write(
      `role catalog seed: ${slugs[name]}: created ${created.length}${created.length ? ` (${created.join(', ')})` : ''}, left ${existing.length} existing alone`,
    )
  }
  for (const [locale, filled] of Object.entries(report.translated)) {
    const parts = (['roles', 'responsibilities', 'certifications', 'skills'] as const)
      .filter((name) => filled[name].length > 0)
      .map((name) => `${filled[name].length} ${slugs[name]}`)
    write(`role catalog seed: ${locale}: ${parts.length ? `filled in missing text of ${parts.join(', ')}` : 'every text already there, left alone'}`)
  }
  if (draftsLeftAlone.length > 0) {
    write(`role catalog seed: not translated, an editor's unpublished draft is newer: ${draftsLeftAlone.join(', ')}`)
  }
  return report
}
