import { describe, expect, it } from 'vitest'
import { formatLongSpan, STALE_CLOCK_MS, staleClocks, talkResetPatch } from '../../../../src/core/timing/talk-reset'
import { IDLE_TIMER, startTimer } from '../../../../src/core/timing/timer'

const HOUR = 3_600_000

describe('talkResetPatch', () => {
  it('puts the room back for the talk: slide 1, both clocks idle, screen shown, no link, rehearsal off', () => {
    expect(talkResetPatch()).toEqual({ slide: 0, fragment: -1, timer: IDLE_TIMER, qa: IDLE_TIMER, blackout: false, link: null, rehearsal: false })
  })
})

describe('staleClocks', () => {
  const t0 = 1_700_000_000_000
  it('is empty for idle, paused and recently started clocks', () => {
    expect(staleClocks({ timer: IDLE_TIMER, qa: IDLE_TIMER }, t0)).toEqual([])
    expect(staleClocks({ timer: { status: 'paused', startedAt: null, accumulatedMs: 3 * HOUR }, qa: IDLE_TIMER }, t0)).toEqual([])
    expect(staleClocks({ timer: startTimer(IDLE_TIMER, t0), qa: IDLE_TIMER }, t0 + 59 * 60_000)).toEqual([])
  })
  it('names the talk clock left running overnight ("6:09 elapsed" the next morning)', () => {
    const timer = startTimer({ ...IDLE_TIMER, accumulatedMs: 369_000 }, t0)
    const stale = staleClocks({ timer, qa: IDLE_TIMER }, t0 + 14 * HOUR)
    expect(stale).toEqual([{ clock: 'talk', elapsedMs: 369_000 + 14 * HOUR }])
  })
  it('names the Q&A clock on its own', () => {
    const stale = staleClocks({ timer: IDLE_TIMER, qa: startTimer(IDLE_TIMER, t0) }, t0 + STALE_CLOCK_MS + 1)
    expect(stale.map((c) => c.clock)).toEqual(['qa'])
  })
  it('takes a threshold', () => {
    expect(staleClocks({ timer: startTimer(IDLE_TIMER, t0), qa: IDLE_TIMER }, t0 + 2000, 1000)).toHaveLength(1)
  })
})

describe('formatLongSpan', () => {
  it('reads hours when there are any', () => {
    expect(formatLongSpan(14 * HOUR + 6 * 60_000 + 9000)).toBe('14:06:09')
    expect(formatLongSpan(61 * 60_000)).toBe('1:01:00')
    expect(formatLongSpan(369_000)).toBe('6:09')
    expect(formatLongSpan(-5)).toBe('0:00')
  })
})
