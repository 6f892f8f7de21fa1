export { occupationForDoc } from './loadOccupation.js'
export {
  buildOccupationJsonLd,
  degreeWordsFor,
  type DegreeWords,
  jsonLdLanguage,
  occupationId,
  type OccupationJsonLd,
  type OccupationJsonLdContext,
  serializeJsonLdForHtml,
} from './occupation.js'
