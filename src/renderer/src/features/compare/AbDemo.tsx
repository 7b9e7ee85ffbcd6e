/**
 * The model A/B demo (`::demo{model="a" compare="b"}`, or a model whose
 * model.json / demodeck.json names its pair in `compare`): one input, both
 * models answering it side by side on the audience screen — both bar sets,
 * both in-worker latencies, both file sizes, and whether they agree; a
 * session tally, and one button that runs both over the model's examples
 * (accuracy of each, agreement rate).
 */
import { useRef, useState } from 'react'
import type { AbSetReport, ExampleInput, ModelInfo } from '../../../../shared/types'
import { api, errorMessage } from '../../lib/api'
import { isFormControl } from '../../lib/keys'
import { formatMs, percentile } from '../demo/demo-format'
import { DemoInput } from '../demo/DemoInput'
import { LabelBars } from '../demo/LabelBars'
import { usePredictor } from '../demo/use-predictor'
import { useSlideRelayout } from '../demo/use-slide-relayout'
import { agreementLine, setSummary, sizeRatio, sizeText, speedRatio } from './ab-format'
import { abOf, useAbCall, useAbTally } from './use-ab'
import { useAbMirror } from '../mirror/use-ab-mirror'
import type { MirrorPlace } from '../mirror/use-demo-mirror'
import '../demo/demo.css'
import './compare.css'

/** Props of {@link AbDemo}. */
export interface AbDemoProps {
  a: ModelInfo
  b: ModelInfo
  active: boolean
  top: number
  exampleIndex: number | null
  /** A labelled set file (deck-relative) to run both models on, besides the examples. */
  set?: string
  /** The slide of an audience-screen demo: it publishes what it shows for the presenter's preview. */
  mirror?: MirrorPlace
}

const EMPTY_HINT = 'Type, draw or pick an example: both models answer.'

/** Two models, one input. Key it by both ids so another pair starts fresh. */
export function AbDemo({ a, b, active, top, exampleIndex, set, mirror }: AbDemoProps): React.JSX.Element {
  const call = useAbCall(a.id, b.id)
  const predictor = usePredictor(a.id, call)
  const ab = abOf(predictor.result)
  useAbMirror(mirror, { a: a.id, b: b.id, nameB: b.name, input: predictor.input, result: predictor.result, ab, error: predictor.error, top })
  const tally = useAbTally(predictor.result, predictor.seq)
  const [setRun, setSetRun] = useState<{ busy: boolean; report?: AbSetReport; error?: string }>({ busy: false })
  const initial: ExampleInput | null = exampleIndex !== null ? (a.examples[exampleIndex] ?? null) : null
  const root = useRef<HTMLDivElement>(null)
  useSlideRelayout(root, true)
  const line = ab ? agreementLine(ab) : null
  const p50a = percentile(tally.latencyA, 50)
  const p50b = percentile(tally.latencyB, 50)
  const size = ab ? sizeRatio(ab.a.fileSizeBytes, ab.b.fileSizeBytes) : null
  // A ratio from one or two answers is noise: wait for a few.
  const speed = tally.latencyA.length >= 3 ? speedRatio(p50a, p50b) : null

  const runSet = (source: { examples: true } | { file: string }): void => {
    setSetRun({ busy: true })
    api['compare:set']({ id: a.id, other: b.id, set: source }).then(
      (report) => setSetRun({ busy: false, report }),
      (error: unknown) => setSetRun({ busy: false, error: errorMessage(error) })
    )
  }

  return (
    <div
      role="region"
      ref={root}
      className="dm-demo dm-size-slide ab-demo"
      data-prevent-swipe=""
      data-owns-keys=""
      data-testid="ab-demo"
      aria-label={`A/B demo: ${a.name} and ${b.name}`}
      onKeyDown={(e) => {
        if (isFormControl(e.target)) e.stopPropagation()
      }}
    >
      <header className="dm-demo-head">
        <div className="dm-demo-title">
          <span className="dm-name">
            {a.name} <span className="ab-vs">vs</span> {b.name}
          </span>
          <span className="dm-badge">A/B</span>
        </div>
      </header>
      <div className={`dm-demo-body dm-task-${a.task.split('-')[0]}`}>
        <DemoInput model={a} predictor={predictor} active={active} initial={initial} />
        <div className="dm-output">
          {predictor.error && (
            <div className="dm-alert" role="alert">
              {predictor.error}
            </div>
          )}
          <div
            className={`ab-agreement${line?.agree === false ? ' is-disagree' : line?.agree ? ' is-agree' : ''}`}
            data-testid="ab-agreement"
            role="status"
          >
            {line ? `${line.agree === false ? '✗' : line.agree ? '✓' : '⚠'} ${line.text}` : EMPTY_HINT}
          </div>
          <div className="ab-columns">
            {[ab?.a, ab?.b].map((side, i) => {
              const model = i === 0 ? a : b
              return (
                <div className="ab-column" key={model.id} data-testid={`ab-side-${i === 0 ? 'a' : 'b'}`}>
                  <div className="ab-column-head">
                    <span className="ab-column-name">{model.name}</span>
                    <span className="ab-column-facts">
                      {side ? sizeText(side.fileSizeBytes) : ''}
                      {side?.prediction ? ` · ${formatMs(side.prediction.latencyMs)}` : ''}
                    </span>
                  </div>
                  {side?.error ? (
                    <div className="dm-alert" role="alert">
                      {side.error}
                    </div>
                  ) : (
                    <LabelBars prediction={side?.prediction ?? null} top={top} seq={predictor.seq} emptyHint="—" />
                  )}
                </div>
              )
            })}
          </div>
          {tally.answers > 0 && (
            <div className="dm-latency ab-tally" data-testid="ab-tally">
              <span>
                agreed on <b>{tally.agreed}</b> of {tally.answers}
              </span>
              {tally.latencyA.length > 0 && (
                <span title="Inference time in each model's worker, median over this session (the first answer, which loads the model, left out)">
                  p50 {formatMs(p50a)} vs {formatMs(p50b)}
                  {speed ? ` (${b.name}: ${speed})` : ''}
                </span>
              )}
              {size && (
                <span>
                  {b.name}: {size}
                </span>
              )}
            </div>
          )}
          {(a.examples.length > 0 || set) && (
            <div className="ab-set">
              {a.examples.length > 0 && (
                <button type="button" className="dm-button" onClick={() => runSet({ examples: true })} disabled={setRun.busy}>
                  {`Run both on the ${a.examples.length} examples`}
                </button>
              )}
              {set && (
                <button type="button" className="dm-button" onClick={() => runSet({ file: set })} disabled={setRun.busy}>
                  {`Run both on ${set.split('/').pop()}`}
                </button>
              )}
              {setRun.busy && <span className="dm-muted"> running both models…</span>}
              {setRun.error && (
                <div className="dm-alert" role="alert">
                  {setRun.error}
                </div>
              )}
              {setRun.report && (
                <ul className="ab-set-lines" data-testid="ab-set">
                  {setSummary(setRun.report).map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                  {setRun.report.disagreements.slice(0, 3).map((d) => (
                    <li key={d.index} className="ab-disagreement">
                      item {d.index + 1} “{d.input}”: {d.a} vs {d.b}
                      {d.label !== undefined ? ` (truly ${d.label})` : ''}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  )
}
