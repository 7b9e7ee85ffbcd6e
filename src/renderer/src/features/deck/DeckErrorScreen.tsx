/** Shown instead of slides when the deck cannot show any (no slides/ folder, empty deck). */
import type { Deck } from '../../../../shared/types'

export function DeckErrorScreen({ deck }: { deck: Deck }): React.JSX.Element {
  const problems = deck.errors.length > 0 ? deck.errors : deck.warnings
  return (
    <main className="dd-error-screen" role="alert" data-testid="deck-error">
      <h1>This deck cannot be shown yet</h1>
      <ul>
        {problems.map((problem, i) => (
          <li key={i}>{problem.message}</li>
        ))}
      </ul>
      <p className="dd-muted">
        Deck folder: <code>{deck.root}</code>. demodeck reloads by itself when you fix the files.
      </p>
    </main>
  )
}
