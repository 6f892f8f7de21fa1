/**
 * The package as `npm pack` makes it, installed for real into a copy of an existing Payload site
 * (tests/fixtures/host-site: its own users with a `roles` field, its own `roles` collection, two
 * locales, its own access rules), then driven the way its owner would: generate the types and the
 * import map, type-check, create and run the migration, then the checks in
 * tests/fixtures/host-site/checks/ in a child process, against the installed package only.
 *
 * The copy lives in the OS temp folder, outside the repository, so nothing can be resolved from
 * the repository's node_modules or src/: the site gets everything from its own `npm install`.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { adminQuery } from '../scripts/database.js'
import { testDatabaseName } from './helpers/databaseName.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixture = path.join(root, 'tests/fixtures/host-site')

type Packed = {
  entryCount: number
  files: { path: string; size: number }[]
  filename: string
  integrity: string
  size: number
  unpackedSize: number
}

type Step = { code: number; output: string; seconds: number; stdout: string }

/** Runs a command, never throws: the test reads the exit code and shows the output on failure. */
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}, timeout = 240_000) =>
  new Promise<Step>((resolve) => {
    const started = Date.now()
    // Vitest's own variables would change how Payload and tsx behave in the child.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
    )
    execFile(
      command,
      args,
      { cwd, env: { ...inherited, ...env } as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024, timeout },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, output: `${stdout}\n${stderr}`, seconds: (Date.now() - started) / 1000, stdout })
      },
    )
  })

const tail = (text: string, lines = 60) => text.split('\n').slice(-lines).join('\n')

