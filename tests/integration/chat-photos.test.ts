import assert from 'node:assert/strict'
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'

import sharp from 'sharp'

import type { ChatMedia } from '../../app/domain/chat-analysis'
import { getArchiveBySlug } from '../../app/features/archive/archive.server'
import { archiveAsCsv, archiveAsJson } from '../../app/features/archive/export.server'
import { importChat, type ChatImportRequest } from '../../app/features/chat-import/import.server'
import { archivedPhotoId } from '../../app/features/chat-import/photos.server'
import { createXClient, fetchChat } from '../../app/features/chat-import/x-api.server'
import type { XPage } from '../../app/features/chat-import/x-v2-schema'
import { imageStore } from '../../app/features/images/image-store.server'
import type { Context } from '../../app/server/keystone.server'
import { ADDRESS_NOT_ALLOWED, parseAllowedHosts } from '../../app/server/outbound-address.server'
import { migratedContext } from '../support/database'
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api'
import { chatPhotoFiles, syntheticChat, withMedia } from '../support/synthetic-chat'

// Photos posted in a chat are kept by the archive: the real X client reads the chat from a local
// server that answers like the X API and also serves the photos, as X's media host would. How
// readers see them is checked in the browser (tests/e2e/chat-photos.test.ts).

const chat = syntheticChat({ posts: 40, pageSize: 20 })

/** A TCP listener inside the network, counting who connects: a refused photo address never reaches it. */
async function insideListener(host: string) {
  const connections: net.Socket[] = []
  const server = net.createServer(socket => {
    connections.push(socket)
    socket.destroy()
  })
  server.listen(0, host)
  await once(server, 'listening')
  return { port: (server.address() as AddressInfo).port, connections, close: () => new Promise(resolve => server.close(resolve)) }
}
const inside = await insideListener('127.0.0.1')
const insideIpv6 = await insideListener('::1')

const photos = {
  ...(await chatPhotoFiles()),
  'slow.jpg': 'never-answer' as const,
  'to-inside.jpg': { redirectTo: `https://127.0.0.1:${inside.port}/photo.jpg` },
}

// Posts that are not retweets (a retweet shows its original's media) carry the photos.
const carriers = chat.posts.filter(post => !post.referenced_tweets?.some(ref => ref.type === 'retweeted')).slice(1, 7)
const [chartPost, slidePost, videoPost, gonePost, htmlPost, slowPost] = carriers

const pagesWithMedia = (origin: string) =>
  withMedia(chat.pages, {
    [chartPost.id]: { type: 'photo', url: `${origin}/media/chart.jpg`, alt_text: 'A bar chart of waiting times by month' },
    [slidePost.id]: { type: 'photo', url: `${origin}/media/slide.png` },
    [videoPost.id]: { type: 'video', preview_image_url: `${origin}/media/still.jpg`, alt_text: 'A nurse explains the new rota' },
    [gonePost.id]: { type: 'photo', url: `${origin}/media/gone.jpg`, alt_text: 'A photo X no longer has' },
    [htmlPost.id]: { type: 'photo', url: `${origin}/media/notes.html`, alt_text: 'Meeting notes' },
    [slowPost.id]: { type: 'photo', url: `${origin}/media/slow.jpg`, alt_text: 'A photo whose server never answers' },
  })

let api: FakeXApi
let context: Context
let request: ChatImportRequest
/** The fake's agent, and its address allowed as OUTBOUND_ALLOWED_HOSTS would allow it (tests only: it is on loopback). */
const fromFake = () => ({ agent: api.agent, allowedHosts: parseAllowedHosts(api.env.OUTBOUND_ALLOWED_HOSTS) })
const mediaRequests = () => api.requests.filter(entry => entry.path.startsWith('/media/')).map(entry => entry.path.slice('/media/'.length)).sort()
const storedOf = async (xId: string) => ((await context.prisma.chatMessage.findUniqueOrThrow({ where: { xId } })).media as ChatMedia[])[0]?.stored
const variantsOf = async (id: string) => (await imageStore().list(`${id}/`)).map(key => key.slice(id.length + 1)).sort()

before(async () => {
  context = await migratedContext()
  api = await startFakeXApi({ pages: pagesWithMedia, users: chat.users, media: photos })
  request = {
    hashtag: '#mondayhealthchat',
    start: chat.start,
    end: chat.end,
    slug: 'photos',
    fetchFromApi: search => fetchChat(createXClient({ bearerToken: api.token, apiBase: api.baseUrl, httpAgent: api.agent }), { ...search, fullArchive: false }),
    photos: { ...fromFake(), timeoutMs: 1000 },
  }
})
after(async () => {
  await api.stop()
  await Promise.all([inside.close(), insideIpv6.close()])
})

