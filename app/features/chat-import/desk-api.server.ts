import { gWithContext } from '@keystone-6/core'

import { isPlatform } from '../../domain/networks'
import { permissions } from '../../schema/access'
import type { Context } from '../../server/keystone.server'
import { archiveTopicChat } from './import.server'
import { networkStatus, type NetworkStatus } from './networks.server'

// The desk's chat queries and mutations (admin/replaced-pages/this-week.tsx): which networks this
// site can read and post to, and archiving a topic's chat from the networks the editor ticked.
// Editors only, as the lists' own actions.

const g = gWithContext<Context>()

const DeskNetwork = g.object<NetworkStatus>()({
  name: 'DeskNetwork',
  fields: {
    platform: g.field({ type: g.nonNull(g.String) }),
    name: g.field({ type: g.nonNull(g.String) }),
    canRead: g.field({ type: g.nonNull(g.Boolean), description: 'A chat can be archived from it.' }),
    canPost: g.field({ type: g.nonNull(g.Boolean), description: 'An announcement can be posted to it.' }),
    readNeeds: g.field({ type: g.nonNull(g.String), description: 'The settings reading needs.' }),
    postNeeds: g.field({ type: g.nonNull(g.String), description: 'The settings posting needs.' }),
  },
})

export const chatDeskApi = g.extend(() => ({
  query: {
    deskNetworks: g.field({
      type: g.nonNull(g.list(g.nonNull(DeskNetwork))),
      description: 'The networks chats are read from and announced on, and which of them this site is set up for. Editors only.',
      resolve(_, __, context) {
        requireEditor(context)
        return networkStatus()
      },
    }),
  },
  mutation: {
    deskArchiveChat: g.field({
      type: g.nonNull(g.Int),
      description:
        'Archives a finished topic’s chat from the networks given (the topic’s own are not changed), as its Archive this chat action does; answers the number of posts archived. Editors only.',
      args: { topicId: g.arg({ type: g.nonNull(g.ID) }), networks: g.arg({ type: g.nonNull(g.list(g.nonNull(g.String))) }) },
      async resolve(_, { topicId, networks }, context) {
        requireEditor(context)
        const unknown = networks.find(network => !isPlatform(network))
        if (unknown !== undefined) throw new Error(`networks: "${unknown}" is not a network; use x, bluesky or mastodon.`)
        if (networks.length === 0) throw new Error('networks: choose at least one network to gather the chat from.')
        const summary = await archiveTopicChat(context.sudo(), topicId, { networks: networks.filter(isPlatform) })
        return summary.stats.posts
      },
    }),
  },
}))

function requireEditor(context: Context) {
  if (!permissions.isEditor({ session: context.session })) throw new Error('Only editors archive and announce chats.')
}
