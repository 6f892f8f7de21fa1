/**
 * `npm run bench:data -- <folder> [--occupations 3000 --skills 14000 --links 130000 --seed 1] [--languages en,de]`
 * writes a synthetic catalogue of ESCO's size in the layout of ESCO's CSV download, in one
 * language or more (occupations_de.csv, skills_de.csv beside the English files).
 */
import { parseArgs } from 'node:util'

import { escoSizes, generateEscoCatalogue } from './bench/generateEscoCatalogue.js'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    languages: { type: 'string' },
    links: { type: 'string' },
    occupations: { type: 'string' },
    seed: { type: 'string' },
    skills: { type: 'string' },
  },
})

const folder = positionals[0]
if (!folder) {
  console.error('usage: npm run bench:data -- <folder> [--occupations 3000 --skills 14000 --links 130000 --seed 1] [--languages en,de]')
  process.exit(2)
}

const count = (name: 'links' | 'occupations' | 'seed' | 'skills'): number => {
  const raw = values[name]
  if (raw === undefined) return escoSizes[name]
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a whole number, got "${raw}"`)
    process.exit(2)
  }
  return value
}

const started = performance.now()
const languages = (values.languages ?? 'en').split(',').map((code) => code.trim()).filter(Boolean)
if (languages.length === 0 || languages.some((code) => !/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(code))) {
  console.error(`--languages must be locale codes separated by commas (e.g. en,de), got "${values.languages}"`)
  process.exit(2)
}
const result = await generateEscoCatalogue(folder, {
  languages,
  links: count('links'),
  occupations: count('occupations'),
  seed: count('seed'),
  skills: count('skills'),
})
console.log(
  `wrote ${result.counts.occupations} occupations, ${result.counts.skills} skills, ${result.counts.links} links to ${folder} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
for (const file of [...Object.values(result.files), ...Object.values(result.translationFiles).flatMap((files) => Object.values(files))]) {
  console.log(`  ${file}`)
}
