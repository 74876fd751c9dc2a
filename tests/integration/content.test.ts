import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'

import type { Context } from '../../app/server/keystone.server'
import { getInterviewBySlug } from '../../app/features/content/interview.server'
import { getLatestItems } from '../../app/features/content/items.server'
import { getPostBySlug } from '../../app/features/content/post.server'
import { getSiteSettings } from '../../app/features/content/site.server'
import { DEFAULT_SITE_SETTINGS } from '../../app/features/content/site-defaults'
import { migratedContext } from '../support/database'

let sudo: Context

before(async () => {
  sudo = (await migratedContext()).sudo()
})

describe('saving content', () => {
  test('makes a slug from the title when none is given, and keeps an edited one', async () => {
    const post = await sudo.db.Post.createOne({ data: { title: 'Q&A: Social media in the NHS' } })
    assert.equal(post.slug, 'q-and-a-social-media-in-the-nhs')
    const renamed = await sudo.db.Post.updateOne({ where: { id: post.id }, data: { slug: 'social-media-qa' } })
    assert.equal(renamed.slug, 'social-media-qa')
  })

  test('refuses a slug that is not URL-safe, naming the field', async () => {
    await assert.rejects(
      sudo.db.Post.createOne({ data: { title: 'Bad slug', slug: 'Not OK!' } }),
      /Post.slug: Use lowercase letters, digits and single hyphens/
    )
  })

  test('numbers a generated slug that is already taken', async () => {
    await sudo.db.Post.createOne({ data: { title: 'Same title' } })
    const second = await sudo.db.Post.createOne({ data: { title: 'Same title' } })
    assert.equal(second.slug, 'same-title-2')
  })

  test('refuses a chosen slug that is already taken', async () => {
    await sudo.db.Post.createOne({ data: { title: 'Original', slug: 'taken' } })
    await assert.rejects(sudo.db.Post.createOne({ data: { title: 'Copy', slug: 'taken' } }), /Unique constraint|unique/i)
  })

  test('stores the rendered, sanitized HTML of the body', async () => {
    const post = await sudo.db.Post.createOne({
      data: { title: 'Rendered', body: '## Hello\n\n<script>alert(1)</script>Safe text' },
    })
    assert.match(post.bodyHtml, /<h2 id="hello">/)
    assert.doesNotMatch(post.bodyHtml, /<script/)
  })

  test('refuses an image without alt text and says which line', async () => {
    await assert.rejects(
      sudo.db.Post.createOne({ data: { title: 'Pictures', body: 'Intro\n\n![](https://example.org/chart.png)' } }),
      /Body: The image on line 3 \(https:\/\/example.org\/chart.png\) has no alt text/
    )
  })

  test('stamps publishedAt when first published, and keeps it on later edits', async () => {
    const post = await sudo.db.Post.createOne({ data: { title: 'Timing', status: 'published' } })
    assert.ok(post.publishedAt)
    const edited = await sudo.db.Post.updateOne({ where: { id: post.id }, data: { title: 'Timing, edited' } })
    assert.deepEqual(edited.publishedAt, post.publishedAt)
  })

  test('refuses a schedule time zone that does not exist', async () => {
    await assert.rejects(
      sudo.db.SiteSettings.createOne({ data: { chatTimeZone: 'Europe/Lundon' } }),
      /"Europe\/Lundon" is not an IANA time zone/
    )
  })

  test('a comment must belong to exactly one item', async () => {
    await assert.rejects(
      sudo.db.Comment.createOne({ data: { authorName: 'Nobody', body: 'Floating comment' } }),
      /exactly one post, interview or chat archive/
    )
  })
})

describe('public loaders', () => {
  test('list published posts and interviews newest first, never drafts', async () => {
    await sudo.db.Post.createOne({ data: { title: 'Older', status: 'published', publishedAt: new Date('2026-01-01T12:00:00Z') } })
    await sudo.db.Interview.createOne({
      data: { title: 'Newer interview', intervieweeName: 'Sam', status: 'published', publishedAt: new Date('2026-02-01T12:00:00Z') },
    })
    await sudo.db.Post.createOne({ data: { title: 'Unfinished', status: 'draft' } })
    const { items } = await getLatestItems()
    const titles = items.map(item => item.title)
    assert.ok(titles.indexOf('Newer interview') < titles.indexOf('Older'))
    assert.ok(!titles.includes('Unfinished'))
    assert.equal(items.find(item => item.title === 'Newer interview')?.href, '/interviews/newer-interview')
  })

  test('find a published post by slug, and nothing for a draft', async () => {
    await sudo.db.Post.createOne({ data: { title: 'Visible post', body: 'Hello *reader*', status: 'published' } })
    await sudo.db.Post.createOne({ data: { title: 'Invisible post', status: 'draft' } })
    const post = await getPostBySlug('visible-post')
    assert.equal(post?.title, 'Visible post')
    assert.match(post?.bodyHtml ?? '', /<em>reader<\/em>/)
    assert.equal(await getPostBySlug('invisible-post'), null)
  })

  test('return an interview’s questions in their set order', async () => {
    const interview = await sudo.db.Interview.createOne({
      data: { title: 'Ordered', intervieweeName: 'Jo', status: 'published' },
    })
    for (const [position, question] of [[2, 'Second?'], [1, 'First?'], [3, 'Third?']] as const) {
      await sudo.db.InterviewQuestion.createOne({
        data: { interview: { connect: { id: interview.id } }, position, question, answer: `Answer to ${question}` },
      })
    }
    const page = await getInterviewBySlug('ordered')
    assert.deepEqual(
      page?.questions.map(pair => pair.questionHtml.trim()),
      ['<p>First?</p>', '<p>Second?</p>', '<p>Third?</p>']
    )
  })

  test('site settings fall back to the default disclaimer before an editor saves any', async () => {
    assert.equal((await getSiteSettings()).disclaimer, DEFAULT_SITE_SETTINGS.disclaimer)
  })
})
