import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import sharp from 'sharp'

import { graphql, type GraphQLAnswer } from '../support/graphql'
import { startServer, type TestServer } from '../support/server'
import { adminSession, newUserSession } from '../support/session'

// Who may do what, asked the way an outsider asks: GraphQL over HTTP against the production server,
// signed in with a session cookie as the server seals it. The table below is the policy of app/schema/access.ts and schema.ts
// written out cell by cell (list × operation × role); it is deliberately not computed from them, so
// a change to a rule shows up here as a failing cell to agree to.

type Role = 'anonymous' | 'contributor' | 'editor' | 'admin'
const ROLES: Role[] = ['anonymous', 'contributor', 'editor', 'admin']

let server: TestServer

/** One person at the API: anonymous, or carrying their session cookie. */
class Client {
  constructor(readonly cookie = '', readonly userId = '') {}

  request(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer<Record<string, any> | null>> {
    return graphql(server, query, { variables, cookie: this.cookie || undefined, allowErrors: true })
  }

  /** The data of a request that must succeed. */
  async data(query: string, variables: Record<string, unknown> = {}) {
    const result = await this.request(query, variables)
    assert.equal(result.errors, undefined, `${query}\n${JSON.stringify(result.errors)}`)
    return result.data!
  }
}

let admin: Client
const PASSWORD = 'correct horse battery staple'

/** A new account with the role, made by the admin, and the same person signed in. */
async function newAccount(role: Role): Promise<Client> {
  if (role === 'anonymous') return new Client()
  const { id, cookie } = await newUserSession(server, role)
  return new Client(cookie, id)
}

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1)
let serial = 0
const unique = (label: string) => `${label} ${++serial}`

async function create(list: string, data: Record<string, unknown>): Promise<string> {
  const result = await admin.data(`mutation($data: ${list}CreateInput!) { item: create${list}(data: $data) { id } }`, { data })
  return result.item.id
}

// Each list's test items, named for what they are to the person acting. "Own" items are written by
// the actor (for anonymous visitors, by some contributor); the others by an editor. Made by the
// admin, afresh for every update and delete cell so no cell depends on another.

type Fixtures = Record<string, string>
type ListSpec = {
  plural: string
  fixtures(actor: { id: string }, someoneElse: { id: string }): Promise<Fixtures>
  createData(actor: Client, fixtures: Fixtures): Record<string, unknown>
  updateData(): Record<string, unknown>
}

const authored = (list: 'Post' | 'Interview') => async (actor: { id: string }, someoneElse: { id: string }) => {
  const extra = list === 'Interview' ? { intervieweeName: 'Dr Ada Jones' } : { body: 'Words.' }
  const make = (label: string, status: string, author: string) =>
    create(list, { title: unique(label), status, author: { connect: { id: author } }, ...extra })
  return {
    published: await make('Published', 'published', someoneElse.id),
    draft: await make('Draft', 'draft', someoneElse.id),
    'own published': await make('Own published', 'published', actor.id),
    'own draft': await make('Own draft', 'draft', actor.id),
  }
}

let smallPngFile: File
async function smallPng() {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#005eb8' } }).png().toBuffer()
  smallPngFile = new File([new Uint8Array(bytes)], 'chart.png', { type: 'image/png' })
  return smallPngFile
}

let archiveCount = 0
const newArchive = () =>
  create('ChatArchive', {
    title: unique('Archive'),
    hashtag: '#mondayhealthchat',
    windowStart: new Date(Date.UTC(2026, 0, 5, 12) + ++archiveCount * 7 * 86_400_000).toISOString(),
    windowEnd: new Date(Date.UTC(2026, 0, 5, 13) + archiveCount * 7 * 86_400_000).toISOString(),
  })

