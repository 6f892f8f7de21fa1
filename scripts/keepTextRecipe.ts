/**
 * Applies the README's recipe ("Turning on localization later") to a migration Payload generated:
 * the import, `keepTextWhenLocalizing` before the generated SQL of `up`, `restore()` after it.
 *
 *   tsx scripts/keepTextRecipe.ts <migration.ts> [import specifier]
 *
 * tests/localizeLater.test.ts runs it on a freshly generated migration; a site owner makes the same
 * three edits by hand.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

export const applyKeepTextRecipe = (source: string, specifier = 'payload-plugin-role-catalog'): string => {
  const up = /(export async function up\(\{ db, payload(?:, req)? \}: MigrateUpArgs\): Promise<void> \{\n)([\s\S]*?)(\n\}\n)/
  if (!up.test(source)) throw new Error('no generated `up({ db, payload, req })` function found')
  const imports = source.replace(
    /(import \{[^}]*\} from '@payloadcms\/db-postgres'\n)/,
    `$1import { keepTextWhenLocalizing } from '${specifier}'\n`,
  )
  return imports.replace(
    up,
    (_match, head: string, body: string, tail: string) =>
      `${head}  const text = await keepTextWhenLocalizing({ db, payload })\n${body}\n  await text.restore()${tail}`,
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, specifier] = process.argv.slice(2)
  if (!file) {
    console.error('usage: tsx scripts/keepTextRecipe.ts <migration.ts> [import specifier]')
    process.exit(2)
  }
  await writeFile(file, applyKeepTextRecipe(await readFile(file, 'utf8'), specifier))
}
