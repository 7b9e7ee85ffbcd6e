/**
 * The presenter's preview of a demo slide: what the audience screen shows — the input (text, a thumbnail of
 * the image, the form's values, the node) and the bars — drawn from the state the audience published (see
 * [Note: mirrored, not re-run] in shared/mirror.ts). It never predicts: the model runs once, for the audience.
 */
import { useMemo } from 'react'
import type { MirroredState, MirrorInput } from '../../../../shared/mirror'
import type { Prediction } from '../../../../shared/types'
import { LabelBars } from '../demo/LabelBars'
import { useMirrored } from './use-mirror'
import '../demo/demo.css'
import './mirror.css'

/** Props of {@link MirrorBox}. */
export interface MirrorBoxProps {
  slide: number
  /** The component id the audience publishes under (e.g. `demo:disaster-tweets`). */
  component: string
  /** What the box is, e.g. "Live demo". */
  kind: string
  /** The model's name, or its id while the list loads. */
  name: string
  /** Shown until the audience publishes, e.g. "Waiting for the audience screen…". */
  waiting?: string
  children?: React.ReactNode
}

/** A mirrored live component: header, the audience's input and bars, or a note while nothing was published. */
export function MirrorBox({ slide, component, kind, name, waiting, children }: MirrorBoxProps): React.JSX.Element {
  const state = useMirrored(slide, component)
  return (
    <div className="dm-demo dm-size-slide dm-mirror" data-testid="demo-mirror" data-component={component} data-seq={state?.seq ?? 0}>
      <header className="dm-demo-head">
        <div className="dm-demo-title">
          <span className="dm-name">{name}</span>
          <span className="dm-badge">{kind}</span>
        </div>
        <span className="dm-mirror-note">{state ? 'as the audience sees it' : 'runs on the audience screen'}</span>
      </header>
      {state ? <MirroredBody state={state} /> : <div className="dm-mirror-waiting">{waiting ?? 'Nothing shown on the audience screen yet.'}</div>}
      {children}
    </div>
  )
}

function MirroredBody({ state }: { state: MirroredState }): React.JSX.Element {
  const prediction = useMemo<Prediction | null>(
    () => (state.predictions.length ? { predictions: state.predictions, latencyMs: 0 } : null),
    [state.predictions]
  )
  if (!state.input && state.predictions.length === 0) {
    // A verdict without input or bars (a drift report, or a demo that failed before its first answer).
    return (
      <div className="dm-mirror-verdict" data-testid="mirror-verdict">
        {state.error && (
          <div className="dm-alert" role="alert">
            {state.error}
          </div>
        )}
        {state.summary && <div className="dm-mirror-summary">{state.summary}</div>}
      </div>
    )
  }
  return (
    <div className="dm-demo-body dm-mirror-body">
      <div className="dm-input" data-testid="mirror-input">
        <MirroredInput input={state.input} />
      </div>
      <div className="dm-output">
        {state.error && (
          <div className="dm-alert" role="alert">
            {state.error}
          </div>
        )}
        <LabelBars prediction={prediction} top={state.top} seq={state.seq} emptyHint={state.summary ? '' : 'No answer on the audience screen yet.'} />
        {state.summary && <div className="dm-mirror-summary">{state.summary}</div>}
      </div>
    </div>
  )
}

function MirroredInput({ input }: { input: MirrorInput | null }): React.JSX.Element {
  if (!input) return <div className="dm-mirror-waiting">No input yet.</div>
  switch (input.kind) {
    case 'text':
      return (
        <blockquote className="dm-mirror-text" data-testid="mirror-text">
          {input.text}
        </blockquote>
      )
    case 'image':
      return (
        <figure className="dm-mirror-image">
          {input.thumbnail ? (
            <img src={input.thumbnail} alt={`Image on the audience screen${input.name ? `: ${input.name}` : ''}`} data-testid="mirror-thumbnail" />
          ) : (
            <div className="dm-sent-empty">{input.name ?? 'an image'}</div>
          )}
          {input.name && <figcaption>{input.name}</figcaption>}
        </figure>
      )
    case 'features':
      return (
        <table className="dm-mirror-features" data-testid="mirror-features">
          <tbody>
            {input.values.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
            {input.more ? (
              <tr>
                <td colSpan={2} className="dm-muted">
                  and {input.more} more
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      )
    case 'node':
      return (
        <div className="dm-mirror-text" data-testid="mirror-node">
          Node {input.node}
          {input.name ? ` · ${input.name}` : ''}
        </div>
      )
  }
}
