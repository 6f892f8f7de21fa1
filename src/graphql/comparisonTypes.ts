import type * as GraphQLModule from 'graphql'
import type { GraphQLExtension } from 'payload'

import { comparisonDimensions } from '../compare/compareRoles.js'

/**
 * The comparison's GraphQL types, named after the roles collection's own type (`Role` →
 * `RoleComparison`, `JobRole` → `JobRoleComparison`), so they never collide with a host's types,
 * e.g. a host `roles` collection next to the plugin's `job-roles`.
 */
/** The `graphql` module Payload hands to `graphQL.queries`; types are built with it, never another copy. */
type GraphQLArg = Parameters<GraphQLExtension>[0]

export const buildComparisonTypes = (GraphQL: GraphQLArg, roleType: GraphQLModule.GraphQLObjectType) => {
  const { GraphQLBoolean, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const prefix = `${roleType.name}Comparison`
  const nonNullString = new GraphQLNonNull(GraphQLString)
  const list = <T extends GraphQLModule.GraphQLOutputType>(type: T) =>
    new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)))

  const linkFields = {
    level: {
      description: "Qualifications: the degree level of the role's row that lists this field of study.",
      type: GraphQLString,
    },
    note: { description: 'What the role says about the item.', type: GraphQLString },
    requirement: { description: '"required" or "recommended".', type: nonNullString },
  }

  const itemFields = {
    abbreviation: { description: 'Certifications: the short form, e.g. "PMP".', type: GraphQLString },
    description: { type: GraphQLString },
    kind: {
      description: 'Skills: "soft" or "technical". Experience: "technical" (hands-on technical role) or "management".',
      type: GraphQLString,
    },
    label: { description: 'Title or name, as shown to readers.', type: nonNullString },
    slug: { description: 'Stable key the roles are compared by.', type: nonNullString },
  }

  const link = new GraphQLObjectType({
    name: `${prefix}Link`,
    description: "One role's link to an item both roles have.",
    fields: linkFields,
  })

  const sharedItem = new GraphQLObjectType({
    name: `${prefix}SharedItem`,
    description: 'An item both roles have, with each role’s link details.',
    fields: { ...itemFields, a: { type: new GraphQLNonNull(link) }, b: { type: new GraphQLNonNull(link) } },
  })

  const onlyItem = new GraphQLObjectType({
    name: `${prefix}Item`,
    description: 'An item only one of the roles has, with that role’s link details.',
    fields: { ...itemFields, ...linkFields },
  })

  const dimension = new GraphQLObjectType({
    name: `${prefix}Dimension`,
    fields: {
      onlyA: { description: 'Items only role `a` has, in its order.', type: list(onlyItem) },
      onlyB: { description: 'Items only role `b` has, in its order.', type: list(onlyItem) },
      shared: { description: 'Items both roles have, in the order of role `a`.', type: list(sharedItem) },
    },
  })

  const dimensionDescriptions: Record<(typeof comparisonDimensions)[number], string> = {
    certifications: 'Certifications, compared by certification.',
    experience: 'Hands-on experience, compared by area.',
    qualifications: 'Degrees, compared by field of study; each side carries its degree level.',
    responsibilities: 'Responsibilities, compared by responsibility.',
    skills: 'Skills, compared by skill.',
  }

  const comparison = new GraphQLObjectType({
    name: prefix,
    description: 'What two roles share and what only one of them has, per dimension.',
    fields: {
      a: { type: new GraphQLNonNull(roleType) },
      aBuildsOnB: { description: 'Role `a` lists role `b` under "builds on".', type: new GraphQLNonNull(GraphQLBoolean) },
      b: { type: new GraphQLNonNull(roleType) },
      bBuildsOnA: { description: 'Role `b` lists role `a` under "builds on".', type: new GraphQLNonNull(GraphQLBoolean) },
      ...Object.fromEntries(
        comparisonDimensions.map((name) => [
          name,
          { description: dimensionDescriptions[name], type: new GraphQLNonNull(dimension) },
        ]),
      ),
    },
  })

  return { comparison }
}
