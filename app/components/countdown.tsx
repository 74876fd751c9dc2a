import { useEffect, useState } from 'react'

function describe(milliseconds: number) {
  const minutes = Math.floor(milliseconds / 60_000)
  const days = Math.floor(minutes / (24 * 60))
  const hours = Math.floor((minutes % (24 * 60)) / 60)
  const parts = [
    days ? `${days} ${days === 1 ? 'day' : 'days'}` : '',
    hours ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '',
    days === 0 ? `${minutes % 60} ${minutes % 60 === 1 ? 'minute' : 'minutes'}` : '',
  ].filter(Boolean)
  return parts.join(', ') || 'less than a minute'
}

/**
 * "Starts in 2 days, 3 hours", live once JavaScript runs. The server renders nothing here, so
 * without JavaScript the page shows only the date, which is never wrong.
 */
export function Countdown({ startIso, endIso }: { startIso: string; endIso: string }) {
  const [now, setNow] = useState<number | null>(null)
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  if (now === null) return null
  const start = new Date(startIso).getTime()
  const end = new Date(endIso).getTime()
  const text = now < start ? `Starts in ${describe(start - now)}` : now < end ? 'Happening now' : 'This chat has finished'
  return <p className="countdown">{text}</p>
}
