import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'
import { apiLists, type ApiList, type ApiRelationship } from '../support/graphql-schema'

// The API's access rules, tried the way an attacker would, on every list and relationship that
// schema.graphql offers: generated, so a relationship added next year is tried without anyone
// writing its case. Through Keystone's own GraphQL executor (context.graphql.raw), as a request to
// /api/graphql runs, on a real SQLite database. tests/e2e/access-matrix.test.ts holds the
// hand-written policy per list and role; this file holds what must be true of every path.

type Role = 'anonymous' | 'contributor'
type Answer = { value: unknown; refused: boolean }

const LISTS = apiLists()
const byName = new Map(LISTS.map(list => [list.name, list]))
const listOf = (name: string) => byName.get(name) ?? assert.fail(`schema.graphql has no list ${name}`)
const NO_SUCH_ID = 'no-such-item-anywhere'

let sudo: Context
const as = {} as Record<Role, Context>
/** The fixture's items by name, and the people in it. */
const item: Record<string, string> = {}

async function ask(context: Context, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const result = await context.graphql.raw({ query, variables })
  if (result.errors?.length) {
    const messages = result.errors.map(error => error.message).join('\n')
    // Refused by access control, as the API tells it; anything else is a broken case, not a refusal.
    assert.match(messages, /Access denied|You do not have access|cannot filter|Unable to|not allowed/i, `${query}\n${messages}`)
    return { value: null, refused: true }
  }
  return { value: result.data, refused: false }
}

// ─── A week of content with something hidden behind every relationship ─────────────────────────
// Hidden from the public: drafts (one with an approved comment, taken back to draft), a post
// scheduled ahead, a draft topic, held and spam comments and an approved reply to a held one,
// a tag and a person used only by drafts, chat posts and participants, an uploaded image. Hidden
// from a contributor: other people's drafts, the scheduled post, the draft topic, held comments.

