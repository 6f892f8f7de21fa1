import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

import StructuredDataValidator from '@adobe/structured-data-validator'
import WebAutoExtractor from '@marbec/web-auto-extractor'
import jsonld from 'jsonld'

/**
 * Checks JSON-LD against schema.org with tools this project did not write: Adobe's structured-data
 * validator (every `@type` must be a schema.org class, every property one schema.org defines for that
 * class or its ancestors, plus Google's rich-result rules for the types it knows) over schema.org's
 * published vocabulary (`@vocabulary/schema` ships `schemaorg-current-http.nt`), and jsonld.js, a
 * JSON-LD processor, for what the document says in RDF (e.g. the language of its text).
 */

const require = createRequire(import.meta.url)

let vocabulary: Promise<object> | undefined

/**
 * schema.org's vocabulary in the shape schema.org publishes it as JSON-LD (`schemaorg-current-https.jsonld`:
 * an `@graph` of `rdfs:Class` and `rdf:Property` nodes with the `rdf`, `rdfs` and `schema` prefixes),
 * which is what the validator reads; made from the N-Quads by jsonld.js once per test file (~5 s).
 */
const schemaOrgVocabulary = (): Promise<object> =>
  (vocabulary ??= (async () => {
    const nquads = await readFile(require.resolve('@vocabulary/schema/schema.nq'), 'utf8')
    const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' })
    return jsonld.compact(expanded, {
      rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      schema: 'http://schema.org/',
    })
  })())

export type SchemaOrgIssue = { fieldNames?: string[]; issueMessage: string; severity: 'ERROR' | 'WARNING' }

const validate = async (extracted: { jsonld: Record<string, object[]> }): Promise<SchemaOrgIssue[]> => {
  const validator = new StructuredDataValidator(await schemaOrgVocabulary())
  // The validator takes what web-auto-extractor gives: JSON-LD documents grouped by their @type.
  const issues = await validator.validate(structuredClone(extracted))
  return issues.map(({ fieldNames, issueMessage, severity }) => ({ fieldNames, issueMessage, severity }))
}

/** What the validator finds wrong in these JSON-LD documents (warnings included); none: `[]`. */
export const schemaOrgIssues = async (documents: Record<string, unknown>[]): Promise<SchemaOrgIssue[]> => {
  const byType: Record<string, object[]> = {}
  for (const document of documents) (byType[String(document['@type'])] ??= []).push(document)
  return validate({ jsonld: byType })
}

/** The JSON-LD documents of an HTML page, as a crawler's extractor finds them (web-auto-extractor). */
export const jsonLdInHtml = (html: string): Record<string, unknown>[] => {
  const extracted = new WebAutoExtractor({ addLocation: false }).parse(html)
  return Object.values(extracted.jsonld).flat() as Record<string, unknown>[]
}

/**
 * The language tags a JSON-LD processor gives the text of the document's top node (every string
 * property, e.g. `name`, `description`, `responsibilities`): the `@language` of its context, or
 * `null` for a plain string. jsonld.js cannot fetch schema.org's context offline, so `https://schema.org`
 * is loaded as what that context starts with, `{"@vocab": "http://schema.org/"}`; the document's own
 * context entries are read as written.
 */
export const textLanguagesOf = async (document: Record<string, unknown>): Promise<Set<null | string>> => {
  const documentLoader = async (url: string) => {
    if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`no network in tests: ${url}`)
    return { contextUrl: undefined, document: { '@context': { '@vocab': 'http://schema.org/' } }, documentUrl: url }
  }
  const [node] = (await jsonld.expand(document as jsonld.JsonLdDocument, { documentLoader })) as Record<string, unknown>[]
  const languages = new Set<null | string>()
  for (const [property, values] of Object.entries(node ?? {})) {
    if (property.startsWith('@')) continue
    for (const value of values as { '@language'?: string; '@value'?: unknown }[]) {
      if (typeof value['@value'] === 'string') languages.add(value['@language'] ?? null)
    }
  }
  if (languages.size === 0) throw new Error('the document has no text')
  return languages
}

/**
 * Every string of the document, at any depth, with the language tag a JSON-LD processor gives it
 * (the context's `@language`, a value object's own `@language`, or `null` for none), as
 * `[text, language]` pairs in document order. Same offline loading of schema.org's context as above.
 */
export const textsWithLanguage = async (document: Record<string, unknown>): Promise<[string, null | string][]> => {
  const documentLoader = async (url: string) => {
    if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`no network in tests: ${url}`)
    return { contextUrl: undefined, document: { '@context': { '@vocab': 'http://schema.org/' } }, documentUrl: url }
  }
  const expanded = await jsonld.expand(document as jsonld.JsonLdDocument, { documentLoader })
  const pairs: [string, null | string][] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (!value || typeof value !== 'object') return
    const node = value as Record<string, unknown>
    if (typeof node['@value'] === 'string') {
      pairs.push([node['@value'], (node['@language'] as string | undefined) ?? null])
      return
    }
    for (const [key, entry] of Object.entries(node)) if (!key.startsWith('@')) walk(entry)
  }
  walk(expanded)
  return pairs
}
