import type { GraphQLSchema } from 'graphql'

import { previewLinkApi } from '../features/content/preview-link.server'

// The desk's own queries and mutations, beside the lists' generated API. Each resolver checks
// who is asking (app/schema/access.ts).

const extensions: ((schema: GraphQLSchema) => GraphQLSchema)[] = [previewLinkApi]

export function extendGraphqlSchema(schema: GraphQLSchema): GraphQLSchema {
  return extensions.reduce((extended, extend) => extend(extended), schema)
}