const LISTS: Record<string, ListSpec> = {
  User: {
    plural: 'users',
    fixtures: async actor => ({
      'own account': actor.id,
      'another user': await create('User', { name: unique('Another user'), email: `another.${++serial}@example.org`, password: PASSWORD }),
    }),
    createData: () => ({ name: unique('New user'), email: `new.${++serial}@example.org`, password: PASSWORD }),
    updateData: () => ({ bio: 'Edited bio.' }),
  },
  Post: {
    plural: 'posts',
    fixtures: authored('Post'),
    createData: () => ({ title: unique('New post'), body: 'Words.' }),
    updateData: () => ({ title: unique('Edited post') }),
  },
  Interview: {
    plural: 'interviews',
    fixtures: authored('Interview'),
    createData: () => ({ title: unique('New interview'), intervieweeName: 'Sam Patel' }),
    updateData: () => ({ title: unique('Edited interview') }),
  },
  InterviewQuestion: {
    plural: 'interviewQuestions',
    fixtures: async (actor, someoneElse) => {
      const interviews = await authored('Interview')(actor, someoneElse)
      const fixtures: Fixtures = {}
      for (const [name, id] of Object.entries(interviews)) {
        fixtures[`on ${name}`] = await create('InterviewQuestion', { interview: { connect: { id } }, question: 'Why?', answer: 'Because.' })
      }
      return fixtures
    },
    // Each writer files a new question under an interview they may edit.
    createData: (_actor, fixtures) => ({ interview: { connect: { id: fixtures.interview } }, question: 'And then?', answer: 'Then this.' }),
    updateData: () => ({ position: 2 }),
  },
  TopicAnnouncement: {
    plural: 'topicAnnouncements',
    fixtures: async () => ({
      published: await create('TopicAnnouncement', { title: unique('Published topic'), status: 'published', chatStart: '2027-03-01T12:00:00.000Z' }),
      draft: await create('TopicAnnouncement', { title: unique('Draft topic'), status: 'draft', chatStart: '2027-03-08T12:00:00.000Z' }),
    }),
    createData: () => ({ title: unique('New topic'), chatStart: '2027-04-05T12:00:00.000Z' }),
    updateData: () => ({ title: unique('Edited topic') }),
  },
  ChatArchive: {
    plural: 'chatArchives',
    fixtures: async () => ({ archive: await newArchive() }),
    createData: () => ({ title: unique('New archive'), hashtag: '#mondayhealthchat', windowStart: '2027-01-04T12:00:00.000Z', windowEnd: '2027-01-04T13:00:00.000Z' }),
    updateData: () => ({ title: unique('Edited archive') }),
  },
  ChatMessage: {
    plural: 'chatMessages',
    fixtures: async () => ({ message: await create('ChatMessage', { xId: String(1_800_000_000_000 + ++serial), text: 'Q1 What helps?', postedAt: '2026-01-05T12:00:00.000Z' }) }),
    createData: () => ({ xId: String(1_900_000_000_000 + ++serial), text: 'A1 Listening.', postedAt: '2026-01-05T12:01:00.000Z' }),
    updateData: () => ({ text: 'Edited text' }),
  },
  Participant: {
    plural: 'participants',
    fixtures: async () => ({ participant: await create('Participant', { xUserId: String(++serial), handle: 'nurse_kim' }) }),
    createData: () => ({ xUserId: String(1_000_000 + ++serial), handle: 'gp_lee' }),
    updateData: () => ({ displayName: 'Edited name' }),
  },
  Comment: {
    plural: 'comments',
    fixtures: async () => {
      const post = await create('Post', { title: unique('Commented post'), status: 'published', body: 'Words.' })
      const comment = (status: string) =>
        create('Comment', { post: { connect: { id: post } }, authorName: `A ${status} commenter`, email: `${status}@example.org`, body: 'Thank you.', status })
      return { approved: await comment('approved'), pending: await comment('pending'), spam: await comment('spam') }
    },
    createData: (_actor, fixtures) => ({ post: { connect: { id: fixtures.publishedPost } }, authorName: 'Reader', body: 'Nice.' }),
    updateData: () => ({ authorName: 'Edited name' }),
  },
  Image: {
    plural: 'images',
    fixtures: async () => ({ image: await create('Image', { alt: unique('A chart'), file: { upload: await smallPng() } }) }),
    createData: () => ({ alt: unique('A new chart'), file: { upload: smallPngFile } }),
    updateData: () => ({ alt: unique('An edited chart') }),
  },
  Tag: {
    plural: 'tags',
    fixtures: async () => ({ tag: await create('Tag', { name: unique('Tag') }) }),
    createData: () => ({ name: unique('New tag') }),
    updateData: () => ({ name: unique('Edited tag') }),
  },
  SiteSettings: {
    plural: 'siteSettingsItems',
    // A singleton made on first run: there is nothing to make afresh, and nobody may delete it.
    fixtures: async () => ({ settings: '1' }),
    createData: () => ({ siteName: 'Another site' }),
    updateData: () => ({ tagline: 'Edited tagline' }),
  },
}

// ─── The policy ────────────────────────────────────────────────────────────────────────────────
// read: the items a role finds (one, many and count agree); create: whether the role may create;
// update / delete: the items the role may change or remove. ALL is every item of the list.

const ALL = 'all' as const
type Items = readonly string[] | typeof ALL
type Row<T> = Record<Role, T>
const row = <T,>(anonymous: T, contributor: T, editor: T, admin: T): Row<T> => ({ anonymous, contributor, editor, admin })
const items = row<Items>
const may = row<boolean>
type Policy = { read: Row<Items>; create: Row<boolean>; update: Row<Items>; delete: Row<Items> }

