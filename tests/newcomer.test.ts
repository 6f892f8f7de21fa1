/**
 * What a newcomer meets first: a README that fits on a screen and whose links lead somewhere, the
 * licence in the repository and in the package, and a browser suite that says how to get a browser.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = promisify(execFile)
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

/** Relative link targets of a Markdown file (no URLs, no in-page anchors), with the file's folder. */
const relativeLinks = (file: string): string[] =>
  [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target))
    .map((target) => path.join(path.dirname(file), target))

describe('the README and the guides', () => {
  it('the README is at most 20,000 characters', () => {
    expect(read('README.md').length).toBeLessThanOrEqual(20_000)
  })

  it('gives the two commands, and links a guide for each kind of reader', () => {
    const readme = read('README.md')
    expect(readme).toContain('npm install && npm run dev')
    expect(readme).toContain('npm test')
    for (const guide of ['site-owners', 'frontend', 'editors', 'production', 'guarantees', 'development', 'api']) {
      expect(readme).toContain(`(docs/${guide}.md)`)
    }
  })

  it('every relative link in the README and docs/ leads to a file that exists', () => {
    const pages = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
    const broken = pages.flatMap((page) => relativeLinks(page).filter((target) => !existsSync(path.join(root, target))).map((target) => `${page} → ${target}`))
    expect(broken).toEqual([])
  })
})

describe('the licence', () => {
  it('is in the repository, matches package.json, and ships in the package', async () => {
    const manifest = JSON.parse(read('package.json')) as { license: string }
    expect(manifest.license).toBe('MIT')
    expect(read('LICENSE')).toMatch(/^MIT License/)
    // What `npm pack` would put in the tarball (without building it).
    const { stdout } = await run('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: root })
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }]
    expect(packed.files.map((file) => file.path)).toContain('LICENSE')
  })
})

describe('npm run test:e2e without a browser', () => {
  it('fails in one line that says how to install Chromium or point CHROMIUM_PATH at one', async () => {
    const failure = await run('node', ['tests/e2e/helpers/requireChromium.mjs'], {
      cwd: root,
      env: { ...process.env, CHROMIUM_PATH: path.join(root, 'no-such-chromium') },
    }).catch((error: { code: number; stderr: string; stdout: string }) => error)
    expect('code' in failure ? failure.code : 0).toBe(1)
    const lines = (failure as { stderr: string }).stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/apt-get install -y chromium/)
    expect(lines[0]).toMatch(/CHROMIUM_PATH/)
  })
})
