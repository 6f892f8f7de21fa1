export { occupationForDoc } from './loadOccupation.js'
export {
  buildOccupationJsonLd,
  degreeLevelNames,
  occupationId,
  type OccupationJsonLd,
  serializeJsonLdForHtml,
} from './occupation.js'
