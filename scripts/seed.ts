/** `npm run seed`: seeds the article content into the configured database and prints what it did. */
import { getPayload } from 'payload'

import { seedRoleCatalog } from '../seed/seedRoleCatalog.js'

// The demo config seeds on init; here the seed runs explicitly so its report is printed.
process.env.ROLE_CATALOG_SEED = 'false'
const { default: config } = await import('@payload-config')

const payload = await getPayload({ config })
try {
  const report = await seedRoleCatalog({ log: (line) => console.log(line), payload })
  const created = Object.values(report.created).flat().length
  const existing = Object.values(report.existing).flat().length
  console.log(`seed done: ${created} created, ${existing} already there and left alone`)
} finally {
  await payload.destroy()
}
process.exit(0)
