import { writingApi } from '../features/writing/writing-api.server'

// The editor's desk adds queries and mutations to Keystone's GraphQL API, one extension per
// feature; each checks its own access.
const extensions = [writingApi]

type GraphQLSchema = Parameters<typeof writingApi>[0]

export function extendGraphqlSchema(schema: GraphQLSchema): GraphQLSchema {
  return extensions.reduce((extended, extension) => extension(extended), schema)
}
