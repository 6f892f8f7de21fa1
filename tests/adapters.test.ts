/**
 * The package on a site without PostgreSQL. MongoDB (@payloadcms/db-mongodb): the package loads
 * where drizzle-orm cannot be loaded (a MongoDB site does not have it), and a host site builds its
 * config and GraphQL schema with the plugin. No MongoDB server runs on these machines, so nothing
 * beyond that is run on MongoDB (docs/site-owners.md says so). SQLite runs end to end in
 * tests/sqlite.test.ts.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { projectRoot } from '../scripts/database.js'

const fixture = 'tests/fixtures/mongodb-site'
const withoutDrizzle = ['--import', 'tsx', '--import', `./${fixture}/withoutDrizzle.mjs`]

const run = (args: string[]) =>
  spawnSync(process.execPath, args, { cwd: projectRoot, encoding: 'utf8', timeout: 180_000 })

/**
 * The modules a file reaches by imports that stay at run time (not `import type`, not `import()`),
 * and the packages they import.
 */
const staticImports = (entry: string) => {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!
      if (!specifier.startsWith('.')) {
        packages.add(specifier)
        continue
      }
      const resolved = path.resolve(path.dirname(file), specifier)
      const candidates = [resolved.replace(/\.js$/, '.ts'), resolved.replace(/\.js$/, '.tsx'), resolved]
      const found = candidates.find((candidate) => {
        try {
          readFileSync(candidate)
          return true
        } catch {
          return false
        }
      })
      if (found) visit(found)
    }
  }
  visit(path.join(projectRoot, entry))
  return { files, packages }
}

describe('other database adapters', () => {
  it('a MongoDB site loads every entry point without drizzle-orm and builds its config and GraphQL schema with the plugin', () => {
    const result = run([...withoutDrizzle, `${fixture}/buildSite.ts`])
    expect(result.stderr).not.toMatch(/drizzle-orm/)
    expect(result.status, result.stderr).toBe(0)
    const site = JSON.parse(result.stdout.trim().split('\n').pop()!)
    expect(site.adapter).toBe('mongoose')
    expect(site.loaded).toEqual(expect.arrayContaining(['src/index.ts', 'src/exports/import.ts', 'src/exports/routes.ts', 'src/exports/seed.ts']))
    expect(site.collections).toEqual(expect.arrayContaining(['users', 'posts', 'roles', 'responsibilities', 'certifications', 'skills']))
    expect(site.queries).toEqual(expect.arrayContaining(['Posts', 'Roles', 'Role', 'Skills', 'roleBySlug', 'compareRoles', 'versionsRoles']))
    expect(site.mutations).toEqual(expect.arrayContaining(['createPost', 'createRole', 'updateSkill', 'restoreVersionRole']))
  })

  it('(the check above can fail) where drizzle-orm is made unloadable, loading it fails', () => {
    const result = run([...withoutDrizzle, '--input-type=module', '-e', "await import('drizzle-orm')"])
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain("Cannot find package 'drizzle-orm' (this site runs on MongoDB)")
  })

  it('no entry point imports drizzle-orm statically, the admin components (./client, ./rsc) included', () => {
    const exportsMap = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).exports as Record<string, { import: string }>
    const entries = Object.values(exportsMap).map(({ import: file }) => file.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))
    expect(entries).toContain('src/exports/client.ts')
    for (const entry of entries) {
      const { files, packages } = staticImports(entry)
      expect(files.size, entry).toBeGreaterThan(0)
      expect([...packages].filter((name) => name === 'drizzle-orm' || name.startsWith('drizzle-orm/')), entry).toEqual([])
    }
    // The walk does find what is imported statically: the modules that build SQL are reached.
    expect([...staticImports('src/index.ts').files].some((file) => file.endsWith('src/read/tunedReads.ts'))).toBe(true)
  })
})
