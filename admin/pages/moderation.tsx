import { useRef, useState } from 'react'

import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { useList } from '@keystone-6/core/admin-ui/context'
import { Button, ButtonGroup } from '@keystar/ui/button'
import { Checkbox } from '@keystar/ui/checkbox'
import { AlertDialog, DialogContainer } from '@keystar/ui/dialog'
import { Box, HStack, VStack } from '@keystar/ui/layout'
import { TextLink } from '@keystar/ui/link'
import { Notice } from '@keystar/ui/notice'
import { ProgressCircle } from '@keystar/ui/progress'
import { TextArea } from '@keystar/ui/text-field'
import { Heading, Text, VisuallyHidden } from '@keystar/ui/typography'

// /admin/moderation: the comments waiting, oldest first, to approve, mark as spam or delete
// several at once, or to answer as the team. Everything here goes through Keystone's GraphQL API,
// whose access rules (app/schema/comments.ts) refuse anyone but editors whatever this page shows.

/** The oldest this many are shown; what waits beyond them is counted. */
const PAGE_SIZE = 50
/** app/schema/comments.ts: the body's limit, which the site's form shares. */
const BODY_MAX = 4000

type Target = { id: string; title: string; slug: string }
type WaitingComment = {
  id: string
  authorName: string
  body: string
  bodyHtml: string
  heldReason: string | null
  createdAt: string | null
  post: Target | null
  interview: Target | null
  chatArchive: Target | null
  parent: { id: string; authorName: string; body: string } | null
}
type QueueData = {
  authenticatedItem: { id: string; name: string; role: string } | null
  comments: WaitingComment[] | null
  commentsCount: number | null
}

const QUEUE = gql`
  query ModerationQueue($take: Int!) {
    authenticatedItem {
      ... on User {
        id
        name
        role
      }
    }
    comments(where: { status: { equals: "pending" } }, orderBy: [{ createdAt: asc }], take: $take) {
      id
      authorName
      body
      bodyHtml
      heldReason
      createdAt
      post { id title slug }
      interview { id title slug }
      chatArchive { id title slug }
      parent { id authorName body }
    }
    commentsCount(where: { status: { equals: "pending" } })
  }
`

const SET_STATUS = gql`
  mutation ModerateComments($data: [CommentUpdateArgs!]!) {
    updateComments(data: $data) { id }
  }
`

const DELETE = gql`
  mutation DeleteComments($where: [CommentWhereUniqueInput!]!) {
    deleteComments(where: $where) { id }
  }
`

const REPLY = gql`
  mutation ReplyAsTeam($data: CommentCreateInput!) {
    createComment(data: $data) { id }
  }
`

const APPROVE_ONE = gql`
  mutation ApproveAnswered($id: ID!) {
    updateComment(where: { id: $id }, data: { status: "approved" }) { id }
  }
`

const plural = (count: number) => `${count} ${count === 1 ? 'comment' : 'comments'}`
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text)
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Which item a comment is on, where readers see it and where the desk edits it. */
function useTargets() {
  const lists = { post: useList('Post'), interview: useList('Interview'), chatArchive: useList('ChatArchive') }
  const publicPath = { post: 'posts', interview: 'interviews', chatArchive: 'archives' } as const
  return (comment: WaitingComment) => {
    for (const key of ['post', 'interview', 'chatArchive'] as const) {
      const item = comment[key]
      if (item) {
        return { key, item, kind: lists[key].singular, publicHref: `/${publicPath[key]}/${item.slug}`, deskHref: `/${lists[key].path}/${item.id}` }
      }
    }
    return null
  }
}

