import { mkdir, mkdtemp } from 'node:fs/promises'
import path from 'node:path'

import { projectRoot } from '../../scripts/database.js'
import { SCRATCH_VARIABLE } from './leftovers.js'

/**
 * A new folder inside the repository (so what runs there resolves its node_modules), in the test
 * run's own scratch folder: the end of the run finds it if a test forgets to remove it.
 */
export const scratchFolder = async (prefix: string) => {
  const parent = process.env[SCRATCH_VARIABLE] ?? path.join(projectRoot, '.tmp')
  await mkdir(parent, { recursive: true })
  return mkdtemp(path.join(parent, prefix))
}