before(async () => {
  const anonymous = await migratedContext()
  sudo = anonymous.sudo()
  as.anonymous = anonymous
  const editor = await signedInAs(anonymous, 'editor', 'Eda Editor')
  const contributor = await signedInAs(anonymous, 'contributor', 'Cai Contributor')
  const quiet = await signedInAs(anonymous, 'contributor', 'Quinn Quiet')
  as.contributor = contributor.context
  Object.assign(item, { editor: editor.user.id, contributor: contributor.user.id, quiet: quiet.user.id })
  const connect = (id: string) => ({ connect: { id } })
  const connectMany = (...ids: string[]) => ({ connect: ids.map(id => ({ id })) })
  const db = sudo.db

  for (const name of ['public tag', 'draft-only tag', 'draft-interview tag']) item[name] = (await db.Tag.createOne({ data: { name } })).id
  for (const [name, hour] of [['archive', 12], ['other archive', 13]] as const) {
    item[name] = (await db.ChatArchive.createOne({ data: { title: name, hashtag: '#nhschat', windowStart: new Date(Date.UTC(2026, 10, 2, hour)), windowEnd: new Date(Date.UTC(2026, 10, 2, hour + 1)) } })).id
  }
  item.participant = (await db.Participant.createOne({ data: { xUserId: '101', handle: 'ward_nurse' } })).id
  item['linked participant'] = (await db.Participant.createOne({ data: { xUserId: 'did:plc:ward', handle: 'ward.bsky.social', platform: 'bluesky', samePersonAs: connect(item.participant) } })).id
  item.message = (await db.ChatMessage.createOne({ data: { xId: '1861000000000000101', text: 'A1 We answer within the hour.', postedAt: new Date(Date.UTC(2026, 10, 2, 12, 5)), archive: connect(item.archive), author: connect(item.participant) } })).id
  item['public topic'] = (await db.TopicAnnouncement.createOne({ data: { title: 'Public topic', hashtag: '#nhschat', chatStart: new Date(Date.UTC(2026, 10, 2, 12)), status: 'published', chatArchive: connect(item.archive) } })).id
  item['draft topic'] = (await db.TopicAnnouncement.createOne({ data: { title: 'Draft topic', hashtag: '#nhschat', chatStart: new Date(Date.UTC(2027, 0, 4, 12)), status: 'draft', chatArchive: connect(item['other archive']) } })).id

  const post = async (name: string, data: Record<string, unknown>) => (item[name] = (await db.Post.createOne({ data: { title: name, body: `The words of ${name}.`, ...data } })).id)
  await post('public post', { status: 'published', author: connect(item.editor), tags: connectMany(item['public tag']), chatArchive: connect(item.archive) })
  await post('draft post', { status: 'draft', author: connect(item.editor), tags: connectMany(item['public tag'], item['draft-only tag']), chatArchive: connect(item.archive) })
  await post('scheduled post', { status: 'published', publishedAt: new Date(Date.UTC(2030, 0, 1)), author: connect(item.editor), chatArchive: connect(item['other archive']) })
  await post('own draft post', { status: 'draft', author: connect(item.contributor), tags: connectMany(item['public tag']) })
  await post('quiet draft post', { status: 'draft', author: connect(item.quiet), tags: connectMany(item['draft-only tag']) })

  const interview = async (name: string, data: Record<string, unknown>) =>
    (item[name] = (await db.Interview.createOne({ data: { title: name, intervieweeName: 'Dr Ada Jones', ...data } })).id)
  await interview('public interview', { status: 'published', author: connect(item.editor), tags: connectMany(item['public tag']) })
  await interview('draft interview', { status: 'draft', author: connect(item.editor), tags: connectMany(item['draft-interview tag']) })
  await interview('own draft interview', { status: 'draft', author: connect(item.contributor) })
  for (const [name, on] of [['public question', 'public interview'], ['draft question', 'draft interview'], ['own question', 'own draft interview']]) {
    item[name] = (await db.InterviewQuestion.createOne({ data: { interview: connect(item[on]), question: `Why ${name}?`, answer: 'Because.' } })).id
  }

  const comment = async (name: string, status: string, on: Record<string, unknown>) =>
    (item[name] = (await db.Comment.createOne({ data: { ...on, authorName: name, email: `${name.replaceAll(' ', '.')}@example.org`, body: `Said in ${name}.`, status } })).id)
  await comment('approved comment', 'approved', { post: connect(item['public post']) })
  await comment('held comment', 'pending', { post: connect(item['public post']) })
  await comment('spam comment', 'spam', { post: connect(item['public post']) })
  await comment('reply to held comment', 'approved', { post: connect(item['public post']), parent: connect(item['held comment']) })
  await comment('comment on a post back in draft', 'approved', { post: connect(item['draft post']) })
  await comment('comment on a draft interview', 'approved', { interview: connect(item['draft interview']) })
  await comment('held comment on an interview', 'pending', { interview: connect(item['public interview']) })
  await comment('approved comment on the archive', 'approved', { chatArchive: connect(item.archive) })
  await comment('held comment on the archive', 'pending', { chatArchive: connect(item.archive) })
})

// ─── Reads ─────────────────────────────────────────────────────────────────────────────────────

/** A `where` that crosses `path` and ends on one item of the last list. */
function through(path: ApiRelationship[], quantifiers: string[], end: Record<string, unknown>): Record<string, unknown> {
  if (path.length === 0) return end
  const [first, ...rest] = path
  const inner = through(rest, quantifiers.slice(1), end)
  return { [first.field]: first.many ? { [quantifiers[0]]: inner } : inner }
}

/** Every path of one or two relationships a filter on `list` can cross, with each to-many's quantifier. */
function pathsFrom(list: ApiList): { path: ApiRelationship[]; quantifiers: string[] }[] {
  const paths: { path: ApiRelationship[]; quantifiers: string[] }[] = []
  const quantifiersOf = (relationship: ApiRelationship) => (relationship.many ? ['some', 'none', 'every'] : [''])
  for (const first of list.filterable) {
    for (const q1 of quantifiersOf(first)) {
      paths.push({ path: [first], quantifiers: [q1] })
      for (const second of listOf(first.target).filterable) {
        for (const q2 of quantifiersOf(second)) paths.push({ path: [first, second], quantifiers: [q1, q2] })
      }
    }
  }
  return paths
}

async function idsOf(context: Context, list: ApiList): Promise<Set<string>> {
  const answer = await ask(context, `{ items: ${list.many}(where: {}) { id } }`)
  if (answer.refused) return new Set()
  const items = (answer.value as { items: { id: string }[] | null }).items ?? []
  return new Set(items.map(found => String(found.id)))
}

/** The items of a list that exist but that the role cannot read. */
async function hiddenFrom(role: Role, list: ApiList): Promise<string[]> {
  const [all, visible] = await Promise.all([idsOf(sudo, list), idsOf(as[role], list)])
  return [...all].filter(id => !visible.has(id))
}

