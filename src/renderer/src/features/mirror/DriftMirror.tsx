/**
 * The drift report in the mirror: the audience's slide publishes its verdict (the headline it shows, or the
 * error), and the presenter's preview shows that line instead of running both sets through the model again.
 */
import { cut } from './mirror-input'
import { MirrorBox } from './DemoMirror'
import { usePublishMirror } from './use-mirror'

/** Component id of a drift report in the mirror. */
export const driftComponent = (model: string): string => `drift:${model}`

/** Publishes the drift verdict shown on slide `slide` (nothing before the report or its error, nothing when `slide` is null). */
export function useDriftMirror(slide: number | null, model: string, headline: { drift: boolean; text: string } | null, error: string | null): void {
  usePublishMirror(
    slide !== null && (headline || error)
      ? {
          slide,
          component: driftComponent(model),
          input: null,
          predictions: [],
          top: 1,
          error: error ? cut(`The drift report could not run: ${error}`, 500) : null,
          ...(headline ? { summary: cut(`${headline.drift ? '⚠' : '✓'} ${headline.text}`, 500) } : {})
        }
      : null
  )
}

/** The presenter's preview of a `::drift` slide. */
export function DriftMirror({ model, slide }: { model: string; slide: number }): React.JSX.Element {
  return (
    <MirrorBox
      slide={slide}
      component={driftComponent(model)}
      kind="drift report"
      name={model}
      waiting="The drift report runs when its slide is shown on the audience screen."
    />
  )
}