let workDir: string
let packed: Packed
let packageJson: {
  dependencies?: Record<string, string>
  exports: Record<string, unknown>
  files: string[]
  peerDependencies?: Record<string, string>
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'role-catalog-install-'))
  // `npm pack` runs `prepack`, which builds dist/ from src/ and seed/.
  const pack = await run('npm', ['pack', '--json', '--pack-destination', workDir], root)
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${tail(pack.output)}`)
  packed = (JSON.parse(pack.stdout) as Packed[])[0]!
  packageJson = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'))
  console.log(
    `[install] ${packed.filename}: ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked, ${packed.entryCount} files (npm pack ${pack.seconds.toFixed(1)} s)`,
  )
}, 180_000)

afterAll(async () => {
  if (workDir) await rm(workDir, { force: true, recursive: true })
})

describe('the packed tarball', () => {
  it('holds the compiled package and nothing of the demo site, the tests or the sources', () => {
    const files = packed.files.map((file) => file.path)
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/src/index.js', 'dist/src/index.d.ts']))
    expect(files).toContain('dist/seed/data.js')
    const stray = files.filter(
      (file) =>
        !/^dist\/(src|seed)\/.+\.(js|d\.ts)$/.test(file) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
    )
    expect(stray).toEqual([])
    // The article text is for the seed's tests; the seed data carries its quotes.
    expect(files.some((file) => file.endsWith('.txt'))).toBe(false)
  })

  it('points every export at a compiled file in the tarball, with its types', () => {
    const files = new Set(packed.files.map((file) => file.path))
    for (const [subpath, target] of Object.entries(packageJson.exports)) {
      const conditions = target as Record<string, string>
      for (const condition of ['types', 'import', 'default']) {
        expect(conditions[condition], `exports["${subpath}"].${condition}`).toMatch(/^\.\/dist\//)
        expect(files.has(conditions[condition]!.slice(2)), `${conditions[condition]} is in the tarball`).toBe(true)
      }
    }
  })

  it('declares every package its code imports at run time', async () => {
    const declared = new Set([
      ...Object.keys(packageJson.dependencies ?? {}),
      ...Object.keys(packageJson.peerDependencies ?? {}),
    ])
    expect(packageJson.peerDependencies).toMatchObject({ graphql: expect.stringMatching(/^\^16/), payload: expect.stringMatching(/^\^3\.9/) })
    const imported = new Set<string>()
    for (const file of packed.files.filter((entry) => entry.path.endsWith('.js'))) {
      const source = await readFile(path.join(root, file.path), 'utf8')
      // A specifier has no spaces: a string literal 'import' followed by other code is not an import.
      for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"\s]+)['"]/g)) {
        const specifier = match[1]!
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue
        const parts = specifier.split('/')
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!)
      }
    }
    expect(imported.size).toBeGreaterThan(0)
    expect([...imported].filter((name) => !declared.has(name))).toEqual([])
  })
})

describe('installed into an existing Payload site', () => {
  let siteDir: string
  let database: string
  let serverUrl: string
  const steps: Record<string, Step> = {}

  beforeAll(async () => {
    serverUrl = inject('databaseUrl')
    database = testDatabaseName(serverUrl, 'install')
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await adminQuery(serverUrl, `CREATE DATABASE "${database}"`)
    siteDir = path.join(workDir, 'host-site')
    await cp(fixture, siteDir, {
      filter: (source) => !/(node_modules|payload-types\.ts|migrations|\.next|next-env\.d\.ts)$/.test(source),
      recursive: true,
    })
  }, 60_000)

  afterAll(async () => {
    if (database) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
  })

  const inSite = async (name: string, command: string, args: string[], { timeout }: { timeout?: number } = {}) => {
    const url = new URL(serverUrl)
    url.pathname = `/${database}`
    const step = await run(command, args, siteDir, { DATABASE_URL: url.toString() }, timeout)
    steps[name] = step
    console.log(`[install] ${name}: exit ${step.code} in ${step.seconds.toFixed(1)} s`)
    expect(step.code, `${name} failed:\n${tail(step.output)}`).toBe(0)
    // The catalogue's roles have a 30-character slug: Payload must neither refuse a name nor warn
    // that one will be cut at PostgreSQL's 63 characters (drizzle's checkTruncatedIdentifiers).
    expect(step.output, `${name} warned about identifier length`).not.toMatch(/63-character limit|max identifier length/i)
    return step
  }

  it('installs with `npm install <tarball>`, as a site owner would', async () => {
    const tarball = path.join(workDir, packed.filename)
    await inSite('npm install', 'npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'])
    const manifest = JSON.parse(await readFile(path.join(siteDir, 'package.json'), 'utf8'))
    expect(manifest.dependencies['payload-plugin-role-catalog']).toMatch(/^file:.*\.tgz$/)
    const installed = path.join(siteDir, 'node_modules/payload-plugin-role-catalog')
    expect((await readdir(installed)).filter((entry) => entry !== 'README.md').sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'dist', 'package.json'])
    // Only the site's copy of payload exists: the plugin brings none of its own.
    await expect(stat(path.join(installed, 'node_modules/payload'))).rejects.toThrow()
    // One drizzle-orm, the adapter's: the plugin's peer is optional, so npm does not install a newer
    // copy at the top that pushes the adapter's into nested folders (two copies whose types differ
    // made the migration Payload generates fail `next build`'s type-check).
    for (const nested of ['@payloadcms/drizzle', '@payloadcms/db-postgres']) {
      await expect(stat(path.join(siteDir, 'node_modules', nested, 'node_modules/drizzle-orm'))).rejects.toThrow()
    }
  }, 300_000)

  it('generates the types and the import map, and type-checks against the installed .d.ts', async () => {
    await inSite('payload generate:types', 'node_modules/.bin/payload', ['generate:types'])
    const types = await readFile(path.join(siteDir, 'payload-types.ts'), 'utf8')
    expect(types).toMatch(/'organisation-job-role-profiles': OrganisationJobRoleProfile;/)
    expect(types).toMatch(/roles: Role;/)
    await inSite('payload generate:importmap', 'node_modules/.bin/payload', ['generate:importmap'])
    await stat(path.join(siteDir, 'app/(payload)/admin/importMap.js'))
    await inSite('tsc --noEmit', 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json'])
  }, 300_000)

  it('creates and runs the migration (no schema push)', async () => {
    await inSite('payload migrate:create', 'node_modules/.bin/payload', ['migrate:create', 'initial'])
    const migrations = await readdir(path.join(siteDir, 'migrations'))
    expect(migrations.filter((file) => file.endsWith('_initial.ts'))).toHaveLength(1)
    const migration = await readFile(
      path.join(siteDir, 'migrations', migrations.find((file) => file.endsWith('_initial.ts'))!),
      'utf8',
    )
    // The roles' table carries a shorter name than the 30-character slug (src/plugin/databaseNames.ts).
    expect(migration).toMatch(/CREATE TABLE "organisation_\w+"/)
    expect(migration).toContain('CREATE TABLE "skills"')
    expect(migration).toContain('CREATE TABLE "roles"')
    await inSite('payload migrate', 'node_modules/.bin/payload', ['migrate'])
    // The upgrade step of docs/site-owners.md, with nothing changed: no new migration.
    await inSite('payload migrate:create --skip-empty', 'node_modules/.bin/payload', [
      'migrate:create',
      'upgrade',
      '--skip-empty',
    ])
    expect((await readdir(path.join(siteDir, 'migrations'))).sort()).toEqual(migrations.sort())
  }, 300_000)

  it('passes the site checks: seed, GraphQL and REST under a 30-character slug, access, extra field, locales', async () => {
    const step = await inSite('checks', process.execPath, [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-force-exit',
      'checks/install.check.ts',
    ])
    await writeFile(path.join(workDir, 'checks.log'), step.output)
    const count = (label: string) => Number(step.output.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? NaN)
    expect(count('fail'), tail(step.output)).toBe(0)
    expect(count('pass'), tail(step.output)).toBeGreaterThanOrEqual(10)
    expect(count('pass')).toBe(count('tests'))
  }, 300_000)

  /** `next build` of the site's admin and API routes with the installed package, on the Next.js installed now. */
  const nextBuild = async (major: string) => {
    const installed = JSON.parse(await readFile(path.join(siteDir, 'node_modules/next/package.json'), 'utf8')).version
    expect(installed).toMatch(new RegExp(`^${major.replace('.', '\\.')}\\.`))
    await rm(path.join(siteDir, '.next'), { force: true, recursive: true })
    // A build takes about a minute on an idle 2-core machine, and 8 when eight people share it.
    const step = await inSite(`next build (Next.js ${installed})`, 'node_modules/.bin/next', ['build'], { timeout: 900_000 })
    // The routes of a Payload site, compiled with the plugin's admin components in the import map.
    expect(step.output).toMatch(/\/admin\/\[\[\.\.\.segments\]\]/)
    expect(step.output).toMatch(/\/api\/graphql/)
    await stat(path.join(siteDir, '.next/BUILD_ID'))
  }

  // New sites start on Next.js 16 (Payload's templates; @payloadcms/next accepts >=16.3.3 <17).
  it('builds with `next build` on Next.js 16', async () => {
    await nextBuild('16')
  }, 960_000)

  // The other end of what the peer ranges allow: sites made before Next.js 16 run 15.4 (>=15.4.11
  // <15.5 in @payloadcms/next's peer range), and the oldest Payload the plugin's peer range accepts.
  // The same installed site with those versions passes the checks again on a fresh database (its
  // migration as generated above) and builds.
  it('works on the oldest Payload of its peer range, and builds on Next.js 15.4', async () => {
    const peer = (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> })
      .peerDependencies.payload!
    const oldest = /^\^(\d+\.\d+\.\d+)$/.exec(peer)?.[1]
    expect(oldest, `payload's peer range ${peer} names its oldest version`).toBeTruthy()
    // As a team pins an older Payload: every Payload package of the site at that version (the site
    // lists @payloadcms/ui, as Payload's templates do: the plugin's peer would otherwise bring the newest
    // and, with it, the newest payload), Next.js 15.4, and a fresh install.
    const manifestFile = path.join(siteDir, 'package.json')
    const site = JSON.parse(await readFile(manifestFile, 'utf8')) as { dependencies: Record<string, string> }
    for (const name of Object.keys(site.dependencies)) if (name === 'payload' || name.startsWith('@payloadcms/')) site.dependencies[name] = oldest!
    site.dependencies.next = '~15.4.11'
    await writeFile(manifestFile, `${JSON.stringify(site, null, 2)}\n`)
    await rm(path.join(siteDir, 'node_modules'), { force: true, recursive: true })
    await rm(path.join(siteDir, 'package-lock.json'), { force: true })
    await inSite(`npm install (payload ${oldest}, next ~15.4.11)`, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'])
    const installed = JSON.parse(await readFile(path.join(siteDir, 'node_modules/payload/package.json'), 'utf8')).version
    expect(installed).toBe(oldest)
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await adminQuery(serverUrl, `CREATE DATABASE "${database}"`)
    await inSite(`payload migrate (payload ${oldest})`, 'node_modules/.bin/payload', ['migrate'])
    await inSite(`tsc --noEmit (payload ${oldest})`, 'node_modules/.bin/tsc', ['--noEmit', '-p', 'tsconfig.json'])
    const step = await inSite(`checks (payload ${oldest})`, process.execPath, [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-force-exit',
      'checks/install.check.ts',
    ])
    expect(Number(step.output.match(/ℹ fail (\d+)/)?.[1] ?? NaN), tail(step.output)).toBe(0)
    await nextBuild('15.4')
  }, 1_500_000)
})

