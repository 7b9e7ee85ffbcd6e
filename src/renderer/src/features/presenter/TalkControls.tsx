/**
 * The presenter's switches between rehearsing and the talk: rehearsal mode
 * (the audience screen also shows the diagnostics), "Reset for the talk"
 * (first slide, both clocks at zero, nothing blacked out or linked), and the
 * question a clock left running for over an hour asks.
 *
 * [Note: audience-screen hygiene]
 * Problems, parity warnings, endpoint failures and authoring notices are for
 * the speaker: the audience screen hides every element marked
 * `data-diagnostic` (see features/deck/audience.css) and the problems banner,
 * unless rehearsal mode is on. The presenter always shows them.
 */
import { useState } from 'react'
import type { SyncState } from '../../../../shared/types'
import { formatLongSpan, staleClocks, talkResetPatch } from '../../../../core/timing/talk-reset'
import type { SyncHandle } from '../../hooks/use-sync'

interface Props {
  sync: SyncState | null
  update: SyncHandle['update']
}

/** Rehearsal switch and "Reset for the talk…" (with a confirmation), for the presenter's top bar. */
export function TalkControls({ sync, update }: Props): React.JSX.Element {
  const [confirming, setConfirming] = useState(false)
  const rehearsal = sync?.rehearsal === true
  const disabled = sync === null
  return (
    <span className="dd-talk-controls">
      <button
        type="button"
        aria-pressed={rehearsal}
        className={rehearsal ? 'dd-rehearsal-on' : undefined}
        data-testid="rehearsal-toggle"
        disabled={disabled}
        title="Rehearsal mode also shows problems, parity warnings and endpoint failures on the audience screen"
        onClick={() => void update({ rehearsal: !rehearsal })}
      >
        {rehearsal ? 'Rehearsal: on' : 'Rehearsal: off'}
      </button>
      {confirming ? (
        <span className="dd-confirm" role="group" aria-label="Confirm reset for the talk">
          Back to slide 1, both clocks at zero?{' '}
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(false)
              void update(talkResetPatch())
            }}
          >
            Yes, reset
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" disabled={disabled} data-testid="reset-for-talk" onClick={() => setConfirming(true)}>
          Reset for the talk…
        </button>
      )}
    </span>
  )
}

/** Asks whether to reset when a clock has run for more than an hour (left over from a rehearsal); "Keep" asks again only for a new run. */
export function StaleClockPrompt({ sync, update, now }: Props & { now: number }): React.JSX.Element | null {
  const [kept, setKept] = useState<string | null>(null)
  if (!sync) return null
  const stale = staleClocks(sync, now)
  if (stale.length === 0) return null
  // A clock started again after "Keep" has a new startedAt: ask again then.
  const key = `${sync.timer.startedAt ?? ''}/${sync.qa.startedAt ?? ''}`
  if (kept === key) return null
  const text = stale.map((c) => `the ${c.clock === 'talk' ? 'talk' : 'Q&A'} clock has been running for ${formatLongSpan(c.elapsedMs)}`).join(' and ')
  return (
    <div className="dd-stale-clock" role="alertdialog" aria-label="Clock left running" data-testid="stale-clock">
      <span>⏱ {text.charAt(0).toUpperCase() + text.slice(1)}, probably since a rehearsal. Reset for the talk?</span>
      <button type="button" className="danger" onClick={() => void update(talkResetPatch())}>
        Reset for the talk
      </button>
      <button type="button" onClick={() => setKept(key)}>
        Keep running
      </button>
    </div>
  )
}
