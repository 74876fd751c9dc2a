import Link from 'next/link'
import { useRouter } from 'next/router'
import { useState, type ReactNode } from 'react'

import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Badge } from '@keystar/ui/badge'
import { Button } from '@keystar/ui/button'
import { Heading, Text } from '@keystar/ui/typography'

import { formatDateTime, listOf } from '../../app/domain/format'
import { blueskyPostUrl } from '../../app/domain/networks'
import { chatEnd, nextAndLastChat } from '../../app/domain/schedule'
import type { ArchiveProgress } from '../../app/features/chat-import/import.server'

// "This week": the desk's landing page. It answers what an editor asks on a Monday: is the next
// chat announced, published and posted to X; was the last one archived and recapped; what is
// waiting. Every line is a link or a one-click action. Everything comes from Keystone's own API,
// so each editor sees only what their role may see.

const TOPIC_FIELDS = gql`
  fragment DeskTopic on TopicAnnouncement {
    id
    title
    slug
    status
    hashtag
    chatStart
    durationMinutes
    networks
    xPostId
    blueskyPostUri
    mastodonPostUrl
    chatArchive {
      id
      title
      slug
      importedAt
      stats
      recaps(orderBy: [{ publishedAt: desc }]) {
        id
        title
        slug
        status
      }
    }
  }
`

const THIS_WEEK = gql`
  query DeskThisWeek($since: DateTime!, $now: DateTime!) {
    authenticatedItem {
      id
      name
      role
    }
    siteSettings {
      chatTimeZone
    }
    topicAnnouncements(where: { chatStart: { gte: $since } }, orderBy: [{ chatStart: asc }], take: 20) {
      ...DeskTopic
    }
    commentsWaiting: commentsCount(where: { status: { equals: "pending" } })
    scheduledPosts: posts(where: { status: { equals: "published" }, publishedAt: { gt: $now } }, orderBy: [{ publishedAt: asc }]) {
      id
      title
      publishedAt
    }
    scheduledInterviews: interviews(where: { status: { equals: "published" }, publishedAt: { gt: $now } }, orderBy: [{ publishedAt: asc }]) {
      id
      title
      publishedAt
    }
    scheduledTopics: topicAnnouncements(where: { status: { equals: "published" }, publishedAt: { gt: $now } }, orderBy: [{ publishedAt: asc }]) {
      id
      title
      publishedAt
    }
  }
  ${TOPIC_FIELDS}
`

const MY_DRAFTS = gql`
  query DeskMyDrafts($me: ID!) {
    posts(where: { status: { equals: "draft" }, author: { id: { equals: $me } } }, orderBy: [{ title: asc }]) {
      id
      title
      kind
    }
    interviews(where: { status: { equals: "draft" }, author: { id: { equals: $me } } }, orderBy: [{ title: asc }]) {
      id
      title
    }
  }
`

const PUBLISH_TOPIC = gql`
  mutation DeskPublishTopic($id: ID!) {
    updateTopicAnnouncement(where: { id: $id }, data: { status: "published" }) {
      id
      status
    }
  }
`

const POST_TOPIC_TO_X = gql`
  mutation DeskPostTopicToX($id: ID!) {
    postToXTopicAnnouncement(where: { id: $id }) {
      id
      xPostId
    }
  }
`

const POST_TOPIC_TO_BLUESKY = gql`
  mutation DeskPostTopicToBluesky($id: ID!) {
    postToBlueskyTopicAnnouncement(where: { id: $id }) {
      id
      blueskyPostUri
    }
  }
`

const POST_TOPIC_TO_MASTODON = gql`
  mutation DeskPostTopicToMastodon($id: ID!) {
    postToMastodonTopicAnnouncement(where: { id: $id }) {
      id
      mastodonPostUrl
    }
  }
`

const ARCHIVE_CHAT = gql`
  mutation DeskArchiveChat($id: ID!, $networks: [String!]!) {
    deskArchiveChat(topicId: $id, networks: $networks)
  }
`

const NETWORKS = gql`
  query DeskNetworks {
    deskNetworks {
      platform
      name
      canRead
      canPost
      readNeeds
      postNeeds
    }
  }
`

type DeskNetwork = { platform: string; name: string; canRead: boolean; canPost: boolean; readNeeds: string; postNeeds: string }

