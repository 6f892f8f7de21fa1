/**
 * Every name the package exports is a promise to sites: each entry point in package.json
 * `exports` has a section in docs/api.md, and every name it exports (values and types) a line
 * there, `- \`name\`: what it is`. A new export without its line fails here, naming it; so does a
 * line for a name no longer exported.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { import: string }>
  name: string
}

/** `./dist/src/exports/client.js` → `src/exports/client.ts`: the source `npm run build` compiles. */
const sourceOf = (built: string) => path.join(root, built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))

const entries = Object.entries(packageJson.exports).map(([subpath, target]) => ({
  file: sourceOf(target.import),
  specifier: subpath === '.' ? packageJson.name : `${packageJson.name}/${subpath.replace(/^\.\//, '')}`,
}))

/** Names under each `## \`specifier\`` heading of docs/api.md, from its `- \`name\`` lines. */
const documented = () => {
  const sections = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  for (const line of readFileSync(path.join(root, 'docs/api.md'), 'utf8').split('\n')) {
    const heading = /^##\s+`([^`]+)`\s*$/.exec(line)
    if (heading) {
      current = new Map()
      sections.set(heading[1]!, current)
      continue
    }
    if (/^#{1,2}\s/.test(line)) current = undefined
    const item = /^- `(\w+)`(.*)$/.exec(line)
    if (item && current) current.set(item[1]!, item[2]!.replace(/^[\s:—-]+/, '').trim())
  }
  return sections
}

describe('the public API', () => {
  const exported = new Map<string, string[]>()

  beforeAll(() => {
    // The names as TypeScript sees them: `export *` followed, types included.
    const program = ts.createProgram(
      entries.map((entry) => entry.file),
      {
        jsx: ts.JsxEmit.Preserve,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        noEmit: true,
        skipLibCheck: true,
        strict: true,
        target: ts.ScriptTarget.ES2022,
      },
    )
    const checker = program.getTypeChecker()
    for (const entry of entries) {
      const source = program.getSourceFile(entry.file)
      expect(source, entry.file).toBeDefined()
      const symbol = checker.getSymbolAtLocation(source!)
      exported.set(entry.specifier, symbol ? checker.getExportsOfModule(symbol).map((each) => each.name).sort() : [])
    }
  }, 120_000)

  it('has a section in docs/api.md for every entry point in package.json', () => {
    const sections = documented()
    for (const { file, specifier } of entries) {
      expect(sections.has(specifier), `docs/api.md has no section "## \`${specifier}\`" (${path.relative(root, file)})`).toBe(true)
    }
    expect([...sections.keys()].filter((name) => !entries.some((entry) => entry.specifier === name))).toEqual([])
  })

  it('documents every exported name with one line, and only exported names', () => {
    const sections = documented()
    const problems: string[] = []
    for (const { file, specifier } of entries) {
      const lines = sections.get(specifier) ?? new Map<string, string>()
      for (const name of exported.get(specifier)!) {
        if (!lines.has(name)) {
          problems.push(`\`${name}\` (exported by ${specifier}, ${path.relative(root, file)}) has no line in docs/api.md under "## \`${specifier}\`"`)
        } else if (!lines.get(name)) {
          problems.push(`\`${name}\` in docs/api.md (${specifier}) says nothing about it`)
        }
      }
      for (const name of lines.keys()) {
        if (!exported.get(specifier)!.includes(name)) problems.push(`docs/api.md lists \`${name}\` under ${specifier}, which does not export it`)
      }
    }
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('keeps the entry point small: the plugin and what a site config, seed and migration use', () => {
    // Payload's plugins export the plugin and little else from `.`; the rest sits behind subpaths.
    const names = exported.get(packageJson.name)!
    expect(names.length, `the entry point exports ${names.length} names; put new ones behind a subpath (src/exports/)`).toBeLessThanOrEqual(40)
    expect(exported.get(packageJson.name)).toContain('roleCatalogPlugin')
  })
})
