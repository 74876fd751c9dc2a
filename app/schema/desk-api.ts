import type { GraphQLSchema } from 'graphql'

import { chatDeskApi } from '../features/chat-import/desk-api.server'
import { previewLinkApi } from '../features/content/preview-link.server'
import { writingApi } from '../features/writing/writing-api.server'

// The desk's own queries and mutations, beside the lists' generated API, one extension per
// feature. Each resolver checks who is asking (app/schema/access.ts).

const extensions: ((schema: GraphQLSchema) => GraphQLSchema)[] = [previewLinkApi, writingApi, chatDeskApi]

export function extendGraphqlSchema(schema: GraphQLSchema): GraphQLSchema {
  return extensions.reduce((extended, extend) => extend(extended), schema)
}
