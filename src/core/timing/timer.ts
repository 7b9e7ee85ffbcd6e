/**
 * Talk and Q&A timer arithmetic shared by the presenter view and tests. A timer
 * is a value (`TimerState`); every transition returns a new value stamped with
 * the caller's clock, so presenter and audience windows agree on the time
 * without the host keeping a clock of its own.
 */
import type { Slide, TimerState } from '../../shared/types'

export const IDLE_TIMER: TimerState = { status: 'idle', startedAt: null, accumulatedMs: 0 }

/** Milliseconds the timer has run at `now`. */
export function elapsedMs(timer: TimerState, now: number): number {
  if (timer.status === 'running' && timer.startedAt !== null) {
    return timer.accumulatedMs + Math.max(0, now - timer.startedAt)
  }
  return timer.accumulatedMs
}

export function startTimer(timer: TimerState, now: number): TimerState {
  if (timer.status === 'running') return timer
  return { status: 'running', startedAt: now, accumulatedMs: timer.accumulatedMs }
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.status !== 'running') return timer
  return { status: 'paused', startedAt: null, accumulatedMs: elapsedMs(timer, now) }
}

export function toggleTimer(timer: TimerState, now: number): TimerState {
  return timer.status === 'running' ? pauseTimer(timer, now) : startTimer(timer, now)
}

export function resetTimer(): TimerState {
  return { ...IDLE_TIMER }
}

export type PaceStatus = 'not-started' | 'ahead' | 'on-time' | 'behind' | 'over'

export interface Pace {
  status: PaceStatus
  /** Seconds ahead (negative) or behind (positive) the plan for the current slide. */
  deltaSec: number
  /** Seconds left in the current slide's budget window (negative when past it). */
  slideLeftSec: number
  /** Budget window of the current slide in talk time, seconds. */
  windowStartSec: number
  windowEndSec: number
  /** Talk time left, seconds (negative when over). */
  remainingSec: number
}

/**
 * Where the speaker stands against the per-slide budgets: a slide is "on time"
 * while the talk clock is inside its window [sum of earlier budgets, + its own].
 */
export function paceAt(slides: Pick<Slide, 'budgetSec'>[], slideIndex: number, elapsedSec: number, durationSec: number): Pace {
  const index = Math.min(Math.max(0, slideIndex), Math.max(0, slides.length - 1))
  let windowStartSec = 0
  for (let i = 0; i < index; i++) windowStartSec += slides[i]?.budgetSec ?? 0
  const windowEndSec = windowStartSec + (slides[index]?.budgetSec ?? 0)
  const remainingSec = durationSec - elapsedSec
  const slideLeftSec = windowEndSec - elapsedSec
  let status: PaceStatus
  let deltaSec = 0
  if (elapsedSec <= 0) status = 'not-started'
  else if (remainingSec < 0) {
    status = 'over'
    deltaSec = elapsedSec - windowEndSec
  } else if (elapsedSec > windowEndSec) {
    status = 'behind'
    deltaSec = elapsedSec - windowEndSec
  } else if (elapsedSec < windowStartSec) {
    status = 'ahead'
    deltaSec = elapsedSec - windowStartSec
  } else status = 'on-time'
  return { status, deltaSec, slideLeftSec, windowStartSec, windowEndSec, remainingSec }
}
