/**
 * `::demo{model="id" top="5" example="0"}`: the live demo on a slide (with `endpoint="https://…"`,
 * `source="deployed|local|both"` and `timeout="3s"` for a deployed model). In the
 * presenter's slide previews it renders a static placeholder, so the model
 * runs once, on the audience screen.
 */
import type { DirectiveProps } from '../deck/directive-types'
import { intAttribute } from './demo-format'
import { LiveDemo } from './LiveDemo'
import { parseSource, parseTimeout } from './deployed-attributes'
import { resolveModel } from './ModelsNotice'
import { useModels } from './use-models'
import { usePrinting } from '../print/printing'
import './demo.css'

/** The live demo directive. */
export default function DemoDirective({ attributes, active, surface }: DirectiveProps): React.JSX.Element {
  if (surface === 'presenter') {
    return (
      <div className="dm-demo-placeholder" data-testid="demo-placeholder">
        <span className="dm-placeholder-icon" aria-hidden="true">
          ▶
        </span>
        Live demo · <code>{attributes.model ?? '?'}</code>
        <small>runs on the audience screen</small>
      </div>
    )
  }
  return <LiveDemoForId attributes={attributes} active={active} />
}

function LiveDemoForId({ attributes, active }: Pick<DirectiveProps, 'attributes' | 'active'>): React.JSX.Element {
  const models = useModels()
  const printing = usePrinting()
  const found = resolveModel(attributes.model, models, 'demo')
  if ('notice' in found) return found.notice
  // A printed copy shows a real prediction: the first example unless the slide names one.
  const example = attributes.example !== undefined ? intAttribute(attributes.example, 0, 0) : printing && found.model.examples.length > 0 ? 0 : null
  const source = parseSource(attributes.source)
  const timeoutMs = parseTimeout(attributes.timeout)
  return (
    <LiveDemo
      key={found.model.id}
      model={found.model}
      active={active}
      top={intAttribute(attributes.top, 5, 1, 100)}
      exampleIndex={example}
      size="slide"
      {...(attributes.endpoint ? { endpoint: attributes.endpoint } : {})}
      {...(source ? { source } : {})}
      {...(timeoutMs ? { timeoutMs } : {})}
    />
  )
}