const EDITORIAL: Policy = {
  //           anonymous  contributor  editor  admin
  read: items(ALL, ALL, ALL, ALL),
  create: may(false, false, true, true),
  update: items([], [], ALL, ALL),
  delete: items([], [], ALL, ALL),
}

/** Chat posts and participants: the team reads them; the public reads chats only through pages. */
const CHAT_RECORDS: Policy = { ...EDITORIAL, read: items([], ALL, ALL, ALL) }

const AUTHORED: Policy = {
  read: items(['published', 'own published'], ['published', 'own published', 'own draft'], ALL, ALL),
  create: may(false, true, true, true),
  update: items([], ['own draft'], ALL, ALL),
  delete: items([], [], ALL, ALL),
}

const POLICY: Record<keyof typeof LISTS, Policy> = {
  User: {
    // The public sees only people who have published: for a visitor, "own account" is a contributor
    // with a published post (the actor of the anonymous fixtures), "another user" has published nothing.
    read: items(['own account'], ALL, ALL, ALL),
    create: may(false, false, false, true),
    update: items([], ['own account'], ['own account'], ALL),
    delete: items([], [], [], ALL),
  },
  Post: AUTHORED,
  Interview: AUTHORED,
  InterviewQuestion: {
    read: items(['on published', 'on own published'], ['on published', 'on own published', 'on own draft'], ALL, ALL),
    create: may(false, true, true, true),
    update: items([], ['on own draft'], ALL, ALL),
    delete: items([], ['on own draft'], ALL, ALL),
  },
  TopicAnnouncement: {
    read: items(['published'], ['published'], ALL, ALL),
    create: may(false, false, true, true),
    update: items([], [], ALL, ALL),
    delete: items([], [], ALL, ALL),
  },
  ChatArchive: EDITORIAL,
  ChatMessage: CHAT_RECORDS,
  Participant: CHAT_RECORDS,
  Comment: {
    read: items(['approved'], ['approved'], ALL, ALL),
    create: may(false, false, true, true),
    update: items([], [], ALL, ALL),
    delete: items([], [], ALL, ALL),
  },
  Image: {
    // An image in a public body is served by its address; the list of uploads is the team's.
    read: items([], ALL, ALL, ALL),
    create: may(false, true, true, true),
    update: items([], [], ALL, ALL),
    delete: items([], [], ALL, ALL),
  },
  Tag: {
    // The fixture's tag is on nothing yet: the public sees a tag only once a public item uses it.
    read: items([], ALL, ALL, ALL),
    create: may(false, true, true, true),
    update: items([], [], ALL, ALL),
    delete: items([], [], ALL, ALL),
  },
  SiteSettings: {
    read: items(ALL, ALL, ALL, ALL),
    create: may(false, false, false, true),
    update: items([], [], [], ALL),
    delete: items([], [], [], []),
  },
}

const expand = (items: Items, fixtures: Fixtures) => (items === ALL ? Object.keys(fixtures) : [...items]).sort()
const ACCESS_DENIED = /Access denied/

// ─── Shared people and items for the read cells ────────────────────────────────────────────────

const people = {} as Record<Role, Client>
let someEditor: Client
/** The seeded demo chat, imported like a real one: it has statistics, analysis and participants. */
let demoArchive: string
const readFixtures = {} as Record<Role, Record<string, Fixtures>>

before(async () => {
  server = await startServer()
  const theAdmin = await adminSession(server)
  admin = new Client(theAdmin.cookie, theAdmin.id)
  someEditor = await newAccount('editor')
  people.admin = admin
  people.editor = await newAccount('editor')
  people.contributor = await newAccount('contributor')
  people.anonymous = new Client()
  demoArchive = (await admin.data(`{ chatArchives(where: { messages: { some: {} } }) { id } }`)).chatArchives[0].id
  const someContributor = await newAccount('contributor')
  for (const role of ROLES) {
    const actor = { id: people[role].userId || someContributor.userId }
    readFixtures[role] = {}
    for (const [list, spec] of Object.entries(LISTS)) readFixtures[role][list] = await spec.fixtures(actor, { id: someEditor.userId })
  }
})

after(() => server?.stop())

/** Whatever a create needs to point at: an interview the actor may edit, a published post. */
async function createTargets(actor: Client): Promise<Fixtures> {
  const owner = actor.userId || someEditor.userId
  return {
    interview: await create('Interview', { title: unique('Interview to add to'), intervieweeName: 'Ada', author: { connect: { id: owner } } }),
    publishedPost: await create('Post', { title: unique('Open for comments'), status: 'published', body: 'Words.' }),
  }
}

