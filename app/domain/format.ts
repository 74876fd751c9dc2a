// Dates are formatted in the reader's locale (from Accept-Language on the server, the browser's
// own afterwards) and always with the time zone named, so nobody has to guess which noon is meant.

export const DEFAULT_LOCALE = 'en-GB'

export function pickLocale(acceptLanguage: string | null): string {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim()
    if (!tag || tag === '*') continue
    try {
      const [canonical] = Intl.getCanonicalLocales(tag)
      if (canonical && Intl.DateTimeFormat.supportedLocalesOf(canonical).length) return canonical
    } catch {
      // Not a language tag: try the next one.
    }
  }
  return DEFAULT_LOCALE
}

export function formatDate(iso: string, timeZone: string, locale = DEFAULT_LOCALE) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(iso))
}

export function formatDateTime(iso: string, timeZone: string, locale = DEFAULT_LOCALE) {
  // dateStyle cannot be combined with timeZoneName, so the parts are spelled out.
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso))
}
