import { useId, useState, type FormEvent } from 'react'

import { gql, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { PageContainer } from '@keystone-6/core/admin-ui/components'
import { Button } from '@keystar/ui/button'
import { VStack } from '@keystar/ui/layout'
import { Notice } from '@keystar/ui/notice'
import { Item, Picker } from '@keystar/ui/picker'
import { ProgressCircle } from '@keystar/ui/progress'
import { Radio, RadioGroup } from '@keystar/ui/radio'
import { TextField } from '@keystar/ui/text-field'
import { Heading, Text } from '@keystar/ui/typography'

// The desk's upload of an exported chat: an X account export (tweets.js with account.js) or
// saved X API pages, sent to the server's importer (app/features/chat-import/upload.server.ts),
// which checks and stores it exactly as `npm run import` does with files.

const ARCHIVES = gql`
  query DeskChatArchives {
    chatArchives(orderBy: { windowStart: desc }, take: 100) {
      id
      title
      hashtag
      windowStart
    }
  }
`

type ArchiveOption = { id: string; title: string; hashtag: string; windowStart: string }

type Summary = {
  archiveId: string
  slug: string
  posts: number
  created: number
  updated: number
  unchanged: number
  contributors: number
  newContributors: number
  questions: number
  problems: string[]
  leftOut: string[]
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

async function readFiles(list: FileList | null) {
  return Promise.all([...(list ?? [])].map(async file => ({ name: file.name, content: await file.text() })))
}

export default function ImportChatFilePage() {
  const archives = useQuery<{ chatArchives: ArchiveOption[] }>(ARCHIVES)
  const [kind, setKind] = useState<'existing' | 'new'>('existing')
  const [archiveId, setArchiveId] = useState<string | null>(null)
  const [hashtag, setHashtag] = useState('')
  const [start, setStart] = useState('')
  const [end, setEnd] = useState('')
  const [title, setTitle] = useState('')
  const [files, setFiles] = useState<FileList | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [summary, setSummary] = useState<Summary | null>(null)
  const fileInputId = useId()
  const fileHintId = useId()

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setSummary(null)
    try {
      const archive = kind === 'existing' ? { kind, id: archiveId ?? '' } : { kind, hashtag, start, end, title: title || undefined }
      const response = await fetch('/admin-api/chat-import', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ archive, files: await readFiles(files) }),
      })
      const body = (await response.json().catch(() => ({ error: `The server answered ${response.status}.` }))) as { summary?: Summary; error?: string }
      if (body.summary) {
        setSummary(body.summary)
        void archives.refetch()
      } else {
        setError(body.error ?? `The server answered ${response.status}.`)
      }
    } catch (caught) {
      setError(`The upload did not reach the server: ${caught instanceof Error ? caught.message : String(caught)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageContainer header={<Heading elementType="h1" size="small">Import a chat from files</Heading>} title="Import a chat from files">
      <VStack gap="xlarge" marginY="xlarge" maxWidth="container.small">
        <Text>
          Upload an X account export (<code>data/tweets.js</code> with its <code>data/account.js</code>) or saved X API pages (JSON). Posts are added by X id, so
          uploading again duplicates nothing. A file that cannot be read is named with what is wrong, and nothing is written.
        </Text>
        <form onSubmit={submit}>
          <VStack gap="large">
            <RadioGroup label="Archive to import into" value={kind} onChange={value => setKind(value as 'existing' | 'new')}>
              <Radio value="existing">An archive that exists</Radio>
              <Radio value="new">A new archive</Radio>
            </RadioGroup>
            {kind === 'existing' ? (
              <Picker
                label="Archive"
                placeholder={archives.loading ? 'Loading archives…' : 'Choose an archive'}
                items={archives.data?.chatArchives ?? []}
                selectedKey={archiveId}
                onSelectionChange={key => setArchiveId(key === null ? null : String(key))}
                isRequired
              >
                {archive => (
                  <Item key={archive.id} textValue={archive.title}>
                    {archive.title} ({archive.hashtag}, {new Date(archive.windowStart).toISOString().slice(0, 10)})
                  </Item>
                )}
              </Picker>
            ) : (
              <>
                <TextField label="Hashtag" description="For example #mondayhealthchat." value={hashtag} onChange={setHashtag} isRequired />
                <TextField label="Chat window start" description="UTC, for example 2026-11-23T12:00:00Z." value={start} onChange={setStart} isRequired />
                <TextField label="Chat window end" description="UTC; posts from this moment on are left out." value={end} onChange={setEnd} isRequired />
                <TextField label="Title" description="Empty: “#tag chat, 23 November 2026”." value={title} onChange={setTitle} />
              </>
            )}
            <VStack gap="regular">
              <label htmlFor={fileInputId}>
                <Text weight="semibold">Files</Text>
              </label>
              <input
                id={fileInputId}
                type="file"
                multiple
                required
                accept=".js,.json,.jsonl,application/json,text/javascript"
                aria-describedby={fileHintId}
                onChange={event => setFiles(event.currentTarget.files)}
              />
              <Text id={fileHintId} size="small" color="neutralSecondary">
                Choose tweets.js and account.js together, or one or more saved API pages.
              </Text>
            </VStack>
            <Button type="submit" prominence="high" isDisabled={busy} alignSelf="start">
              Import
            </Button>
            {busy && <ProgressCircle aria-label="Importing" isIndeterminate />}
          </VStack>
        </form>
        {error && (
          <Notice tone="critical">
            <Heading>The import failed; nothing was written</Heading>
            <Text UNSAFE_style={{ whiteSpace: 'pre-line' }}>{error}</Text>
          </Notice>
        )}
        {summary && <ImportSummary summary={summary} />}
      </VStack>
    </PageContainer>
  )
}

function ImportSummary({ summary }: { summary: Summary }) {
  return (
    <Notice tone="positive">
      <Heading>Imported {plural(summary.posts, 'post')}</Heading>
      <VStack gap="regular">
        <Text>
          {summary.created} new, {summary.updated} updated, {summary.unchanged} unchanged; {plural(summary.contributors, 'contributor')} ({summary.newContributors} new),{' '}
          {plural(summary.questions, 'question')} found, {plural(summary.problems.length, 'problem')} reported.
        </Text>
        {[...summary.problems, ...summary.leftOut.map(reason => `Left out: ${reason}`)].map(line => (
          <Text key={line}>{line}</Text>
        ))}
        <Text>
          <a href={`/admin/chat-archives/${summary.archiveId}`}>Open the archive in the desk</a> or <a href={`/archives/${summary.slug}`}>read it on the site</a>.
        </Text>
      </VStack>
    </Notice>
  )
}
