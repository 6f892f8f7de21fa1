/**
 * The docs a newcomer reads name everything they can run or set: every `npm run` script of
 * package.json has its line in docs/development.md, and every option of the plugin (each key of
 * `RoleCatalogPluginOptions`, and the keys of the option objects under it) is named in code
 * formatting in the README or a guide. A script or option added without its words fails here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

/** The text inside backticks of the README and every guide in docs/. */
const codeSpans = (() => {
  const files = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)]
  return files.flatMap((file) => [...read(file).matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!))
})()

const namedInCode = (name: string) => codeSpans.some((span) => new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(span))

/** Option names as TypeScript sees them: the keys of RoleCatalogPluginOptions and of the object types under them. */
const optionNames = (): string[] => {
  const file = path.join(root, 'src/plugin/options.ts')
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)!
  const options = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((symbol) => symbol.name === 'RoleCatalogPluginOptions')!
  const optionsType = checker.getDeclaredTypeOfSymbol(options)
  const names = new Set<string>()
  const objectKeys = (type: ts.Type): string[] =>
    checker
      .getNonNullableType(type)
      .getProperties()
      .map((property) => property.name)
  for (const property of optionsType.getProperties()) {
    names.add(property.name)
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(property))
    // Option objects a site fills in (`responseCache: { maxBytes }`), not functions, arrays or booleans.
    for (const member of type.isUnion() ? type.types : [type]) {
      if (member.getCallSignatures().length || checker.isArrayType(member) || !(member.flags & ts.TypeFlags.Object)) continue
      for (const key of objectKeys(member)) names.add(key)
    }
  }
  return [...names].sort()
}

describe('the docs name what a newcomer can run and set', () => {
  it('lists every npm script in docs/development.md', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts)
    const development = read('docs/development.md')
    const missing = scripts.filter((name) => !development.includes(name === 'test' ? '`npm test`' : `npm run ${name}`))
    expect(missing, 'npm scripts without a line in docs/development.md').toEqual([])
  })

  it('names every option of the plugin in the README or a guide', () => {
    const names = optionNames()
    expect(names).toContain('responseCache')
    expect(names).toContain('maxBytes')
    const missing = names.filter((name) => !namedInCode(name))
    expect(missing, 'options not named in code formatting in README.md or docs/*.md').toEqual([])
  })
})
