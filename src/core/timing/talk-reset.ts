/**
 * Getting the room ready for the real talk: what "Reset for the talk" puts
 * back, and which clock has been left running since a rehearsal. Pure values
 * (no clock of its own), shared by the presenter and its tests.
 */
import type { SyncState, TimerState } from '../../shared/types'
import { elapsedMs, IDLE_TIMER } from './timer'

/** A clock that has run longer than this is left over from a rehearsal (the exam is 6 + 10 minutes). */
export const STALE_CLOCK_MS = 60 * 60 * 1000

/** The sync patch of "Reset for the talk": first slide, both clocks at zero, screen shown, no link, rehearsal off. */
export function talkResetPatch(): Pick<SyncState, 'slide' | 'fragment' | 'timer' | 'qa' | 'blackout' | 'link' | 'rehearsal'> {
  return { slide: 0, fragment: -1, timer: { ...IDLE_TIMER }, qa: { ...IDLE_TIMER }, blackout: false, link: null, rehearsal: false }
}

/** One clock left running. */
export interface StaleClock {
  clock: 'talk' | 'qa'
  /** How long it has counted, ms. */
  elapsedMs: number
}

function isStale(timer: TimerState, now: number, thresholdMs: number): number | null {
  if (timer.status !== 'running') return null
  const ran = elapsedMs(timer, now)
  return ran > thresholdMs ? ran : null
}

/**
 * The clocks still running after more than `thresholdMs` (default an hour):
 * no talk or Q&A lasts that long, so the presenter asks whether to reset.
 */
export function staleClocks(sync: Pick<SyncState, 'timer' | 'qa'>, now: number, thresholdMs = STALE_CLOCK_MS): StaleClock[] {
  const out: StaleClock[] = []
  const talk = isStale(sync.timer, now, thresholdMs)
  if (talk !== null) out.push({ clock: 'talk', elapsedMs: talk })
  const qa = isStale(sync.qa, now, thresholdMs)
  if (qa !== null) out.push({ clock: 'qa', elapsedMs: qa })
  return out
}

/** "1:02:05" for long spans (the talk clock's m:ss would read 62:05). */
export function formatLongSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = String(m).padStart(2, '0')
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`
}
