/**
 * The full-screen demo (route `/demo/<id>`, or `#/demo/<id>` in the desktop
 * app): a model picker, the live demo at large size with the full label
 * distribution, the model card beside it, and a way back to the deck.
 */
import { useEffect, useState } from 'react'
import { LiveDemo } from './LiveDemo'
import { ModelCardView } from './ModelCardView'
import { resolveModel } from './ModelsNotice'
import { deckHref, replaceDemoRoute } from './demo-routes'
import { useModels } from './use-models'
import './demo.css'

/** Full-screen demo page for `modelId` (other models one click away). */
export default function DemoPage({ modelId }: { modelId: string }): React.JSX.Element {
  const models = useModels()
  const [id, setId] = useState(modelId)
  useEffect(() => setId(modelId), [modelId])
  const found = resolveModel(id, models, 'demo')

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
                onClick={() => {
                  setId(m.id)
                  replaceDemoRoute(m.id)
                }}
              >
                {m.name}
              </button>
            ))}
          </div>
        )}
      </nav>
      {'notice' in found ? (
        found.notice
      ) : (
        <div className="dm-page-grid">
          <LiveDemo key={found.model.id} model={found.model} active top={5} exampleIndex={0} size="page" probe />
          <aside className="dm-page-card">
            <ModelCardView id={found.model.id} size="page" />
            {found.model.description && <p className="dm-description">{found.model.description}</p>}
          </aside>
        </div>
      )}
    </main>
  )
}
