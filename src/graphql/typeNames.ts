import type * as GraphQLModule from 'graphql'
import type { GraphQLExtension, Payload } from 'payload'

/** The `graphql` module Payload hands to `graphQL.queries`. */
type GraphQLArg = Parameters<GraphQLExtension>[0]
/** What Payload hands to `graphQL.queries` besides it: the schema built so far. */
type SchemaSoFar = Parameters<GraphQLExtension>[1]
type FieldConfigs = Record<string, unknown>
type FieldConfig = { args?: Record<string, { type?: unknown } | undefined>; type?: unknown }

/**
 * Every named type reachable from these root field configs (their types and their arguments' types,
 * through object, interface, union and input object fields), by name.
 */
const collectNamedTypes = (GraphQL: GraphQLArg, roots: FieldConfigs[], into = new Map<string, unknown>()) => {
  const visit = (type: unknown) => {
    if (!type) return
    const named = GraphQL.getNamedType(type as GraphQLModule.GraphQLType)
    if (!named || into.get(named.name) === named) return
    // A second, different type of the same name is kept out: the first one found is "the site's".
    if (into.has(named.name)) return
    into.set(named.name, named)
    if (GraphQL.isObjectType(named) || GraphQL.isInterfaceType(named)) {
      for (const field of Object.values(named.getFields())) {
        visit(field.type)
        for (const arg of field.args) visit(arg.type)
      }
    } else if (GraphQL.isInputObjectType(named)) {
      for (const field of Object.values(named.getFields())) visit(field.type)
    } else if (GraphQL.isUnionType(named)) {
      for (const member of named.getTypes()) visit(member)
    }
  }
  for (const fields of roots) {
    for (const field of Object.values(fields) as (FieldConfig | undefined)[]) {
      if (!field) continue
      visit(field.type)
      for (const arg of Object.values(field.args ?? {})) visit(arg?.type)
    }
  }
  return into
}

const loggers = new WeakMap<object, Payload['logger']>()
const pending = new WeakMap<object, string[]>()

/** At start (the plugin's onInit): where renames are reported; reports made before now are logged here. */
export const watchTypeRenames = (payload: Payload) => {
  loggers.set(payload.config, payload.logger)
  for (const line of pending.get(payload.config) ?? []) payload.logger.warn(line)
  pending.delete(payload.config)
}

const report = (config: object, lines: string[]) => {
  if (!lines.length) return
  const logger = loggers.get(config)
  if (logger) for (const line of lines) logger.warn(line)
  else pending.set(config, lines)
}

/**
 * The plugin names its GraphQL types after the roles type (`RoleComparison`, `RoleMatches`, ...) and
 * `Catalog…` (search). A host's own type of the same name (a collection `role-comparisons` is
 * `RoleComparison`, `role-matches` is `RoleMatch`/`RoleMatches`) would make GraphQL refuse the whole
 * schema, the host's queries included. So the plugin's types whose names the site already uses
 * (collections, globals, their nested types, the host's own queries) are renamed, `Catalog` before
 * the name (then a number if that is taken too), and each rename is logged once as a warning.
 * Called with the plugin's root fields, before Payload assembles the schema.
 */
export const renameTakenTypes = (
  GraphQL: GraphQLArg,
  context: SchemaSoFar,
  host: FieldConfigs,
  plugin: FieldConfigs,
) => {
  const schema = context as unknown as { config?: object; Mutation?: { fields?: FieldConfigs }; Query?: { fields?: FieldConfigs } }
  const taken = collectNamedTypes(GraphQL, [schema.Query?.fields ?? {}, schema.Mutation?.fields ?? {}, host])
  const ours = collectNamedTypes(GraphQL, [plugin])
  const lines: string[] = []
  for (const [name, type] of ours) {
    const existing = taken.get(name)
    if (existing === undefined || existing === type) continue
    // Only the types the plugin built itself are renamed (objects); a scalar of the same name is the same scalar.
    if (!GraphQL.isObjectType(type)) continue
    let free = `Catalog${name}`
    for (let n = 2; taken.has(free) || ours.has(free); n++) free = `Catalog${name}${n}`
    ;(type as { name: string }).name = free
    taken.set(free, type)
    lines.push(
      `role catalog: the site's GraphQL schema already has a type "${name}"; the catalogue's type of that name is called "${free}" on this site`,
    )
  }
  if (schema.config) report(schema.config, lines)
}
