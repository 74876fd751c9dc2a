import { stringify } from 'csv-stringify/sync'

import { fullSizeUrl } from '../../domain/images'
import { env } from '../../server/env.server'
import type { ArchiveView, PostView } from './archive.server'

// The evidence base as open data. Every X id is a string (JavaScript numbers cannot hold them);
// redacted participants arrive here already redacted (app/features/archive/archive.server.ts).

/** A stored photo's address on this site, at its own size: X's copy may be gone. */
const imageUrlOf = (media: PostView['media'][number]) => (media.image ? `${env.publicUrl}${fullSizeUrl(media.image)}` : null)

export function archiveAsJson(archive: ArchiveView) {
  const { stats } = archive
  return {
    title: archive.title,
    slug: archive.slug,
    hashtag: archive.hashtag,
    windowStart: archive.windowStart,
    windowEnd: archive.windowEnd,
    importedAt: archive.importedAt,
    stats: {
      posts: stats.posts,
      originals: stats.originals,
      replies: stats.replies,
      retweets: stats.retweets,
      quotes: stats.quotes,
      contributors: stats.contributors,
      newContributors: stats.newContributors,
      returningContributors: stats.returningContributors,
      peakPostsPerMinute: stats.peakPostsPerMinute,
      postsPerMinute: stats.postsPerMinute,
      topContributors: stats.topContributors,
      byNetwork: stats.byNetwork ?? {},
    },
    questions: archive.questions.map(question => ({
      number: question.number,
      postId: question.post?.id ?? null,
      text: question.post?.text ?? null,
      answers: question.answers.map(answer => ({ id: answer.post.id, replies: answer.replies.map(reply => reply.id) })),
    })),
    links: archive.links.map(link => ({ url: link.url, sharedBy: link.sharedBy, posts: link.posts })),
    threads: archive.threads.map(thread => thread.posts),
    posts: archive.transcript.map(post => ({
      id: post.id,
      platform: post.platform,
      postedAt: post.postedAt,
      editedAt: post.editedAt,
      kind: post.kind,
      inReplyToId: post.inReplyToId || null,
      author: { name: post.author.name, handle: post.author.handle },
      text: post.text,
      media: post.media.map(media => ({ type: media.type, altText: media.altText, imageUrl: imageUrlOf(media) })),
      url: post.url,
      repostedBy: post.repostedBy,
      repostOf: post.repostOf,
    })),
  }
}

// A cell that starts with "=" or "+" is a formula to a spreadsheet; a leading apostrophe keeps it
// text. "@" and "-" are left alone: posts start with mentions and dashes all the time.
const asText = (value: string) => (/^[=+\t\r]/.test(value) ? `'${value}` : value)

export function archiveAsCsv(archive: ArchiveView): string {
  const byTime = [...archive.transcript].sort((a, b) => a.postedAt.localeCompare(b.postedAt) || a.id.localeCompare(b.id))
  return stringify(
    byTime.map(post => ({
      id: post.id,
      posted_at: post.postedAt,
      kind: post.kind,
      in_reply_to_id: post.inReplyToId,
      author_name: asText(post.author.name),
      author_handle: post.author.handle ?? '',
      text: asText(post.text),
      media_alt_text: asText(post.media.map(media => media.altText).join(' | ')),
      media_image_urls: post.media.flatMap(media => imageUrlOf(media) ?? []).join(' | '),
      url: post.url ?? '',
      reposted_by_handle: post.repostedBy ? (post.repostedBy.handle ?? post.repostedBy.name) : '',
      repost_of_id: post.repostOf?.id ?? '',
      // Last, so the columns readers' spreadsheets already expect keep their places.
      platform: post.platform,
      edited_at: post.editedAt ?? '',
    })),
    { header: true }
  )
}
