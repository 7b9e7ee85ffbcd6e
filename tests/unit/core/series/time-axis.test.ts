import { describe, expect, it } from 'vitest'
import { formatTimeTick, timeTicks } from '../../../../src/core/series/time-axis'

const at = (iso: string): number => Date.parse(iso) / 1000
const labels = (lo: number, hi: number, count = 6): string[] => {
  const axis = timeTicks(lo, hi, count)
  return axis.ticks.map((t) => formatTimeTick(t, axis))
}

describe('wall-time ticks', () => {
  it('labels an hour-long run with HH:MM on round minutes', () => {
    expect(labels(at('2023-01-13T15:04:31Z'), at('2023-01-13T16:02:00Z'))).toEqual(['15:10', '15:20', '15:30', '15:40', '15:50', '16:00'])
  })

  it('puts the date on the labels when a run crosses midnight, so they never seem to run backwards', () => {
    const out = labels(at('2023-01-13T21:00:00Z'), at('2023-01-14T03:00:00Z'))
    expect(out[0]).toBe('Jan 13 21:00')
    expect(out).toContain('Jan 14 00:00')
    expect(out[out.length - 1]).toBe('Jan 14 03:00')
  })

  it('steps by days, months or years for runs logged far apart', () => {
    expect(labels(at('2023-03-01T00:00:00Z'), at('2023-03-20T00:00:00Z'), 5)).toEqual(['Mar 2', 'Mar 9', 'Mar 16'])
    const days = timeTicks(at('2023-03-01T00:00:00Z'), at('2023-03-20T00:00:00Z'), 5)
    expect(days.unit).toBe('day')
    expect(formatTimeTick(at('2023-03-01T00:00:00Z'), days)).toBe('Mar 1')
    expect(formatTimeTick(at('2023-03-01T00:00:00Z'), { ...days, multiYear: true })).toBe('Mar 1 2023')
    const months = labels(at('2022-11-05T00:00:00Z'), at('2023-06-01T00:00:00Z'), 6)
    expect(months).toEqual(['Jan 2023', 'Mar 2023', 'May 2023'])
    // The real runs in the test fixtures: June 2021 to March 2026.
    expect(labels(at('2021-06-08T19:22:14Z'), at('2026-03-29T14:59:49Z'), 6)).toEqual(['2022', '2023', '2024', '2025', '2026'])
  })

  it('gives ascending ticks inside the range at every scale', () => {
    for (const span of [30, 600, 7200, 86400 * 3, 86400 * 40, 86400 * 400, 86400 * 4000]) {
      const lo = at('2024-02-28T23:59:00Z')
      const { ticks } = timeTicks(lo, lo + span, 6)
      expect(ticks.length).toBeGreaterThanOrEqual(2)
      expect(ticks.length).toBeLessThanOrEqual(13)
      for (let i = 0; i < ticks.length; i++) {
        expect(ticks[i]).toBeGreaterThanOrEqual(lo)
        expect(ticks[i]).toBeLessThanOrEqual(lo + span)
        if (i > 0) expect(ticks[i]).toBeGreaterThan(ticks[i - 1]!)
      }
    }
  })
})
