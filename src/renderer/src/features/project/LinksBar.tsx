/**
 * The presenter's row of project links (front matter `links:`): a numbered
 * button per link opens it in the browser (key 1–9, 0), and a small screen
 * button shows it on the audience screen (Shift+digit) until pressed again.
 * The audience sees a link only when the presenter sends it.
 */
import { useEffect } from 'react'
import type { Deck, SyncState } from '../../../../shared/types'
import { linkKey } from '../../../../core/project/links'
import { isTypingTarget } from '../../lib/keys'
import { linkIcon, openLink } from './open-link'
import { linkIndexFromKey } from './presenter-keys'
import './presenter-project.css'

interface Props {
  deck: Deck
  sync: SyncState | null
  /** Sends a change to every window (useSync's update). */
  update: (patch: { link: number | null }) => Promise<void>
  /** Listen for the digit keys (one LinksBar per window does). */
  keys?: boolean
}

export function LinksBar({ deck, sync, update, keys = true }: Props): React.JSX.Element | null {
  const links = deck.links ?? []
  const shown = sync?.link ?? null

  useEffect(() => {
    if (!keys || links.length === 0) return
    const onKey = (event: KeyboardEvent): void => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
      const index = linkIndexFromKey(event)
      if (index === null || index >= links.length) return
      event.preventDefault()
      if (event.shiftKey) void update({ link: shown === index ? null : index })
      else openLink(links[index]!.url)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [keys, links, shown, update])

  if (links.length === 0) return null
  return (
    <nav className="dd-links" aria-label="Project links" data-testid="project-links">
      {links.map((link, index) => (
        <span key={`${index}-${link.url}`} className={`dd-link${shown === index ? ' dd-link-shown' : ''}`}>
          <button
            type="button"
            className="dd-link-open"
            onClick={() => openLink(link.url)}
            title={`${link.url} — opens in your browser (key ${linkKey(index)})`}
            aria-keyshortcuts={linkKey(index)}
          >
            <kbd>{linkKey(index)}</kbd> <span aria-hidden="true">{linkIcon(link.kind)}</span> {link.label}
          </button>
          <button
            type="button"
            className="dd-link-show"
            aria-pressed={shown === index}
            aria-label={`${shown === index ? 'Hide' : 'Show'} ${link.label} on the audience screen`}
            title={`${shown === index ? 'Hide it from' : 'Show it on'} the audience screen (Shift+${linkKey(index)})`}
            onClick={() => void update({ link: shown === index ? null : index })}
          >
            📺
          </button>
        </span>
      ))}
    </nav>
  )
}
