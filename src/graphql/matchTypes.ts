import type * as GraphQLModule from 'graphql'
import type { GraphQLExtension } from 'payload'

/** The `graphql` module Payload hands to `graphQL.queries`; types are built with it, never another copy. */
type GraphQLArg = Parameters<GraphQLExtension>[0]

/**
 * The types of `matchRoles` and `similarRoles`, named after the roles collection's own type
 * (`Role` → `RoleMatches`, `JobRole` → `JobRoleMatches`), as the comparison's are, so they never
 * collide with a host's types.
 */
export const buildMatchTypes = (GraphQL: GraphQLArg, roleType: GraphQLModule.GraphQLObjectType) => {
  const { GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const prefix = roleType.name
  const nonNullString = new GraphQLNonNull(GraphQLString)
  const nonNullInt = new GraphQLNonNull(GraphQLInt)
  const list = <T extends GraphQLModule.GraphQLOutputType>(type: T) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)))

  const itemFields = {
    abbreviation: { description: 'Certifications: the short form, e.g. "PMP".', type: GraphQLString },
    collection: { description: 'The collection the item is in, by its slug on this site (e.g. "skills").', type: nonNullString },
    description: { type: GraphQLString },
    kind: { description: 'Skills: "soft" or "technical".', type: GraphQLString },
    label: { description: 'Title or name in the answer’s language (the slug when it has none).', type: nonNullString },
    note: { description: 'What the role says about the item (the link’s note).', type: GraphQLString },
    requirement: { description: '"required" or "recommended": how strongly the role asks for the item.', type: nonNullString },
    slug: { type: nonNullString },
  }

  const matchItem = new GraphQLObjectType({
    name: `${prefix}MatchItem`,
    description: 'A skill or certification a role links, with the link’s requirement and note.',
    fields: itemFields,
  })

  const count = new GraphQLObjectType({
    name: `${prefix}MatchCount`,
    description: 'How many of a role’s items (of one requirement) the given skills and certifications cover.',
    fields: {
      matched: { type: nonNullInt },
      total: { type: nonNullInt },
    },
  })

  const match = new GraphQLObjectType({
    name: `${prefix}Match`,
    description: 'A role ranked by how well the given skills and certifications cover it.',
    fields: {
      covered: { description: 'The role’s items the person has, in the role’s order (skills first).', type: list(matchItem) },
      missingRecommended: { description: 'Recommended items the person lacks, with the link’s note.', type: list(matchItem) },
      missingRequired: { description: 'Required items the person lacks, with the link’s note.', type: list(matchItem) },
      recommended: { description: 'Recommended skills and certifications: covered / all.', type: new GraphQLNonNull(count) },
      required: { description: 'Required skills and certifications: covered / all.', type: new GraphQLNonNull(count) },
      role: { type: new GraphQLNonNull(roleType) },
      score: {
        description: '0–1: (2 × required covered + recommended covered) / (2 × required + recommended), over the role’s skills and certifications.',
        type: new GraphQLNonNull(GraphQLFloat),
      },
    },
  })

  const matches = new GraphQLObjectType({
    name: `${prefix}Matches`,
    description: 'Roles ranked by how well the given skills and certifications cover them, best first.',
    fields: {
      docs: { type: list(match) },
      totalDocs: { description: 'Roles covered at all (score above 0); `docs` holds the first `limit`.', type: nonNullInt },
      unknownCertifications: {
        description: 'Certification slugs that name nothing the reader may read: ignored.',
        type: list(GraphQLString),
      },
      unknownSkills: { description: 'Skill slugs that name nothing the reader may read: ignored.', type: list(GraphQLString) },
    },
  })

  const sharedItem = new GraphQLObjectType({
    name: `${prefix}SimilarItem`,
    description:
      'A skill or responsibility both roles link: `requirement`/`note` of the similar role’s link, `originRequirement`/`originNote` of the role asked about.',
    fields: {
      ...itemFields,
      originNote: { type: GraphQLString },
      originRequirement: { type: nonNullString },
    },
  })

  const similarRole = new GraphQLObjectType({
    name: `${prefix}Similar`,
    description: 'A role sharing skills and responsibilities with the role asked about.',
    fields: {
      role: { type: new GraphQLNonNull(roleType) },
      score: {
        description: '0–1: Σ min(wA, wB) / Σ max(wA, wB) over the skills and responsibilities of both roles (w: required 2, recommended 1).',
        type: new GraphQLNonNull(GraphQLFloat),
      },
      sharedResponsibilities: { description: 'In the order of the role asked about.', type: list(sharedItem) },
      sharedSkills: { description: 'In the order of the role asked about.', type: list(sharedItem) },
    },
  })

  const similar = new GraphQLObjectType({
    name: `${prefix}SimilarRoles`,
    description: 'Roles sharing the most (weighted) skills and responsibilities with a role, most similar first.',
    fields: {
      docs: { type: list(similarRole) },
      role: { description: 'The role asked about.', type: new GraphQLNonNull(roleType) },
      totalDocs: { description: 'Roles sharing at least one item; `docs` holds the first `limit`.', type: nonNullInt },
    },
  })

  return { matches, similar }
}
