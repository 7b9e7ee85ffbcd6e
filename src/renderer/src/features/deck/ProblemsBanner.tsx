/**
 * Problems found in the deck (bad front matter, unknown directive, non-UTF-8
 * file, …) in a small banner the speaker can expand or hide; the slides keep
 * working underneath.
 */
import { useState } from 'react'
import type { Deck } from '../../../../shared/types'

export function ProblemsBanner({ deck, defaultOpen = false }: { deck: Deck; defaultOpen?: boolean }): React.JSX.Element | null {
  const [open, setOpen] = useState(defaultOpen)
  const [hiddenRevision, setHiddenRevision] = useState<number | null>(null)
  const problems = [...deck.errors, ...deck.warnings]
  if (problems.length === 0 || hiddenRevision === deck.revision) return null
  return (
    <aside className={`dd-problems ${open ? 'open' : ''}`} role="status" aria-label="Deck problems" data-testid="deck-problems">
      <div className="dd-problems-head">
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
          ⚠ {problems.length} {problems.length === 1 ? 'problem' : 'problems'} in this deck
        </button>
        <button type="button" aria-label="Hide problems" onClick={() => setHiddenRevision(deck.revision)}>
          ×
        </button>
      </div>
      {open ? (
        <ul>
          {problems.map((problem, i) => (
            <li key={i} data-code={problem.code}>
              {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  )
}