for (const role of ['anonymous', 'contributor'] as const) {
  describe(`${role}: a filter through any relationship learns nothing about what ${role === 'anonymous' ? 'the public' : 'a contributor'} cannot read`, () => {
    for (const list of LISTS) {
      test(`${list.count}, through each path of one or two relationships to each hidden item, answers as for an item that does not exist`, async () => {
        let cases = 0
        const exercised = new Set<string>()
        for (const { path, quantifiers } of pathsFrom(list)) {
          const end = listOf(path.at(-1)!.target)
          for (const hidden of await hiddenFrom(role, end)) {
            const query = `query($where: ${list.name}WhereInput!) { count: ${list.count}(where: $where) }`
            const naming = (id: string) => ({ where: through(path, quantifiers, { id: { equals: id } }) })
            const [onHidden, onNothing] = [await ask(as[role], query, naming(hidden)), await ask(as[role], query, naming(NO_SUCH_ID))]
            const label = `${list.name}.${path.map((step, index) => `${step.field}${quantifiers[index] ? `.${quantifiers[index]}` : ''}`).join('.')} → ${end.name} ${hidden}`
            assert.deepEqual(onHidden, onNothing, `${role} tells a hidden item from none through ${label}`)
            cases++
            // Did the path reach a hidden item at all? The team sees the difference the role must not.
            const [teamOnHidden, teamOnNothing] = [await ask(sudo, query, naming(hidden)), await ask(sudo, query, naming(NO_SUCH_ID))]
            if (JSON.stringify(teamOnHidden) !== JSON.stringify(teamOnNothing)) exercised.add(path.map(step => `${step.list}.${step.field}`).join(' → '))
          }
        }
        console.log(`${role} ${list.count}: ${cases} filters, ${exercised.size} paths reached a hidden item`)
        // Paths that never reach a hidden item would pass whatever the rules said: the fixture must link some.
        assert.ok(cases === 0 || exercised.size > 0, `no path from ${list.name} reached a hidden item: link one in the fixture`)
      })
    }

    test('every relationship the role may filter through leads only to items it can read (the closed claims hold)', async () => {
      const problems: string[] = []
      for (const list of LISTS) {
        const visible = await idsOf(as[role], list)
        for (const relationship of list.filterable) {
          const tried = await ask(as[role], `query($where: ${list.name}WhereInput!) { count: ${list.count}(where: $where) }`, { where: through([relationship], ['some'], { id: { equals: NO_SUCH_ID } }) })
          if (tried.refused || visible.size === 0) continue
          const readable = await idsOf(as[role], listOf(relationship.target))
          const selection = `id ${relationship.field} { id }`
          const answer = await ask(sudo, `query($ids: [ID!]) { items: ${list.many}(where: { id: { in: $ids } }) { ${selection} } }`, { ids: [...visible] })
          for (const found of (answer.value as { items: Record<string, unknown>[] }).items) {
            const linked = found[relationship.field]
            const targets = (Array.isArray(linked) ? linked : linked ? [linked] : []) as { id: string }[]
            for (const target of targets) if (!readable.has(String(target.id))) problems.push(`${list.name} ${String(found.id)} → ${relationship.field} → ${relationship.target} ${target.id}`)
          }
        }
      }
      assert.deepEqual(problems, [], 'an item the role reads links, through a relationship it may filter by, to one it cannot read')
    })
  })
}

// ─── Writes ────────────────────────────────────────────────────────────────────────────────────
// As a contributor and as an anonymous visitor, each relationship of each create and update input
// is pointed, by each unique field, at an item that is not theirs: someone else's published post,
// another person, an approved comment… The policy below says which pointing is theirs to do; every
// other attempt must be refused and change nothing anywhere.

/** An item of each list that belongs to someone else, as the writer meets it. */
const NOT_THEIRS: Record<string, string> = {
  User: 'editor',
  Post: 'public post',
  Interview: 'public interview',
  InterviewQuestion: 'public question',
  TopicAnnouncement: 'public topic',
  Tag: 'public tag',
  ChatArchive: 'archive',
  ChatMessage: 'message',
  Participant: 'participant',
  Comment: 'approved comment',
}

