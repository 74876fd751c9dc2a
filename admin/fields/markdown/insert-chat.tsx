import { useMemo, useState } from 'react'

import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { Button, ButtonGroup } from '@keystar/ui/button'
import { Dialog } from '@keystar/ui/dialog'
import { VStack } from '@keystar/ui/layout'
import { Notice } from '@keystar/ui/notice'
import { Radio, RadioGroup } from '@keystar/ui/radio'
import { SearchField } from '@keystar/ui/search-field'
import { Content } from '@keystar/ui/slots'
import { Heading, Text } from '@keystar/ui/typography'

import type { ChatEmbedRef } from '../../../app/domain/chat-embed'
import { chatEmbedLine } from '../../../app/domain/markdown-editing'

// "Insert chat": pick an archive, then the whole chat, one question or one thread, and get the
// embed line the body accepts. Keystar's Dialog is labelled by its heading, traps focus and
// closes on Escape.

const ARCHIVES = gql`
  query DeskArchiveChoices($search: String) {
    deskArchiveChoices(search: $search) { slug title hashtag windowStart }
  }
`

const CHOICES = gql`
  query DeskEmbedChoices($slug: String!) {
    deskEmbedChoices(slug: $slug) {
      archive { slug title }
      questions { number text }
      posts { id name handle text }
    }
  }
`

type ArchiveChoice = { slug: string; title: string; hashtag: string; windowStart: string }
type EmbedChoices = {
  archive: { slug: string; title: string }
  questions: { number: number; text: string }[]
  posts: { id: string; name: string; handle: string | null; text: string }[]
}
type Scope = 'chat' | 'question' | 'thread'

const MAX_POSTS_SHOWN = 20

const shorten = (text: string, length = 140) => (text.length > length ? `${text.slice(0, length - 1)}…` : text)

/** Hosts usually start a question with its number already ("Q1 When…"); it is not said twice. */
const questionLabel = ({ number, text }: { number: number; text: string }) =>
  new RegExp(`^Q${number}\\b`, 'i').test(text) ? shorten(text) : `Q${number}: ${shorten(text) || 'its post is not in the archive'}`

export function InsertChatDialog({ onInsert, onCancel }: { onInsert(line: string): void; onCancel(): void }) {
  const [search, setSearch] = useState('')
  const [slug, setSlug] = useState<string | null>(null)
  const [scope, setScope] = useState<Scope>('chat')
  const [question, setQuestion] = useState<string | null>(null)
  const [postSearch, setPostSearch] = useState('')
  const [postId, setPostId] = useState<string | null>(null)

  const archives = useQuery<{ deskArchiveChoices: ArchiveChoice[] }>(ARCHIVES, { variables: { search }, fetchPolicy: 'network-only' })
  const choices = useQuery<{ deskEmbedChoices: EmbedChoices | null }>(CHOICES, { variables: { slug: slug ?? '' }, skip: !slug })
  const chosen = slug ? choices.data?.deskEmbedChoices : undefined

  const posts = useMemo(() => {
    const needle = postSearch.trim().toLowerCase().replace(/^@/, '')
    const all = chosen?.posts ?? []
    const matching = needle ? all.filter(post => [post.text, post.name, post.handle ?? ''].some(value => value.toLowerCase().includes(needle))) : all
    return { shown: matching.slice(0, MAX_POSTS_SHOWN), total: matching.length }
  }, [chosen, postSearch])

  const ref: ChatEmbedRef | null = !slug
    ? null
    : scope === 'chat'
      ? { archiveSlug: slug }
      : scope === 'question' && question
        ? { archiveSlug: slug, question: Number(question) }
        : scope === 'thread' && postId
          ? { archiveSlug: slug, postId }
          : null
  const line = ref ? chatEmbedLine(ref) : null

  return (
    <Dialog size="large">
      <Heading>Insert chat</Heading>
      <Content>
        <VStack gap="xlarge">
          <SearchField label="Search archives" description="By title or hashtag." value={search} onChange={setSearch} />
          {archives.error ? <Notice tone="critical">Could not load archives: {archives.error.message}</Notice> : null}
          {archives.data && archives.data.deskArchiveChoices.length === 0 ? <Text>No archive matches “{search}”.</Text> : null}
          {archives.data && archives.data.deskArchiveChoices.length > 0 ? (
            <RadioGroup
              label="Archive"
              value={slug}
              onChange={value => {
                setSlug(value)
                setQuestion(null)
                setPostId(null)
              }}
            >
              {archives.data.deskArchiveChoices.map(archive => (
                <Radio key={archive.slug} value={archive.slug}>
                  {`${archive.title} (${archive.hashtag}, ${archive.windowStart.slice(0, 10)})`}
                </Radio>
              ))}
            </RadioGroup>
          ) : null}

          {slug && choices.error ? <Notice tone="critical">Could not load this archive: {choices.error.message}</Notice> : null}
          {chosen ? (
            <RadioGroup label="What to embed" value={scope} onChange={value => setScope(value as Scope)} orientation="horizontal">
              <Radio value="chat">The whole chat</Radio>
              <Radio value="question">One question</Radio>
              <Radio value="thread">One thread</Radio>
            </RadioGroup>
          ) : null}

          {chosen && scope === 'question' ? (
            chosen.questions.length ? (
              <RadioGroup label="Question" value={question} onChange={setQuestion}>
                {chosen.questions.map(item => (
                  <Radio key={item.number} value={String(item.number)}>
                    {questionLabel(item)}
                  </Radio>
                ))}
              </RadioGroup>
            ) : (
              <Text>The analysis found no questions in this chat.</Text>
            )
          ) : null}

          {chosen && scope === 'thread' ? (
            <VStack gap="large">
              <SearchField label="Search posts" description="By text, name or handle." value={postSearch} onChange={setPostSearch} />
              {posts.total === 0 ? <Text>No post matches “{postSearch}”.</Text> : null}
              {posts.total > 0 ? (
                <RadioGroup
                  label="Post"
                  description={posts.total > posts.shown.length ? `The first ${posts.shown.length} of ${posts.total}: search to narrow them.` : undefined}
                  // null, not '': with no value every radio is a tab stop, as the first must be
                  value={postId}
                  onChange={setPostId}
                >
                  {posts.shown.map(post => (
                    <Radio key={post.id} value={post.id}>
                      {`${post.name}${post.handle ? ` @${post.handle}` : ''}: ${shorten(post.text)}`}
                    </Radio>
                  ))}
                </RadioGroup>
              ) : null}
            </VStack>
          ) : null}

          <Text>
            {line ? (
              <>
                Inserts <code>{line}</code> on its own line.
              </>
            ) : (
              'Choose an archive, then what to embed.'
            )}
          </Text>
        </VStack>
      </Content>
      <ButtonGroup>
        <Button onPress={onCancel}>Cancel</Button>
        <Button prominence="high" isDisabled={!line} onPress={() => line && onInsert(line)}>
          Insert
        </Button>
      </ButtonGroup>
    </Dialog>
  )
}