export default function ModerationPage() {
  const { data, error, loading, refetch } = useQuery<QueueData>(QUEUE, { variables: { take: PAGE_SIZE }, fetchPolicy: 'network-only' })
  const [setStatus] = useMutation(SET_STATUS)
  const [deleteComments] = useMutation(DELETE)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [announcement, setAnnouncement] = useState('')
  const [failure, setFailure] = useState('')
  const [busy, setBusy] = useState(false)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const listHeading = useRef<HTMLHeadingElement>(null)
  const targetOf = useTargets()

  const header = (
    <Heading elementType="h1" size="small">
      Comments
    </Heading>
  )
  const role = data?.authenticatedItem?.role
  if (data && role !== 'editor' && role !== 'admin') {
    return (
      <PageContainer header={header} title="Comments">
        <Box paddingY="xlarge">
          <Notice tone="caution">
            <Text>Only editors moderate comments. Ask an editor if a comment needs attention.</Text>
          </Notice>
        </Box>
      </PageContainer>
    )
  }

  const comments = data?.comments ?? []
  const waiting = data?.commentsCount ?? 0
  // A comment approved or deleted elsewhere leaves the list; its selection goes with it.
  const selectedIds = comments.filter(comment => selected.has(comment.id)).map(comment => comment.id)
  const allSelected = comments.length > 0 && selectedIds.length === comments.length

  const afterChange = async (message: string) => {
    setSelected(new Set())
    setAnnouncement(message)
    await refetch()
    listHeading.current?.focus()
  }

  const run = async (work: () => Promise<string>) => {
    setBusy(true)
    setFailure('')
    setAnnouncement('')
    try {
      await afterChange(await work())
    } catch (failed) {
      setFailure(`Nothing was changed: ${errorText(failed)}`)
    } finally {
      setBusy(false)
    }
  }

  const moderate = (status: 'approved' | 'spam') =>
    run(async () => {
      const ids = selectedIds
      await setStatus({ variables: { data: ids.map(id => ({ where: { id }, data: { status } })) } })
      return status === 'approved' ? `${plural(ids.length)} approved` : `${plural(ids.length)} marked as spam`
    })

  const remove = () =>
    run(async () => {
      const ids = selectedIds
      setConfirmingDelete(false)
      await deleteComments({ variables: { where: ids.map(id => ({ id })) } })
      return `${plural(ids.length)} deleted`
    })

  return (
    <PageContainer header={header} title="Comments">
      <VStack gap="large" paddingY="xlarge">
        <Text>
          Comments wait here until an editor approves them. A comment held for a reason, such as what
          looks like a patient’s details, says why.
        </Text>
        <div role="status" aria-live="polite">
          {announcement ? (
            <Notice tone="positive">
              <Text>{announcement}</Text>
            </Notice>
          ) : null}
        </div>
        <div role="alert">
          {failure || error ? (
            <Notice tone="critical">
              <Text>{failure || `The comments could not be loaded: ${error?.message}`}</Text>
            </Notice>
          ) : null}
        </div>

        <Heading elementType="h2" size="small" ref={listHeading} tabIndex={-1}>
          {loading && !data ? 'Comments waiting' : waiting === 0 ? 'Nothing waiting' : `${plural(waiting)} waiting`}
        </Heading>
        {loading && !data ? <ProgressCircle aria-label="Loading the comments waiting" isIndeterminate /> : null}
        {data && comments.length === 0 ? <Text>No comment is waiting for a moderator. New ones appear here, oldest first.</Text> : null}
        {waiting > comments.length ? (
          <Text>
            The oldest {comments.length} are shown; the rest appear as these are dealt with.
          </Text>
        ) : null}

        {comments.length > 0 ? (
          <VStack gap="regular">
            <HStack gap="large" alignItems="center" wrap="wrap">
              <Checkbox
                isSelected={allSelected}
                isIndeterminate={selectedIds.length > 0 && !allSelected}
                onChange={all => setSelected(new Set(all ? comments.map(comment => comment.id) : []))}
              >
                Select all
              </Checkbox>
              <Text>{selectedIds.length} selected</Text>
              <ButtonGroup>
                <Button tone="accent" isDisabled={busy || selectedIds.length === 0} onPress={() => void moderate('approved')}>
                  Approve
                </Button>
                <Button isDisabled={busy || selectedIds.length === 0} onPress={() => void moderate('spam')}>
                  Mark as spam
                </Button>
                <Button tone="critical" isDisabled={busy || selectedIds.length === 0} onPress={() => setConfirmingDelete(true)}>
                  Delete…
                </Button>
              </ButtonGroup>
            </HStack>
            <Box elementType="ol" UNSAFE_style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {comments.map(comment => (
                <WaitingCommentItem
                  key={comment.id}
                  comment={comment}
                  target={targetOf(comment)}
                  team={data?.authenticatedItem ?? null}
                  isSelected={selected.has(comment.id)}
                  onSelect={isSelected =>
                    setSelected(previous => {
                      const next = new Set(previous)
                      if (isSelected) next.add(comment.id)
                      else next.delete(comment.id)
                      return next
                    })
                  }
                  onReplied={afterChange}
                />
              ))}
            </Box>
          </VStack>
        ) : null}
      </VStack>

      <DialogContainer onDismiss={() => setConfirmingDelete(false)}>
        {confirmingDelete ? (
          <AlertDialog
            tone="critical"
            title={`Delete ${plural(selectedIds.length)}?`}
            primaryActionLabel="Delete"
            cancelLabel="Cancel"
            autoFocusButton="cancel"
            onPrimaryAction={() => void remove()}
          >
            Deleted comments are gone for good; readers never saw them. To keep a record of unwanted ones, mark them as spam instead.
          </AlertDialog>
        ) : null}
      </DialogContainer>
    </PageContainer>
  )
}