/** The item a writer updates: their own where they have one, else someone else's (refused before any relationship is looked at). */
const UPDATED: Record<string, string> = {
  User: 'contributor',
  Post: 'own draft post',
  Interview: 'own draft interview',
  InterviewQuestion: 'own question',
  ...Object.fromEntries(['TopicAnnouncement', 'Tag', 'ChatArchive', 'ChatMessage', 'Participant', 'Comment'].map(list => [list, NOT_THEIRS[list]])),
}

let serial = 0
/** The least a new item of each list needs, so an attempt fails only for the relationship it tries. */
const MINIMAL: Record<string, () => Record<string, unknown>> = {
  User: () => ({ name: `Someone ${++serial}`, email: `someone.${++serial}@example.org`, password: 'correct horse battery staple' }),
  Post: () => ({ title: `An attempt ${++serial}`, body: 'Words.' }),
  Interview: () => ({ title: `An attempt ${++serial}`, intervieweeName: 'Sam Patel' }),
  InterviewQuestion: () => ({ question: 'And then?', answer: 'Then this.', interview: { connect: { id: item['own draft interview'] } } }),
  TopicAnnouncement: () => ({ title: `A topic ${++serial}`, chatStart: '2027-05-03T11:00:00.000Z' }),
  Tag: () => ({ name: `A tag ${++serial}` }),
  ChatArchive: () => ({ title: `An archive ${++serial}`, hashtag: '#nhschat', windowStart: '2027-05-03T11:00:00.000Z', windowEnd: '2027-05-03T12:00:00.000Z' }),
  ChatMessage: () => ({ xId: String(1_870_000_000_000_000_000n + BigInt(++serial)), text: 'A2 Yes.', postedAt: '2026-11-02T12:10:00.000Z' }),
  Participant: () => ({ xUserId: String(9_000 + ++serial), handle: `someone_${serial}` }),
  Comment: () => ({ post: { connect: { id: item['public post'] } }, authorName: 'Reader', body: 'Nice.' }),
  Image: () => ({ alt: 'No file' }),
  SiteSettings: () => ({ siteName: 'Another site' }),
}

/** Whether the role may name an item by this unique field: naming by a relationship is a filter through it. */
async function mayNameBy(role: Role, list: ApiList, field: string) {
  if (!list.filterable.some(relationship => relationship.field === field)) return true
  const probe = await ask(as[role], `query($where: ${list.name}WhereInput!) { n: ${list.count}(where: $where) }`, { where: { [field]: { id: { equals: NO_SUCH_ID } } } })
  return !probe.refused
}

type Mode = 'create, connecting' | 'create, creating along' | 'update, connecting' | 'update, setting' | 'update, disconnecting'

/**
 * What a contributor may do to a relationship with an item that is not theirs. Anything absent is
 * refused: a new relationship in schema.graphql starts refused here until someone decides.
 */
const CONTRIBUTOR_MAY: Partial<Record<string, Mode[]>> = {
  // Tagging their own drafts, with any tag or a new one, and naming the chat a recap is about.
  'Post.tags': ['create, connecting', 'create, creating along', 'update, connecting', 'update, setting', 'update, disconnecting'],
  'Interview.tags': ['create, connecting', 'create, creating along', 'update, connecting', 'update, setting', 'update, disconnecting'],
  'Post.chatArchive': ['create, connecting', 'update, connecting', 'update, disconnecting'],
  // Filing a question under a new interview of their own; never under someone else's.
  'InterviewQuestion.interview': ['create, creating along'],
}

/** How the item is named by one of its unique fields; a one-to-one relationship names it by the item at its other end. */
async function uniqueValue(list: string, id: string, field: string): Promise<unknown> {
  const relationship = listOf(list).filterable.some(candidate => candidate.field === field)
  const answer = await ask(sudo, `query($id: ID!) { found: ${listOf(list).one}(where: { id: $id }) { ${relationship ? `${field} { id }` : field} } }`, { id })
  const value = (answer.value as { found: Record<string, unknown> }).found[field]
  assert.ok(value, `${list} “${id}” has no ${field} to be named by: link it in the fixture`)
  return value
}

/** Everything that could change: how many items each list has, and the ids every relationship of two items holds. */
async function snapshot(items: { list: string; id: string }[]) {
  const counts = await Promise.all(LISTS.map(list => ask(sudo, `{ n: ${list.count} }`)))
  const links = await Promise.all(
    items.map(({ list, id }) => {
      const fields = listOf(list).filterable.map(relationship => `${relationship.field} { id }`).join(' ')
      return fields ? ask(sudo, `query($id: ID!) { found: ${listOf(list).one}(where: { id: $id }) { ${fields} } }`, { id }) : null
    })
  )
  return JSON.stringify({ counts, links })
}

