/**
 * The `::demo` directive in the presenter's previews: the mirror of the audience's demo (a classifier, an
 * A/B pair or a graph), named by the model's name once the model list is in.
 */
import { useModels } from '../demo/use-models'
import { pairOf } from '../compare/AbDemoDirective'
import { abComponent } from './use-ab-mirror'
import { demoComponent } from './use-demo-mirror'
import { MirrorBox } from './DemoMirror'

/** The presenter's view of a `::demo` directive on slide `slideIndex`. */
export function DemoDirectiveMirror({
  attributes,
  slideIndex,
  children
}: {
  attributes: Record<string, string>
  slideIndex: number
  children?: React.ReactNode
}): React.JSX.Element {
  const { models } = useModels()
  const id = attributes['model'] ?? '?'
  const model = models?.find((m) => m.id === id)
  const other = model ? pairOf(attributes, model) : null
  const otherName = other ? (models?.find((m) => m.id === other)?.name ?? other) : null
  const kind = other ? 'A/B demo' : model?.task === 'node-classification' ? 'graph demo' : 'live demo'
  return (
    <MirrorBox
      slide={slideIndex}
      component={other ? abComponent(id, other) : demoComponent(id)}
      kind={kind}
      name={otherName ? `${model?.name ?? id} vs ${otherName}` : (model?.name ?? id)}
      waiting={
        model?.task === 'node-classification'
          ? 'No paper selected on the audience screen yet.'
          : 'Nothing predicted on the audience screen yet: its bars appear here as soon as they do there.'
      }
    >
      {children}
    </MirrorBox>
  )
}
