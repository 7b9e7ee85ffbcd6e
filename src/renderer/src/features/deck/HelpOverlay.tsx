/** The `?` overlay: every keyboard shortcut of the audience and presenter windows. */
export const SHORTCUTS: Array<[string, string]> = [
  ['→  Space  PageDown  N', 'Next step (fragment or slide)'],
  ['←  Shift+Space  PageUp  P', 'Previous step'],
  ['Home / End', 'First / last slide'],
  ['F', 'Full screen'],
  ['B  or  .', 'Black out the screen (again to return)'],
  ['O  or  Esc', 'Slide overview'],
  ['?', 'This help'],
  ['Presenter: T', 'Start / pause the talk clock'],
  ['Presenter: Q', 'Start the Q&A countdown']
]

export function HelpOverlay({ onClose }: { onClose: () => void }): React.JSX.Element {
  return (
    <div className="dd-help" role="dialog" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="dd-help-panel" onClick={(event) => event.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, action]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={onClose}>
          Close (Esc)
        </button>
      </div>
    </div>
  )
}