function attempts(role: Role) {
  const cases: { label: string; list: string; relationship: ApiRelationship; mode: Mode; namedBy?: { list: ApiList; field: string }; run: () => Promise<Answer>; touched: () => { list: string; id: string }[] }[] = []
  for (const list of LISTS) {
    for (const operation of ['create', 'update'] as const) {
      for (const relationship of list.writable[operation]) {
        const target = listOf(relationship.target)
        const targetName = NOT_THEIRS[target.name] ?? assert.fail(`Name an item of ${target.name} that is not the writer's in NOT_THEIRS`)
        const mutation = `${operation}${list.name}`
        const wrap = (value: unknown) => (relationship.many ? [value] : value)
        const send = (data: Record<string, unknown>) => {
          const updated = item[UPDATED[list.name] ?? assert.fail(`Name the item of ${list.name} a writer updates in UPDATED`)]
          return operation === 'create'
            ? ask(as[role], `mutation($data: ${list.name}CreateInput!) { ${mutation}(data: $data) { id } }`, { data: { ...(MINIMAL[list.name] ?? assert.fail(`Give MINIMAL data for ${list.name}`))(), ...data } })
            : ask(as[role], `mutation($id: ID!, $data: ${list.name}UpdateInput!) { ${mutation}(where: { id: $id }, data: $data) { id } }`, { id: updated, data })
        }
        const touched = () => [{ list: target.name, id: item[targetName] }, ...(operation === 'update' ? [{ list: list.name, id: item[UPDATED[list.name]] }] : [])]
        for (const unique of target.uniqueFields) {
          const modes: Mode[] = operation === 'create' ? ['create, connecting'] : relationship.many ? ['update, connecting', 'update, setting', 'update, disconnecting'] : ['update, connecting']
          for (const mode of modes) {
            cases.push({
              label: `${role} ${mode} ${list.name}.${relationship.field} to ${target.name} “${targetName}” by ${unique}`,
              list: list.name,
              relationship,
              mode,
              namedBy: { list: target, field: unique },
              touched,
              run: async () => {
                const where = { [unique]: await uniqueValue(target.name, item[targetName], unique) }
                const key = mode === 'update, setting' ? 'set' : mode === 'update, disconnecting' ? 'disconnect' : 'connect'
                return send({ [relationship.field]: { [key]: key === 'connect' ? wrap(where) : [where] } })
              },
            })
          }
        }
        if (operation === 'create' && MINIMAL[target.name]) {
          cases.push({
            label: `${role} create, creating along ${list.name}.${relationship.field} a new ${target.name}`,
            list: list.name,
            relationship,
            mode: 'create, creating along',
            touched,
            run: () => send({ [relationship.field]: { create: wrap(MINIMAL[target.name]()) } }),
          })
        }
      }
    }
  }
  return cases
}

for (const role of ['anonymous', 'contributor'] as const) {
  describe(`${role}: every relationship in every create and update input, by every unique field`, () => {
    for (const attempt of attempts(role)) {
      const mayDo = role === 'contributor' && (CONTRIBUTOR_MAY[`${attempt.list}.${attempt.relationship.field}`] ?? []).includes(attempt.mode)
      test(`${attempt.label} is ${mayDo ? 'allowed where the writer may name it so' : 'refused and changes nothing'}`, async () => {
        const allowed = mayDo && (!attempt.namedBy || (await mayNameBy(role, attempt.namedBy.list, attempt.namedBy.field)))
        const before = await snapshot(attempt.touched())
        const answer = await attempt.run()
        if (allowed) {
          assert.equal(answer.refused, false, attempt.label)
          return
        }
        assert.equal(answer.refused, true, `${attempt.label} went through: ${JSON.stringify(answer.value)}`)
        assert.equal(await snapshot(attempt.touched()), before, `${attempt.label} was refused but changed something`)
      })
    }
  })
}

test('the generated cases cover every list and relationship in schema.graphql', () => {
  const relationships = LISTS.flatMap(list => list.filterable)
  assert.ok(LISTS.length >= 12, `${LISTS.length} lists`)
  assert.ok(relationships.length >= 25, `${relationships.length} relationships`)
  for (const list of LISTS) assert.ok(MINIMAL[list.name], `MINIMAL has no data for ${list.name}`)
})
