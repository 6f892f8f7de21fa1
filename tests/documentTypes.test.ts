import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

import { documentTypesFile, generateDocumentTypes } from '../scripts/documentTypes.js'

describe('exported document types', () => {
  it('src/types/documents.ts matches the collections (else run `npm run generate:document-types`)', async () => {
    const committed = await readFile(documentTypesFile, 'utf8')
    const fresh = await generateDocumentTypes()
    expect(committed, 'src/types/documents.ts is stale: run `npm run generate:document-types`').toBe(fresh)
    for (const name of ['CatalogRole', 'CatalogResponsibility', 'CatalogCertification', 'CatalogSkill']) {
      expect(committed).toContain(`export interface ${name} {`)
    }
  })
})