describe('importing a chat with photos', () => {
  let summary: Awaited<ReturnType<typeof importChat>>

  before(async () => {
    summary = await importChat(context, request)
  })

  test('stores each photo and video still with every variant, under an id made from its address', async () => {
    assert.equal(summary.created, 40)
    assert.deepEqual(mediaRequests(), ['chart.jpg', 'gone.jpg', 'notes.html', 'slide.png', 'slow.jpg', 'still.jpg'])
    const chart = await storedOf(chartPost.id)
    assert.deepEqual(chart, { id: archivedPhotoId(api.mediaUrl('chart.jpg')), extension: 'jpg', width: 1200, height: 800 })
    assert.deepEqual(await variantsOf(chart!.id), ['1200.avif', '1200.jpg', '1200.webp', '240.avif', '240.jpg', '240.webp', '480.avif', '480.jpg', '480.webp', '960.avif', '960.jpg', '960.webp', 'full.jpg', 'preview.jpg'])
    assert.deepEqual(await storedOf(slidePost.id), { id: archivedPhotoId(api.mediaUrl('slide.png')), extension: 'png', width: 640, height: 480 })
    assert.deepEqual(await storedOf(videoPost.id), { id: archivedPhotoId(api.mediaUrl('still.jpg')), extension: 'jpg', width: 800, height: 450 })
    assert.deepEqual(await variantsOf(archivedPhotoId(api.mediaUrl('slide.png'))), ['240.avif', '240.png', '240.webp', '480.avif', '480.png', '480.webp', '640.avif', '640.png', '640.webp', 'full.png', 'preview.png'])
  })

  test('keeps no GPS position or other EXIF from the photo as posted', async () => {
    assert.ok((await sharp(photos['chart.jpg'].body).metadata()).exif, 'the posted photo carries EXIF')
    const id = archivedPhotoId(api.mediaUrl('chart.jpg'))
    for (const variant of ['full.jpg', '960.jpg', '960.webp', '480.avif']) {
      const stored = await imageStore().get(`${id}/${variant}`)
      const chunks: Buffer[] = []
      for await (const chunk of stored!.body) chunks.push(chunk as Buffer)
      const metadata = await sharp(Buffer.concat(chunks)).metadata()
      assert.equal(metadata.exif, undefined, `${variant} has no EXIF`)
    }
  })

  test('lists a photo that is gone (404), is not an image or never comes among the problems, and still imports the chat', async () => {
    const photoProblems = summary.problems.filter(problem => problem.source === 'photos')
    assert.deepEqual(photoProblems.map(problem => [problem.resourceId, problem.postIds]), [
      [api.mediaUrl('gone.jpg'), [gonePost.id]],
      [api.mediaUrl('notes.html'), [htmlPost.id]],
      [api.mediaUrl('slow.jpg'), [slowPost.id]],
    ])
    assert.match(photoProblems[0].detail, /answered 404/)
    assert.match(photoProblems[1].detail, /is not an image/)
    assert.match(photoProblems[2].detail, /no answer within 1 s/)
    assert.equal(await storedOf(gonePost.id), undefined)
    const archive = await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug: 'photos' } })
    assert.deepEqual(
      (archive.importProblems as { resourceId?: string }[]).filter(problem => problem.resourceId?.includes('/media/')).map(problem => problem.resourceId),
      [api.mediaUrl('gone.jpg'), api.mediaUrl('notes.html'), api.mediaUrl('slow.jpg')]
    )
  })

  test('importing again downloads no photo it already has', async () => {
    api.requests.length = 0
    const again = await importChat(context, request)
    assert.equal(again.unchanged, 40)
    // Only those that failed are tried again: a photo X failed to give may come back.
    assert.deepEqual(mediaRequests(), ['gone.jpg', 'notes.html', 'slow.jpg'])
  })
})

