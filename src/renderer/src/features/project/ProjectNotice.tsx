/** The notice a project directive shows instead of a blank slide: what is wrong and what to write. */
export function ProjectNotice({ directive, children }: { directive: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="dd-notice dd-notice-warning dd-project-notice" role="note" data-testid="project-notice" data-diagnostic="">
      <strong>::{directive}</strong> {children}
    </div>
  )
}
