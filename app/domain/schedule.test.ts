import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { isValidTimeZone, nextChatStart, type WeeklySchedule } from './schedule'

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
