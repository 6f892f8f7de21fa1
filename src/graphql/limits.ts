import type { GraphQLError, ValidationContext } from 'graphql'
import type { Config } from 'payload'

import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'

import type { GraphQLLimits } from '../plugin/options.js'

type ValidationRules = NonNullable<NonNullable<Config['graphQL']>['validationRules']>

/**
 * Adds depth and alias limits (graphql-armor's rules) after the host's own validation rules, so a
 * deep role↔skill cycle or a query with hundreds of aliases is rejected before it is executed.
 */
export const withGraphQLLimits = (
  hostRules: ValidationRules | undefined,
  { maxAliases, maxDepth }: GraphQLLimits,
): ValidationRules => {
  // Report the rejection as a validation error (HTTP 400 with `errors`); graphql-armor's default is
  // to throw, which graphql-http answers with an opaque 500.
  const report = {
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
    propagateOnRejection: false,
  }
  const rules = [
    ...(maxDepth
      ? [maxDepthRule({ ...report, flattenFragments: true, ignoreIntrospection: true, n: maxDepth })]
      : []),
    ...(maxAliases ? [maxAliasesRule({ ...report, n: maxAliases })] : []),
  ]
  return (args) => [...(hostRules?.(args) ?? []), ...(rules as ReturnType<ValidationRules>)]
}