describe('a photo address inside the network', () => {
  const chat = syntheticChat({ posts: 12, seed: 5, idBase: 1_940_000_000_000_000_000n })
  const [loopback, private10, private192, metadata, ipv6Loopback, mappedLoopback, nameOfLoopback, redirected, allowed] = chat.posts.filter(
    post => !post.referenced_tweets?.some(ref => ref.type === 'retweeted')
  )
  const addresses = () => ({
    [loopback.id]: `https://127.0.0.1:${inside.port}/photo.jpg`,
    [private10.id]: 'https://10.0.0.8/photo.jpg',
    [private192.id]: 'https://192.168.1.20/photo.jpg',
    [metadata.id]: 'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
    [ipv6Loopback.id]: `https://[::1]:${insideIpv6.port}/photo.jpg`,
    [mappedLoopback.id]: `https://[::ffff:127.0.0.1]:${inside.port}/photo.jpg`,
    [nameOfLoopback.id]: `https://localhost:${inside.port}/photo.jpg`,
    [redirected.id]: api.mediaUrl('to-inside.jpg'),
    [allowed.id]: `${api.mediaUrl('slide.png')}?beside-refused-ones`,
  })
  let problems: Awaited<ReturnType<typeof importChat>>['problems']

  before(async () => {
    api.requests.length = 0
    const pages = withMedia(chat.pages, Object.fromEntries(Object.entries(addresses()).map(([id, url]) => [id, { type: 'photo' as const, url }])))
    const summary = await importChat(context, {
      hashtag: '#mondayhealthchat',
      start: chat.start,
      end: chat.end,
      slug: 'inside-the-network',
      files: [{ name: 'page.json', content: JSON.stringify(pages) }],
      photos: fromFake(),
    })
    problems = summary.problems
  })

  const refusedFor = (post: { id: string }) => {
    const url = addresses()[post.id]
    assert.deepEqual(
      problems.find(problem => problem.resourceId === url),
      { source: 'photos', detail: `A photo in post ${post.id} was not archived, so the post shows only its description: ${ADDRESS_NOT_ALLOWED}`, resourceId: url, postIds: [post.id] }
    )
  }

  test('127.0.0.1 is refused as "not fetched: address not allowed"', () => refusedFor(loopback))
  test('a 10.x private address is refused', () => refusedFor(private10))
  test('a 192.168.x private address is refused', () => refusedFor(private192))
  test('the cloud metadata address 169.254.169.254 is refused', () => refusedFor(metadata))
  test('IPv6 loopback [::1] is refused', () => refusedFor(ipv6Loopback))
  test('loopback written as IPv4-mapped IPv6 [::ffff:127.0.0.1] is refused', () => refusedFor(mappedLoopback))
  test('a host name that resolves to loopback is refused', () => refusedFor(nameOfLoopback))

  test('a redirect from an allowed server to a loopback address is refused', () => {
    refusedFor(redirected)
    assert.ok(api.requests.some(entry => entry.path === '/media/to-inside.jpg'), 'the allowed server was asked')
  })

  test('no refused address was connected to', () => {
    assert.deepEqual([inside.connections.length, insideIpv6.connections.length], [0, 0])
  })

  test('an allowed address beside them is archived', async () => {
    assert.deepEqual(await storedOf(allowed.id), { id: archivedPhotoId(addresses()[allowed.id]), extension: 'png', width: 640, height: 480 })
  })
})

describe('the open data', () => {
  test('find the site’s address of each stored photo in the JSON and CSV exports', async () => {
    const archive = (await getArchiveBySlug('photos'))!
    const url = `http://localhost:3000/images/${archivedPhotoId(api.mediaUrl('chart.jpg'))}/full.jpg`
    const post = archiveAsJson(archive).posts.find(candidate => candidate.id === chartPost.id)!
    assert.deepEqual(post.media, [{ type: 'photo', altText: 'A bar chart of waiting times by month', imageUrl: url }])
    assert.deepEqual(archiveAsJson(archive).posts.find(candidate => candidate.id === gonePost.id)!.media, [
      { type: 'photo', altText: 'A photo X no longer has', imageUrl: null },
    ])
    assert.match(archiveAsCsv(archive), new RegExp(`^${chartPost.id},.*,A bar chart of waiting times by month,${url.replace(/[.]/g, '\\.')},https://x[.]com/`, 'm'))
  })
})

