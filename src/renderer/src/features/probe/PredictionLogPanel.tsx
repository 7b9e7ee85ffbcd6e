/**
 * The presenter's record of the session's predictions: the newest ones (input,
 * answer, source, latency), a count, CSV / JSON Lines export for the report or
 * for "what did it say for …?", and the reasons of failed probe calls (the
 * audience screen only says "unavailable").
 */
import { useCallback, useEffect, useState } from 'react'
import type { PredictionLogPage } from '../../../../shared/probe-types'
import { api, errorMessage } from '../../lib/api'
import { downloadBlob } from '../charts/export-chart'
import { pct } from './probe-format'
import './probe.css'

/** Rows shown; the export has them all. */
const SHOWN = 8

const SOURCE: Record<string, string> = { local: 'local', deployed: 'deployed', 'local-fallback': 'local (fallback)', probe: 'probe' }

/** The prediction log panel; renders nothing until the session has a prediction or a probe problem. */
export function PredictionLogPanel(): React.JSX.Element | null {
  const [page, setPage] = useState<PredictionLogPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const refresh = useCallback(() => {
    api['log:list']({ limit: SHOWN }).then(
      (next) => {
        setPage(next)
        setError(null)
      },
      (e: unknown) => setError(errorMessage(e))
    )
  }, [])
  useEffect(() => {
    refresh()
    return api.on('log:changed', refresh)
  }, [refresh])

  const save = (format: 'csv' | 'jsonl'): void => {
    api['log:export']({ format }).then(
      (file) => downloadBlob(new Blob([file.content], { type: file.mime }), file.filename),
      (e: unknown) => setError(errorMessage(e))
    )
  }
  const clear = (): void => {
    api['log:clear']({}).then(refresh, (e: unknown) => setError(errorMessage(e)))
  }

  if (!page || (page.total === 0 && page.probeProblems.length === 0 && !error)) return null
  return (
    <section className="dm-log" aria-label="Predictions this session" data-testid="prediction-log">
      <h2>
        Predictions this session{' '}
        <span className="dm-muted" data-testid="prediction-log-total">
          {page.total}
        </span>
        <button type="button" className="dm-button" onClick={() => save('csv')}>
          Export CSV
        </button>
        <button type="button" className="dm-button" onClick={() => save('jsonl')}>
          Export JSONL
        </button>
        <button type="button" className="dm-button" onClick={clear}>
          Clear
        </button>
      </h2>
      {error && <div className="dm-log-problems">{error}</div>}
      {page.probeProblems.length > 0 && (
        <ul className="dm-log-problems" aria-label="Probe problems" data-testid="probe-problems">
          {page.probeProblems.slice(0, 3).map((p, i) => (
            <li key={i}>
              Probe of {p.model} ({p.perturbation}) failed: {p.message}
            </li>
          ))}
        </ul>
      )}
      {page.entries.length > 0 && (
        <table>
          <tbody>
            {page.entries.map((e) => (
              <tr key={e.seq} data-testid="prediction-log-row">
                <td className="dm-muted">
                  {new Date(e.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}
                </td>
                <td>{e.model}</td>
                <td className="dm-log-input" title={e.input}>
                  {e.input}
                </td>
                <td>
                  <b>{e.label}</b> {pct(e.score)}
                </td>
                <td className="dm-muted">{SOURCE[e.source] ?? e.source}</td>
                <td className="dm-muted">{e.latencyMs.toFixed(1)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
