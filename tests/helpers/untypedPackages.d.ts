// Types for the JavaScript-only packages the schema.org checks use (tests/helpers/schemaOrg.ts).
declare module '@adobe/structured-data-validator' {
  type Issue = { fieldNames?: string[]; issueMessage: string; path?: unknown[]; severity: 'ERROR' | 'WARNING' }
  export default class Validator {
    constructor(schemaOrgJson?: object)
    validate(extracted: { jsonld?: Record<string, object[]> }): Promise<Issue[]>
  }
}

declare module '@marbec/web-auto-extractor' {
  export default class WebAutoExtractor {
    constructor(options?: { addLocation?: boolean; embedSource?: string[] })
    parse(html: string): { jsonld: Record<string, object[]> }
  }
}
