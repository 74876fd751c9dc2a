import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import { seedDemoContent } from '../../app/features/demo/demo-content.server'
import type { Context } from '../../app/server/keystone.server'
import { migratedContext, signedInAs } from '../support/database'

// The Markdown editor's GraphQL (app/features/writing/writing-api.server.ts): who may use it, and
// that the preview is the readers' rendering, embeds included. Its round trip against the
// published page, in the browser, is in tests/e2e/writing.test.ts.

let anonymous: Context
let editor: Context
let contributor: Context

const PREVIEW = `query ($markdown: String!, $field: String) { deskMarkdownPreview(markdown: $markdown, field: $field) { html problems } }`
const ARCHIVES = `query ($search: String) { deskArchiveChoices(search: $search) { slug title hashtag } }`
const CHOICES = `query ($slug: String!) { deskEmbedChoices(slug: $slug) { archive { slug } questions { number text } posts { id name handle text } } }`

type Preview = { deskMarkdownPreview: { html: string; problems: string[] } }

before(async () => {
  anonymous = await migratedContext()
  await seedDemoContent(anonymous.sudo())
  editor = (await signedInAs(anonymous, 'editor')).context
  contributor = (await signedInAs(anonymous, 'contributor')).context
})

describe('the preview query', () => {
  test('is refused to visitors, and so are the Insert chat queries', async () => {
    for (const [query, variables] of [
      [PREVIEW, { markdown: 'Hello' }],
      [ARCHIVES, {}],
      [CHOICES, { slug: 'answering-patients-in-public' }],
    ] as const) {
      const { data, errors } = await anonymous.graphql.raw({ query, variables })
      assert.ok(!data || Object.values(data).every(value => value === null), `nothing answered to ${query}`)
      assert.match(String(errors?.[0]?.message), /Sign in to the Admin UI/)
    }
  })

  test('is open to signed-in contributors, who write drafts', async () => {
    const data = await contributor.graphql.run<Preview, Record<string, unknown>>({ query: PREVIEW, variables: { markdown: 'A **draft**.' } })
    assert.match(data.deskMarkdownPreview.html, /<strong>draft<\/strong>/)
  })

  test('renders and sanitizes as a save does, and draws a post body’s embed in full', async () => {
    const markdown = '## Our recap\n\nIt went <script>alert(1)</script> well.\n\n::chat[answering-patients-in-public#Q1]\n'
    const data = await editor.graphql.run<Preview, Record<string, unknown>>({ query: PREVIEW, variables: { markdown, field: 'Post.body' } })
    const { html, problems } = data.deskMarkdownPreview
    assert.deepEqual(problems, [])
    assert.match(html, /^<div class="prose">/)
    assert.match(html, /<h2 id="our-recap"><a class="heading-anchor" href="#our-recap">Our recap<\/a><\/h2>/)
    assert.doesNotMatch(html, /<script/)
    // The readers' embed component: the question's post and its answers, linking into the archive.
    assert.match(html, /<aside class="chat-embed" aria-label="From the chat archive: Answering patients in public">/)
    assert.match(html, /Q1 and its \d+ answers/)
    assert.match(html, /When a patient asks something personal in a public reply/)
    assert.match(html, /href="\/archives\/answering-patients-in-public#q1"/)
  })

  test('draws other fields’ embeds as the card their stored HTML has', async () => {
    const data = await editor.graphql.run<Preview, Record<string, unknown>>({
      query: PREVIEW,
      variables: { markdown: '::chat[answering-patients-in-public#Q2]', field: 'Interview.introduction' },
    })
    assert.match(data.deskMarkdownPreview.html, /Question 2 and its answers from the archived chat “answering-patients-in-public”/)
  })

  test('names each image without alt text, as the save that refuses it does', async () => {
    const markdown = 'Intro\n\n![](https://example.org/chart.png)\n'
    const data = await editor.graphql.run<Preview, Record<string, unknown>>({ query: PREVIEW, variables: { markdown } })
    assert.deepEqual(data.deskMarkdownPreview.problems, [
      'The image on line 3 (https://example.org/chart.png) has no alt text. Describe it between the brackets: ![what the image shows](url).',
    ])
    await assert.rejects(editor.db.Post.createOne({ data: { title: 'No alt', body: markdown } }), /Body: The image on line 3 \(https:\/\/example.org\/chart.png\) has no alt text/)
  })

  test('refuses a body too long to preview, saying so', async () => {
    const { errors } = await editor.graphql.raw({ query: PREVIEW, variables: { markdown: 'x'.repeat(200_001) } })
    assert.match(String(errors?.[0]?.message), /markdown: 200001 characters is too long to preview/)
  })
})

describe('the Insert chat queries', () => {
  test('find archives by title or hashtag, whatever the case', async () => {
    for (const search of ['patients IN public', '#MondayHealthChat']) {
      const data = await editor.graphql.run<{ deskArchiveChoices: { slug: string }[] }, Record<string, unknown>>({ query: ARCHIVES, variables: { search } })
      assert.deepEqual(data.deskArchiveChoices.map(archive => archive.slug), ['answering-patients-in-public'])
    }
    const none = await editor.graphql.run<{ deskArchiveChoices: unknown[] }, Record<string, unknown>>({ query: ARCHIVES, variables: { search: 'no such chat' } })
    assert.deepEqual(none.deskArchiveChoices, [])
  })

  test('give an archive’s questions with their text, and its posts with their people', async () => {
    type Choices = { deskEmbedChoices: { questions: { number: number; text: string }[]; posts: { id: string; handle: string | null; text: string }[] } | null }
    const data = await contributor.graphql.run<Choices, Record<string, unknown>>({ query: CHOICES, variables: { slug: 'answering-patients-in-public' } })
    const choices = data.deskEmbedChoices
    assert.ok(choices)
    assert.deepEqual(choices.questions.map(question => question.number).slice(0, 2), [1, 2])
    assert.match(choices.questions[0].text, /^Q1 When a patient asks something personal/)
    assert.ok(choices.posts.some(post => post.handle === 'gp_comms' && /saved reply/.test(post.text)))
    const missing = await editor.graphql.run<Choices, Record<string, unknown>>({ query: CHOICES, variables: { slug: 'no-such-archive' } })
    assert.equal(missing.deskEmbedChoices, null)
  })
})
