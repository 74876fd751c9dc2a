import fs from 'node:fs'

import { buildSchema, getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLSchema } from 'graphql'

// The API as an outsider sees it, read from the committed schema.graphql (regenerated and checked
// by `keystone build --frozen`): its lists, the relationships between them and the unique fields
// that name an item. Tests generated from it cover a field added next year without anyone
// remembering to write its case.

export type ApiRelationship = {
  /** The list the relationship belongs to, and its field. */
  list: string
  field: string
  target: string
  many: boolean
}

export type ApiList = {
  name: string
  /** The query fields: `post`, `posts`, `postsCount`. */
  one: string
  many: string
  count: string
  uniqueFields: string[]
  /** Relationships in its filter input (`PostWhereInput`): what a `where` can cross. */
  filterable: ApiRelationship[]
  /** Relationships its create and update inputs can write. */
  writable: { create: ApiRelationship[]; update: ApiRelationship[] }
}

let schema: GraphQLSchema | undefined
const loadSchema = () => (schema ??= buildSchema(fs.readFileSync('schema.graphql', 'utf8')))

const unwrap = (type: GraphQLInputType) => (isNonNullType(type) ? type.ofType : type)

/** Every list of the API, found by its `…WhereUniqueInput` and the query fields over it. */
export function apiLists(): ApiList[] {
  const loaded = loadSchema()
  const query = loaded.getQueryType()
  if (!query) throw new Error('schema.graphql has no Query type')
  const lists: ApiList[] = []
  for (const field of Object.values(query.getFields())) {
    const where = field.args.find(arg => arg.name === 'where')
    if (!where || !isListType(unwrap(field.type as GraphQLInputType))) continue
    const name = getNamedType(field.type).name
    const unique = loaded.getType(`${name}WhereUniqueInput`)
    const filter = loaded.getType(`${name}WhereInput`)
    if (!isInputObjectType(unique) || !isInputObjectType(filter)) continue
    const one = Object.values(query.getFields()).find(candidate => getNamedType(candidate.type).name === name && !isListType(unwrap(candidate.type as GraphQLInputType)) && candidate.args.some(arg => getNamedType(arg.type).name === unique.name))
    if (!one) continue
    lists.push({
      name,
      one: one.name,
      many: field.name,
      count: `${field.name}Count`,
      uniqueFields: Object.keys(unique.getFields()),
      filterable: relationshipsOf(name, `${name}WhereInput`, /^(.+)(WhereInput|ManyRelationFilter)$/),
      writable: {
        create: relationshipsOf(name, `${name}CreateInput`, /^(.+)RelateTo(One|Many)ForCreateInput$/),
        update: relationshipsOf(name, `${name}UpdateInput`, /^(.+)RelateTo(One|Many)ForUpdateInput$/),
      },
    })
  }
  return lists
}

function relationshipsOf(list: string, inputName: string, pattern: RegExp): ApiRelationship[] {
  const input = loadSchema().getType(inputName)
  if (!isInputObjectType(input)) return []
  const found: ApiRelationship[] = []
  for (const [field, { type }] of Object.entries(input.getFields())) {
    if (['AND', 'OR', 'NOT'].includes(field)) continue
    const match = pattern.exec(getNamedType(type).name)
    if (!match || !isInputObjectType(loadSchema().getType(`${match[1]}WhereUniqueInput`))) continue
    found.push({ list, field, target: match[1], many: match[2] === 'Many' || match[2] === 'ManyRelationFilter' })
  }
  return found
}
