// What every network's reader (X, Bluesky, Mastodon) reports while it reads, and how it waits out
// a rate limit: the same countdown, a second at a time, for the CLI's line and the desk's progress.

export type FetchHooks = {
  onPage?: (progress: { pages: number; posts: number }) => void
  /** Called once a second while waiting for a network's rate limit to reset. */
  onRateLimitWait?: (wait: { resetAt: Date; secondsLeft: number }) => void
  /** Tests give one that does not wait. */
  sleep?: (milliseconds: number) => Promise<void>
  maxRetries?: number
}

// Longer than this, and the wait is for a daily or hourly allowance (Bluesky limits sign-ins per
// day, Mastodon posts per three hours): better to say when to come back than to hold a request
// open for hours.
const LONGEST_RATE_LIMIT_WAIT_SECONDS = 15 * 60

const realSleep = (milliseconds: number) => new Promise<void>(resolve => setTimeout(resolve, milliseconds))

export const sleeper = (hooks: FetchHooks) => hooks.sleep ?? realSleep

/** Waits until `resetAt`, a second at a time so the countdown stays live. */
export async function waitOutRateLimit(resetAt: Date, hooks: FetchHooks): Promise<void> {
  const sleep = sleeper(hooks)
  for (let left = Math.ceil((resetAt.getTime() - Date.now()) / 1000); left > 0; left--) {
    hooks.onRateLimitWait?.({ resetAt, secondsLeft: left })
    await sleep(1000)
  }
}

/**
 * Waits out a rate limit that resets within `longestSeconds` (15 minutes unless given), for at
 * least a second so a reset already past never turns into a burst of retries. A later reset is not
 * waited for: the error `giveUp` makes, told the minutes left, says when to come back.
 */
export async function waitOutRateLimitOrGiveUp(
  resetAt: Date,
  hooks: FetchHooks,
  giveUp: (minutesLeft: number) => Error,
  longestSeconds = LONGEST_RATE_LIMIT_WAIT_SECONDS
): Promise<void> {
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000))
  if (seconds > longestSeconds) throw giveUp(Math.ceil(seconds / 60))
  await waitOutRateLimit(new Date(Date.now() + seconds * 1000), hooks)
}
