/**
 * The presenter's Q&A view, shown once the questions have started: the Q&A
 * countdown, the project links (keys 1–9) and every slide as a tile with a
 * letter key, so "can you show the model card again?" is one key away. The
 * jump moves every window, as any presenter navigation does.
 */
import { useEffect } from 'react'
import type { Deck, SyncState } from '../../../../shared/types'
import { formatClock } from '../../../../core/deck/durations'
import { linkKey } from '../../../../core/project/links'
import { isTypingTarget } from '../../lib/keys'
import { linkIcon, openLink } from './open-link'
import { SLIDE_KEYS, slideIndexFromKey } from './presenter-keys'
import './presenter-project.css'

interface Props {
  deck: Deck
  sync: SyncState
  /** Seconds left of the Q&A (negative when over). */
  qaRemainingSec: number
  goTo: (slide: number) => void
}

const DIRECTIVE_LABELS: Record<string, string> = {
  demo: 'live demo',
  'model-card': 'model card',
  chart: 'chart',
  checklist: 'checklist',
  code: 'code',
  tree: 'tree'
}

export function QaPanel({ deck, sync, qaRemainingSec, goTo }: Props): React.JSX.Element {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return
      const index = slideIndexFromKey(event.key)
      if (index === null || index >= deck.slides.length) return
      event.preventDefault()
      goTo(index)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [deck.slides.length, goTo])

  const links = deck.links ?? []
  const over = qaRemainingSec < 0
  return (
    <section className="dd-qa" aria-label="Q&A" data-testid="qa-view">
      <header className="dd-qa-head">
        <h2>Questions</h2>
        <span className={`dd-qa-clock${over ? ' over' : qaRemainingSec <= 60 ? ' last-minute' : ''}`} data-testid="qa-view-remaining">
          {formatClock(Math.ceil(qaRemainingSec - 1e-9))} {sync.qa.status === 'paused' ? 'paused' : 'left'}
        </span>
      </header>
      {links.length > 0 ? (
        <div className="dd-qa-links">
          {links.map((link, index) => (
            <button key={`${index}-${link.url}`} type="button" onClick={() => openLink(link.url)} title={link.url}>
              <kbd>{linkKey(index)}</kbd> <span aria-hidden="true">{linkIcon(link.kind)}</span> {link.label}
            </button>
          ))}
        </div>
      ) : (
        <p className="dd-muted">Add `links:` to the front matter (repository, W&amp;B, the deployed API) to open them here with one key.</p>
      )}
      <ol className="dd-qa-slides" aria-label="Jump to a slide">
        {deck.slides.map((slide) => {
          const key = SLIDE_KEYS[slide.index]
          const kinds = [...new Set(slide.directives.map((d) => DIRECTIVE_LABELS[d.name]).filter(Boolean))]
          return (
            <li key={slide.index}>
              <button
                type="button"
                className={slide.index === sync.slide ? 'current' : undefined}
                aria-current={slide.index === sync.slide ? 'true' : undefined}
                onClick={() => goTo(slide.index)}
                aria-keyshortcuts={key}
                data-testid="qa-slide"
              >
                {key ? <kbd>{key.toUpperCase()}</kbd> : <kbd className="dd-kbd-none">·</kbd>}
                <span className="dd-qa-slide-title">{slide.title}</span>
                {kinds.length > 0 ? <span className="dd-qa-slide-kinds">{kinds.join(' · ')}</span> : null}
              </button>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
