import { z } from 'zod'

import { externalCodeMatches, isHttpUri } from '../src/fields/externalCodes.js'
import { SLUG_PATTERN } from '../src/fields/slug.js'

/**
 * Crosswalk codes for the seeded roles. This is taxonomy metadata, not article content: the article
 * names no taxonomy. Every row says which taxonomy it comes from in `source`, so it is never mistaken
 * for something the article says. Kept apart from seed/data.ts for the same reason.
 *
 * The matches are `close`: the article's Project Manager corresponds to O*NET-SOC's "Project
 * Management Specialists" and ESCO's "project manager"; its Technical Project Manager (who manages
 * technology projects) to O*NET-SOC's "Information Technology Project Managers" and ESCO's "ICT
 * project manager". Neither pair is defined in the same words, hence not `exact`.
 */

const text = z.string().trim().min(1)

export const externalCodeSeedSchema = z
  .object({
    code: text.optional(),
    label: text,
    match: z.enum(externalCodeMatches),
    scheme: text,
    source: text,
    uri: text.refine(isHttpUri, 'must be an absolute http(s) URI').optional(),
  })
  .strict()
  .refine((row) => row.code !== undefined || row.uri !== undefined, 'needs a code, a URI, or both')

export const taxonomySeedSchema = z
  .object({
    /** External codes per role slug; applied when the seed creates that role. */
    roles: z.record(z.string().regex(SLUG_PATTERN, 'must be a role slug'), z.array(externalCodeSeedSchema)),
  })
  .strict()

export type TaxonomySeed = z.infer<typeof taxonomySeedSchema>

const ONET = { scheme: 'O*NET-SOC 2019', source: 'O*NET-SOC 2019 taxonomy (taxonomy metadata, not from the article)' }
const ESCO = { scheme: 'ESCO', source: 'ESCO classification, occupations pillar (taxonomy metadata, not from the article)' }

export const taxonomySeed: TaxonomySeed = taxonomySeedSchema.parse({
  roles: {
    'project-manager': [
      {
        ...ONET,
        code: '13-1082.00',
        label: 'Project Management Specialists',
        match: 'close',
        uri: 'https://www.onetonline.org/link/summary/13-1082.00',
      },
      {
        ...ESCO,
        label: 'project manager',
        match: 'close',
        uri: 'http://data.europa.eu/esco/occupation/bea99fea-0383-4c63-b944-70d4799de2c5',
      },
    ],
    'technical-project-manager': [
      {
        ...ONET,
        code: '15-1299.09',
        label: 'Information Technology Project Managers',
        match: 'close',
        uri: 'https://www.onetonline.org/link/summary/15-1299.09',
      },
      {
        ...ESCO,
        label: 'ICT project manager',
        match: 'close',
        uri: 'http://data.europa.eu/esco/occupation/8b6388a4-4904-471b-9331-d3b1211f5525',
      },
    ],
  },
})
