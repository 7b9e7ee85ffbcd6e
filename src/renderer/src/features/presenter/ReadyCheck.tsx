/**
 * "Ready for the talk?": the preflight in the presenter. A button in the
 * presenter's bar opens a panel that runs `deck:check` (the same report as
 * `npm run check`) and lists what to fix, each finding with its file:line and
 * a button to go to its slide. Before asking the host it measures the slides
 * without live components at 1280×720 right here (see [Note: layout in the
 * presenter]), so the layout check is not left empty, once they have loaded
 * (see layout-settle.ts).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { Deck } from '../../../../shared/types'
import type { CheckStatus, LayoutMeasurement, PreflightFinding, PreflightReport } from '../../../../shared/preflight'
import { LIVE_DIRECTIVES } from '../../../../core/preflight/directives'
import { api, errorMessage } from '../../lib/api'
import { SlideContent } from '../deck/SlideContent'
import { LOADING_SELECTOR, waitForSlidesToSettle } from './layout-settle'
import './ready-check.css'

const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✖', skipped: '–' }
/** Overflow below this many pixels is rounding (as in SlidePreview). */
const SLACK_PX = 4
/** Where frames are throttled (a hidden window) the probe still polls. */
const FRAME_FALLBACK_MS = 100

function nextFrame(): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, FRAME_FALLBACK_MS)
    requestAnimationFrame(() => {
      clearTimeout(timer)
      done()
    })
  })
}

/** Whether a probe frame is still loading: a lazy component or its data, or an image not decoded yet (heights change after). */
function loading(frame: HTMLElement): boolean {
  return frame.querySelector(LOADING_SELECTOR) !== null || [...frame.querySelectorAll('img')].some((img) => !img.complete)
}

type State =
  { phase: 'idle' } | { phase: 'measuring' } | { phase: 'checking' } | { phase: 'done'; report: PreflightReport } | { phase: 'failed'; error: string }

/**
 * [Note: layout in the presenter]
 * Live components draw a placeholder in the presenter, so only slides without
 * them can be measured here: they are rendered off-screen at the audience's
 * 1280×720 with its styles, like the previews. `npm run check` measures every
 * slide in the audience view itself. Slides holding `::checklist`, `::code`
 * or `::tree` load their code and the project's files first: measured before
 * that, a long checklist is one line ("Reading README.md…") and passes.
 */
function LayoutProbe({ deck, onMeasured }: { deck: Deck; onMeasured: (m: LayoutMeasurement) => void }): React.JSX.Element {
  const frames = useRef(new Map<number, HTMLDivElement>())
  const slides = deck.slides.filter((s) => !s.directives.some((d) => LIVE_DIRECTIVES.includes(d.name)))
  useLayoutEffect(() => {
    let cancelled = false
    const measure = (stillLoading: number[]): void => {
      const overflow: LayoutMeasurement['overflow'] = []
      for (const [slide, frame] of frames.current) {
        const content = frame.firstElementChild
        if (!(content instanceof HTMLElement) || stillLoading.includes(slide)) continue
        const over = Math.ceil(content.offsetHeight - frame.clientHeight)
        if (over > SLACK_PX) overflow.push({ slide, px: over })
      }
      const measurement: LayoutMeasurement = {
        viewport: { width: 1280, height: 720 },
        overflow,
        source: `presenter, ${slides.length} of ${deck.slides.length} slides (those without live components)`
      }
      if (stillLoading.length > 0) measurement.unmeasured = stillLoading.map((slide) => ({ slide, reason: 'still loading' }))
      onMeasured(measurement)
    }
    // Fonts, images and the lazy components' data change heights after the first layout.
    void document.fonts.ready
      .then(() =>
        waitForSlidesToSettle({
          pending: () => [...frames.current].filter(([, frame]) => loading(frame)).map(([slide]) => slide),
          nextFrame,
          now: () => performance.now(),
          cancelled: () => cancelled
        })
      )
      .then((settled) => {
        if (!settled.cancelled) measure(settled.loading)
      })
    return () => {
      cancelled = true
    }
  }, [deck, onMeasured, slides.length])
  return (
    <div className="dd-ready-probe" aria-hidden="true">
      {slides.map((slide) => (
        <div key={slide.index} className="reveal dd-preview-reveal">
          <div
            className="dd-preview-slide"
            ref={(el) => {
              if (el) frames.current.set(slide.index, el)
              else frames.current.delete(slide.index)
            }}
          >
            <SlideContent deck={deck} slide={slide} active={false} surface="presenter" />
          </div>
        </div>
      ))}
    </div>
  )
}

