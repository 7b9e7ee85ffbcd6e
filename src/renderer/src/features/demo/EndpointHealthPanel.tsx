/**
 * The presenter's view of the deck's deployed endpoints, before and during the
 * talk: a status dot per endpoint with what it last did, the cold-start time,
 * whether its token is there, how requests are sent, the diagnoses of recent
 * failures (the audience only sees "local model"), and "Wake the endpoint".
 * While the presenter window is open it pings every few minutes so a Cloud Run
 * instance does not scale to zero before the demo slide.
 */
import { useEffect, useState } from 'react'
import type { EndpointHealth } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import { formatMs } from './demo-format'
import { clockTime, dotClass, recordLine, statusLine } from './endpoint-format'
import { useEndpointHealth } from './use-endpoint-health'
import './demo.css'

/** Keep-warm interval: Cloud Run scales an idle service to zero after about 15 minutes. */
const KEEP_WARM_MS = 4 * 60_000

function EndpointRow({ health }: { health: EndpointHealth }): React.JSX.Element {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const wake = (): void => {
    setBusy(true)
    setError(null)
    api['endpoint:wake']({ id: health.model }).then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false)
        setError(errorMessage(e))
      }
    )
  }
  const record = recordLine(health.record)
  return (
    <li className="dm-health-row" data-testid="endpoint-health" data-model={health.model} data-state={health.state}>
      <div className="dm-health-head">
        <span className={dotClass(health.state)} aria-hidden="true" />
        <strong>{health.model}</strong>
        <span className="dm-health-line">{statusLine(health)}</span>
        <button type="button" className="dm-button" onClick={wake} disabled={busy || health.state === 'waking'}>
          {busy || health.state === 'waking' ? 'Waking…' : 'Wake the endpoint'}
        </button>
        <button
          type="button"
          className="dm-button"
          onClick={() => void api['endpoint:cancel']({ id: health.model })}
          title="Abandon calls in flight; the local model answers them"
        >
          Cancel calls
        </button>
      </div>
      <div className="dm-health-facts">
        <span>{health.message}</span>
        <span>
          {health.kind} · timeout {formatMs(health.timeoutMs)}
          {health.plan ? ` · ${health.plan}` : ''}
        </span>
        {health.auth?.withheld && (
          <span className="dm-health-bad" data-testid="auth-withheld">
            {health.auth.withheld}
          </span>
        )}
        {health.auth && !health.auth.withheld && (
          <span className={health.auth.present ? '' : 'dm-health-bad'}>
            token {health.auth.env ? `$${health.auth.env}` : `keychain "${health.auth.keychain}"`}: {health.auth.present ? 'found' : 'missing'}
          </span>
        )}
        {record && <span>{record}</span>}
      </div>
      {health.auth?.keychain && !health.auth.present && !health.auth.withheld && <TokenForm name={health.auth.keychain} onError={setError} />}
      {error && <div className="dm-health-bad">{error}</div>}
      {health.failures.length > 0 && (
        <ul className="dm-health-failures" aria-label={`Recent failures of ${health.model}`}>
          {health.failures.slice(0, 3).map((f, i) => (
            <li key={i}>
              <span className="dm-muted">{clockTime(f.at)}</span> {f.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  )
}

/** Stores a token in the OS keychain (desktop app); browser mode answers why it cannot. */
function TokenForm({ name, onError }: { name: string; onError: (message: string | null) => void }): React.JSX.Element {
  const [token, setToken] = useState('')
  return (
    <form
      className="dm-health-token"
      onSubmit={(e) => {
        e.preventDefault()
        onError(null)
        api['endpoint:set-token']({ name, token: token.trim() }).then(
          () => setToken(''),
          (error: unknown) => onError(errorMessage(error))
        )
      }}
    >
      <label>
        Token for keychain entry “{name}” <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      </label>{' '}
      <button type="submit" className="dm-button" disabled={token.trim() === ''}>
        Save in keychain
      </button>
    </form>
  )
}

/** Endpoint health for the presenter; renders nothing when the deck has no deployed endpoint. */
export function EndpointHealthPanel(): React.JSX.Element | null {
  const health = useEndpointHealth()
  const any = health.length > 0
  useEffect(() => {
    if (!any) return
    const timer = setInterval(() => void api['endpoint:wake']({}).catch(() => undefined), KEEP_WARM_MS)
    return () => clearInterval(timer)
  }, [any])
  if (!any) return null
  return (
    <section className="dm-health" aria-label="Deployed endpoints" data-testid="endpoint-health-panel">
      <h2>Deployed endpoints</h2>
      <ul>
        {health.map((h) => (
          <EndpointRow key={`${h.model}|${h.url}`} health={h} />
        ))}
      </ul>
    </section>
  )
}
