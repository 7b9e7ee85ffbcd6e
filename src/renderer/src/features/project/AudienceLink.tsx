/** The link the presenter sent to the audience screen: its name and address, large enough to copy from the back row. */
import type { Deck, SyncState } from '../../../../shared/types'
import { linkIcon } from './open-link'
import './presenter-project.css'

export function AudienceLink({ deck, sync }: { deck: Deck; sync: SyncState | null }): React.JSX.Element | null {
  const index = sync?.link
  const link = index === null || index === undefined ? undefined : deck.links?.[index]
  if (!link) return null
  return (
    <aside className="dd-audience-link" data-testid="audience-link" aria-live="polite">
      <div className="dd-audience-link-label">
        <span aria-hidden="true">{linkIcon(link.kind)}</span> {link.label}
      </div>
      <div className="dd-audience-link-url">{link.url}</div>
    </aside>
  )
}
