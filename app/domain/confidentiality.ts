// A well-meant comment or post can carry a patient's details. These checks find the two clearest
// signs, a valid NHS number and a date of birth beside a full UK postcode, so the text is held for
// a person to look at before anyone else can read it.

const NHS_NUMBER = /(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])/g

/** The modulus 11 check digit of the NHS number standard. */
export function isValidNhsNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '')
  if (!/^\d{10}$/.test(digits)) return false
  const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0)
  const check = 11 - (sum % 11)
  if (check === 10) return false
  return (check === 11 ? 0 : check) === Number(digits[9])
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const DATE = new RegExp(
  `\\b(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})\\b`,
  'gi'
)
// A full postcode: outward code and inward code, e.g. "LS1 4AP", "SW1A 1AA", "m13 9pl".
const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}\b/gi
const NEARBY = 80

export type ConfidentialityFinding = { kind: 'nhs-number' | 'date-of-birth-and-postcode'; reason: string }

export function findPatientDetails(text: string): ConfidentialityFinding[] {
  const findings: ConfidentialityFinding[] = []
  for (const match of text.matchAll(NHS_NUMBER)) {
    if (isValidNhsNumber(match[0])) {
      findings.push({ kind: 'nhs-number', reason: `Contains what looks like a valid NHS number (${match[0]}).` })
      break
    }
  }
  const dates = [...text.matchAll(DATE)]
  const postcodes = [...text.matchAll(POSTCODE)]
  const pair = dates
    .flatMap(date => postcodes.map(postcode => ({ date, postcode, distance: Math.abs(date.index - postcode.index) })))
    .find(candidate => candidate.distance <= NEARBY)
  if (pair) {
    findings.push({
      kind: 'date-of-birth-and-postcode',
      reason: `Contains a date (${pair.date[0]}) next to a full postcode (${pair.postcode[0]}), which may identify a patient.`,
    })
  }
  return findings
}

/** What a reader is told when their comment is held for this reason (never echoing the details). */
export const CONFIDENTIALITY_NOTICE =
  'Your comment is waiting for a moderator because it seems to include a patient’s details (an NHS number, or a date of birth with a postcode). Please never share those here; a moderator will remove them before anything is published.'