for (const [list, spec] of Object.entries(LISTS)) {
  const policy = POLICY[list]
  const one = lowerFirst(list)
  const many = spec.plural

  describe(list, () => {
    for (const role of ROLES) {
      test(`${role}: query one finds ${describeItems(policy.read[role])}`, async () => {
        const fixtures = readFixtures[role][list]
        const found = []
        for (const [name, id] of Object.entries(fixtures)) {
          const data = await people[role].data(`query($id: ID!) { item: ${one}(where: { id: $id }) { id } }`, { id })
          if (data.item) found.push(name)
        }
        assert.deepEqual(found.sort(), expand(policy.read[role], fixtures))
      })

      test(`${role}: query many finds ${describeItems(policy.read[role])}`, async () => {
        const fixtures = readFixtures[role][list]
        const data = await people[role].data(`query($ids: [ID!]) { items: ${many}(where: { id: { in: $ids } }) { id } }`, { ids: Object.values(fixtures) })
        const names = Object.entries(fixtures).filter(([, id]) => data.items.some((item: { id: string }) => item.id === id)).map(([name]) => name)
        assert.deepEqual(names.sort(), expand(policy.read[role], fixtures))
      })

      test(`${role}: count agrees with query many`, async () => {
        const fixtures = readFixtures[role][list]
        const data = await people[role].data(`query($ids: [ID!]) { count: ${many}Count(where: { id: { in: $ids } }) }`, { ids: Object.values(fixtures) })
        assert.equal(data.count, expand(policy.read[role], fixtures).length)
      })

      test(`${role}: create is ${policy.create[role] ? 'allowed' : 'denied'}`, async () => {
        const actor = await newAccount(role)
        const result = await actor.request(`mutation($data: ${list}CreateInput!) { item: create${list}(data: $data) { id } }`, {
          data: spec.createData(actor, await createTargets(actor)),
        })
        if (!policy.create[role]) {
          assert.match(result.errors?.[0]?.message ?? '', ACCESS_DENIED)
          assert.equal(result.data?.item, null)
        } else if (list === 'SiteSettings') {
          // The singleton exists already: the admin passes access control and meets the unique id.
          assert.doesNotMatch(result.errors?.[0]?.message ?? '', ACCESS_DENIED)
        } else {
          assert.equal(result.errors, undefined, JSON.stringify(result.errors))
          assert.ok(result.data?.item?.id)
        }
      })

      for (const operation of ['update', 'delete'] as const) {
        test(`${role}: ${operation} succeeds on ${describeItems(policy[operation][role])}`, async () => {
          const actor = await newAccount(role)
          const fixtures = await spec.fixtures({ id: actor.userId || someEditor.userId }, { id: someEditor.userId })
          const changed = []
          // The actor's own account goes last: an admin deleting it ends their session.
          for (const [name, id] of Object.entries(fixtures).sort(([a], [b]) => Number(a === 'own account') - Number(b === 'own account'))) {
            const result =
              operation === 'update'
                ? await actor.request(`mutation($id: ID!, $data: ${list}UpdateInput!) { item: update${list}(where: { id: $id }, data: $data) { id } }`, { id, data: spec.updateData() })
                : await actor.request(`mutation($id: ID!) { item: delete${list}(where: { id: $id }) { id } }`, { id })
            if (result.data?.item) changed.push(name)
            else assert.match(result.errors?.[0]?.message ?? '', ACCESS_DENIED, `${operation} ${name}: ${JSON.stringify(result.errors)}`)
          }
          assert.deepEqual(changed.sort(), expand(policy[operation][role], fixtures))
        })
      }
    }
  })
}

function describeItems(items: Items) {
  return items === ALL ? 'every item' : items.length ? items.join(', ') : 'nothing'
}

// ─── Fields only some people may read ──────────────────────────────────────────────────────────
// null: the field reads as null for that role; 'shown': it has its value.