describe('an X account export', () => {
  test('has its photos (media_url_https) archived too', async () => {
    const tweets = [
      {
        tweet: {
          id_str: '1862000000000000001',
          created_at: 'Mon Nov 23 12:30:00 +0000 2026',
          full_text: 'A3 our poster #mondayhealthchat https://t.co/pic',
          entities: { hashtags: [{ text: 'mondayhealthchat' }], user_mentions: [], urls: [] },
          extended_entities: { media: [{ type: 'photo', media_url_https: api.mediaUrl('export.jpg'), ext_alt_text: 'Our clinic’s poster' }] },
        },
      },
    ]
    api.requests.length = 0
    const summary = await importChat(context, {
      hashtag: '#mondayhealthchat',
      start: chat.start,
      end: chat.end,
      slug: 'from-export',
      files: [
        { name: 'tweets.js', content: `window.YTD.tweets.part0 = ${JSON.stringify(tweets)}` },
        { name: 'account.js', content: 'window.YTD.account.part0 = [{"account":{"accountId":"5000","username":"mhc_host","accountDisplayName":"Monday Health Chat"}}]' },
      ],
      photos: fromFake(),
    })
    assert.equal(summary.problems.length, 0)
    assert.deepEqual(mediaRequests(), ['export.jpg'])
    assert.deepEqual(await storedOf('1862000000000000001'), { id: archivedPhotoId(api.mediaUrl('export.jpg')), extension: 'jpg', width: 500, height: 500 })
  })
})

describe('an import that fails', () => {
  test('removes the photos it stored', async () => {
    const failing = syntheticChat({ posts: 3, idBase: 1_930_000_000_000_000_000n, seed: 3 })
    const page = failing.pages[0]
    const [first] = page.data!
    const broken: XPage = {
      ...page,
      data: [{ ...first, attachments: { media_keys: ['f1'] } }, ...page.data!.slice(1)],
      includes: { ...page.includes, media: [{ media_key: 'f1', type: 'photo', url: `${api.origin}/media/slide.png?size=large` }] },
    }
    // A topic that does not exist: the rows are refused inside the transaction, after the photos were stored.
    await assert.rejects(
      importChat(context, { hashtag: '#mondayhealthchat', start: failing.start, end: failing.end, slug: 'failing', files: [{ name: 'page.json', content: JSON.stringify(broken) }], topicId: 'no-such-topic', photos: fromFake() })
    )
    assert.ok(api.requests.some(entry => entry.path === '/media/slide.png' && entry.query.size === 'large'), 'the photo was downloaded before the rows failed')
    assert.deepEqual(await variantsOf(archivedPhotoId(`${api.origin}/media/slide.png?size=large`)), [])
    assert.equal(await context.prisma.chatArchive.count({ where: { slug: 'failing' } }), 0)
  })
})

describe('redaction and deletion', () => {
  test('redacting a participant removes their photos from storage and from their posts', async () => {
    const chartId = archivedPhotoId(api.mediaUrl('chart.jpg'))
    assert.notDeepEqual(await variantsOf(chartId), [])
    const author = await context.prisma.participant.findUniqueOrThrow({ where: { xUserId: chartPost.author_id } })
    await context.sudo().db.Participant.updateOne({ where: { id: author.id }, data: { redacted: true } })
    assert.deepEqual(await variantsOf(chartId), [])
    assert.equal(await storedOf(chartPost.id), undefined)
    const media = (await context.prisma.chatMessage.findUniqueOrThrow({ where: { xId: chartPost.id } })).media as ChatMedia[]
    assert.equal(media[0].altText, 'A bar chart of waiting times by month')

    api.requests.length = 0
    await importChat(context, request)
    assert.ok(!mediaRequests().includes('chart.jpg'), 'a redacted participant’s photo is not downloaded again')
    assert.deepEqual(await variantsOf(chartId), [])
  })

  test('deleting an archive removes its photos, but not one another archive also shows', async () => {
    const id = archivedPhotoId(api.mediaUrl('export.jpg'))
    const slideId = archivedPhotoId(api.mediaUrl('slide.png'))
    // The export's photo is also in the chat of the first archive (retweeted there, say).
    const carrier = await context.prisma.chatMessage.findUniqueOrThrow({ where: { xId: videoPost.id } })
    const stored = await storedOf('1862000000000000001')
    await context.prisma.chatMessage.update({
      where: { id: carrier.id },
      data: { media: [...(carrier.media as ChatMedia[]), { type: 'photo', url: api.mediaUrl('export.jpg'), stored }] },
    })
    const deleteArchive = async (slug: string) =>
      context.sudo().db.ChatArchive.deleteOne({ where: { id: (await context.prisma.chatArchive.findUniqueOrThrow({ where: { slug } })).id } })

    await deleteArchive('from-export')
    assert.notDeepEqual(await variantsOf(id), [], 'still shown by the other archive')
    assert.equal(await storedOf('1862000000000000001'), undefined)
    await deleteArchive('photos')
    assert.deepEqual(await variantsOf(id), [])
    assert.deepEqual(await variantsOf(slideId), [])
  })
})
