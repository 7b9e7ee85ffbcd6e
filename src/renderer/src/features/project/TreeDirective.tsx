/**
 * `::tree{src=".." depth="2"}`: the project's folder structure (the course asks
 * whether the cookiecutter layout was used), without what .gitignore ignores,
 * folders past `depth` collapsed to a count, at most `max` entries.
 */
import { useMemo } from 'react'
import { api } from '../../lib/api'
import type { DirectiveProps } from '../deck/directive-types'
import { ProjectNotice } from './ProjectNotice'
import { treeLines } from './tree-lines'
import { useProjectData } from './use-project-data'
import './project.css'

function readInt(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined
  return Math.min(max, Math.max(min, Number(value)))
}

/** The `::tree` directive component. */
export default function TreeDirective({ attributes }: DirectiveProps): React.JSX.Element {
  const src = attributes.src ?? '.'
  const depth = readInt(attributes.depth, 0, 6)
  const max = readInt(attributes.max, 1, 500)
  const state = useProjectData(`${src}\n${depth}\n${max}`, () =>
    api['project:tree']({ src, ...(depth !== undefined ? { depth } : {}), ...(max !== undefined ? { max } : {}) })
  )
  const lines = useMemo(() => (state.status === 'ready' ? treeLines(state.data.entries) : []), [state])
  if (state.status === 'loading') return <div className="dd-project-loading">Reading {src}…</div>
  if (state.status === 'error')
    return (
      <ProjectNotice directive="tree">
        cannot show {src}: {state.message}
      </ProjectNotice>
    )
  const tree = state.data
  const columns = Math.min(3, Math.max(1, Number(attributes.columns) || Math.ceil(lines.length / 20)))
  return (
    <div className="dd-tree" data-testid="tree">
      <div className="dd-tree-root">{tree.name}/</div>
      <ul className="dd-tree-lines" style={{ columnCount: columns }}>
        {lines.map(({ prefix, entry }, i) => (
          <li key={i} className={entry.dir ? 'dd-tree-dir' : 'dd-tree-file'} data-testid="tree-entry" data-depth={entry.depth}>
            <span className="dd-tree-prefix">{prefix}</span>
            <span className="dd-tree-name">
              {entry.name}
              {entry.dir ? '/' : ''}
            </span>
            {entry.symlink ? <span className="dd-muted"> →</span> : null}
            {entry.collapsed !== undefined ? (
              <span className="dd-tree-collapsed">
                {entry.collapsed === 0 ? ' (empty)' : ` … ${entry.collapsed} item${entry.collapsed === 1 ? '' : 's'}`}
              </span>
            ) : null}
            {entry.unreadable ? <span className="dd-tree-collapsed"> (unreadable)</span> : null}
          </li>
        ))}
      </ul>
      {tree.entries.length === 0 ? <div className="dd-muted">(nothing to show: the folder is empty or everything in it is ignored)</div> : null}
      {tree.omitted > 0 || tree.ignored > 0 ? (
        <div className="dd-muted dd-project-footnote" data-testid="tree-footnote">
          {tree.omitted > 0 ? `… ${tree.omitted} more not shown` : ''}
          {tree.omitted > 0 && tree.ignored > 0 ? ' · ' : ''}
          {tree.ignored > 0 ? `${tree.ignored} ignored by .gitignore` : ''}
        </div>
      ) : null}
    </div>
  )
}
