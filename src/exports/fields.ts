/**
 * `payload-plugin-role-catalog/fields`: the plugin's field factories and the values of its select
 * fields, for a site that places the catalogue's fields itself (e.g. a link to a skill on one of its
 * own collections) or renders them (a frontend's labels for each degree level).
 */
export * from '../fields/index.js'
export { type DegreeLevel, degreeLevels, type ExperienceKind, experienceKinds } from '../collections/roles.js'
export { type SkillKind, skillKinds } from '../collections/skills.js'
