/**
 * A compact model card built from the ONNX file itself (`models:card`): who
 * exported it, IR and opsets, the input/output signature with symbolic dims by
 * name, size, an operator histogram, labels, preprocessing and export parity.
 * Sized to sit on a slide beside text; the full-screen demo page shows it too.
 */
import { useEffect, useRef, useState } from 'react'
import type { EndpointHealth, ModelCard, ParityReport, TensorInfo } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import { formatBytes, formatCount, formatShape } from './demo-format'
import { exportParityLine, preprocessingParityLine } from './parity-figures'
import { pickHealth, useEndpointHealth } from './use-endpoint-health'
import { useModels } from './use-models'
import { useSlideRelayout } from './use-slide-relayout'
import './demo.css'
import './endpoint.css'

type CardState = { status: 'loading' } | { status: 'ready'; card: ModelCard } | { status: 'error'; message: string }

const MAX_OPS = 8
const MAX_LABELS = 24

/** Loads and shows the card of model `id`; reloads when the deck's models change. */
export function ModelCardView({ id, size = 'slide' }: { id: string; size?: 'slide' | 'page' }): React.JSX.Element {
  const { models } = useModels()
  const [state, setState] = useState<CardState>({ status: 'loading' })
  useEffect(() => {
    let current = true
    api['models:card']({ id }).then(
      (card) => current && setState({ status: 'ready', card }),
      (error: unknown) => current && setState({ status: 'error', message: errorMessage(error) })
    )
    return () => {
      current = false
    }
  }, [id, models])

  if (state.status === 'loading') return <div className="dm-notice dm-loading">Loading model card for “{id}”…</div>
  if (state.status === 'error') {
    return (
      <div className="dm-card dm-alert" role="alert">
        Could not read the model card of “{id}”: {state.message}
      </div>
    )
  }
  return <CardBody card={state.card} size={size} />
}

function CardBody({ card, size }: { card: ModelCard; size: 'slide' | 'page' }): React.JSX.Element {
  const root = useRef<HTMLElement>(null)
  useSlideRelayout(root, size === 'slide')
  const ops = card.operators.slice().sort((a, b) => b.count - a.count)
  const maxOp = ops[0]?.count ?? 1
  const shownOps = ops.slice(0, MAX_OPS)
  const otherOps = ops.slice(MAX_OPS).reduce((n, o) => n + o.count, 0)
  const warnings = card.warnings.filter((w) => w.message !== card.parity?.message) // shown in the parity line
  const deployed = pickHealth(useEndpointHealth(), card.id, undefined)
  return (
    <article ref={root} className={`dm-card dm-size-${size}`} data-testid="model-card" aria-label={`Model card: ${card.name}`}>
      <header className="dm-card-head">
        <span className="dm-name">{card.name}</span>
        <span className="dm-muted">
          {card.producer || 'unknown producer'}
          {card.producerVersion ? ` ${card.producerVersion}` : ''}
        </span>
      </header>
      <dl className="dm-facts">
        <div>
          <dt>Parameters</dt>
          <dd data-testid="card-params">{formatCount(card.parameterCount)}</dd>
        </div>
        <div>
          <dt>File</dt>
          <dd>{formatBytes(card.fileSizeBytes)}</dd>
        </div>
        <div>
          <dt>IR</dt>
          <dd>{card.irVersion}</dd>
        </div>
        <div>
          <dt>Opset</dt>
          <dd data-testid="card-opsets">
            {card.opsets.map((o) => `${o.domain && o.domain !== 'ai.onnx' ? `${o.domain} ` : ''}${o.version}`).join(' · ') || '—'}
          </dd>
        </div>
      </dl>
      {card.graph && (
        <dl className="dm-facts" data-testid="card-graph" aria-label="Graph">
          <div>
            <dt>Nodes</dt>
            <dd>{card.graph.nodes.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Edges</dt>
            <dd>{card.graph.edges.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Features</dt>
            <dd>{card.graph.features.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Classes</dt>
            <dd>{card.graph.classes}</dd>
          </div>
          <div>
            <dt>Layers</dt>
            <dd title="Message-passing layers (one scatter-add each)">{card.graph.layers}</dd>
          </div>
        </dl>
      )}
      <table className="dm-io">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">name</th>
            <th scope="col">type</th>
            <th scope="col">shape</th>
          </tr>
        </thead>
        <tbody>
          {card.inputs.map((t) => (
            <IoRow key={`in-${t.name}`} kind="in" tensor={t} />
          ))}
          {card.outputs.map((t) => (
            <IoRow key={`out-${t.name}`} kind="out" tensor={t} />
          ))}
        </tbody>
      </table>
      {shownOps.length > 0 && (
        <div className="dm-ops" role="list" aria-label="Operators">
          {shownOps.map((o) => (
            <div className="dm-op" role="listitem" key={o.op}>
              <span className="dm-op-name">{o.op}</span>
              <span className="dm-op-bar">
                <span style={{ width: `${(o.count / maxOp) * 100}%` }} />
              </span>
              <span className="dm-op-count">{o.count}</span>
            </div>
          ))}
          {otherOps > 0 && <div className="dm-muted dm-op-more">+{otherOps} other nodes</div>}
        </div>
      )}
      {card.labels.length > 0 && (
        <div className="dm-labels">
          <span className="dm-caption">{card.labels.length} labels</span>{' '}
          {card.labels.slice(0, MAX_LABELS).map((l) => (
            <span className="dm-label-chip" key={l}>
              {l}
            </span>
          ))}
          {card.labels.length > MAX_LABELS && <span className="dm-muted"> +{card.labels.length - MAX_LABELS} more</span>}
        </div>
      )}
      {card.preprocessing.length > 0 && (
        <ol className="dm-prep" aria-label="Preprocessing">
          {card.preprocessing.map((p, i) => (
            <li key={i}>
              <b>{p.step}</b> {p.detail}
            </li>
          ))}
        </ol>
      )}
      <DeployedLine health={deployed} />
      <ParityLine modelId={card.id} parity={card.parity} />
      {warnings.length > 0 && (
        <ul className="dm-warnings" data-diagnostic="">
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w.message}</li>
          ))}
        </ul>
      )}
    </article>
  )
}

