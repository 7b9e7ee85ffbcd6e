import { describe, expect, it } from 'vitest'
import { elapsedMs, IDLE_TIMER, paceAt, pauseTimer, resetTimer, startTimer, toggleTimer } from '../../../../src/core/timing/timer'

describe('timer', () => {
  it('counts only running stretches', () => {
    let t = startTimer(IDLE_TIMER, 1000)
    expect(elapsedMs(t, 4000)).toBe(3000)
    t = pauseTimer(t, 4000)
    expect(elapsedMs(t, 100_000)).toBe(3000)
    t = toggleTimer(t, 10_000)
    expect(t.status).toBe('running')
    expect(elapsedMs(t, 12_000)).toBe(5000)
    expect(resetTimer()).toEqual(IDLE_TIMER)
  })

  it('starting a running timer changes nothing', () => {
    const t = startTimer(IDLE_TIMER, 0)
    expect(startTimer(t, 5000)).toBe(t)
  })
})

describe('pace against slide budgets', () => {
  const slides = [{ budgetSec: 60 }, { budgetSec: 90 }, { budgetSec: 60 }]
  it('is on time inside the slide window, behind after it, ahead before it', () => {
    expect(paceAt(slides, 1, 100, 210).status).toBe('on-time')
    expect(paceAt(slides, 1, 100, 210).slideLeftSec).toBe(50)
    expect(paceAt(slides, 1, 170, 210)).toMatchObject({ status: 'behind', deltaSec: 20 })
    expect(paceAt(slides, 2, 30, 210)).toMatchObject({ status: 'ahead', deltaSec: -120 })
    expect(paceAt(slides, 2, 230, 210)).toMatchObject({ status: 'over', remainingSec: -20 })
    expect(paceAt(slides, 0, 0, 210).status).toBe('not-started')
  })
})
