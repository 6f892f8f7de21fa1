export {
  type ComparisonDimension,
  type ComparisonDimensionName,
  comparisonDimensions,
  type ComparisonLink,
  compareResolvedRoles,
  type OnlyItem,
  type RoleComparison,
  type SharedItem,
} from './compareRoles.js'
export { loadComparison, type LoadComparisonArgs } from './loadComparison.js'
