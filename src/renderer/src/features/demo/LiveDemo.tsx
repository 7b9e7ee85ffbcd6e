/**
 * One live demo box for one model, shared by the `::demo` directive (slide
 * size) and the full-screen page: the input UI picked by the model's task, the
 * result bars, latency, recent predictions, copy-as-curl, and every problem
 * (model errors, failed parity, API errors) as readable text inside the box.
 */
import { memo, useRef, useState } from 'react'
import type { DemoSource, ExampleInput, ModelInfo, PredictInput } from '../../../../shared/types'
import { CurlPanel } from './CurlPanel'
import { EndpointBar, EndpointResult, useDemoSource, useRerunOnSwitch } from './DeployedDemo'
import { DistributionChart } from './DistributionChart'
import { formatMs, formatPercent } from './demo-format'
import { demoHref } from './demo-routes'
import { DemoInput } from './DemoInput'
import { LabelBars } from './LabelBars'
import { useSlideRelayout } from './use-slide-relayout'
import { usePredictor, type HistoryEntry, type PredictorState } from './use-predictor'
import { isFormControl } from '../../lib/keys'
import { GraphDemo } from '../graph/GraphDemo'
import { ProbePanel } from '../probe/ProbePanel'
import type { ProbeDirectiveOptions } from '../probe/probe-format'
import { useDemoMirror, type MirrorPlace } from '../mirror/use-demo-mirror'
import './demo.css'

/** Props of {@link LiveDemo}. */
export interface LiveDemoProps {
  model: ModelInfo
  /** Predict only while true (the slide is current). */
  active: boolean
  /** Rows of result bars. */
  top: number
  /** Index into the model's examples to start with. */
  exampleIndex: number | null
  size: 'slide' | 'page'
  /** A deployed endpoint URL from the directive (else the model's own `endpoint`, if any). */
  endpoint?: string
  /** Which answer to start with when there is an endpoint (default: deployed). */
  source?: DemoSource
  /** Per-call timeout of the deployed endpoint, ms (the directive's `timeout`). */
  timeoutMs?: number
  /** Show the robustness probe under the demo: the directive's options, or true for the page's defaults. */
  probe?: ProbeDirectiveOptions | true
  /** The slide of an audience-screen demo: it publishes what it shows for the presenter's preview. */
  mirror?: MirrorPlace
  /** The slide is next to the current one: a graph demo loads and draws its graph now (see GraphDemo). */
  near?: boolean
}

const TASK_NAMES: Record<ModelInfo['task'], string> = {
  'text-classification': 'text classification',
  'image-classification': 'image classification',
  'tabular-classification': 'tabular classification',
  'node-classification': 'node classification'
}

/** Keys pressed in a form control stay there: reveal.js must not turn them into slide changes. */
function keepKeysInControls(e: React.KeyboardEvent): void {
  if (isFormControl(e.target)) e.stopPropagation()
}

/** The live demo of one model. Key it by model id so a different model starts fresh. */
export function LiveDemo(props: LiveDemoProps): React.JSX.Element {
  const { model } = props
  // Graph models have their own demo (the whole graph, not one input); one that cannot run shows its errors below.
  if (model.task === 'node-classification' && model.errors.length === 0)
    return (
      <GraphDemo
        model={model}
        active={props.active}
        near={props.near ?? false}
        top={props.top}
        size={props.size}
        {...(props.mirror ? { mirror: props.mirror } : {})}
      />
    )
  return <ClassifierDemo {...props} />
}

