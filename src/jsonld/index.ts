export { occupationForDoc } from './loadOccupation.js'
export {
  buildOccupationJsonLd,
  degreeLevelNames,
  jsonLdLanguage,
  occupationId,
  type OccupationJsonLd,
  type OccupationJsonLdContext,
  serializeJsonLdForHtml,
} from './occupation.js'
