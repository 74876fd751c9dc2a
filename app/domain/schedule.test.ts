import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { chatSummary, isValidTimeZone, nextAndLastChat, nextChatStart, type WeeklySchedule } from './schedule'

const mondayNoonLondon: WeeklySchedule = { weekday: 'monday', localTime: '12:00', timeZone: 'Europe/London' }

describe('nextChatStart for Monday 12:00 Europe/London', () => {
  test('is 11:00 UTC in summer', () => {
    const start = nextChatStart(mondayNoonLondon, new Date('2026-07-01T09:00:00Z'))
    assert.equal(start.toISOString(), '2026-07-06T11:00:00.000Z')
  })

  test('is 12:00 UTC in winter', () => {
    const start = nextChatStart(mondayNoonLondon, new Date('2026-12-02T09:00:00Z'))
    assert.equal(start.toISOString(), '2026-12-07T12:00:00.000Z')
  })

  test('moves to 11:00 UTC on the Monday after clocks go forward (29 March 2026)', () => {
    assert.equal(nextChatStart(mondayNoonLondon, new Date('2026-03-24T00:00:00Z')).toISOString(), '2026-03-30T11:00:00.000Z')
    assert.equal(nextChatStart(mondayNoonLondon, new Date('2026-03-17T00:00:00Z')).toISOString(), '2026-03-23T12:00:00.000Z')
  })

  test('moves back to 12:00 UTC on the Monday after clocks go back (25 October 2026)', () => {
    assert.equal(nextChatStart(mondayNoonLondon, new Date('2026-10-20T00:00:00Z')).toISOString(), '2026-10-26T12:00:00.000Z')
    assert.equal(nextChatStart(mondayNoonLondon, new Date('2026-10-13T00:00:00Z')).toISOString(), '2026-10-19T11:00:00.000Z')
  })

  test('on a Monday morning is that same day; once started, the next week', () => {
    assert.equal(nextChatStart(mondayNoonLondon, new Date('2026-11-30T10:59:00Z')).toISOString(), '2026-11-30T12:00:00.000Z')
    assert.equal(nextChatStart(mondayNoonLondon, new Date('2026-11-30T12:00:00Z')).toISOString(), '2026-12-07T12:00:00.000Z')
  })

  test('uses the chat’s zone, not the server’s, to decide the day', () => {
    const schedule: WeeklySchedule = { weekday: 'monday', localTime: '09:00', timeZone: 'Pacific/Auckland' }
    // Sunday 20:00 UTC is already Monday 09:00 in Auckland (UTC+13 in November).
    assert.equal(nextChatStart(schedule, new Date('2026-11-29T19:00:00Z')).toISOString(), '2026-11-29T20:00:00.000Z')
  })
})

test('time zones are checked against the IANA database', () => {
  assert.equal(isValidTimeZone('Europe/London'), true)
  assert.equal(isValidTimeZone('Europe/Lundon'), false)
  assert.equal(isValidTimeZone('GMT+1'), false)
})

describe('nextAndLastChat', () => {
  const monday = (day: number, hour = 12) => ({ title: `${day} at ${hour}`, chatStart: `2026-11-${String(day).padStart(2, '0')}T${hour}:00:00.000Z`, durationMinutes: 60 })
  const chats = [monday(30), monday(16), monday(23)]

  test('between chats, the next is the one to come and the last the latest that ended', () => {
    const { next, last } = nextAndLastChat(chats, new Date('2026-11-25T09:00:00Z'))
    assert.equal(next?.title, '30 at 12')
    assert.equal(last?.title, '23 at 12')
  })

  test('a chat under way is still the next one, not yet the last', () => {
    const { next, last } = nextAndLastChat(chats, new Date('2026-11-30T12:30:00Z'))
    assert.equal(next?.title, '30 at 12')
    assert.equal(last?.title, '23 at 12')
  })

  test('the minute a chat ends it becomes the last one', () => {
    const { next, last } = nextAndLastChat(chats, new Date('2026-11-30T13:00:00Z'))
    assert.equal(next, undefined)
    assert.equal(last?.title, '30 at 12')
  })
})

describe('chatSummary', () => {
  test('says how long the chat lasts, under which hashtag and on which networks', () => {
    assert.equal(chatSummary({ hashtag: '#mondayhealthchat', durationMinutes: 60, networkNames: ['X'] }), 'A one-hour chat under #mondayhealthchat on X.')
    assert.equal(chatSummary({ hashtag: '#mondayhealthchat', durationMinutes: 90, networkNames: ['X', 'Bluesky', 'Mastodon'] }), 'A 90-minute chat under #mondayhealthchat on X, Bluesky and Mastodon.')
    assert.equal(chatSummary({ hashtag: '#mondayhealthchat', durationMinutes: 120, networkNames: ['Bluesky', 'Mastodon'] }), 'A 2-hour chat under #mondayhealthchat on Bluesky and Mastodon.')
  })
})
