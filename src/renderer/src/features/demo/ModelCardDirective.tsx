/** `::model-card{model="id"}`: the model card on a slide (static, so it renders in the presenter previews too). */
import type { DirectiveProps } from '../deck/directive-types'
import { ModelCardView } from './ModelCardView'
import './demo.css'

/** The model-card directive. */
export default function ModelCardDirective({ attributes }: DirectiveProps): React.JSX.Element {
  if (!attributes.model) {
    return (
      <div className="dm-notice" role="note">
        <code>::model-card</code> needs a model, e.g. <code>{'::model-card{model="disaster-tweets"}'}</code>.
      </div>
    )
  }
  return <ModelCardView id={attributes.model} />
}
