// Run before the browser suites (`npm run test:e2e`): without a Chromium they cannot run, and
// playwright-core would say so in a stack trace. One line instead, saying how to get one.
import { accessSync, constants } from 'node:fs'

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

try {
  accessSync(chromiumPath, constants.X_OK)
} catch {
  console.error(
    `test:e2e needs Chromium at ${chromiumPath}: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
  )
  process.exit(1)
}
