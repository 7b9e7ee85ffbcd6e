/**
 * The presenter's "Backups" entry: makes the slides PDF, the notes handout,
 * the offline HTML and the report figures (`deck:export`, the same as
 * `npm run export`) and lists the files written, or says why it could not.
 */
import { useState } from 'react'
import type { ExportSummary } from '../../../../shared/preflight'
import { api, errorMessage } from '../../lib/api'
import './ready-check.css'

type State = { phase: 'idle' } | { phase: 'running' } | { phase: 'done'; summary: ExportSummary } | { phase: 'failed'; error: string }

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`

/** Button + panel; one export at a time. */
export function BackupsButton(): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<State>({ phase: 'idle' })
  const run = (): void => {
    setState({ phase: 'running' })
    api['deck:export']({}).then(
      (summary) => setState({ phase: 'done', summary }),
      (error: unknown) => setState({ phase: 'failed', error: errorMessage(error) })
    )
  }
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="backups-button">
        Backups
      </button>
      {open ? (
        <aside className="dd-ready-panel dd-backups-panel" role="dialog" aria-label="Backups">
          <header>
            <h2>Backups</h2>
            <button type="button" aria-label="Close" onClick={() => setOpen(false)}>
              ×
            </button>
          </header>
          <p>
            A PDF of the slides (charts, model card and demo as they look live), a handout with your notes, one HTML file that presents offline, and
            every chart and model card as PNG and SVG for the report. They go into <code>exports/</code> and <code>reports/figures/</code> of the
            deck.
          </p>
          <button type="button" onClick={run} disabled={state.phase === 'running'}>
            {state.phase === 'running' ? 'Making the backups…' : 'Make the backups'}
          </button>
          {state.phase === 'failed' ? (
            <p className="dd-notice dd-notice-error" role="alert">
              {state.error}
            </p>
          ) : null}
          {state.phase === 'done' ? (
            <div role="status" data-testid="backups-done">
              <p>Written in {state.summary.seconds.toFixed(1)} s:</p>
              <ul className="dd-backups-files">
                {state.summary.files.map((f) => (
                  <li key={f.path}>
                    <code>{f.path}</code>{' '}
                    <span className="dd-muted">
                      {f.what}, {size(f.bytes)}
                    </span>
                  </li>
                ))}
              </ul>
              {state.summary.warnings.map((w) => (
                <p key={w} className="dd-notice dd-notice-warning">
                  {w}
                </p>
              ))}
            </div>
          ) : null}
        </aside>
      ) : null}
    </>
  )
}
