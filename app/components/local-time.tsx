import { useEffect, useState } from 'react'

import { formatDate, formatDateTime } from '../domain/format'
import { useSite } from './site-context'

/**
 * A date as the server can know it (the reader's locale, the chat's zone, named); once JavaScript
 * runs, in the browser's own zone. Without JavaScript the server's rendering stays, unambiguous.
 */
export function LocalTime({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const { locale, chatTimeZone } = useSite()
  const format = withTime ? formatDateTime : formatDate
  const [text, setText] = useState(() => format(iso, chatTimeZone, locale))
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone
    setText(format(iso, browserZone, navigator.language || locale))
  }, [iso, locale, format])
  return <time dateTime={iso}>{text}</time>
}
