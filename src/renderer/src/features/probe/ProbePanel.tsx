/**
 * The robustness probe under a live demo: pick a perturbation, drag its
 * strength, and watch the confidence in the current prediction along the
 * strength axis and where it flips; on the full-screen page, the same sweep
 * over the model's examples (agreement and accuracy vs strength).
 * On a slide (audience screen) only what the deck asked for shows, and a
 * failing call is a calm line there: the reason goes to the presenter's
 * prediction panel (see host/probe/probe-service.ts).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { findPerturbation, formatStrength, perturbationsFor } from '../../../../core/probe/catalog'
import type { ModelInfo, PredictInput } from '../../../../shared/types'
import { flipSentence, pct, setSentence, type ProbeDirectiveOptions } from './probe-format'
import { SetChart, SweepChart } from './ProbeChart'
import { SWEEP_IDLE_MS, useProbe } from './use-probe'
import './probe.css'

/** Props of {@link ProbePanel}. */
export interface ProbePanelProps {
  model: ModelInfo
  /** The input on screen (the live demo's last predicted input). */
  input: PredictInput | null
  /** Run only while true (the slide is current). */
  active: boolean
  size: 'slide' | 'page'
  /** The directive's choice (slide), or the page's start. */
  options?: ProbeDirectiveOptions
}

const DEFAULT_SEED = 14

/** The probe panel of one model. */
export function ProbePanel({ model, input, active, size, options }: ProbePanelProps): React.JSX.Element | null {
  const list = useMemo(() => perturbationsFor(model.task), [model.task])
  const [perturbation, setPerturbation] = useState(options?.perturbation ?? list[0]?.id ?? '')
  const info = findPerturbation(perturbation)
  const [strength, setStrength] = useState(options?.strength ?? info?.sweepTo ?? 0)
  const [seed, setSeed] = useState(options?.seed ?? DEFAULT_SEED)
  const numeric = useMemo(() => (model.features ?? []).filter((f) => f.type === 'number'), [model.features])
  const [feature, setFeature] = useState<string | undefined>(numeric[0]?.name)
  const probe = useProbe(model.id, input, { perturbation, seed, feature: info?.perFeature ? feature : undefined }, active && info !== undefined)
  const sliderId = useId()

  // The slider's exact prediction follows the slider at once; a new input or setting waits until it has
  // been still for SWEEP_IDLE_MS like the sweep, so typing in the demo costs no probe call per keystroke.
  const { at } = probe
  const lastStrength = useRef<number | null>(null)
  useEffect(() => {
    if (!active) return
    const moved = lastStrength.current !== strength
    lastStrength.current = strength
    if (moved) return void at(strength)
    const timer = setTimeout(() => at(strength), SWEEP_IDLE_MS)
    return () => clearTimeout(timer)
  }, [active, at, strength])
  const { resetExamples } = probe
  useEffect(() => resetExamples(), [perturbation, seed, feature, resetExamples])

  if (!info) return null
  const onSlide = size === 'slide'
  const sweep = probe.sweep.result
  const point = probe.point.result?.points[0]
  const error = probe.sweep.error ?? probe.point.error
  const choose = (id: string): void => {
    setPerturbation(id)
    setStrength(findPerturbation(id)?.sweepTo ?? 0)
  }

  return (
    <div className={`dm-probe dm-probe-${size}`} data-testid="probe" aria-label="Robustness probe" role="group">
      <div className="dm-probe-controls">
        <strong className="dm-probe-title">Robustness</strong>
        <select aria-label="Perturbation" value={perturbation} onChange={(e) => choose(e.target.value)} title={info?.description}>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        {info.perFeature && numeric.length > 0 && (
          <select aria-label="Feature" value={feature} onChange={(e) => setFeature(e.target.value)}>
            {numeric.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        )}
        <label className="dm-probe-slider" htmlFor={sliderId}>
          <input
            id={sliderId}
            type="range"
            aria-label="Strength"
            min={info.min}
            max={info.max}
            step={info.step}
            value={strength}
            onChange={(e) => setStrength(Number(e.target.value))}
          />
          <span className="dm-probe-strength" data-testid="probe-strength">
            {formatStrength(strength)} <span className="dm-muted">{info.unit}</span>
          </span>
        </label>
        {!onSlide && (
          <label className="dm-probe-seed">
            seed{' '}
            <input
              type="number"
              aria-label="Seed"
              min={0}
              step={1}
              value={seed}
              onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
            />
          </label>
        )}
      </div>

      <div className="dm-probe-now" data-testid="probe-point" aria-live="polite">
        {point ? (
          <>
            <span>
              At {formatStrength(point.strength)}: <b>{point.top.label}</b> {pct(point.top.score)}
              {sweep && point.top.label !== sweep.clean.label ? <span className="dm-probe-flipped-tag"> flipped</span> : null}
            </span>
            {point.preview?.startsWith('data:image/') ? (
              <img
                className="dm-probe-eye"
                src={point.preview}
                alt={`What the model sees at ${formatStrength(point.strength)}`}
                data-testid="probe-eye"
              />
            ) : (
              point.preview !== undefined &&
              point.strength !== 0 && (
                <span className="dm-probe-preview" title="The perturbed input">
                  {point.preview}
                </span>
              )
            )}
          </>
        ) : (
          <span className="dm-muted">{input ? 'Probing…' : 'Predict something to probe it.'}</span>
        )}
      </div>

      {sweep && (
        <>
          <SweepChart result={sweep} marker={strength} height={onSlide ? 170 : 230} />
          <div className="dm-probe-sentence" data-testid="probe-flip">
            {flipSentence(sweep)}{' '}
            <span className="dm-muted">
              · seed {sweep.seed} · {sweep.batches === 1 ? 'one batch' : `${sweep.batches} runs`}, {Math.round(sweep.latencyMs)} ms
            </span>
          </div>
        </>
      )}
      {error &&
        (onSlide ? (
          <div className="dm-muted" data-testid="probe-unavailable">
            Robustness probe unavailable
          </div>
        ) : (
          <div className="dm-alert" role="alert" data-testid="probe-error">
            {error}
          </div>
        ))}

      {!onSlide && model.examples.length > 0 && (
        <div className="dm-probe-set">
          <button type="button" className="dm-button" onClick={probe.runExamples} disabled={probe.examples.busy}>
            {probe.examples.busy ? 'Probing the examples…' : `Probe the ${model.examples.length} examples`}
          </button>
          {probe.examples.result && (
            <>
              <SetChart result={probe.examples.result} height={200} />
              <div className="dm-probe-sentence" data-testid="probe-set-sentence">
                {setSentence(probe.examples.result)}
              </div>
            </>
          )}
          {probe.examples.error && (
            <div className="dm-alert" role="alert">
              {probe.examples.error}
            </div>
          )}
        </div>
      )}
    </div>
  )
}
