/**
 * The preflight's time checks: the slide budgets against the talk's duration,
 * and the clocks a rehearsal may have left running.
 */
import type { PreflightCheck, PreflightFinding } from '../../shared/preflight'
import { formatClock } from '../deck/durations'
import { elapsedMs } from '../timing/timer'
import { check, withLine, type Context } from './check-context'

/** Slide budgets against the talk's duration; Q&A backup slides have no time of their own. */
export function timingCheck(ctx: Context): PreflightCheck {
  const { deck } = ctx.facts
  const findings: PreflightFinding[] = []
  const total = deck.slides.reduce((sum, s) => sum + (s.budgetExplicit ? s.budgetSec : 0), 0)
  if (total > deck.durationSec) {
    findings.push({
      severity: 'error',
      code: 'timing/over',
      message: `The slide budgets add up to ${formatClock(total)} but the talk is ${formatClock(deck.durationSec)}: shorten some budgets or raise "duration".`
    })
  }
  for (const slide of deck.slides) {
    if (!slide.budgetExplicit && slide.budgetSec === 0 && !slide.backup) {
      findings.push(
        withLine(
          ctx,
          {
            severity: 'warning',
            code: 'timing/no-time',
            message: `Slide ${slide.index + 1} gets no time: the other slides' budgets use all ${formatClock(deck.durationSec)}.`,
            slide: slide.index
          },
          []
        )
      )
    }
  }
  return check(
    'timing',
    'Timing',
    `budgets ${formatClock(deck.slides.reduce((s, x) => s + x.budgetSec, 0))} of ${formatClock(deck.durationSec)}`,
    findings
  )
}

/** The talk and Q&A clocks, left running or paused from a rehearsal (only where a window reports them). */
export function clockCheck(ctx: Context): PreflightCheck {
  const { sync, now, deck } = ctx.facts
  if (!sync) return check('clock', 'Clocks reset', "not checked: no demodeck window is running (the presenter's check sees the clocks)", [], true)
  const findings: PreflightFinding[] = []
  const talk = elapsedMs(sync.timer, now) / 1000
  const qa = elapsedMs(sync.qa, now) / 1000
  if (sync.timer.status !== 'idle' && talk > 0) {
    findings.push({
      severity: 'warning',
      code: 'clock/talk-left-running',
      message: `The talk clock is ${sync.timer.status === 'running' ? 'running' : 'paused'} at ${formatClock(talk)} of ${formatClock(deck.durationSec)}, probably from a rehearsal: reset it (Reset… in the presenter) before the talk.`
    })
  }
  if (sync.qa.status !== 'idle') {
    findings.push({
      severity: 'warning',
      code: 'clock/qa-left-running',
      message: `The Q&A clock is ${sync.qa.status} at ${formatClock(qa)}: reset it before the talk.`
    })
  }
  if (sync.slide !== 0)
    findings.push({
      severity: 'info',
      code: 'clock/not-first-slide',
      message: `The deck is on slide ${sync.slide + 1}; press Home to start from the first slide.`
    })
  return check('clock', 'Clocks reset', findings.length ? 'left over from a rehearsal' : 'both clocks at zero', findings)
}
