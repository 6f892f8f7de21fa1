import type { CatalogItem, ResolvedLink, ResolvedRole } from '../read/catalogReader.js'

import { textIn, textLocalesOf } from '../read/textLocales.js'

/**
 * The role's text as each locale of its read answered it, from the locales the tuned read reported
 * for every localized text of the role and of the items it links (src/read/textLocales.ts): in
 * locale L, text taken from L is there, any other is missing, as the same role read in L without
 * fallback would have it (a missing name has its key standing in). Undefined when the read did not
 * report them for `context` (another read path, a host's read hook, a role read in another locale):
 * the JSON-LD then reads the role again per locale.
 */
export const reportedOwnText = (role: ResolvedRole, context: string): ((locale: string) => ResolvedRole) | undefined => {
  const links = [...role.responsibilities, ...role.skills, ...role.certifications]
  const fieldsOfStudy = role.qualifications.flatMap((row) => row.fieldsOfStudy ?? [])
  const reported = [role.doc, ...role.experience, ...role.qualifications, ...fieldsOfStudy, ...links, ...links.map((link) => link.item)]
  if (!reported.every((each) => textLocalesOf(each, context))) return undefined
  const itemIn = (item: CatalogItem, locale: string) => textIn(item, locale, { label: item.slug })
  const linkIn = (link: ResolvedLink, locale: string) => ({ ...textIn(link, locale), item: itemIn(link.item, locale) })
  return (locale) => ({
    ...role,
    certifications: role.certifications.map((link) => linkIn(link, locale)),
    doc: textIn(role.doc, locale),
    experience: role.experience.map((row) => textIn(row, locale)),
    qualifications: role.qualifications.map((row) => ({
      ...textIn(row, locale),
      fieldsOfStudy: row.fieldsOfStudy ? row.fieldsOfStudy.map((field) => textIn(field, locale)) : row.fieldsOfStudy,
    })),
    responsibilities: role.responsibilities.map((link) => linkIn(link, locale)),
    skills: role.skills.map((link) => linkIn(link, locale)),
  })
}
