import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)
const dirname = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      // graphql 16 has no exports map: without this, Vite and Node load two copies of it.
      { find: 'graphql', replacement: require.resolve('graphql') },
      // The package's exports point at dist/ (what `npm pack` ships); tests use the sources.
      { find: /^payload-plugin-role-catalog$/, replacement: path.resolve(dirname, 'src/index.ts') },
      // Subpaths: src/exports/<name>.ts (package.json "exports").
      { find: /^payload-plugin-role-catalog\/(\w+)$/, replacement: path.resolve(dirname, 'src/exports/$1.ts') },
    ],
  },
  // tsconfig keeps JSX for Next to compile; tests that render the admin's components need it compiled.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    // The files share one PostgreSQL server; each uses a database of its own, one file at a time.
    fileParallelism: false,
    // tests/load.test.ts measures the heap after a forced garbage collection
    execArgv: ['--expose-gc'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    hookTimeout: 120_000,
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
  },
})
