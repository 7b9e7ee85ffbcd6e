/**
 * Resolves the pair of an A/B demo for the `::demo` directive: model A from
 * `model`, model B from `compare` (or A's own `compare` in model.json /
 * demodeck.json), each with the usual notices when it is unknown or still
 * loading, and a notice when the two cannot be compared.
 */
import type { ModelInfo } from '../../../../shared/types'
import { intAttribute } from '../demo/demo-format'
import { resolveModel } from '../demo/ModelsNotice'
import type { ModelsState } from '../demo/use-models'
import { usePrinting } from '../print/printing'
import { AbDemo } from './AbDemo'
import type { MirrorPlace } from '../mirror/use-demo-mirror'

/** The B model a demo compares with: the directive's `compare` (unless "none"), else the model's own pair. */
export function pairOf(attributes: Record<string, string>, model: ModelInfo): string | null {
  const named = attributes['compare']?.trim()
  if (named === 'none' || named === '') return null
  return named ?? model.compare ?? null
}

/** The A/B demo of `a` and the model named `other`, or why it cannot run. */
export function AbDemoFor({
  a,
  other,
  models,
  attributes,
  active,
  mirror
}: {
  a: ModelInfo
  other: string
  models: ModelsState & { retry: () => void }
  attributes: Record<string, string>
  active: boolean
  /** Set on the audience screen: the demo publishes what it shows for the presenter. */
  mirror?: MirrorPlace
}): React.JSX.Element {
  const printing = usePrinting()
  const found = resolveModel(other, models, 'demo')
  if ('notice' in found) return found.notice
  const b = found.model
  const problem =
    a.id === b.id
      ? `compare="${other}" names the demo's own model: name another model, e.g. its int8 copy.`
      : a.task === 'node-classification'
        ? `“${a.name}” classifies the nodes of a graph: the A/B demo is for text, image and tabular models.`
        : a.task !== b.task
          ? `“${a.name}” and “${b.name}” do different tasks (${a.task.replace('-', ' ')} vs ${b.task.replace('-', ' ')}): an A/B needs two models of the same task.`
          : a.errors.length > 0 || b.errors.length > 0
            ? `${(a.errors.length > 0 ? a : b).name} cannot run: ${(a.errors[0] ?? b.errors[0])!.message}`
            : null
  if (problem) {
    return (
      <div className="dm-notice" role="note" data-testid="ab-notice">
        <span data-diagnostic="">{problem}</span>
        <span className="dm-audience-only">The comparison is not available right now.</span>
      </div>
    )
  }
  // A printed copy shows both models' real answers: the first example unless the slide names one.
  const example = attributes['example'] !== undefined ? intAttribute(attributes['example'], 0, 0) : printing && a.examples.length > 0 ? 0 : null
  const set = attributes['set']?.trim()
  return (
    <AbDemo
      key={`${a.id}|${b.id}`}
      a={a}
      b={b}
      active={active}
      top={intAttribute(attributes['top'], 3, 1, 100)}
      exampleIndex={example}
      {...(set ? { set } : {})}
      {...(mirror ? { mirror } : {})}
    />
  )
}
