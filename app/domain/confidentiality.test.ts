import assert from 'node:assert/strict'
import { test } from 'node:test'

import { findPatientDetails, isValidNhsNumber } from './confidentiality'

test('valid NHS numbers pass the modulus 11 check, with or without spaces', () => {
  assert.equal(isValidNhsNumber('9434765919'), true)
  assert.equal(isValidNhsNumber('943 476 5919'), true)
  assert.equal(isValidNhsNumber('943-476-5919'), true)
  assert.equal(isValidNhsNumber('4010232137'), true)
})

test('invalid ones do not: wrong check digit, a check of 10, the wrong length', () => {
  assert.equal(isValidNhsNumber('9434765918'), false)
  assert.equal(isValidNhsNumber('0000200000'), false) // weighted sum 12: the check digit would be 10
  assert.equal(isValidNhsNumber('943476591'), false)
  assert.equal(isValidNhsNumber('94347659190'), false)
})

test('a valid NHS number in a comment is found', () => {
  const [finding] = findPatientDetails('My mum (NHS no 943 476 5919) waited six hours')
  assert.equal(finding.kind, 'nhs-number')
})

test('an invalid ten-digit number is left alone, as is a phone number', () => {
  assert.deepEqual(findPatientDetails('Call 020 7946 0958 or quote ref 9434765918'), [])
})

test('a date of birth next to a full postcode is found', () => {
  const [finding] = findPatientDetails('Patient born 12/03/1954, lives at LS1 4AP, was discharged early')
  assert.equal(finding.kind, 'date-of-birth-and-postcode')
  assert.match(finding.reason, /12\/03\/1954.*LS1 4AP/)
  assert.equal(findPatientDetails('DOB 3 March 1954 — postcode m13 9pl')[0]?.kind, 'date-of-birth-and-postcode')
})

test('a date far from a postcode, or a partial postcode, is not', () => {
  assert.deepEqual(findPatientDetails('The chat on 12/03/2026 was about access in LS1'), [])
  const far = `We met on 12/03/2026. ${'Lots of unrelated discussion about rotas and replies. '.repeat(3)}Our office is at LS1 4AP.`
  assert.deepEqual(findPatientDetails(far), [])
})
