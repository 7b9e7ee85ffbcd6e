/**
 * The presenter's inline "reset this clock?" question: a two-button group that
 * replaces the Reset… button, so a stray click never zeroes a running clock.
 */

/** Props of {@link ConfirmReset}. */
export interface ConfirmResetProps {
  /** The group's accessible name, e.g. "Confirm reset". */
  label: string
  /** The question shown, e.g. "Reset the talk clock to 6:00?". */
  question: string
  /** "Yes, reset": the caller closes the question and resets. */
  onReset: () => void
  /** "Keep": closes the question. */
  onKeep: () => void
}

/** "<question> [Yes, reset] [Keep]". */
export function ConfirmReset({ label, question, onReset, onKeep }: ConfirmResetProps): React.JSX.Element {
  return (
    <span className="dd-confirm" role="group" aria-label={label}>
      {question}{' '}
      <button type="button" className="danger" onClick={onReset}>
        Yes, reset
      </button>
      <button type="button" onClick={onKeep}>
        Keep
      </button>
    </span>
  )
}
