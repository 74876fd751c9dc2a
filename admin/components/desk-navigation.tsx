import { useEffect, type ReactNode } from 'react'

import { gql, useMutation, useQuery } from '@keystone-6/core/admin-ui/apollo'
import { getHrefFromList, NavContainer, NavFooter, NavItem, NavList } from '@keystone-6/core/admin-ui/components'
import type { NavigationProps } from '@keystone-6/core/admin-ui/components'
import { Badge } from '@keystar/ui/badge'
import { ActionButton } from '@keystar/ui/button'
import { NavGroup } from '@keystar/ui/nav-list'
import { useNavigate } from '@keystar/ui/router'
import { Text } from '@keystar/ui/typography'

// Grouped by what editors do each week rather than by table. Chat messages, participants and
// interview questions are reached from their archive or interview (their lists hide from
// navigation); lists a role may not see are already absent from `lists`.
const GROUPS: { title: string; listKeys: string[] }[] = [
  { title: 'Publish', listKeys: ['Post', 'Interview', 'TopicAnnouncement', 'Image', 'Tag'] },
  { title: 'Chats', listKeys: ['ChatArchive'] },
  { title: 'Settings', listKeys: ['SiteSettings', 'User'] },
]

const DESK_NAVIGATION = gql`
  query DeskNavigation {
    authenticatedItem {
      id
      name
    }
    commentsWaiting: commentsCount(where: { status: { equals: "pending" } })
  }
`

const END_SESSION = gql`
  mutation DeskSignOut {
    endSession
  }
`

/** How often the waiting count is asked for again while the desk is open. */
const WAITING_REFRESH_MS = 60_000

export function DeskNavigation({ lists }: NavigationProps) {
  const { data } = useQuery<{ authenticatedItem: { id: string; name: string } | null; commentsWaiting: number | null }>(DESK_NAVIGATION, {
    pollInterval: WAITING_REFRESH_MS,
  })
  const byKey = new Map(lists.map(list => [list.key, list]))
  // Only editors see the Comment list, so its presence says who moderates and imports.
  const isEditor = byKey.has('Comment')
  const waiting = data?.commentsWaiting ?? 0

  return (
    <NavContainer>
      <NavList>
        <NavItem href="/">This week</NavItem>
        <ListGroup title={GROUPS[0].title} lists={GROUPS[0].listKeys.flatMap(key => byKey.get(key) ?? [])} />
        <ListGroup title={GROUPS[1].title} lists={GROUPS[1].listKeys.flatMap(key => byKey.get(key) ?? [])}>
          {isEditor && <NavItem href="/import-chat-file">Import from files</NavItem>}
        </ListGroup>
        {isEditor && (
          <NavGroup title="Community">
            <NavItem href="/moderation">
              <Text>Comments</Text>
              {waiting > 0 && (
                <Badge tone="pending" marginStart="small" aria-label={`${waiting} waiting`}>
                  {waiting}
                </Badge>
              )}
            </NavItem>
          </NavGroup>
        )}
        <ListGroup title={GROUPS[2].title} lists={GROUPS[2].listKeys.flatMap(key => byKey.get(key) ?? [])} />
      </NavList>
      <NavFooter>{data?.authenticatedItem && <SignOutButton name={data.authenticatedItem.name} />}</NavFooter>
    </NavContainer>
  )
}

function ListGroup({ title, lists, children }: { title: string; lists: NavigationProps['lists']; children?: ReactNode }) {
  if (lists.length === 0) return null
  return (
    <NavGroup title={title}>
      {lists.map(list => (
        <NavItem key={list.key} href={getHrefFromList(list)}>
          {list.label}
        </NavItem>
      ))}
      {children}
    </NavGroup>
  )
}

function SignOutButton({ name }: { name: string }) {
  const navigate = useNavigate()
  const [endSession, { data }] = useMutation<{ endSession: boolean }>(END_SESSION)
  useEffect(() => {
    if (data?.endSession) navigate('/signin')
  }, [data, navigate])
  return (
    <ActionButton onPress={() => endSession()} aria-description={`Signed in as ${name}`}>
      Sign out
    </ActionButton>
  )
}