// A MongoDB site has no drizzle-orm (the plugin's peer is optional). Loading the package there is
// checked in tests/adapters.test.ts; a bundler is stricter: `next build` resolves every module
// reachable from a route, `import()`s included, and failed with "Module not found: Can't resolve
// 'drizzle-orm'" until the PostgreSQL-only modules stopped importing it (src/database/drizzle.ts).
describe('installed into an existing Payload site on MongoDB', () => {
  it('builds with `next build` where drizzle-orm is not installed', async () => {
    const siteDir = path.join(workDir, 'mongodb-site')
    // The site without its PostgreSQL checks (they read the database with pg).
    await cp(fixture, siteDir, {
      filter: (source) => !/(node_modules|payload-types\.ts|migrations|\.next|next-env\.d\.ts|checks)$/.test(source),
      recursive: true,
    })
    await cp(path.join(root, 'tests/fixtures/mongodb-site/database.ts'), path.join(siteDir, 'database.ts'))
    const manifestFile = path.join(siteDir, 'package.json')
    const site = JSON.parse(await readFile(manifestFile, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
    site.dependencies['@payloadcms/db-mongodb'] = site.dependencies.payload!
    delete site.dependencies['@payloadcms/db-postgres']
    delete site.dependencies.pg
    delete site.devDependencies['@types/pg']
    await writeFile(manifestFile, `${JSON.stringify(site, null, 2)}\n`)
    const step = async (name: string, command: string, args: string[], timeout?: number) => {
      const result = await run(command, args, siteDir, {}, timeout)
      console.log(`[install] mongodb ${name}: exit ${result.code} in ${result.seconds.toFixed(1)} s`)
      expect(result.code, `${name} failed:\n${tail(result.output)}`).toBe(0)
      return result
    }
    await step('npm install', 'npm', ['install', path.join(workDir, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'], 300_000)
    // What makes the build mean something: nothing in the site brought drizzle-orm.
    await expect(stat(path.join(siteDir, 'node_modules/drizzle-orm'))).rejects.toThrow()
    await stat(path.join(siteDir, 'node_modules/@payloadcms/db-mongodb'))
    await step('payload generate:importmap', 'node_modules/.bin/payload', ['generate:importmap'])
    const build = await step('next build', 'node_modules/.bin/next', ['build'], 900_000)
    expect(build.output).toMatch(/\/api\/graphql/)
    await stat(path.join(siteDir, '.next/BUILD_ID'))
  }, 1_260_000)
})