function place(f: PreflightFinding): string {
  return f.file ? (f.line ? `${f.file}:${f.line}` : f.file) : ''
}

/** The button and panel; `onGoToSlide` moves the talk to a slide (0-based). */
export function ReadyCheck({ deck, onGoToSlide }: { deck: Deck; onGoToSlide: (slide: number) => void }): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<State>({ phase: 'idle' })
  const run = useCallback(() => setState({ phase: 'measuring' }), [])
  const onMeasured = useCallback((layout: LayoutMeasurement) => {
    setState({ phase: 'checking' })
    api['deck:check']({ layout: [layout] }).then(
      (report) => setState({ phase: 'done', report }),
      (error: unknown) => setState({ phase: 'failed', error: errorMessage(error) })
    )
  }, [])
  useEffect(() => {
    if (open && state.phase === 'idle') run()
  }, [open, state.phase, run])
  // A new revision of the deck makes the last report stale.
  useEffect(() => setState({ phase: 'idle' }), [deck.revision])

  const report = state.phase === 'done' ? state.report : null
  const badge = report ? (report.ok ? (report.warnings ? 'warn' : 'ok') : 'fail') : 'unknown'
  return (
    <>
      <button
        type="button"
        className={`dd-ready-button dd-ready-${badge}`}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="ready-button"
      >
        {report ? (report.ok ? '✔ Ready' : `✖ ${report.errors} to fix`) : 'Ready for the talk?'}
      </button>
      {open ? (
        <aside className="dd-ready-panel" role="dialog" aria-label="Ready for the talk?" data-testid="ready-panel">
          <header>
            <h2>Ready for the talk?</h2>
            <button type="button" onClick={run} disabled={state.phase === 'measuring' || state.phase === 'checking'}>
              Check again
            </button>
            <button type="button" aria-label="Close" onClick={() => setOpen(false)}>
              ×
            </button>
          </header>
          {state.phase === 'measuring' || state.phase === 'checking' ? (
            <p className="dd-muted" role="status">
              {state.phase === 'measuring' ? 'Measuring the slides…' : 'Loading the models and runs, checking parity…'}
            </p>
          ) : null}
          {state.phase === 'failed' ? (
            <p className="dd-notice dd-notice-error" role="alert">
              The check could not run: {state.error}
            </p>
          ) : null}
          {report ? (
            <>
              <p className={`dd-ready-verdict ${report.ok ? 'ok' : 'fail'}`} data-testid="ready-verdict">
                {report.ok
                  ? `Ready: no errors${report.warnings ? `, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}` : ''}.`
                  : `Not ready: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}.`}
              </p>
              <ul className="dd-ready-checks">
                {report.checks.map((c) => (
                  <li key={c.id} className={`dd-ready-check is-${c.status}`} data-check={c.id} data-status={c.status}>
                    <div className="dd-ready-check-head">
                      <span className="dd-ready-mark" aria-label={c.status}>
                        {MARK[c.status]}
                      </span>
                      <strong>{c.title}</strong> <span className="dd-muted">{c.summary}</span>
                    </div>
                    {c.findings.length > 0 ? (
                      <ul>
                        {c.findings.map((f, i) => (
                          <li key={i} className={`is-${f.severity}`} data-code={f.code}>
                            <span className="dd-ready-severity">{f.severity}</span> {f.message} {place(f) ? <code>{place(f)}</code> : null}{' '}
                            {f.slide !== undefined ? (
                              <button type="button" className="dd-ready-goto" onClick={() => onGoToSlide(f.slide!)}>
                                Go to slide {f.slide + 1}
                              </button>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {state.phase === 'measuring' ? <LayoutProbe deck={deck} onMeasured={onMeasured} /> : null}
        </aside>
      ) : null}
    </>
  )
}
