import { scheduledAfter } from '../../domain/publishing'
import { keystoneContext } from '../../server/keystone.server'

// Scheduled items: published with a publish time ahead (app/domain/publishing.ts). The server follows the next one's time so caches expire then
// (followScheduledChanges). Editors list them over GraphQL:
// posts(where: { status: { equals: published }, publishedAt: { gt: $now } }).

/** When the next scheduled post, interview or topic appears; null when none is scheduled. */
export async function nextScheduledPublication(now = new Date()): Promise<Date | null> {
  const { prisma } = await keystoneContext()
  const where = scheduledAfter(now)
  const first = { where, orderBy: { publishedAt: 'asc' }, select: { publishedAt: true } } as const
  const found = await Promise.all([prisma.post.findFirst(first), prisma.interview.findFirst(first), prisma.topicAnnouncement.findFirst(first)])
  const times = found.flatMap(item => (item?.publishedAt ? [item.publishedAt.getTime()] : []))
  return times.length ? new Date(Math.min(...times)) : null
}