function ClassifierDemo({
  model,
  active,
  top,
  exampleIndex,
  size,
  endpoint,
  source: initialSource,
  timeoutMs,
  probe,
  mirror
}: LiveDemoProps): React.JSX.Element {
  const deployed = useDemoSource(model, endpoint, initialSource, timeoutMs)
  const predictor = usePredictor(model.id, deployed.call)
  useRerunOnSwitch(deployed.source, predictor)
  const { input, result, error } = predictor
  useDemoMirror(mirror, { modelId: model.id, input, result, error, top, source: deployed.source })
  const [showAll, setShowAll] = useState(false)
  const [curlOpen, setCurlOpen] = useState(false)
  const initial: ExampleInput | null = exampleIndex !== null ? (model.examples[exampleIndex] ?? null) : null
  const parityFailed = model.parity && !model.parity.ok
  // The parity failure is already the banner; do not repeat it as a warning line.
  const warnings = model.warnings.filter((w) => w.message !== model.parity?.message)
  const labelCount = predictor.result?.predictions.length ?? model.labels.length
  const canExpand = size === 'slide' && labelCount > top
  const root = useRef<HTMLDivElement>(null)
  useSlideRelayout(root, size === 'slide')

  return (
    // A <div role="region">, not a <section>: reveal.js treats a slide containing a <section> as a vertical stack.
    <div
      role="region"
      ref={root}
      className={`dm-demo dm-size-${size}`}
      data-prevent-swipe=""
      data-owns-keys=""
      data-testid="demo"
      data-model={model.id}
      aria-label={`Live demo: ${model.name}`}
      onKeyDown={keepKeysInControls}
    >
      <header className="dm-demo-head">
        <div className="dm-demo-title">
          <span className="dm-name">{model.name}</span>
          <span className="dm-badge">{TASK_NAMES[model.task]}</span>
        </div>
        <div className="dm-row-buttons">
          {deployed.url && model.errors.length === 0 && <EndpointBar model={model} demo={deployed} />}
          {model.errors.length === 0 && (
            <button type="button" className="dm-button" aria-expanded={curlOpen} onClick={() => setCurlOpen((o) => !o)}>
              curl
            </button>
          )}
          {size === 'slide' && (
            <a className="dm-button" href={demoHref(model.id)} title="Open this demo full screen">
              ⤢ Full screen
            </a>
          )}
        </div>
      </header>

      {parityFailed && (
        <div className="dm-banner" role="alert" data-testid="parity-warning" data-diagnostic="">
          {/* The headline names the figure that failed (export or preprocessing parity). */}
          <strong>⚠ Parity check failed.</strong> {model.parity!.message}
        </div>
      )}

      {model.errors.length > 0 ? (
        <div className="dm-alert dm-model-errors" role="alert">
          <strong>This model cannot run.</strong>
          <ul data-diagnostic="">
            {model.errors.map((p, i) => (
              <li key={i}>
                {p.message}
                {p.file ? <span className="dm-muted"> ({p.file})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <div className={`dm-demo-body dm-task-${model.task.split('-')[0]}`}>
          <DemoInput model={model} predictor={predictor} active={active} initial={initial} />
          <div className="dm-output">
            {predictor.error && (
              <div className="dm-alert" role="alert">
                {predictor.error}
              </div>
            )}
            {deployed.source === 'local' ? (
              <LabelBars prediction={predictor.result} top={showAll ? labelCount : top} seq={predictor.seq} emptyHint={EMPTY_HINT[model.task]} />
            ) : (
              <EndpointResult
                result={predictor.result}
                both={deployed.source === 'both'}
                top={showAll ? labelCount : top}
                seq={predictor.seq}
                emptyHint={EMPTY_HINT[model.task]}
              />
            )}
            {canExpand && (
              <button type="button" className="dm-link" aria-expanded={showAll} onClick={() => setShowAll((s) => !s)}>
                {showAll ? `Show top ${top}` : `Show all ${labelCount} labels`}
              </button>
            )}
            {size === 'page' && predictor.result && labelCount > 2 && (
              <div className="dm-all">
                <div className="dm-caption">All {labelCount} labels</div>
                <DistributionChart prediction={predictor.result} />
              </div>
            )}
            <Latency state={predictor} />
            <History entries={predictor.history} />
          </div>
        </div>
      )}
      {probe && model.errors.length === 0 && (
        <ProbePanel model={model} input={predictor.input} active={active} size={size} {...(probe === true ? {} : { options: probe })} />
      )}
      {curlOpen && model.errors.length === 0 && (
        <CurlPanel modelId={model.id} input={predictor.input ?? sampleInput(model)} command={deployed.curl(predictor.result)} />
      )}
      {warnings.length > 0 && (
        <ul className="dm-warnings" data-diagnostic="">
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w.message}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

const EMPTY_HINT: Record<ModelInfo['task'], string> = {
  'text-classification': 'Type or pick an example to see predictions.',
  'image-classification': 'Draw, upload, paste or snap an image to see predictions.',
  'tabular-classification': 'Change a feature to see predictions.',
  'node-classification': 'Pick a node to see its predictions.'
}

/** What the curl command shows before anything was predicted. */
function sampleInput(model: ModelInfo): PredictInput {
  const example = model.examples[0]
  if (model.task === 'text-classification') return { text: example?.text ?? 'Forest fire near the highway, roads closed' }
  if (model.task === 'image-classification') return { image: example?.image ?? 'data:image/png;base64,…' }
  if (model.task === 'node-classification') return { node: 0 }
  return { features: Object.fromEntries((model.features ?? []).map((f) => [f.name, f.default ?? null])) }
}

const Latency = memo(function Latency({ state }: { state: Pick<PredictorState, 'roundTripMs' | 'result' | 'p50' | 'p95' | 'count'> }) {
  if (state.roundTripMs === null) return <div className="dm-latency" data-testid="latency" />
  return (
    <div className="dm-latency" data-testid="latency" title="Round trip from this page to the model and back; 'model' is inference alone">
      <span>
        <b>{formatMs(state.roundTripMs)}</b> last
      </span>
      <span>p50 {formatMs(state.p50)}</span>
      <span>p95 {formatMs(state.p95)}</span>
      {state.result && <span>model {formatMs(state.result.latencyMs)}</span>}
      <span className="dm-muted">n={state.count}</span>
    </div>
  )
})

const History = memo(function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length <= 1) return null
  return (
    <div className="dm-history" role="list" aria-label="Recent predictions">
      {entries.map((e) => (
        <div className="dm-history-row" role="listitem" key={e.key}>
          <span className="dm-history-input">{e.input}</span>
          <span className="dm-history-arrow">→</span>
          <span className="dm-history-label">{e.label}</span>
          <span className="dm-history-score">{formatPercent(e.score)}</span>
        </div>
      ))}
    </div>
  )
})
