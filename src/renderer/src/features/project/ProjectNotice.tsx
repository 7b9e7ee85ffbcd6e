/**
 * The notice a project directive shows instead of its content: what is wrong and what to write, for the
 * presenter (and the audience screen in rehearsal mode); the audience reads a calm neutral line instead of
 * the reason or a blank area (see [Note: audience-screen hygiene] in features/presenter/TalkControls.tsx).
 */

/** What the audience reads where a project directive cannot show its file. */
const AUDIENCE_LINE: Record<string, string> = {
  code: 'The code excerpt is not available right now.',
  checklist: 'The project checklist is not available right now.',
  tree: 'The project layout is not available right now.'
}

/** The presenter's notice and the audience's calm line for a project directive that cannot show its file. */
export function ProjectNotice({ directive, children }: { directive: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <>
      <div className="dd-notice dd-notice-warning dd-project-notice" role="note" data-testid="project-notice" data-diagnostic="">
        <strong>::{directive}</strong> {children}
      </div>
      <div className="dm-audience-only dd-project-unavailable dd-muted" data-testid="project-unavailable">
        {AUDIENCE_LINE[directive] ?? 'This part of the slide is not available right now.'}
      </div>
    </>
  )
}
