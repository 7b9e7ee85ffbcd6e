/**
 * Parses the human durations used in front matter and budget comments:
 * `6` (minutes in front matter), `90s`, `1.5m`, `1:15`, `2 min`.
 */

/** Seconds for a duration string or number; `null` when it cannot be read. `bareUnit` says what a bare number means. */
export function parseDuration(value: unknown, bareUnit: 'min' | 's'): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null
    return Math.round(bareUnit === 'min' ? value * 60 : value)
  }
  if (typeof value !== 'string') return null
  const text = value.trim().toLowerCase()
  const clock = /^(\d+):([0-5]\d)$/.exec(text)
  if (clock) return Number(clock[1]) * 60 + Number(clock[2])
  const unit = /^(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?)?$/.exec(text)
  if (!unit) return null
  const amount = Number(unit[1])
  const suffix = unit[2]
  if (!suffix) return Math.round(bareUnit === 'min' ? amount * 60 : amount)
  return Math.round(suffix.startsWith('m') ? amount * 60 : amount)
}

/** `m:ss` (or `-m:ss`) for a number of seconds. */
export function formatClock(totalSec: number): string {
  const sign = totalSec < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(totalSec))
  const minutes = Math.floor(abs / 60)
  const seconds = abs % 60
  return `${sign}${minutes}:${seconds.toString().padStart(2, '0')}`
}
