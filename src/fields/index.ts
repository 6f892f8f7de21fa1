export {
  type ExternalCode,
  type ExternalCodeMatch,
  externalCodeMatches,
  externalCodesField,
} from './externalCodes.js'
export { linkNoteField } from './note.js'
export { requirementField, requirementLevels, type RequirementLevel } from './requirement.js'
export { catalogSlugField, rowSlugField, SLUG_PATTERN, toSlug, validateSlug } from './slug.js'
export { sourceField } from './source.js'
export { roleLinkField } from './roleLink.js'
export { usedByRolesField } from './usedByRoles.js'
export { alternateNamesField } from './alternateNames.js'
export {
  type ReuseLevel,
  reuseLevelField,
  reuseLevels,
  type SkillType,
  skillTypeField,
  skillTypes,
} from './skillClassification.js'
