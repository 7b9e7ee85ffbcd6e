/**
 * The full-screen demo (route `/demo/<id>`, or `#/demo/<id>` in the desktop
 * app): a model picker, the live demo at large size with the full label
 * distribution, the model card beside it, and a way back to the deck.
 * Opened with no model (`/demo`, the desktop menu's "Full-screen Demo"), it
 * opens the deck's only model, or lists the deck's models to pick from.
 */
import { useEffect, useState } from 'react'
import type { ModelInfo } from '../../../../shared/types'
import { LiveDemo } from './LiveDemo'
import { ModelCardView } from './ModelCardView'
import { resolveModel } from './ModelsNotice'
import { deckHref, replaceDemoRoute } from './demo-routes'
import { useModels } from './use-models'
import './demo.css'

/** Full-screen demo page for `modelId` (other models one click away). */
export default function DemoPage({ modelId }: { modelId: string }): React.JSX.Element {
  const models = useModels()
  const [picked, setId] = useState(modelId)
  useEffect(() => setId(modelId), [modelId])
  // No model asked for: a deck with one model opens it; otherwise the picker below.
  const id = picked || (models.models?.length === 1 ? models.models[0]!.id : '')
  const pick = (next: string): void => {
    setId(next)
    replaceDemoRoute(next)
  }
  const found = id || models.models === null ? resolveModel(id, models, 'demo') : null

  return (
    <main className="dm-page">
      <nav className="dm-page-nav">
        <a className="dm-button" href={deckHref()}>
          ← Back to the deck
        </a>
        {models.models && models.models.length > 0 && (
          <div className="dm-tabs" role="tablist" aria-label="Models">
            {models.models.map((m) => (
              <button
                key={m.id}
                type="button"
                role="tab"
                aria-selected={m.id === id}
                className={`dm-tab${m.id === id ? ' is-selected' : ''}`}
                onClick={() => pick(m.id)}
              >
                {m.name}
              </button>
            ))}
          </div>
        )}
      </nav>
      {found === null ? (
        <ModelPicker models={models.models ?? []} onPick={pick} />
      ) : 'notice' in found ? (
        found.notice
      ) : (
        <div className="dm-page-grid">
          <LiveDemo key={found.model.id} model={found.model} active top={5} exampleIndex={0} size="page" />
          <aside className="dm-page-card">
            <ModelCardView id={found.model.id} size="page" />
            {found.model.description && <p className="dm-description">{found.model.description}</p>}
          </aside>
        </div>
      )}
    </main>
  )
}

const TASK_LABELS: Record<ModelInfo['task'], string> = {
  'text-classification': 'text classification',
  'image-classification': 'image classification',
  'tabular-classification': 'tabular classification',
  'node-classification': 'node classification (graph)'
}

/** The deck's models as big buttons (the full-screen demo opened with no model). */
function ModelPicker({ models, onPick }: { models: readonly ModelInfo[]; onPick: (id: string) => void }): React.JSX.Element {
  if (models.length === 0) {
    return (
      <div className="dm-notice" role="note">
        This deck has no models yet: add a folder under <code>models/</code>.
      </div>
    )
  }
  return (
    <section className="dm-picker" aria-label="Pick a model to demo">
      <h1>Pick a model to demo</h1>
      <ul>
        {models.map((m) => (
          <li key={m.id}>
            <button type="button" className="dm-picker-model" onClick={() => onPick(m.id)}>
              <strong>{m.name}</strong>
              <span className="dm-picker-task">{TASK_LABELS[m.task]}</span>
              {m.description && <span className="dm-picker-description">{m.description}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
