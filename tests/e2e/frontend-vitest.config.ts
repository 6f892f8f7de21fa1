import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The example frontend's browser test: `npm run test:e2e:frontend`. Not part of `npm test` (its
 * files end in .e2e.ts): it builds and starts the demo site, which takes a minute or more.
 */
export default defineConfig({
  root,
  test: {
    fileParallelism: false,
    // next build takes about a minute here, more on a busy machine.
    hookTimeout: 600_000,
    include: ['tests/e2e/frontend-*.e2e.ts'],
    testTimeout: 120_000,
  },
})
