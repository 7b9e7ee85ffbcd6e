/**
 * The models' diagnostics the audience screen no longer shows (see [Note:
 * audience-screen hygiene] in TalkControls.tsx): for every model a slide
 * uses, a failed parity check, errors that stop it running and its warnings,
 * each with the slide it is on.
 */
import { useMemo } from 'react'
import type { Deck } from '../../../../shared/types'
import { useModels } from '../demo/use-models'
import { modelAlerts } from './model-alerts'

/** The list in the presenter window; nothing when every model on the slides is fine. */
export function ModelAlerts({ deck }: { deck: Deck }): React.JSX.Element | null {
  const { models } = useModels()
  const alerts = useMemo(() => (models ? modelAlerts(deck, models) : []), [deck, models])
  if (alerts.length === 0) return null
  return (
    <aside className="dd-model-alerts" role="status" aria-label="Model problems" data-testid="model-alerts">
      <strong>
        ⚠ {alerts.length} model {alerts.length === 1 ? 'problem' : 'problems'} (the audience sees the demo without them)
      </strong>
      <ul>
        {alerts.map((a, i) => (
          <li key={i} data-severity={a.severity}>
            <code>{a.model}</code> · slide {a.slide + 1}: {a.message}
          </li>
        ))}
      </ul>
    </aside>
  )
}
