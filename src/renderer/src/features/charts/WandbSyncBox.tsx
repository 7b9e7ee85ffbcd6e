/**
 * Pull a run from Weights & Biases into the deck: shows whether a key is
 * available (and from where; never the key), takes a run path or URL, calls
 * `wandb:sync`, and reports progress and errors in words. A sync is bounded
 * by the host (about 20 s) and a Cancel button stops it at once
 * (`wandb:cancel`). When there is no key and the host can store one, offers a
 * password field to enter it once.
 */
import { useEffect, useRef, useState } from 'react'
import type { RunInfo, WandbStatus } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'

const SOURCE_TEXT: Record<WandbStatus['keySource'], string> = {
  env: 'from the WANDB_API_KEY environment variable',
  netrc: 'from ~/.netrc',
  keychain: 'stored by demodeck',
  none: ''
}

/** Props of {@link WandbSyncBox}. */
export interface WandbSyncBoxProps {
  /** Called with the synced run once it is in the deck. */
  onSynced?: (run: RunInfo) => void
}

/** The W&B sync box of the /runs page. */
export function WandbSyncBox({ onSynced }: WandbSyncBoxProps): React.JSX.Element {
  const [status, setStatus] = useState<WandbStatus | null>(null)
  const [statusError, setStatusError] = useState<string | null>(null)
  const [path, setPath] = useState('')
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState<'sync' | 'key' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  /** Set when the user pressed Cancel for the sync in flight, so its failure reads as a cancel. */
  const cancelled = useRef(false)

  useEffect(() => {
    let cancelled = false
    api['wandb:status']({})
      .then((s) => !cancelled && setStatus(s))
      .catch((e: unknown) => !cancelled && setStatusError(errorMessage(e)))
    return () => {
      cancelled = true
    }
  }, [])

  const sync = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault()
    const trimmed = path.trim()
    if (!trimmed) {
      setError('Enter a W&B run path like entity/project/runId, or paste the run’s URL.')
      return
    }
    setBusy('sync')
    setError(null)
    setDone(null)
    cancelled.current = false
    try {
      const run = await api['wandb:sync']({ path: trimmed })
      setDone(`Synced “${run.name}” (${run.steps} steps, ${run.metrics.length} metrics).`)
      onSynced?.(run)
    } catch (e) {
      if (cancelled.current) setDone('Sync cancelled. The runs already in the deck are unchanged.')
      else setError(`Sync failed: ${errorMessage(e)}`)
    } finally {
      setBusy(null)
    }
  }

  const cancel = (): void => {
    cancelled.current = true
    api['wandb:cancel']({}).catch((e: unknown) => setError(`Cancel failed: ${errorMessage(e)}`))
  }

  const saveKey = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy('key')
    setError(null)
    try {
      setStatus(await api['wandb:set-key']({ key: key.trim() }))
      setKey('')
    } catch (e) {
      setError(`The key was not saved: ${errorMessage(e)}`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="dd-wandb-box" aria-label="W&B sync">
      <h3>Sync from W&amp;B</h3>
      <p className="dd-wandb-status" data-testid="wandb-status">
        {statusError
          ? `W&B status unknown: ${statusError}`
          : !status
            ? 'Checking for a W&B key…'
            : status.hasKey
              ? `API key found ${SOURCE_TEXT[status.keySource]}.`
              : 'No W&B API key: set WANDB_API_KEY or log in with `wandb login` (~/.netrc).'}
        {status && status.baseUrl !== 'https://api.wandb.ai' ? ` Server: ${status.baseUrl}` : ''}
      </p>
      {status && !status.hasKey && status.canStoreKey && (
        <form onSubmit={(e) => void saveKey(e)} className="dd-wandb-row">
          <label>
            W&amp;B API key
            <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
          </label>
          <button type="submit" disabled={busy !== null || key.trim() === ''}>
            Save key
          </button>
        </form>
      )}
      <form onSubmit={(e) => void sync(e)} className="dd-wandb-row">
        <label>
          W&amp;B run path or URL
          <input type="text" value={path} placeholder="entity/project/runId" spellCheck={false} onChange={(e) => setPath(e.target.value)} />
        </label>
        <button type="submit" disabled={busy !== null}>
          {busy === 'sync' ? 'Syncing…' : 'Sync'}
        </button>
        {busy === 'sync' && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </form>
      {busy === 'sync' && (
        <p className="dd-muted" role="status">
          Fetching the run’s config, summary and history (at most about 20 s)…
        </p>
      )}
      {error && (
        <p className="dd-notice dd-notice-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="dd-wandb-done" role="status">
          {done}
        </p>
      )}
    </section>
  )
}