type Visibility = 'shown' | null
const FIELDS: { what: string; list: string; field: string; item: (role: Role) => Promise<string>; visible: Row<Visibility> }[] = [
  { what: 'another user’s email', list: 'User', field: 'email', item: async () => someEditor.userId, visible: row(null, null, null, 'shown') },
  { what: 'their own email', list: 'User', field: 'email', item: async role => people[role].userId, visible: row(null, 'shown', 'shown', 'shown') },
  { what: 'a user’s role', list: 'User', field: 'role', item: async () => someEditor.userId, visible: row(null, 'shown', 'shown', 'shown') },
  { what: 'an approved comment’s email', list: 'Comment', field: 'email', item: async role => readFixtures[role].Comment.approved, visible: row(null, null, 'shown', 'shown') },
  { what: 'why a comment was held', list: 'Comment', field: 'heldReason', item: async role => readFixtures[role].Comment.approved, visible: row(null, null, 'shown', 'shown') },
  // Anonymous visitors cannot read the chat post itself (the matrix above).
  { what: 'a chat post’s possible patient details flag', list: 'ChatMessage', field: 'confidentialityFlag', item: async role => (role === 'anonymous' ? '' : readFixtures[role].ChatMessage.message), visible: row(null, null, 'shown', 'shown') },
  // Derived from an import: handles and X user ids of everyone who took part.
  { what: 'an archive’s statistics', list: 'ChatArchive', field: 'stats', item: async () => demoArchive, visible: row(null, 'shown', 'shown', 'shown') },
  { what: 'an archive’s questions, threads and links', list: 'ChatArchive', field: 'analysis', item: async () => demoArchive, visible: row(null, 'shown', 'shown', 'shown') },
  { what: 'an archive’s import problems', list: 'ChatArchive', field: 'importProblems', item: async () => demoArchive, visible: row(null, 'shown', 'shown', 'shown') },
]

describe('field-level reads', () => {
  for (const { what, list, field, item, visible } of FIELDS) {
    for (const role of ROLES) {
      test(`${role}: ${what} is ${visible[role] ?? 'null'}`, async () => {
        const id = await item(role)
        if (!id) return // anonymous visitors have no account of their own
        const data = await people[role].data(`query($id: ID!) { item: ${lowerFirst(list)}(where: { id: $id }) { id ${field} } }`, { id })
        assert.ok(data.item, 'the item itself is readable')
        assert.equal(data.item[field] === null ? null : 'shown', visible[role])
      })
    }
  }

  test('nobody reads a password, only whether one is set', async () => {
    for (const role of ROLES) {
      const data = await people[role].data(`query($id: ID!) { user(where: { id: $id }) { password { isSet } } }`, { id: someEditor.userId })
      assert.deepEqual(data.user.password, { isSet: true })
    }
    const asked = await admin.request(`query($id: ID!) { user(where: { id: $id }) { password { isSet hash } } }`, { id: someEditor.userId })
    assert.equal(asked.status, 400)
    assert.match(asked.errors?.[0]?.message ?? '', /Cannot query field "hash"/)
  })
})

// ─── Leaks through filters, relationships and counts ───────────────────────────────────────────
// What hidden items must not reveal: a filter on a field the role cannot read is an error, a
// filter matching only hidden items finds nothing, and counts are the public counts.

