import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import type { CatalogCollection, CatalogSlugs } from '../src/plugin/options.js'
import type { CatalogSeed } from './schema.js'

import { CHANGE_BATCH_KEY, ChangeBatch } from '../src/changes/changeBatch.js'
import { getCatalogSlugs } from '../src/plugin/catalogConfig.js'
import { articleSeed } from './data.js'
import { catalogSeedSchema } from './schema.js'
import { type TaxonomySeed, taxonomySeed, taxonomySeedSchema } from './taxonomy.js'

export type SeedReport = {
  /** Slugs created in this run, per collection. */
  created: Record<CatalogCollection, string[]>
  /** Slugs that already existed and were left untouched, per collection. */
  existing: Record<CatalogCollection, string[]>
}

export type SeedRoleCatalogArgs = {
  /** Defaults to the article's content. Validated before anything is written. */
  data?: CatalogSeed
  /** Called with one line per collection; defaults to payload.logger.info. */
  log?: (line: string) => void
  payload: Payload
  /** Crosswalk codes per role slug (seed/taxonomy.ts), added to a role when it is created. */
  taxonomy?: TaxonomySeed
}

// Arbitrary but fixed: two processes seeding at once queue up instead of racing on unique slugs.
const SEED_LOCK_KEY = 7_305_112_001

type DrizzleAdapterLike = {
  drizzle?: unknown
  execute?: (args: { db?: unknown; drizzle?: unknown; raw: string }) => Promise<unknown>
  sessions?: Record<string, { db: unknown }>
}

const lockSeed = async (payload: Payload, req: PayloadRequest) => {
  const db = payload.db as unknown as DrizzleAdapterLike
  if (typeof db.execute !== 'function') return
  const transactionID = await req.transactionID
  const session = transactionID !== undefined ? db.sessions?.[String(transactionID)]?.db : undefined
  await db.execute({ db: session, drizzle: db.drizzle, raw: `select pg_advisory_xact_lock(${SEED_LOCK_KEY})` })
}

const emptyReport = (): Record<CatalogCollection, string[]> => ({
  certifications: [],
  responsibilities: [],
  roles: [],
  skills: [],
})

/**
 * Seeds the catalogue: creates, published, every document whose slug is missing and leaves every
 * existing one alone (editors' changes survive a re-run). All of it runs in one transaction, so a
 * failure leaves the database as it was.
 */
export const seedRoleCatalog = async ({
  data = articleSeed,
  log,
  payload,
  taxonomy: taxonomyData = taxonomySeed,
}: SeedRoleCatalogArgs): Promise<SeedReport> => {
  const seed = catalogSeedSchema.parse(data)
  const taxonomy = taxonomySeedSchema.parse(taxonomyData)
  const slugs: CatalogSlugs = getCatalogSlugs(payload.config)
  const report: SeedReport = { created: emptyReport(), existing: emptyReport() }
  const source = (section: string, quote: string) => ({ section, quote, title: seed.sourceTitle })

  // One change per collection on the change feed for the whole seed, published after its commit.
  const changes = new ChangeBatch('seed')
  const req = await createLocalReq({ context: { [CHANGE_BATCH_KEY]: changes } }, payload)
  const ownsTransaction = await initTransaction(req)
  try {
    await lockSeed(payload, req)
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

    // The webhook outbox's rows join the seed's transaction (src/changes/inTransaction.ts).
    await changes.stage(req)
    if (ownsTransaction) await commitTransaction(req)
    changes.publish(payload)
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }

  const write = log ?? ((line: string) => payload.logger.info(line))
  for (const name of ['roles', 'responsibilities', 'certifications', 'skills'] as const) {
    const created = report.created[name]
    const existing = report.existing[name]
    write(
      `role catalog seed: ${slugs[name]}: created ${created.length}${created.length ? ` (${created.join(', ')})` : ''}, left ${existing.length} existing alone`,
    )
  }
  return report
}
