/**
 * The input panel of a classification demo: the text box, the image canvas or
 * the feature sliders, by the model's task. Shared by the live demo and the
 * A/B demo, which feed the same inputs to their own predictors.
 */
import type { ExampleInput, ModelInfo } from '../../../../shared/types'
import { ImageInput } from './ImageInput'
import { TabularInput } from './TabularInput'
import { TextInput } from './TextInput'
import type { Predictor } from './use-predictor'

/** Props of {@link DemoInput}. */
export interface DemoInputProps {
  model: ModelInfo
  predictor: Pick<Predictor, 'predict' | 'fail'>
  active: boolean
  /** Example to start with, if any. */
  initial: ExampleInput | null
}

/** The task's input in a `.dm-input` panel (nothing inside for a task without one here, e.g. a graph). */
export function DemoInput({ model, predictor, active, initial }: DemoInputProps): React.JSX.Element {
  return (
    <div className="dm-input">
      {model.task === 'text-classification' && <TextInput model={model} predictor={predictor} active={active} initial={initial} />}
      {model.task === 'image-classification' && <ImageInput model={model} predictor={predictor} active={active} initial={initial} />}
      {model.task === 'tabular-classification' && <TabularInput model={model} predictor={predictor} active={active} initial={initial} />}
    </div>
  )
}