const ARCHIVE_PROGRESS = gql`
  query DeskArchiveProgress($id: ID!) {
    topicAnnouncement(where: { id: $id }) {
      id
      archiveProgress
    }
  }
`

/** How often the desk asks how far an import has got while it runs. */
const PROGRESS_REFRESH_MS = 1000

const DRAFT_RECAP = gql`
  mutation DeskDraftRecap($title: String!, $archiveId: ID!) {
    createPost(data: { title: $title, kind: "recap", chatArchive: { connect: { id: $archiveId } } }) {
      id
    }
  }
`

type Topic = {
  id: string
  title: string
  slug: string
  status: 'draft' | 'published'
  hashtag: string
  chatStart: string
  durationMinutes: number
  networks: string[]
  xPostId: string | null
  blueskyPostUri: string | null
  mastodonPostUrl: string | null
  chatArchive: {
    id: string
    title: string
    slug: string
    importedAt: string | null
    stats: { posts?: number; contributors?: number } | null
    recaps: { id: string; title: string; slug: string; status: 'draft' | 'published' }[]
  } | null
}

type ThisWeek = {
  authenticatedItem: { id: string; name: string; role: string } | null
  siteSettings: { chatTimeZone: string } | null
  topicAnnouncements: Topic[]
  commentsWaiting: number | null
  scheduledPosts: Scheduled[]
  scheduledInterviews: Scheduled[]
  scheduledTopics: Scheduled[]
}

type Scheduled = { id: string; title: string; publishedAt: string }

/** Topics are read from a little before the last chat could have started. */
const LOOK_BACK_MS = 15 * 24 * 60 * 60 * 1000

