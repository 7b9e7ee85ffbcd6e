/**
 * Text demo input: a textarea that predicts on every keystroke, plus the
 * model's examples one click away. The textarea is uncontrolled on purpose: a
 * keystroke renders nothing in React, it only sends a request (see
 * [Note: live predictions without a debounce] in use-predictor.ts), which keeps
 * keystroke-to-bars latency down to the model's own time.
 */
import { useCallback, useEffect, useId, useRef } from 'react'
import type { ExampleInput, ModelInfo } from '../../../../shared/types'
import { MAX_TEXT_CHARS, snippet } from './demo-format'
import type { InputSource, Predictor } from './use-predictor'

/** Props of {@link TextInput}. */
export interface TextInputProps {
  model: ModelInfo
  predictor: Pick<Predictor, 'predict' | 'fail'>
  active: boolean
  /** Example to start with, if any. */
  initial: ExampleInput | null
}

/** Live-as-you-type text box labelled "Text to classify", with example chips. */
export function TextInput({ model, predictor, active, initial }: TextInputProps): React.JSX.Element {
  const id = useId()
  const box = useRef<HTMLTextAreaElement>(null)
  const activeRef = useRef(active)
  activeRef.current = active
  const { predict, fail } = predictor

  const run = useCallback(
    (text: string, source: InputSource) => {
      if (!activeRef.current) return
      if (text.length > MAX_TEXT_CHARS) {
        fail(
          `That text is ${text.length.toLocaleString('en-US')} characters long; the limit is ` +
            `${MAX_TEXT_CHARS.toLocaleString('en-US')} characters. Shorten it to see predictions again.`
        )
        return
      }
      if (text.trim() === '') return
      predict({ text }, source)
    },
    [predict, fail]
  )

  // Predict what is in the box whenever the slide becomes current or the model reloads.
  useEffect(() => {
    if (active && box.current) run(box.current.value, 'example')
  }, [active, model, run])

  const texts = model.examples.filter((e): e is ExampleInput & { text: string } => typeof e.text === 'string')
  const pick = (example: { text: string }): void => {
    if (!box.current) return
    box.current.value = example.text
    box.current.focus()
    run(example.text, 'example')
  }

  return (
    <div className="dm-text">
      <label className="dm-caption" htmlFor={id}>
        Text to classify
      </label>
      <textarea
        id={id}
        ref={box}
        className="dm-textarea"
        defaultValue={initial?.text ?? ''}
        placeholder="Type a sentence…"
        rows={3}
        spellCheck={false}
        onChange={(e) => run(e.currentTarget.value, 'typing')}
      />
      {texts.length > 0 && (
        <div className="dm-examples" role="group" aria-label="Examples">
          <span className="dm-caption">Examples</span>
          {texts.map((example, i) => (
            <button type="button" key={i} className="dm-chip" title={example.text} onClick={() => pick(example)}>
              {example.label ?? snippet(example.text, 36)}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
