import assert from 'node:assert/strict'
import { test } from 'node:test'

import sharp from 'sharp'

import { archiveCard, postCard, siteCard, topicCard } from '../../domain/social-card'
import { drawCard } from './draw-card.server'

const site = { siteName: 'The Monday Health Chat', tagline: 'A weekly tweet chat for people who communicate health services', chatTimeZone: 'Europe/London' }
const post = (title: string) => postCard(site, { title, kind: 'article', publishedAt: '2026-11-23T12:00:00.000Z' })

/**
 * The largest difference of any colour channel between two cards, from row `top` down. Each PNG
 * has its own 16-colour palette, so the same anti-aliased text can differ by a few shades.
 */
async function largestDifference(first: Buffer, second: Buffer, top: number) {
  const [a, b] = await Promise.all([first, second].map(png => sharp(png).removeAlpha().raw().toBuffer()))
  let largest = 0
  for (let index = top * 1200 * 3; index < a.length; index++) largest = Math.max(largest, Math.abs(a[index] - b[index]))
  return largest
}

const SHADES = 48

test('every kind of card is a 1200×630 PNG', async () => {
  const cards = [
    siteCard(site),
    post('Writing for patients'),
    postCard(site, { title: 'What we learned', kind: 'recap', publishedAt: '2026-11-23T12:00:00.000Z' }),
    topicCard(site, { title: 'Plain words at night', chatStart: '2026-12-07T12:00:00.000Z' }),
    archiveCard(site, { title: 'Answering patients in public', windowStart: '2026-11-23T12:00:00.000Z', stats: { posts: 1234, contributors: 87 }, questionCount: 6 }),
  ]
  for (const content of cards) {
    const png = await drawCard(content)
    const metadata = await sharp(png).metadata()
    assert.deepEqual([metadata.format, metadata.width, metadata.height], ['png', 1200, 630], content.label ?? 'site')
  }
})

test('a long title is cut to the lines it has: the date below it is drawn as under a short one', async () => {
  const short = await drawCard(post('Short'))
  const titles = [
    'Communicating waiting times honestly: what patients, carers and staff told us in a year of weekly chats about the NHS 111 service, out-of-hours care and the ways we write about them all, week by week.',
    // No space to break at.
    'x'.repeat(5000),
  ]
  assert.equal(titles[0].length, 200)
  for (const title of titles) {
    const long = await drawCard(post(title))
    assert.equal((await sharp(long).metadata()).height, 630)
    assert.ok((await largestDifference(long, short, 520)) <= SHADES, `the bottom of the card is untouched by a title of ${title.length} characters`)
    assert.ok((await largestDifference(long, short, 150)) > 128, 'the title itself is drawn')
  }
})

test('characters the font lacks are drawn without their accent, or left out: never as boxes, never a failure', async () => {
  // Atkinson Hyperlegible has â, ê, ô, ï… but not ŵ or ŷ.
  assert.ok((await drawCard(post('Gŵyl y Gwanwyn: sgwrs am ŷd a’r GIG'))).equals(await drawCard(post('Gwyl y Gwanwyn: sgwrs am yd a’r GIG'))))
  assert.ok((await drawCard(post('Iechyd a lles: â ê î ô û'))).length > 0)
  assert.ok((await drawCard(post('Well done 🎉👩🏽‍⚕️ team ✓'))).equals(await drawCard(post('Well done team'))))
  // A title entirely in a script the fonts lack leaves the card its kind.
  assert.ok((await drawCard(post('Ελληνικά 中文'))).equals(await drawCard(post('Post'))))
})