describe('no leaks through filters and counts', () => {
  let pendingOnly: string
  before(async () => {
    pendingOnly = await create('Post', { title: unique('Only a pending comment'), status: 'published', body: 'Words.' })
    await create('Comment', { post: { connect: { id: pendingOnly } }, authorName: 'Waiting', email: 'waiting@example.org', body: 'Hmm.', status: 'pending' })
  })

  const CANNOT_FILTER = /You do not have access|cannot filter|cannot order/i
  const LEAKS: { who: Role; asks: string; query: () => string; expect: number | RegExp | (() => Promise<number>) }[] = [
    { who: 'anonymous', asks: 'how many draft posts there are', query: () => `postsCount(where: { status: { equals: "draft" } })`, expect: 0 },
    { who: 'anonymous', asks: 'how many posts there are', query: () => `postsCount`, expect: () => adminCount(`postsCount(where: { status: { equals: "published" } })`) },
    { who: 'anonymous', asks: 'how many interviews there are', query: () => `interviewsCount`, expect: () => adminCount(`interviewsCount(where: { status: { equals: "published" } })`) },
    { who: 'anonymous', asks: 'how many interview questions there are', query: () => `interviewQuestionsCount`, expect: () => adminCount(`interviewQuestionsCount(where: { interview: { status: { equals: "published" } } })`) },
    { who: 'anonymous', asks: 'for questions of draft interviews', query: () => `interviewQuestionsCount(where: { interview: { status: { equals: "draft" } } })`, expect: 0 },
    { who: 'anonymous', asks: 'how many topic announcements there are', query: () => `topicAnnouncementsCount`, expect: () => adminCount(`topicAnnouncementsCount(where: { status: { equals: "published" } })`) },
    { who: 'anonymous', asks: 'how many comments there are', query: () => `commentsCount`, expect: () => adminCount(`commentsCount(where: { status: { equals: "approved" } })`) },
    { who: 'anonymous', asks: 'how many comments are pending', query: () => `commentsCount(where: { status: { equals: "pending" } })`, expect: 0 },
    { who: 'contributor', asks: 'how many comments are spam', query: () => `commentsCount(where: { status: { equals: "spam" } })`, expect: 0 },
    { who: 'contributor', asks: 'how many posts there are', query: () => `postsCount`, expect: () => adminCount(`postsCount(where: { OR: [{ status: { equals: "published" } }, { author: { id: { equals: "${people.contributor.userId}" } } }] })`) },
    { who: 'anonymous', asks: 'for comments by email', query: () => `commentsCount(where: { email: { equals: "pending@example.org" } })`, expect: CANNOT_FILTER },
    { who: 'contributor', asks: 'for comments by email', query: () => `commentsCount(where: { email: { equals: "pending@example.org" } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for comments by why they were held', query: () => `commentsCount(where: { heldReason: { contains: "NHS" } })`, expect: CANNOT_FILTER },
    // Keystone applies a list's rules when a relationship is read, not inside a filter that crosses
    // it: without the field rule these would test hidden items' contents a letter at a time.
    { who: 'anonymous', asks: 'for posts with a pending comment', query: () => `postsCount(where: { id: { equals: "${pendingOnly}" }, comments: { some: { status: { equals: "pending" } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for tags on draft posts', query: () => `tagsCount(where: { posts: { some: { status: { equals: "draft" } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for interviews by an unpublished question', query: () => `interviewsCount(where: { questions: { none: { answer: { contains: "a" } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for replies to held comments', query: () => `commentsCount(where: { parent: { status: { equals: "pending" } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for archives recapped by a draft', query: () => `chatArchivesCount(where: { recaps: { some: { status: { equals: "draft" } } } })`, expect: CANNOT_FILTER },
    // What the public pages do ask: a post's approved comments, through the comment's own side.
    { who: 'anonymous', asks: 'for the comments on a post', query: () => `commentsCount(where: { post: { id: { equals: "${pendingOnly}" } } })`, expect: 0 },
    { who: 'anonymous', asks: 'for posts by a commenter’s email', query: () => `postsCount(where: { comments: { some: { email: { equals: "waiting@example.org" } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for a post’s comment count', query: () => `post(where: { id: "${pendingOnly}" }) { commentsCount }`, expect: 0 },
    { who: 'anonymous', asks: 'for users by email', query: () => `usersCount(where: { email: { equals: "${server.adminEmail}" } })`, expect: CANNOT_FILTER },
    { who: 'contributor', asks: 'for users by email', query: () => `usersCount(where: { email: { equals: "${server.adminEmail}" } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for users sorted by email', query: () => `users(orderBy: [{ email: asc }]) { id }`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for the authors of draft posts', query: () => `usersCount(where: { posts: { some: { status: { equals: "draft" } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for admins', query: () => `usersCount(where: { role: { equals: "admin" } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for posts by their author’s email', query: () => `postsCount(where: { author: { email: { equals: "${server.adminEmail}" } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for an author’s draft posts', query: () => `user(where: { id: "${someEditor.userId}" }) { postsCount(where: { status: { equals: "draft" } }) }`, expect: 0 },
    { who: 'contributor', asks: 'for another author’s drafts', query: () => `user(where: { id: "${someEditor.userId}" }) { postsCount(where: { status: { equals: "draft" } }) }`, expect: 0 },
    { who: 'anonymous', asks: 'for archives by their posts’ text', query: () => `chatArchivesCount(where: { messages: { some: { text: { contains: "a" } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for archives with a redacted participant', query: () => `chatArchivesCount(where: { messages: { some: { author: { redacted: { equals: true } } } } })`, expect: CANNOT_FILTER },
    { who: 'anonymous', asks: 'for chat posts flagged for patient details', query: () => `chatMessagesCount(where: { NOT: { confidentialityFlag: { equals: "" } } })`, expect: 0 },
    { who: 'contributor', asks: 'for chat posts flagged for patient details', query: () => `chatMessagesCount(where: { NOT: { confidentialityFlag: { equals: "" } } })`, expect: CANNOT_FILTER },
  ]

  async function adminCount(field: string) {
    const data = await admin.data(`{ value: ${field} }`)
    return data.value as number
  }

  /** The one number a query answers, however deep it sits. */
  const theNumber = (data: unknown): number => (typeof data === 'number' ? data : theNumber(Object.values(data as object)[0]))

  for (const { who, asks, query, expect } of LEAKS) {
    const outcome = expect instanceof RegExp ? 'is refused' : typeof expect === 'number' ? `finds ${expect}` : 'gets the public count'
    test(`${who} asking ${asks} ${outcome}`, async () => {
      const result = await people[who].request(`{ value: ${query()} }`)
      if (expect instanceof RegExp) {
        assert.match(result.errors?.[0]?.message ?? '', expect, JSON.stringify(result))
        assert.equal(result.data?.value ?? null, null)
        return
      }
      assert.equal(result.errors, undefined, JSON.stringify(result.errors))
      assert.equal(theNumber(result.data!.value), typeof expect === 'number' ? expect : await expect())
    })
  }

  test('signing in says the same for an unknown email and a wrong password', async () => {
    const attempt = async (email: string) =>
      new Client().data(`mutation($email: String!) { authenticateUserWithPassword(email: $email, password: "not the password 123") { ... on UserAuthenticationWithPasswordFailure { message } } }`, { email })
    assert.deepEqual(await attempt(server.adminEmail), await attempt('nobody.here@example.org'))
  })
})

// ─── Writes through the other end of a relationship ────────────────────────────────────────────
// A relationship can be set from either list, and field rules guard only the list being written.
// Each attempt must be refused and leave the item it aimed at as it was.

describe('no writes through the other end of a relationship', () => {
  type Attempt = { who: Role; tries: string; mutation: string; variables: () => Promise<Record<string, unknown>>; watch: () => string }
  let fixtures: Record<string, Fixtures>
  const targets = {} as { comment: string; question: string; ownQuestion: string }
  before(async () => {
    fixtures = {}
    for (const list of ['Post', 'Interview', 'Comment', 'InterviewQuestion']) {
      fixtures[list] = await LISTS[list].fixtures({ id: people.contributor.userId }, { id: someEditor.userId })
    }
    targets.comment = fixtures.Comment.approved
    targets.question = fixtures.InterviewQuestion['on published']
    targets.ownQuestion = fixtures.InterviewQuestion['on own draft']
  })

  const ATTEMPTS: Attempt[] = [
    {
      who: 'contributor',
      tries: 'to claim an editor’s published post from their own account',
      mutation: `mutation($id: ID!, $post: ID!) { updateUser(where: { id: $id }, data: { posts: { connect: [{ id: $post }] } }) { id } }`,
      variables: async () => ({ id: people.contributor.userId, post: fixtures.Post.published }),
      watch: () => `post(where: { id: "${fixtures.Post.published}" }) { author { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to claim an editor’s published interview from their own account',
      mutation: `mutation($id: ID!, $interview: ID!) { updateUser(where: { id: $id }, data: { interviews: { connect: [{ id: $interview }] } }) { id } }`,
      variables: async () => ({ id: people.contributor.userId, interview: fixtures.Interview.published }),
      watch: () => `interview(where: { id: "${fixtures.Interview.published}" }) { author { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to move an approved comment onto a new post',
      mutation: `mutation($comment: ID!) { createPost(data: { title: "Comment magnet", comments: { connect: [{ id: $comment }] } }) { id } }`,
      variables: async () => ({ comment: targets.comment }),
      watch: () => `comment(where: { id: "${targets.comment}" }) { post { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to move an approved comment onto their own draft',
      mutation: `mutation($id: ID!, $comment: ID!) { updatePost(where: { id: $id }, data: { comments: { connect: [{ id: $comment }] } }) { id } }`,
      variables: async () => ({ id: fixtures.Post['own draft'], comment: targets.comment }),
      watch: () => `comment(where: { id: "${targets.comment}" }) { post { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to add a question to an editor’s published interview',
      mutation: `mutation($interview: ID!) { createInterviewQuestion(data: { interview: { connect: { id: $interview } }, question: "Added?", answer: "Unreviewed." }) { id } }`,
      variables: async () => ({ interview: fixtures.Interview.published }),
      watch: () => `interview(where: { id: "${fixtures.Interview.published}" }) { questionsCount }`,
    },
    {
      who: 'contributor',
      tries: 'to add a question to their own published interview',
      mutation: `mutation($interview: ID!) { createInterviewQuestion(data: { interview: { connect: { id: $interview } }, question: "Added?", answer: "Unreviewed." }) { id } }`,
      variables: async () => ({ interview: fixtures.Interview['own published'] }),
      watch: () => `interview(where: { id: "${fixtures.Interview['own published']}" }) { questionsCount }`,
    },
    {
      who: 'contributor',
      tries: 'to move their own draft question into a published interview',
      mutation: `mutation($id: ID!, $interview: ID!) { updateInterviewQuestion(where: { id: $id }, data: { interview: { connect: { id: $interview } } }) { id } }`,
      variables: async () => ({ id: targets.ownQuestion, interview: fixtures.Interview.published }),
      watch: () => `interviewQuestion(where: { id: "${targets.ownQuestion}" }) { interview { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to take a published interview’s question into a new interview',
      mutation: `mutation($question: ID!) { createInterview(data: { title: "Borrowed", intervieweeName: "A", questions: { connect: [{ id: $question }] } }) { id } }`,
      variables: async () => ({ question: targets.question }),
      watch: () => `interviewQuestion(where: { id: "${targets.question}" }) { interview { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to tag an editor’s published post through a new tag',
      mutation: `mutation($post: ID!) { createTag(data: { name: "Sneaky tag", posts: { connect: [{ id: $post }] } }) { id } }`,
      variables: async () => ({ post: fixtures.Post.published }),
      watch: () => `post(where: { id: "${fixtures.Post.published}" }) { tags { id } }`,
    },
    {
      who: 'contributor',
      tries: 'to hand their draft to an editor',
      mutation: `mutation($id: ID!, $author: ID!) { updatePost(where: { id: $id }, data: { author: { connect: { id: $author } } }) { id } }`,
      variables: async () => ({ id: fixtures.Post['own draft'], author: someEditor.userId }),
      watch: () => `post(where: { id: "${fixtures.Post['own draft']}" }) { author { id } }`,
    },
    {
      who: 'anonymous',
      tries: 'to comment on a draft post',
      mutation: `mutation($post: ID!) { createComment(data: { post: { connect: { id: $post } }, authorName: "Early", body: "First!" }) { id } }`,
      variables: async () => ({ post: fixtures.Post.draft }),
      watch: () => `post(where: { id: "${fixtures.Post.draft}" }) { commentsCount }`,
    },
    {
      who: 'editor',
      tries: 'to make themself an admin',
      mutation: `mutation($id: ID!) { updateUser(where: { id: $id }, data: { role: admin }) { id } }`,
      variables: async () => ({ id: people.editor.userId }),
      watch: () => `user(where: { id: "${people.editor.userId}" }) { role }`,
    },
  ]

  for (const { who, tries, mutation, variables, watch } of ATTEMPTS) {
    test(`${who} trying ${tries} is refused`, async () => {
      const before = await admin.data(`{ value: ${watch()} }`)
      const result = await people[who].request(mutation, await variables())
      assert.ok(result.errors?.length, `refused: ${JSON.stringify(result)}`)
      assert.deepEqual(await admin.data(`{ value: ${watch()} }`), before)
    })
  }
})

// ─── Redaction ─────────────────────────────────────────────────────────────────────────────────
// A participant redacted at their request must not be findable by the public through any door:
// the API, the archive's pages, or its open-data exports.

describe('a redacted participant', () => {
  test('is nowhere in what an anonymous visitor can ask the API or download', async () => {
    const { chatArchive } = await admin.data(`query($id: ID!) { chatArchive(where: { id: $id }) { title slug messages { author { id handle displayName xUserId } } } }`, { id: demoArchive })
    // Mentioned by two others and sharer of a link: every way a name travels in a chat.
    const person = chatArchive.messages.find((message: { author: { handle: string } }) => message.author.handle === 'patient_voice').author
    const traces = [person.handle, person.displayName, person.xUserId]
    const everythingTheApiOffers = `{
      chatArchives { title slug stats analysis importProblems messagesCount messages { text author { handle } } }
      participants { handle displayName xUserId } participantsCount
      chatMessages { text entities } chatMessagesCount
    }`
    const contributorSees = JSON.stringify(await people.contributor.data(everythingTheApiOffers))
    assert.ok(traces.every(trace => contributorSees.includes(trace)), 'the team still sees who took part')

    await admin.data(`mutation($id: ID!) { updateParticipant(where: { id: $id }, data: { redacted: true }) { id } }`, { id: person.id })
    try {
      const apiAnswer = JSON.stringify(await people.anonymous.data(everythingTheApiOffers))
      assert.ok(apiAnswer.includes(chatArchive.title), 'the archive itself stays public')
      const downloads = await Promise.all(
        ['', '/transcript', '.json', '.csv'].map(async suffix => {
          const response = await fetch(new URL(`/archives/${chatArchive.slug}${suffix}`, server.baseUrl))
          assert.equal(response.status, 200, suffix)
          return { suffix, body: await response.text() }
        })
      )
      for (const { suffix, body } of [{ suffix: 'GraphQL', body: apiAnswer }, ...downloads]) {
        for (const trace of traces) assert.ok(!body.toLowerCase().includes(trace.toLowerCase()), `${suffix} names ${trace}`)
      }
    } finally {
      await admin.data(`mutation($id: ID!) { updateParticipant(where: { id: $id }, data: { redacted: false }) { id } }`, { id: person.id })
    }
  })
})
