/**
 * Tabular demo input: a form generated from the model's features (a number box
 * plus a slider when the range is known; a select for categories), defaults
 * filled in, predicting on every change. Examples fill the form.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ExampleInput, ModelInfo, TabularFeature } from '../../../../shared/types'
import { defaultValue, niceStep, toFeatures, type Raw } from './tabular-form'
import type { Predictor } from './use-predictor'

/** Props of {@link TabularInput}. */
export interface TabularInputProps {
  model: ModelInfo
  predictor: Pick<Predictor, 'predict'>
  active: boolean
  initial: ExampleInput | null
}

function initialRaw(features: TabularFeature[], example: ExampleInput | null): Raw {
  const raw: Raw = {}
  for (const f of features) raw[f.name] = defaultValue(f)
  for (const [k, v] of Object.entries(example?.features ?? {})) raw[k] = String(v)
  return raw
}

const NO_FEATURES: TabularFeature[] = []

/** The generated feature form. */
export function TabularInput({ model, predictor, active, initial }: TabularInputProps): React.JSX.Element {
  const features = model.features ?? NO_FEATURES
  const [raw, setRaw] = useState<Raw>(() => initialRaw(features, initial))
  const rawRef = useRef(raw)
  const activeRef = useRef(active)
  activeRef.current = active
  const { predict } = predictor

  const run = useCallback(
    (next: Raw) => {
      if (!activeRef.current) return
      const values = toFeatures(features, next)
      if (values) predict({ features: values }, 'form')
    },
    [features, predict]
  )

  const update = (next: Raw): void => {
    rawRef.current = next
    setRaw(next)
    run(next)
  }

  useEffect(() => {
    if (active) run(rawRef.current)
  }, [active, model, run])

  const examples = model.examples.filter((e) => e.features)
  return (
    <div className="dm-tabular">
      <form className="dm-form" aria-label="Features" onSubmit={(e) => e.preventDefault()}>
        {features.map((f) => (
          <Field key={f.name} feature={f} value={raw[f.name] ?? ''} onChange={(v) => update({ ...rawRef.current, [f.name]: v })} />
        ))}
        {features.length === 0 && <p className="dm-muted">This model declares no features.</p>}
      </form>
      {examples.length > 0 && (
        <div className="dm-examples" role="group" aria-label="Examples">
          <span className="dm-caption">Examples</span>
          {examples.map((example, i) => (
            <button key={i} type="button" className="dm-chip" onClick={() => update(initialRaw(features, example))}>
              {example.label ?? `example ${i + 1}`}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

function Field({ feature, value, onChange }: { feature: TabularFeature; value: string; onChange: (v: string) => void }): React.JSX.Element {
  const label = (
    <span className="dm-field-name" title={feature.description ?? feature.name}>
      {feature.name}
    </span>
  )
  if (feature.type === 'category') {
    return (
      <label className="dm-field">
        {label}
        <select className="dm-select" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {(feature.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    )
  }
  const { min, max } = feature
  const ranged = min !== undefined && max !== undefined && max > min
  const step = ranged ? niceStep(min, max) : undefined
  const n = Number(value)
  return (
    <div className="dm-field">
      <label className="dm-field-name-wrap">
        {label}
        <input
          className="dm-number"
          type="number"
          inputMode="decimal"
          value={value}
          min={min}
          max={max}
          step="any"
          aria-label={feature.name}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      </label>
      {ranged && (
        <input
          className="dm-slider"
          type="range"
          min={min}
          max={max}
          step={step}
          value={Number.isFinite(n) && value.trim() !== '' ? Math.min(max, Math.max(min, n)) : min}
          aria-label={`${feature.name} slider`}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </div>
  )
}
