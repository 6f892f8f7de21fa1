/**
 * Applies the recipe of docs/site-owners.md ("Turning on localization later") to a migration Payload generated:
 * the import, `keepTextWhenLocalizing` before the generated SQL of `up` and of `down`, `restore()`
 * after it.
 *
 *   tsx scripts/keepTextRecipe.ts <migration.ts> [import specifier]
 *
 * tests/localizeLater.test.ts runs it on a freshly generated migration; a site owner makes the same
 * three edits by hand.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'

export const applyKeepTextRecipe = (source: string, specifier = 'payload-plugin-role-catalog/migrations'): string => {
  let result = source.replace(
    /(import \{[^}]*\} from '@payloadcms\/db-postgres'\n)/,
    `$1import { keepTextWhenLocalizing } from '${specifier}'\n`,
  )
  for (const [direction, argsType] of [
    ['up', 'MigrateUpArgs'],
    ['down', 'MigrateDownArgs'],
  ] as const) {
    const fn = new RegExp(
      `(export async function ${direction}\\(\\{ db, payload(?:, req)? \\}: ${argsType}\\): Promise<void> \\{\\n)([\\s\\S]*?)(\\n\\}\\n)`,
    )
    if (!fn.test(result)) throw new Error(`no generated \`${direction}({ db, payload, req })\` function found`)
    const call = direction === 'up' ? '{ db, payload }' : "{ db, direction: 'down', payload }"
    result = result.replace(
      fn,
      (_match, head: string, body: string, tail: string) =>
        `${head}  const text = await keepTextWhenLocalizing(${call})\n${body}\n  await text.restore()${tail}`,
    )
  }
  return result
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, specifier] = process.argv.slice(2)
  if (!file) {
    console.error('usage: tsx scripts/keepTextRecipe.ts <migration.ts> [import specifier]')
    process.exit(2)
  }
  await writeFile(file, applyKeepTextRecipe(await readFile(file, 'utf8'), specifier))
}
