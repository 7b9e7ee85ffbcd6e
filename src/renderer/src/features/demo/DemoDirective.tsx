/**
 * `::demo{model="id" top="5" example="0"}`: the live demo on a slide (`compare="other-id"`: the A/B
 * demo of two models, see compare/AbDemo.tsx; with `endpoint="https://…"`,
 * `source="deployed|local|both"` and `timeout="3s"` for a deployed model; `probe="gaussian-noise"`
 * with `probe-strength` and `probe-seed` for the robustness probe under it). In the
 * presenter's slide previews it mirrors what the audience screen shows (see
 * [Note: mirrored, not re-run] in shared/mirror.ts), so the model runs once.
 */
import type { DirectiveProps } from '../deck/directive-types'
import { intAttribute } from './demo-format'
import { LiveDemo } from './LiveDemo'
import { parseSource, parseTimeout } from './deployed-attributes'
import { resolveModel } from './ModelsNotice'
import { useModels } from './use-models'
import { AbDemoFor, pairOf } from '../compare/AbDemoDirective'
import { ProbeDirectiveNote } from '../probe/ProbeDirectiveNote'
import { parseProbeAttributes } from '../probe/probe-format'
import { usePrinting } from '../print/printing'
import { DemoDirectiveMirror } from '../mirror/DemoDirectiveMirror'
import './demo.css'

/** The live demo directive. */
export default function DemoDirective({ attributes, active, near = false, surface, slideIndex }: DirectiveProps): React.JSX.Element {
  if (surface === 'presenter') {
    return (
      <DemoDirectiveMirror attributes={attributes} slideIndex={slideIndex}>
        <ProbeDirectiveNote attributes={attributes} />
      </DemoDirectiveMirror>
    )
  }
  return <LiveDemoForId attributes={attributes} active={active} near={near} slideIndex={slideIndex} />
}

function LiveDemoForId({
  attributes,
  active,
  near,
  slideIndex
}: Pick<DirectiveProps, 'attributes' | 'active' | 'near' | 'slideIndex'>): React.JSX.Element {
  const models = useModels()
  const printing = usePrinting()
  const found = resolveModel(attributes.model, models, 'demo')
  if ('notice' in found) return found.notice
  // A printed copy publishes nothing: the presenter's previews show the audience screen, not the backup being made.
  const mirror = printing ? {} : { mirror: { slide: slideIndex } }
  const other = pairOf(attributes, found.model)
  if (other) return <AbDemoFor a={found.model} other={other} models={models} attributes={attributes} active={active} {...mirror} />
  // A printed copy shows a real prediction: the first example unless the slide names one.
  const example = attributes.example !== undefined ? intAttribute(attributes.example, 0, 0) : printing && found.model.examples.length > 0 ? 0 : null
  const source = parseSource(attributes.source)
  const timeoutMs = parseTimeout(attributes.timeout)
  const probe = parseProbeAttributes(found.model.task, attributes)
  return (
    <LiveDemo
      key={found.model.id}
      model={found.model}
      active={active}
      near={near ?? false}
      top={intAttribute(attributes.top, 5, 1, 100)}
      exampleIndex={example}
      size="slide"
      {...mirror}
      {...(attributes.endpoint ? { endpoint: attributes.endpoint } : {})}
      {...(source ? { source } : {})}
      {...(timeoutMs ? { timeoutMs } : {})}
      {...(probe && 'options' in probe ? { probe: probe.options } : {})}
    />
  )
}
