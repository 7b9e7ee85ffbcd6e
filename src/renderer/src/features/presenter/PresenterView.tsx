/**
 * The presenter window: current and next slide, notes, the talk countdown
 * with a per-slide budget cue, and the Q&A countdown after the last slide.
 * It drives the audience window through the host (never an iframe of the
 * deck, so live components run once). Resetting a clock takes two clicks.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import 'reveal.js/reveal.css'
import 'reveal.js/theme/black.css'
import type { Deck } from '../../../../shared/types'
import { elapsedMs, paceAt, pauseTimer, resetTimer, startTimer, toggleTimer } from '../../../../core/timing/timer'
import { lastTalkIndex, slideLabel, talkSlideCount } from '../../../../core/deck/backup-slides'
import { formatClock } from '../../../../core/deck/durations'
import { useNow } from '../../hooks/use-now'
import { useSync } from '../../hooks/use-sync'
import { isTypingTarget } from '../../lib/keys'
import { renderMarkdown } from '../deck/markdown'
import { ProblemsBanner } from '../deck/ProblemsBanner'
import { SlidePreview } from './SlidePreview'
import { ReadyCheck } from './ReadyCheck'
import { BackupsButton } from './BackupsButton'
import { ConfirmReset } from './ConfirmReset'
import { EndpointHealthPanel } from '../demo/EndpointHealthPanel'
import { PredictionLogPanel } from '../probe/PredictionLogPanel'
import { LinksBar } from '../project/LinksBar'
import { QaPanel } from '../project/QaPanel'
import { StaleClockPrompt, TalkControls } from './TalkControls'
import { ModelAlerts } from './ModelAlerts'
import './talk-controls.css'
import './presenter.css'

type Confirming = 'timer' | 'qa' | null

function paceText(status: string, deltaSec: number, slideLeftSec: number): string {
  switch (status) {
    case 'not-started':
      return 'Clock not started'
    case 'ahead':
      return `Ahead by ${formatClock(-deltaSec)}`
    case 'behind':
      return `Behind by ${formatClock(deltaSec)}`
    case 'over':
      return `Over time by ${formatClock(deltaSec)}`
    default:
      return `On time · ${formatClock(slideLeftSec)} left on this slide`
  }
}

export function PresenterView({ deck }: { deck: Deck }): React.JSX.Element {
  const { sync, update, error, current } = useSync()
  const now = useNow(250)
  const [confirming, setConfirming] = useState<Confirming>(null)
  const currentRef = useRef<HTMLDivElement | null>(null)

  const slideIndex = Math.min(sync?.slide ?? 0, Math.max(0, deck.slides.length - 1))
  const slide = deck.slides[slideIndex]
  // Next on the talk's last slide starts the Q&A; Q&A backup slides (<!-- backup -->) come after it.
  const talkEnd = lastTalkIndex(deck.slides)
  const lastSlide = slideIndex >= talkEnd
  // Before the Q&A has started, the talk's last slide is followed by the Q&A, not by the backup slides.
  const next = slideIndex === talkEnd && sync?.qa.status === 'idle' ? undefined : deck.slides[slideIndex + 1]

  const talkSec = sync ? elapsedMs(sync.timer, now) / 1000 : 0
  const qaSec = sync ? elapsedMs(sync.qa, now) / 1000 : 0
  const remainingSec = deck.durationSec - talkSec
  const qaRemainingSec = deck.qaSec - qaSec
  const pace = paceAt(deck.slides, slideIndex, talkSec, deck.durationSec)
  const qaActive = sync ? sync.qa.status !== 'idle' : false

  const fragmentCount = useCallback((): number => currentRef.current?.querySelectorAll('.fragment').length ?? 0, [])

  const step = useCallback(
    (direction: 1 | -1) => {
      const state = current()
      if (!state) return
      const fragments = fragmentCount()
      const patch: Parameters<typeof update>[0] = {}
      if (direction === 1) {
        if (state.fragment < fragments - 1) patch.fragment = state.fragment + 1
        else if (state.slide < deck.slides.length - 1 && !(state.slide === talkEnd && state.qa.status === 'idle')) {
          patch.slide = state.slide + 1
          patch.fragment = -1
        } else if (state.qa.status === 'idle') {
          const t = Date.now()
          patch.timer = pauseTimer(state.timer, t)
          patch.qa = startTimer(state.qa, t)
        }
        if (patch.slide !== undefined && state.timer.status === 'idle') patch.timer = startTimer(state.timer, Date.now())
      } else {
        if (state.fragment > -1) patch.fragment = state.fragment - 1
        else if (state.slide > 0) {
          patch.slide = state.slide - 1
          patch.fragment = -1
        }
      }
      if (Object.keys(patch).length > 0) void update(patch)
    },
    [deck.slides.length, talkEnd, fragmentCount, current, update]
  )

  const toggleTalk = useCallback(() => {
    const state = current()
    if (state) void update({ timer: toggleTimer(state.timer, Date.now()) })
  }, [current, update])
  const toggleQa = useCallback(() => {
    const state = current()
    if (!state) return
    const t = Date.now()
    if (state.qa.status === 'idle') void update({ timer: pauseTimer(state.timer, t), qa: startTimer(state.qa, t) })
    else void update({ qa: toggleTimer(state.qa, t) })
  }, [current, update])

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isTypingTarget(event.target)) return
      if (event.ctrlKey || event.metaKey || event.altKey) return
      const key = event.key
      if (['ArrowRight', 'ArrowDown', 'PageDown', 'n', 'N'].includes(key) || (key === ' ' && !event.shiftKey)) {
        event.preventDefault()
        step(1)
      } else if (['ArrowLeft', 'ArrowUp', 'PageUp', 'p', 'P'].includes(key) || (key === ' ' && event.shiftKey)) {
        event.preventDefault()
        step(-1)
      } else if (key === 'Home') void update({ slide: 0, fragment: -1 })
      else if (key === 'End') {
        // The talk's last slide first, then the last Q&A backup slide.
        const at = current()?.slide ?? 0
        void update({ slide: talkEnd >= 0 && at < talkEnd ? talkEnd : deck.slides.length - 1, fragment: -1 })
      } else if (key === 't' || key === 'T') toggleTalk()
      else if (key === 'q' || key === 'Q') toggleQa()
      else if (key === 'b' || key === 'B' || key === '.') void update({ blackout: !(current()?.blackout ?? false) })
      else if (key === 'Escape') setConfirming(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [deck.slides.length, talkEnd, step, current, toggleQa, toggleTalk, update])

  // An unanswered reset question goes away by itself.
  useEffect(() => {
    if (!confirming) return
    const timer = setTimeout(() => setConfirming(null), 5000)
    return () => clearTimeout(timer)
  }, [confirming])

  const notes = useMemo(
    () => (slide?.notes ? renderMarkdown(slide.notes, { assetBase: deck.assetBase, components: {} }) : null),
    [slide?.notes, deck.assetBase]
  )

  useEffect(() => {
    document.title = `Presenter — ${deck.title}`
  }, [deck.title])

  // Until the shared state has arrived, the controls would act on nothing: show them disabled instead.
  const ready = sync !== null
  const waiting = ready ? undefined : 'Connecting to the deck…'
  const clockClass = remainingSec < 0 ? 'over' : remainingSec <= 60 ? 'last-minute' : ''
  const qaClass = qaRemainingSec < 0 ? 'over' : qaRemainingSec <= 60 ? 'last-minute' : ''

  return (
    <div className="dd-presenter" data-testid="presenter" data-synced={ready}>
      <header className="dd-presenter-bar">
        <div className="dd-presenter-title">
          <strong>{deck.title}</strong>
          <span data-testid="slide-counter">{slideLabel(deck.slides, slideIndex)}</span>
          {sync?.blackout ? <span className="dd-badge dd-badge-warn">Audience blacked out</span> : null}
        </div>
        <LinksBar deck={deck} sync={sync} update={update} />
        <nav className="dd-presenter-nav">
          <button type="button" onClick={() => step(-1)} aria-label="Previous" disabled={!ready} title={waiting}>
            ◀ Prev
          </button>
          <button type="button" onClick={() => step(1)} aria-label="Next" disabled={!ready} title={waiting}>
            Next ▶
          </button>
          <button type="button" onClick={() => void update({ blackout: !(sync?.blackout ?? false) })} disabled={!ready} title={waiting}>
            {sync?.blackout ? 'Show screen' : 'Black out'}
          </button>
          <TalkControls sync={sync} update={update} />
          <ReadyCheck deck={deck} onGoToSlide={(slide) => void update({ slide, fragment: -1 })} />
          <BackupsButton />
        </nav>
      </header>

      <StaleClockPrompt sync={sync} update={update} now={now} />
      <section className="dd-presenter-clocks" aria-label="Clocks">
        <div className={`dd-clock ${clockClass}`}>
          <div className="dd-clock-label">Talk time left</div>
          <div className="dd-clock-value" data-testid="talk-remaining">
            {formatClock(Math.ceil(remainingSec - 1e-9))}
          </div>
          <div className="dd-clock-sub">
            <span data-testid="talk-elapsed">{formatClock(talkSec)} elapsed</span> of {formatClock(deck.durationSec)} ·{' '}
            <span data-testid="timer-status">
              {sync?.timer.status === 'running' ? 'running' : sync?.timer.status === 'paused' ? 'paused' : 'not started'}
            </span>
          </div>
          <div className={`dd-pace dd-pace-${pace.status}`} data-testid="pace">
            {paceText(pace.status, pace.deltaSec, pace.slideLeftSec)}
          </div>
          <div className="dd-budget" data-testid="slide-budget">
            This slide: {formatClock(slide?.budgetSec ?? 0)} budget ({formatClock(pace.windowStartSec)}–{formatClock(pace.windowEndSec)})
          </div>
          <div className="dd-clock-buttons">
            <button type="button" onClick={toggleTalk} disabled={!ready} title={waiting}>
              {sync?.timer.status === 'running' ? 'Pause (T)' : sync?.timer.status === 'paused' ? 'Resume (T)' : 'Start (T)'}
            </button>
            {confirming === 'timer' ? (
              <ConfirmReset
                label="Confirm reset"
                question={`Reset the talk clock to ${formatClock(deck.durationSec)}?`}
                onReset={() => {
                  setConfirming(null)
                  void update({ timer: resetTimer() })
                }}
                onKeep={() => setConfirming(null)}
              />
            ) : (
              <button type="button" onClick={() => setConfirming('timer')} disabled={!ready} title={waiting}>
                Reset…
              </button>
            )}
          </div>
        </div>

        <div className={`dd-clock dd-clock-qa ${qaActive ? qaClass : 'idle'}`} data-testid="qa-clock">
          <div className="dd-clock-label">Q&amp;A</div>
          <div className="dd-clock-value" data-testid="qa-remaining">
            {formatClock(Math.ceil(qaRemainingSec - 1e-9))}
          </div>
          <div className="dd-clock-sub">
            {qaActive
              ? sync?.qa.status === 'running'
                ? 'questions running'
                : 'paused'
              : lastSlide
                ? 'Next ▶ on the last slide starts Q&A'
                : `starts after slide ${talkSlideCount(deck.slides)}`}
          </div>
          <div className="dd-clock-buttons">
            <button type="button" onClick={toggleQa} disabled={!ready} title={waiting}>
              {!qaActive ? 'Start Q&A (Q)' : sync?.qa.status === 'running' ? 'Pause Q&A' : 'Resume Q&A'}
            </button>
            {qaActive && confirming === 'qa' ? (
              <ConfirmReset
                label="Confirm Q&A reset"
                question={`Reset the Q&A clock to ${formatClock(deck.qaSec)}?`}
                onReset={() => {
                  setConfirming(null)
                  void update({ qa: resetTimer() })
                }}
                onKeep={() => setConfirming(null)}
              />
            ) : qaActive ? (
              <button type="button" onClick={() => setConfirming('qa')} disabled={!ready} title={waiting}>
                Reset Q&amp;A…
              </button>
            ) : null}
          </div>
        </div>
      </section>

      <section className="dd-presenter-slides">
        <div ref={currentRef} className="dd-preview-current">
          <SlidePreview deck={deck} slide={slide} label={`Now: ${slide?.title ?? ''}`} testId="preview-current" />
        </div>
        <div className="dd-preview-next">
          {qaActive && sync ? (
            <QaPanel deck={deck} sync={sync} qaRemainingSec={qaRemainingSec} goTo={(index) => void update({ slide: index, fragment: -1 })} />
          ) : (
            <SlidePreview deck={deck} slide={next} label={next ? `Next: ${next.title}` : 'Next: Q&A'} testId="preview-next" />
          )}
        </div>
      </section>

      <section className="dd-notes" aria-label="Speaker notes" data-testid="notes">
        <h2>Notes</h2>
        {notes ?? <p className="dd-muted">No notes for this slide. Add them after a line starting with “Note:”.</p>}
      </section>
      <EndpointHealthPanel />
      <PredictionLogPanel />
      {error ? (
        <div className="dd-notice dd-notice-error" role="alert">
          Sync with the audience window failed: {error}
        </div>
      ) : null}
      <ModelAlerts deck={deck} />
      <ProblemsBanner deck={deck} defaultOpen />
    </div>
  )
}
