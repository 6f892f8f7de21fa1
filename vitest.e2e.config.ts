import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

/**
 * `npm run test:e2e`: the browser suites (tests/e2e/<area>-<what>.ts) against the demo site built
 * for production. The build happens once (globalSetup); each suite starts `next start` on a fresh
 * database of its own.
 */
export default defineConfig({
  resolve: {
    alias: {
      // graphql 16 has no exports map: without this, Vite and Node load two copies of it.
      graphql: require.resolve('graphql'),
    },
  },
  test: {
    // A page that loads names or toasts after it renders may take seconds on a busy 2-core machine.
    expect: { poll: { interval: 100, timeout: 15_000 } },
    fileParallelism: false,
    globalSetup: ['tests/e2e/helpers/globalSetup.ts'],
    hookTimeout: 240_000,
    include: ['tests/e2e/*-*.ts'],
    testTimeout: 120_000,
  },
})
