// Dates on the server are shown in the chat's zone with the zone named, so a reader on any machine
// sees an unambiguous time.

export function formatDate(iso: string, timeZone: string, locale = 'en-GB') {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(iso))
}

export function formatDateTime(iso: string, timeZone: string, locale = 'en-GB') {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso))
}