function IoRow({ kind, tensor }: { kind: 'in' | 'out'; tensor: TensorInfo }): React.JSX.Element {
  return (
    <tr>
      <td className="dm-muted">{kind === 'in' ? 'in' : 'out'}</td>
      <td>
        <code>{tensor.name}</code>
      </td>
      <td>{tensor.type}</td>
      <td>
        <code>{formatShape(tensor.shape)}</code>
      </td>
    </tr>
  )
}

/**
 * Where the model is deployed, as links the examiners can be shown: the endpoint itself and, for a FastAPI
 * (OpenAPI) service, its interactive `/docs` page. Both open in the system browser (Electron hands
 * http(s) links to `shell.openExternal`; browser mode opens a tab). The dot is the endpoint's last known health.
 */
function DeployedLine({ health }: { health: EndpointHealth | undefined }): React.JSX.Element | null {
  if (!health) return null
  const docs = docsUrl(health)
  return (
    <div className="dm-deployed" data-testid="card-deployed">
      <span className={`dm-dot dm-dot-${health.state}`} aria-hidden="true" />
      <span className="dm-caption">Deployed</span>{' '}
      <a href={health.url} target="_blank" rel="noreferrer" title={`${health.url} (opens in your browser)`}>
        {health.host}
      </a>
      {docs && (
        <>
          {' · '}
          <a href={docs} target="_blank" rel="noreferrer" title={`${docs} (opens in your browser)`}>
            API docs
          </a>
        </>
      )}
      <span className="dm-muted"> · {health.state === 'up' ? 'answering' : health.state}</span>
    </div>
  )
}

/** FastAPI serves its Swagger UI at `/docs` of the service's origin; only OpenAPI services have it. */
function docsUrl(health: EndpointHealth): string | null {
  if (health.kind !== 'openapi') return null
  try {
    return new URL('/docs', health.url).href
  } catch {
    return null
  }
}

/** Parity status, with a button to run the check when the host has not run it yet. */
function ParityLine({ modelId, parity }: { modelId: string; parity: ParityReport | undefined }): React.JSX.Element {
  const [checked, setChecked] = useState<ParityReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const report = checked ?? parity
  const check = (): void => {
    setBusy(true)
    setError(null)
    api['models:parity']({ id: modelId }).then(
      (r) => {
        setChecked(r)
        setBusy(false)
      },
      (e: unknown) => {
        setError(errorMessage(e))
        setBusy(false)
      }
    )
  }
  if (report) return <ParityDetails report={report} />
  return (
    <div className="dm-parity" data-testid="card-parity" data-diagnostic="">
      <span className="dm-muted">Parity not checked yet.</span>{' '}
      <button type="button" className="dm-button dm-small" disabled={busy} onClick={check}>
        {busy ? 'Checking…' : 'Check now'}
      </button>
      {error && (
        <span className="dm-alert-inline" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

/**
 * The parity headline (it states the deciding figure) and the two parities apart: export parity (ONNX
 * Runtime vs the framework on the reference feeds) and preprocessing parity (demodeck's own decoding,
 * resizing or tokenizing), plus one line per sample that differs.
 */
function ParityDetails({ report }: { report: ParityReport }): React.JSX.Element {
  const preprocessing = preprocessingParityLine(report)
  return (
    <div
      className={`dm-parity is-${report.status === 'ok' ? 'ok' : report.status === 'warning' ? 'warn' : 'bad'}`}
      data-testid="card-parity"
      role={report.status === 'failed' ? 'alert' : undefined}
      // A passed check is evidence for the audience; a warning or a failure is the speaker's to fix.
      {...(report.status === 'ok' ? {} : { 'data-diagnostic': '' })}
    >
      <div data-testid="parity-headline">
        {report.status === 'ok' ? '✓' : '⚠'} {report.message}
      </div>
      <ul className="dm-parity-figures">
        <li data-testid="parity-export">{exportParityLine(report)}</li>
        {preprocessing && <li data-testid="parity-preprocessing">{preprocessing}</li>}
        {report.findings.map((f) => (
          <li key={f} className="dm-parity-finding">
            {f}
          </li>
        ))}
      </ul>
    </div>
  )
}
