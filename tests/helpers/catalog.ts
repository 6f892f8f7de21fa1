import type { TestSite } from './setup.js'

/** Row counts of the catalogue's main and link tables, to prove that a refused request wrote nothing. */
export const catalogRowCounts = async (site: TestSite, rolesSlug = 'roles') => {
  const tables = [
    rolesSlug,
    'responsibilities',
    'certifications',
    'skills',
    `${rolesSlug}_skills`,
    `${rolesSlug}_responsibilities`,
    `${rolesSlug}_certifications`,
    `${rolesSlug}_rels`,
    `_${rolesSlug}_v`,
    '_skills_v',
  ].map((name) => name.replace(/-/g, '_'))
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const [row] = await site.query<{ n: string }>(`select count(*) as n from "${table}"`)
    counts[table] = Number(row!.n)
  }
  return counts
}
