/**
 * Ticks and tick labels for the Wall time x axis (`_timestamp`, Unix
 * seconds). Runs compared on wall time can lie hours, days or years apart:
 * the ticks step by seconds, minutes, hours, days, months or years as the
 * range needs, and the labels carry the date whenever the range spans more
 * than one day (HH:MM alone would seem to run backwards across midnight).
 * Times are UTC, like the tooltip (x-axis.ts formatX), so what a deck shows
 * does not depend on the laptop's time zone.
 */

const MINUTE = 60
const HOUR = 3600
const DAY = 86400
/** Fixed tick steps in seconds, up to a week (months and years are calendar steps). */
const FIXED = [
  1,
  2,
  5,
  10,
  15,
  30,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY
]
const MONTH_STEPS = [1, 2, 3, 6]
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The unit a wall-time axis steps by (how its labels read). */
export type TimeUnit = 'second' | 'minute' | 'day' | 'month' | 'year'

/** Ticks of a wall-time axis and how to label them. */
export interface TimeTicks {
  ticks: number[]
  unit: TimeUnit
  /** The range spans more than one calendar day (UTC): minute labels carry the date. */
  multiDay: boolean
  /** The range spans more than one calendar year: day labels carry the year. */
  multiYear: boolean
}

const utc = (seconds: number): Date => new Date(seconds * 1000)
const monthIndex = (d: Date): number => d.getUTCFullYear() * 12 + d.getUTCMonth()
const fromMonthIndex = (m: number): number => Date.UTC(Math.floor(m / 12), m % 12, 1) / 1000

/** About `count` ticks over [lo, hi] (Unix seconds) on calendar-aligned steps. */
export function timeTicks(lo: number, hi: number, count = 6): TimeTicks {
  if (hi < lo) [lo, hi] = [hi, lo]
  const a = utc(lo)
  const b = utc(hi)
  const multiDay = Math.floor(lo / DAY) !== Math.floor(hi / DAY)
  const multiYear = a.getUTCFullYear() !== b.getUTCFullYear()
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { ticks: [], unit: 'second', multiDay: false, multiYear: false }
  const raw = (hi - lo) / Math.max(1, count)
  const fixed = FIXED.find((s) => s >= raw)
  if (fixed !== undefined) {
    const ticks: number[] = []
    for (let v = Math.ceil(lo / fixed) * fixed; v <= hi; v += fixed) ticks.push(v)
    const unit: TimeUnit = fixed >= DAY ? 'day' : fixed >= MINUTE ? 'minute' : 'second'
    return { ticks: ticks.length > 0 ? ticks : [lo], unit, multiDay, multiYear }
  }
  const rawMonths = raw / (30.44 * DAY)
  const months = MONTH_STEPS.find((m) => m >= rawMonths)
  if (months !== undefined) {
    const ticks: number[] = []
    const first = Math.ceil(monthIndex(a) / months) * months
    for (let m = first; fromMonthIndex(m) <= hi; m += months) if (fromMonthIndex(m) >= lo) ticks.push(fromMonthIndex(m))
    return { ticks, unit: 'month', multiDay, multiYear }
  }
  // Years: a nice step (1, 2, 5 × 10^k).
  const rawYears = raw / (365.25 * DAY)
  const power = Math.pow(10, Math.floor(Math.log10(rawYears)))
  const years = [1, 2, 5, 10].map((k) => k * power).find((s) => s >= rawYears && s >= 1) ?? Math.max(1, Math.ceil(rawYears))
  const ticks: number[] = []
  for (let y = Math.ceil(a.getUTCFullYear() / years) * years; Date.UTC(y, 0, 1) / 1000 <= hi; y += years) {
    const t = Date.UTC(y, 0, 1) / 1000
    if (t >= lo) ticks.push(t)
  }
  return { ticks, unit: 'year', multiDay, multiYear }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** A wall-time tick label for `seconds` on an axis stepping by `axis.unit`: "14:05", "Mar 5 14:05", "Mar 5", "Mar 2023", "2023". */
export function formatTimeTick(seconds: number, axis: Pick<TimeTicks, 'unit' | 'multiDay' | 'multiYear'>): string {
  if (!Number.isFinite(seconds)) return String(seconds)
  const d = utc(seconds)
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  switch (axis.unit) {
    case 'second':
      return `${axis.multiDay ? `${day} ` : ''}${hm}:${pad(d.getUTCSeconds())}`
    case 'minute':
      return axis.multiDay ? `${day} ${hm}` : hm
    case 'day':
      return axis.multiYear ? `${day} ${d.getUTCFullYear()}` : day
    case 'month':
      return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
    case 'year':
      return String(d.getUTCFullYear())
  }
}