export default function ThisWeekPage() {
  // Fixed for the page's life, so Apollo asks once and refetches after each action.
  const [variables] = useState(() => ({ since: new Date(Date.now() - LOOK_BACK_MS).toISOString(), now: new Date().toISOString() }))
  const week = useQuery<ThisWeek>(THIS_WEEK, { variables })
  const me = week.data?.authenticatedItem
  const drafts = useQuery<{ posts: { id: string; title: string; kind: string }[]; interviews: { id: string; title: string }[] }>(MY_DRAFTS, {
    variables: { me: me?.id ?? '' },
    skip: !me,
  })

  const isEditor = me?.role === 'editor' || me?.role === 'admin'
  const timeZone = week.data?.siteSettings?.chatTimeZone ?? 'Europe/London'
  const { next, last } = nextAndLastChat(week.data?.topicAnnouncements ?? [], new Date())

  return (
    <PageContainer title="This week" header={<Heading elementType="h1" size="medium">This week</Heading>}>
      <div style={{ display: 'grid', gap: '2rem', paddingBlock: '1.5rem', maxWidth: '48rem' }}>
        {week.error && <p role="alert">The desk could not load this week: {week.error.message}</p>}
        {week.loading && !week.data && <p role="status">Loading this week…</p>}
        {week.data && (
          <>
            <NextChat topic={next} timeZone={timeZone} isEditor={isEditor} onChange={() => week.refetch()} />
            <LastChat topic={last} timeZone={timeZone} isEditor={isEditor} onChange={() => week.refetch()} />
            {isEditor && (
              <Section title="Comments">
                <Line
                  label="Waiting for moderation"
                  state={week.data.commentsWaiting ? <Badge tone="pending">{week.data.commentsWaiting} waiting</Badge> : <Badge tone="positive">None waiting</Badge>}
                >
                  <Link href="/moderation">Moderate comments</Link>
                </Line>
              </Section>
            )}
            <ScheduledItems week={week.data} timeZone={timeZone} />
            <Section title="Your drafts">
              {drafts.data && drafts.data.posts.length + drafts.data.interviews.length === 0 && <Text>You have no drafts.</Text>}
              {drafts.data && (
                <ul style={{ margin: 0, paddingInlineStart: '1.25rem', display: 'grid', gap: '0.5rem' }}>
                  {drafts.data.posts.map(post => (
                    <li key={post.id}>
                      <Link href={`/posts/${post.id}`}>{post.title}</Link> <Text color="neutralSecondary">({post.kind === 'recap' ? 'recap' : 'post'})</Text>
                    </li>
                  ))}
                  {drafts.data.interviews.map(interview => (
                    <li key={interview.id}>
                      <Link href={`/interviews/${interview.id}`}>{interview.title}</Link> <Text color="neutralSecondary">(interview)</Text>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </>
        )}
      </div>
    </PageContainer>
  )
}

function NextChat({ topic, timeZone, isEditor, onChange }: { topic?: Topic; timeZone: string; isEditor: boolean; onChange: () => void }) {
  const [publish, publishing] = useMutation(PUBLISH_TOPIC)
  const [postToX, posting] = useMutation(POST_TOPIC_TO_X)
  const [postToBluesky, postingToBluesky] = useMutation(POST_TOPIC_TO_BLUESKY)
  const [postToMastodon, postingToMastodon] = useMutation(POST_TOPIC_TO_MASTODON)
  const networks = useQuery<{ deskNetworks: DeskNetwork[] }>(NETWORKS, { skip: !isEditor })
  const network = (platform: string) => networks.data?.deskNetworks.find(candidate => candidate.platform === platform)
  if (!topic) {
    return (
      <Section title="Next chat">
        <Text>No topic is announced for the next chat yet.</Text>
        <p style={{ margin: 0 }}>
          <Link href="/topic-announcements/create">Announce next week’s topic</Link>
        </p>
      </Section>
    )
  }
  const published = topic.status === 'published'
  const failure = publishing.error ?? posting.error ?? postingToBluesky.error ?? postingToMastodon.error
  return (
    <Section title={`Next chat: ${topic.title}`}>
      <Text>
        {formatDateTime(topic.chatStart, timeZone)} · {topic.hashtag} · <Link href={`/topic-announcements/${topic.id}`}>Edit the topic</Link>
      </Text>
      <Line label="Announced on the site" state={<YesNo yes={published} no="Draft" />}>
        {published ? (
          <a href={`/topics/${topic.slug}`}>See the announcement</a>
        ) : (
          isEditor && (
            <Button isPending={publishing.loading} onPress={() => publish({ variables: { id: topic.id } }).then(onChange, () => {})}>
              Publish the announcement
            </Button>
          )
        )}
      </Line>
      <Line label="Posted to X" state={<YesNo yes={Boolean(topic.xPostId)} no="Not yet" />}>
        {topic.xPostId ? (
          <a href={`https://x.com/i/web/status/${topic.xPostId}`}>See the post on X</a>
        ) : (
          isEditor &&
          published && <PostAction network={network('x')} isPending={posting.loading} onPress={() => postToX({ variables: { id: topic.id } }).then(onChange, () => {})} />
        )}
      </Line>
      {(topic.networks.includes('bluesky') || topic.blueskyPostUri) && (
        <Line label="Posted to Bluesky" state={<YesNo yes={Boolean(topic.blueskyPostUri)} no="Not yet" />}>
          {topic.blueskyPostUri ? (
            <a href={blueskyPostUrl(topic.blueskyPostUri) ?? undefined}>See the post on Bluesky</a>
          ) : (
            isEditor &&
            published && (
              <PostAction network={network('bluesky')} isPending={postingToBluesky.loading} onPress={() => postToBluesky({ variables: { id: topic.id } }).then(onChange, () => {})} />
            )
          )}
        </Line>
      )}
      {(topic.networks.includes('mastodon') || topic.mastodonPostUrl) && (
        <Line label="Posted to Mastodon" state={<YesNo yes={Boolean(topic.mastodonPostUrl)} no="Not yet" />}>
          {topic.mastodonPostUrl ? (
            <a href={topic.mastodonPostUrl}>See the post on Mastodon</a>
          ) : (
            isEditor &&
            published && (
              <PostAction network={network('mastodon')} isPending={postingToMastodon.loading} onPress={() => postToMastodon({ variables: { id: topic.id } }).then(onChange, () => {})} />
            )
          )}
        </Line>
      )}
      <Line label="Calendar file" state={<YesNo yes={published} no="After publishing" />}>
        {published && <a href={`/topics/${topic.slug}.ics`}>Download the calendar file</a>}
      </Line>
      {failure && <p role="alert">{failure.message}</p>}
    </Section>
  )
}

function LastChat({ topic, timeZone, isEditor, onChange }: { topic?: Topic; timeZone: string; isEditor: boolean; onChange: () => void }) {
  const router = useRouter()
  const [draftRecap, drafting] = useMutation<{ createPost: { id: string } | null }>(DRAFT_RECAP)
  const [archiveChat, archiving] = useMutation(ARCHIVE_CHAT)
  const networks = useQuery<{ deskNetworks: DeskNetwork[] }>(NETWORKS, { skip: !isEditor })
  const [chosen, choose] = useState<string[] | null>(null)
  const progress = useQuery<{ topicAnnouncement: { archiveProgress: ArchiveProgress | null } | null }>(ARCHIVE_PROGRESS, {
    variables: { id: topic?.id ?? '' },
    skip: !topic || !archiving.loading,
    pollInterval: PROGRESS_REFRESH_MS,
    fetchPolicy: 'network-only',
  })
  if (!topic) {
    return (
      <Section title="Last chat">
        <Text>No chat has ended in the last two weeks.</Text>
      </Section>
    )
  }
  const archive = topic.chatArchive
  const archived = Boolean(archive?.importedAt)
  const readable = (networks.data?.deskNetworks ?? []).filter(network => network.canRead).map(network => network.platform)
  // The topic's own networks, where this site can read them; the editor may change the choice.
  const gatherFrom = chosen ?? topic.networks.filter(network => readable.includes(network))
  const recap = archive?.recaps[0]
  const startRecap = async () => {
    if (!archive) return
    const { data } = await draftRecap({ variables: { title: `Recap: ${topic.title}`, archiveId: archive.id } })
    if (data?.createPost) await router.push(`/posts/${data.createPost.id}`)
  }
  return (
    <Section title={`Last chat: ${topic.title}`}>
      <Text>
        {formatDateTime(topic.chatStart, timeZone)} to {formatTime(chatEnd(topic), timeZone)} · {topic.hashtag}
      </Text>
      <Line
        label="Archived"
        state={<YesNo yes={archived} no="Not yet" />}
        detail={archived && archive?.stats ? `${archive.stats.posts ?? 0} posts from ${archive.stats.contributors ?? 0} contributors` : undefined}
      >
        {archive ? (
          <>
            <Link href={`/chat-archives/${archive.id}`}>Open the archive</Link>
            {archived && (
              <>
                {' · '}
                <a href={`/archives/${archive.slug}`}>See it on the site</a>
              </>
            )}
          </>
        ) : (
          isEditor && (
            <>
              <NetworkChoice
                networks={networks.data?.deskNetworks ?? []}
                chosen={gatherFrom}
                onChange={choose}
              />
              <Button
                isPending={archiving.loading}
                isDisabled={gatherFrom.length === 0}
                onPress={() => archiveChat({ variables: { id: topic.id, networks: gatherFrom } }).then(onChange, () => {})}
              >
                {gatherFrom.length ? `Archive this chat from ${listOf(gatherFrom.map(platform => networks.data?.deskNetworks.find(network => network.platform === platform)?.name ?? platform))}` : 'Archive this chat'}
              </Button>
              {networks.data && gatherFrom.length === 0 && (
                <Text color="neutralSecondary">{readable.length ? 'Tick a network to gather from.' : 'No network can be read until its settings are in place.'}</Text>
              )}
              <Link href="/import-chat-file">or import it from files</Link>
            </>
          )
        )}
      </Line>
      <Line label="Recap" state={recap ? <YesNo yes={recap.status === 'published'} no="Draft" /> : <Badge tone="caution">Not started</Badge>}>
        {recap ? (
          <>
            <Link href={`/posts/${recap.id}`}>{recap.status === 'published' ? 'Edit the recap' : 'Finish the recap'}</Link>
            {recap.status === 'published' && (
              <>
                {' · '}
                <a href={`/posts/${recap.slug}`}>See it on the site</a>
              </>
            )}
          </>
        ) : (
          archived && (
            <Button isPending={drafting.loading} onPress={() => startRecap().catch(() => {})}>
              Draft the recap
            </Button>
          )
        )}
      </Line>
      {(archiving.error ?? drafting.error) && <p role="alert">{(archiving.error ?? drafting.error)?.message}</p>}
      {archiving.loading && <p role="status">{describeProgress(progress.data?.topicAnnouncement?.archiveProgress ?? null)}</p>}
    </Section>
  )
}

function ScheduledItems({ week, timeZone }: { week: ThisWeek; timeZone: string }) {
  const scheduled = [
    ...week.scheduledPosts.map(item => ({ ...item, kind: 'post', path: 'posts' })),
    ...week.scheduledInterviews.map(item => ({ ...item, kind: 'interview', path: 'interviews' })),
    ...week.scheduledTopics.map(item => ({ ...item, kind: 'topic', path: 'topic-announcements' })),
  ].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
  return (
    <Section title="Scheduled">
      {scheduled.length === 0 ? (
        <Text>Nothing is scheduled to appear later.</Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: '1.25rem', display: 'grid', gap: '0.5rem' }}>
          {scheduled.map(item => (
            <li key={`${item.kind}:${item.id}`}>
              <Link href={`/${item.path}/${item.id}`}>{item.title}</Link> <Text color="neutralSecondary">({item.kind}, appears {formatDateTime(item.publishedAt, timeZone)})</Text>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function describeProgress(progress: ArchiveProgress | null) {
  switch (progress?.phase) {
    case 'fetching':
      return `Fetched ${progress.pages} ${progress.pages === 1 ? 'page' : 'pages'} from ${progress.network ?? 'X'}, ${progress.posts} posts so far…`
    case 'waiting':
      return `${progress.network ?? 'X'}’s rate limit is reached: the next page comes in ${progress.secondsLeft} s…`
    case 'storing':
      return `Storing ${progress.posts} posts…`
    default:
      return 'Fetching the chat’s posts from X…'
  }
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} style={{ display: 'grid', gap: '0.75rem' }}>
      <Heading elementType="h2" size="small">
        {title}
      </Heading>
      {children}
    </section>
  )
}

/** One question of the weekly checklist: what, its answer, and what to do about it. */
function Line({ label, state, detail, children }: { label: string; state: ReactNode; detail?: string; children?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.75rem' }}>
      <Text weight="semibold" UNSAFE_style={{ minWidth: '11rem' }}>
        {label}
      </Text>
      {state}
      {detail && <Text>{detail}</Text>}
      {children}
    </div>
  )
}

function YesNo({ yes, no }: { yes: boolean; no: string }) {
  return yes ? <Badge tone="positive">Yes</Badge> : <Badge tone="caution">{no}</Badge>
}

function formatTime(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(date)
}

/** "Post to …" where the site holds that network's posting settings; otherwise which settings it needs, before anyone presses. */
function PostAction({ network, isPending, onPress }: { network?: DeskNetwork; isPending: boolean; onPress: () => void }) {
  if (!network) return null
  if (!network.canPost) return <Text color="neutralSecondary">Posting needs {network.postNeeds} in the site’s settings.</Text>
  return (
    <Button isPending={isPending} onPress={onPress}>
      {`Post to ${network.name}`}
    </Button>
  )
}

/** Which networks to gather the chat from: those this site can read, each a checkbox; the others say what they need. */
function NetworkChoice({ networks, chosen, onChange }: { networks: DeskNetwork[]; chosen: string[]; onChange: (chosen: string[]) => void }) {
  if (networks.length === 0) return null
  // Keystar's Text trims its leading, so a hint that wraps reaches past its label: rows need room for it.
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: '0.75rem 1rem', alignItems: 'center' }}>
      <legend style={{ float: 'left', marginInlineEnd: '0.5rem' }}>Gather from</legend>
      {networks.map(network => (
        <label key={network.platform} style={{ display: 'inline-flex', gap: '0.35rem', alignItems: 'center' }} title={network.canRead ? undefined : `Needs ${network.readNeeds}`}>
          <input
            type="checkbox"
            checked={chosen.includes(network.platform)}
            disabled={!network.canRead}
            onChange={event => onChange(event.target.checked ? [...chosen, network.platform] : chosen.filter(platform => platform !== network.platform))}
          />
          {network.name}
          {!network.canRead && <Text color="neutralSecondary"> (needs {network.readNeeds})</Text>}
        </label>
      ))}
    </fieldset>
  )
}