function WaitingCommentItem({
  comment,
  target,
  team,
  isSelected,
  onSelect,
  onReplied,
}: {
  comment: WaitingComment
  target: ReturnType<ReturnType<typeof useTargets>>
  team: { name: string } | null
  isSelected: boolean
  onSelect: (isSelected: boolean) => void
  onReplied: (message: string) => Promise<void>
}) {
  const [replying, setReplying] = useState(false)
  const [reply, setReply] = useState('')
  const [replyError, setReplyError] = useState('')
  const [sending, setSending] = useState(false)
  const [createReply] = useMutation(REPLY)
  const [approve] = useMutation(APPROVE_ONE)
  const headingId = `comment-${comment.id}-heading`

  const sendReply = async () => {
    const body = reply.trim()
    if (!body) return setReplyError('Write a reply before sending it.')
    if (body.length > BODY_MAX) return setReplyError(`Please keep the reply under ${BODY_MAX} characters (it has ${body.length}).`)
    if (!target || !team) return setReplyError('This comment is on no item, so a reply would be shown nowhere.')
    setSending(true)
    setReplyError('')
    try {
      // The site shows replies one level deep: answering a reply joins the thread it is in.
      await createReply({
        variables: {
          data: {
            [target.key]: { connect: { id: target.item.id } },
            parent: { connect: { id: comment.parent?.id ?? comment.id } },
            authorName: team.name.slice(0, 80),
            body,
            status: 'approved',
            byTeam: true,
          },
        },
      })
      // Only once the reply is saved: a failed reply leaves the comment waiting, as it was.
      await approve({ variables: { id: comment.id } })
      await onReplied(`Reply published; the comment by ${comment.authorName} approved`)
    } catch (failed) {
      setReplyError(`The reply was not sent: ${errorText(failed)}`)
      setSending(false)
    }
  }

  return (
    <li aria-labelledby={headingId}>
      <Box border="neutral" borderRadius="medium" padding="large" marginBottom="regular">
        <VStack gap="regular">
          <HStack gap="regular" alignItems="center" wrap="wrap">
            <Checkbox isSelected={isSelected} onChange={onSelect}>
              <VisuallyHidden>Select the comment by {comment.authorName}</VisuallyHidden>
            </Checkbox>
            <Heading elementType="h3" size="small" id={headingId}>
              {comment.authorName}
            </Heading>
            {comment.createdAt ? (
              <Text color="neutralSecondary">
                <time dateTime={comment.createdAt}>{dateFormat.format(new Date(comment.createdAt))}</time>
              </Text>
            ) : null}
          </HStack>
          {comment.heldReason ? (
            <Notice tone="caution">
              <Text>
                <strong>Held because:</strong> {comment.heldReason}
              </Text>
            </Notice>
          ) : null}
          {target ? (
            <Text>
              On the {target.kind.toLowerCase()} “{target.item.title}”:{' '}
              <a href={target.publicHref}>
                read it on the site<VisuallyHidden> ({target.item.title})</VisuallyHidden>
              </a>
              {' · '}
              <TextLink href={target.deskHref}>
                open it in the desk<VisuallyHidden> ({target.item.title})</VisuallyHidden>
              </TextLink>
            </Text>
          ) : (
            <Text>On no item (it was deleted).</Text>
          )}
          {comment.parent ? (
            <Box elementType="blockquote" borderStart="neutral" paddingStart="regular" UNSAFE_style={{ margin: 0 }}>
              <Text>
                In reply to {comment.parent.authorName}: “{excerpt(comment.parent.body)}”
              </Text>
            </Box>
          ) : null}
          {/* Rendered from the comment subset of Markdown and sanitized when saved (app/schema/comments.ts). */}
          {comment.bodyHtml ? <div dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} /> : <Text>{comment.body}</Text>}
          {replying ? (
            <VStack gap="regular">
              <TextArea
                label={`Reply to ${comment.authorName} as the team`}
                description="Published at once under your name, marked as the team’s; the comment it answers is approved with it."
                value={reply}
                onChange={setReply}
                errorMessage={replyError || undefined}
                autoFocus
              />
              <ButtonGroup>
                <Button tone="accent" isPending={sending} onPress={() => void sendReply()}>
                  Send reply
                </Button>
                <Button
                  onPress={() => {
                    setReplying(false)
                    setReplyError('')
                  }}
                >
                  Cancel
                </Button>
              </ButtonGroup>
            </VStack>
          ) : (
            <div>
              <Button prominence="low" onPress={() => setReplying(true)}>
                Reply as the team<VisuallyHidden> to {comment.authorName}</VisuallyHidden>
              </Button>
            </div>
          )}
        </VStack>
      </Box>
    </li>
  )
}
