/**
 * The end of a test run fails it when the run left something behind, even with every test green
 * (tests/helpers/leftovers.ts): a run of a fixture that leaves a database, a temp file and a
 * process exits 1, names each of them, and removes them.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { describe, expect, inject, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

describe('the leftovers check at the end of a run', () => {
  it('fails a passing run that left a database, a file and a process, naming each, and cleans up', async () => {
    // The fixture run uses this run's server; everything else (its mark, its temp folder) is its own.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'),
    )
    const server: Record<string, string> = { DATABASE_URL: inject('databaseUrl') }
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        path.join(root, 'node_modules/.bin/vitest'),
        ['run', '--config', 'tests/fixtures/leftovers/vitest.config.ts'],
        { cwd: root, env: { ...inherited, ...server } as NodeJS.ProcessEnv, timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
      )
    })
    expect(result.output).toMatch(/1 passed/)
    expect(result.code, result.output).toBe(1)
    expect(result.output).toMatch(/left 3 thing\(s\) behind/)
    const database = /database: (\S+_left_behind_\d+)/.exec(result.output)?.[1]
    const file = /file: (\S+left-behind\.txt)/.exec(result.output)?.[1]
    const pid = Number(/process: pid (\d+): \S*node -e setTimeout/.exec(result.output)?.[1])
    expect(database, result.output).toBeDefined()
    expect(file, result.output).toBeDefined()
    expect(pid, result.output).toBeGreaterThan(0)
    // Removed by the check: the database is gone, the file too, the process killed.
    expect(existsSync(file!)).toBe(false)
    const client = new pg.Client({ connectionString: inject('databaseUrl') })
    await client.connect()
    try {
      const { rows } = await client.query('select 1 from pg_database where datname = $1', [database])
      expect(rows).toEqual([])
    } finally {
      await client.end()
    }
    // SIGKILLed by the check; gone once its new parent (init) has reaped it.
    await expect.poll(() => {
      try {
        process.kill(pid, 0)
        return 'alive'
      } catch {
        return 'gone'
      }
    }, { timeout: 5_000 }).toBe('gone')
  }, 150_000)
})
