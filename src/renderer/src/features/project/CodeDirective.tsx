/**
 * `::code{src="../src/models/train_model.py" lines="12-40" highlight="15-17|20"}`:
 * lines of a file of the project, read by the host and shown like a fenced
 * block (highlighted, numbered with the file's own line numbers, steps
 * through `highlight` ranges). Saving the file updates the slide.
 */
import { api } from '../../lib/api'
import type { DirectiveProps } from '../deck/directive-types'
import { CodeBlock } from '../deck/code/CodeBlock'
import { ProjectNotice } from './ProjectNotice'
import { useProjectData } from './use-project-data'
import './project.css'

/** The `::code` directive component. */
export default function CodeDirective({ attributes }: DirectiveProps): React.JSX.Element {
  const src = attributes.src ?? ''
  const lines = attributes.lines
  const state = useProjectData(`${src}\n${lines ?? ''}`, () => api['project:code']({ src, ...(lines ? { lines } : {}) }))
  if (!src) return <ProjectNotice directive="code">needs a file, e.g. {'::code{src="../src/models/train_model.py" lines="12-40"}'}.</ProjectNotice>
  if (state.status === 'loading') return <div className="dd-project-loading">Reading {src}…</div>
  if (state.status === 'error')
    return (
      <ProjectNotice directive="code">
        cannot show {src}: {state.message}
      </ProjectNotice>
    )
  const code = state.data
  const text = dedent(code.text)
  const meta = [attributes.highlight ? `{${attributes.highlight}}` : '', attributes.numbers === 'false' ? 'nonumbers' : ''].join(' ').trim()
  const caption = (
    <>
      <span className="dd-code-file">{code.file}</span>
      <span className="dd-muted">
        {' '}
        · {code.from === 1 && code.to === code.totalLines ? `${code.totalLines} lines` : `lines ${code.from}–${code.to} of ${code.totalLines}`}
      </span>
    </>
  )
  return (
    <div className="dd-project-code" data-testid="project-code">
      <CodeBlock code={text} lang={attributes.lang ?? code.language} meta={meta || undefined} startLine={code.from} caption={caption} />
      {code.omittedLines > 0 ? (
        <div className="dd-muted dd-project-footnote">… {code.omittedLines} more lines not shown (at most 300 per slide).</div>
      ) : null}
    </div>
  )
}

/** Removes the indentation every non-blank line shares (an excerpt from inside a function reads from the left edge). */
export function dedent(text: string): string {
  const lines = text.split('\n')
  let common: string | null = null
  for (const line of lines) {
    if (line.trim() === '') continue
    const indent = /^[ \t]*/.exec(line)![0]
    if (common === null || indent.length < common.length) common = indent
    if (common === '') return text
  }
  if (!common) return text
  const cut = common.length
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(cut))).join('\n')
}
