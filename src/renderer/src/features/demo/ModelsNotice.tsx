/**
 * Shared states of anything that looks a model up by id: loading, the model
 * list failing to load, and an unknown id (listing the ids that do exist).
 */
import type { ModelInfo } from '../../../../shared/types'
import type { ModelsState } from './use-models'
import './demo.css'

/** Either the model with `id`, or an element explaining why there is none. */
export function resolveModel(
  id: string | undefined,
  state: ModelsState & { retry: () => void },
  directive: string
): { model: ModelInfo } | { notice: React.JSX.Element } {
  if (!id) {
    return {
      notice: (
        <div className="dm-notice" role="note" data-diagnostic="">
          <code>::{directive}</code> needs a model, e.g.{' '}
          <code>
            ::{directive}
            {'{model="disaster-tweets"}'}
          </code>
          .
        </div>
      )
    }
  }
  if (state.models === null) {
    if (state.error) {
      return {
        notice: (
          <div className="dm-alert" role="alert">
            Could not load the models: {state.error}{' '}
            <button type="button" className="dm-button" onClick={state.retry}>
              Retry
            </button>
          </div>
        )
      }
    }
    return { notice: <div className="dm-notice dm-loading">Loading model “{id}”…</div> }
  }
  const model = state.models.find((m) => m.id === id)
  if (model) return { model }
  const known = state.models.map((m) => m.id)
  return {
    notice: (
      <div className="dm-notice" role="note" data-testid="unknown-model" data-diagnostic="">
        There is no model “{id}” in this deck's <code>models/</code> folder.{' '}
        {known.length > 0 ? (
          <>
            Known models:{' '}
            {known.map((k, i) => (
              <span key={k}>
                {i > 0 ? ', ' : ''}
                <code>{k}</code>
              </span>
            ))}
            .
          </>
        ) : (
          'The deck has no models yet: add a folder under models/.'
        )}
      </div>
    )
  }
}
