// Dates are formatted in the reader's locale (from Accept-Language on the server, the browser's
// own afterwards) and always with the time zone named, so nobody has to guess which noon is meant.

export const DEFAULT_LOCALE = 'en-GB'

/** "X, Bluesky and Mastodon": names joined as a sentence joins them. */
export const listOf = (names: string[]) => new Intl.ListFormat(DEFAULT_LOCALE, { type: 'conjunction' }).format(names)

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

// Building an Intl.DateTimeFormat costs far more than formatting with one, and a page formats
// dozens of dates in one or two locales and zones: each formatter is made once. Locales come
// from Accept-Language, so the map is bounded.
const formatters = new Map<string, Intl.DateTimeFormat>()
const MAX_FORMATTERS = 200

function formatter(kind: 'date' | 'dateTime', locale: string, timeZone: string) {
  const key = `${kind} ${locale} ${timeZone}`
  let made = formatters.get(key)
  if (!made) {
    made =
      kind === 'date'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
        : // dateStyle cannot be combined with timeZoneName, so the parts are spelled out.
          new Intl.DateTimeFormat(locale, {
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            timeZone,
            timeZoneName: 'short',
          })
    if (formatters.size >= MAX_FORMATTERS) formatters.clear()
    formatters.set(key, made)
  }
  return made
}

export function formatDate(iso: string, timeZone: string, locale = DEFAULT_LOCALE) {
  return formatter('date', locale, timeZone).format(new Date(iso))
}

export function formatDateTime(iso: string, timeZone: string, locale = DEFAULT_LOCALE) {
  return formatter('dateTime', locale, timeZone).format(new Date(iso))
}
