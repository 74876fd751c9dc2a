import { useState } from 'react'

import { gql, useMutation } from '@keystone-6/core/admin-ui/apollo'
import type { CellComponent, FieldProps } from '@keystone-6/core/types'
import { controller as virtualController } from '@keystone-6/core/fields/types/virtual/views'
import { ActionButton } from '@keystar/ui/button'
import { VStack, HStack } from '@keystar/ui/layout'
import { Notice } from '@keystar/ui/notice'
import { TextField } from '@keystar/ui/text-field'
import { Text, Heading } from '@keystar/ui/typography'

// The "On the site" field of posts, interviews and topics (app/schema/content.ts): where the item
// stands for readers, a link to its preview on the real site, and a private preview link to send
// to someone outside the team before the item is published.

type OnTheSite = {
  list: 'post' | 'interview' | 'topic'
  id: string
  previewPath: string
  state: 'draft' | 'scheduled' | 'published'
  publishedAt: string | null
}

const when = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

function describe(value: OnTheSite) {
  if (value.state === 'draft') return 'Draft — not on the site'
  if (value.state === 'scheduled' && value.publishedAt) return `Scheduled for ${when(value.publishedAt)}`
  return 'Published'
}

const isOnTheSite = (value: unknown): value is OnTheSite => typeof value === 'object' && value !== null && 'previewPath' in value

export const controller = virtualController

const CREATE_PREVIEW_LINK = gql`
  mutation CreatePreviewLink($list: String!, $id: ID!) {
    createPreviewLink(list: $list, id: $id) {
      url
      expiresAt
    }
  }
`

export function Field({ field, value }: FieldProps<typeof controller>) {
  const [createLink, { data, loading, error }] = useMutation<{ createPreviewLink: { url: string; expiresAt: string } }>(CREATE_PREVIEW_LINK)
  const [copied, setCopied] = useState(false)
  if (!isOnTheSite(value)) return null
  const link = data?.createPreviewLink
  return (
    <VStack gap="medium">
      <Heading elementType="h2" size="small">
        {field.label}
      </Heading>
      <Text>{describe(value)}</Text>
      <HStack gap="regular">
        {/* A plain link: Keystar's would route it inside the Admin UI, under /admin. */}
        <Text>
          <a href={value.previewPath} target="_blank" rel="noopener">
            Preview on the site
          </a>
        </Text>
        <ActionButton isDisabled={loading} onPress={() => void createLink({ variables: { list: value.list, id: value.id } }).catch(() => {})}>
          {link ? 'Make a new private link' : 'Make a private preview link'}
        </ActionButton>
      </HStack>
      {error ? <Notice tone="critical">{error.message}</Notice> : null}
      {link ? (
        <VStack gap="regular">
          <TextField
            label="Private preview link"
            description={`Anyone with this link can read the saved version, without signing in, until ${when(link.expiresAt)}.`}
            isReadOnly
            value={link.url}
            onFocus={event => (event.target as HTMLInputElement).select()}
          />
          <HStack gap="regular" alignItems="center">
            <ActionButton
              onPress={() =>
                void navigator.clipboard.writeText(link.url).then(
                  () => setCopied(true),
                  () => setCopied(false)
                )
              }
            >
              Copy link
            </ActionButton>
            <Text role="status">{copied ? 'Copied.' : ''}</Text>
          </HStack>
        </VStack>
      ) : null}
    </VStack>
  )
}

export const Cell: CellComponent<typeof controller> = ({ value }) => (isOnTheSite(value) ? <Text>{describe(value)}</Text> : null)
