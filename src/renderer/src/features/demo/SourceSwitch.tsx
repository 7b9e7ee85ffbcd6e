/**
 * Deployed / Local / Both: which model answers the demo. A radio group, so the
 * arrow keys move between the options and stay in the demo (keys.ts lets
 * radios keep them).
 */
import type { DemoSource } from '../../../../shared/types'

const OPTIONS: Array<{ value: DemoSource; label: string; title: string }> = [
  { value: 'deployed', label: 'Deployed', title: 'The deployed endpoint answers (the local model steps in if it does not)' },
  { value: 'local', label: 'Local', title: 'The ONNX model on this laptop answers' },
  { value: 'both', label: 'Both', title: 'Both answer, side by side, with their latencies and whether they agree' }
]

/** The source switch of a demo with a deployed endpoint. */
export function SourceSwitch({
  value,
  onChange,
  name
}: {
  value: DemoSource
  onChange: (source: DemoSource) => void
  name: string
}): React.JSX.Element {
  return (
    <div className="dm-source" role="radiogroup" aria-label="Which model answers" data-testid="source-switch">
      {OPTIONS.map((option) => (
        <label key={option.value} className={`dm-source-option${value === option.value ? ' is-on' : ''}`} title={option.title}>
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  )
}
