export { occupationForDoc } from './loadOccupation.js'
export {
  buildOccupationJsonLd,
  degreeWordsFor,
  type DegreeWords,
  jsonLdLanguage,
  type JsonLdText,
  occupationId,
  type OccupationJsonLd,
  type OccupationJsonLdContext,
  serializeJsonLdForHtml,
} from './occupation.js'
