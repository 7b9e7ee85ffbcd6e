/**
 * `::checklist{src="../README.md"}`: the task lists of a project README (the
 * course's checklist) on one slide — a column per group where they fit, a
 * ticked count per group, one line per task (the whole text on hover), the
 * course module as a badge and links to evidence kept.
 * Attributes: `src` (required), `show="done"` or `show="open"` to list only
 * ticked or open tasks (counts stay complete), `groups="Week 1,Week 2"`.
 */
import { useMemo } from 'react'
import type { ChecklistGroup, ChecklistItem, ProjectChecklist } from '../../../../shared/types'
import { api } from '../../lib/api'
import type { DirectiveProps } from '../deck/directive-types'
import { ProjectNotice } from './ProjectNotice'
import { selectChecklistGroups } from '../../../../core/project/checklist-groups'
import { useProjectData } from './use-project-data'
import './project.css'

function ItemText({ item }: { item: ChecklistItem }): React.JSX.Element {
  return (
    <>
      {item.segments.map((segment, i) =>
        segment.href ? (
          <a key={i} href={segment.href} target="_blank" rel="noreferrer">
            {segment.text}
          </a>
        ) : segment.code ? (
          <code key={i}>{segment.text}</code>
        ) : (
          <span key={i}>{segment.text}</span>
        )
      )}
    </>
  )
}

function Group({ group, show }: { group: ChecklistGroup; show: string | undefined }): React.JSX.Element {
  const items = group.items.filter((item) => (show === 'done' ? item.checked : show === 'open' ? !item.checked : true))
  const share = group.total ? group.done / group.total : 0
  return (
    // A <div role="group">, not a <section>: reveal.js takes every <section> in a slide for a vertical slide of its
    // own (it positions it, and counts it in the slide number: "5 / 9" on a six-slide deck).
    <div role="group" className="dd-checklist-group" data-testid="checklist-group" aria-label={group.heading || 'Checklist'}>
      <h3>
        <span className="dd-checklist-heading">{group.heading || 'Checklist'}</span>
        <span className="dd-checklist-count" data-testid="checklist-count">
          {group.done}/{group.total}
        </span>
      </h3>
      <div className="dd-checklist-bar" aria-hidden="true">
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <ul>
        {items.map((item, i) => (
          <li
            key={i}
            className={`dd-checklist-item${item.checked ? ' done' : ''}`}
            style={item.depth ? { paddingLeft: `${item.depth * 1.1}em` } : undefined}
            title={item.segments.map((s) => s.text).join('')}
            data-checked={item.checked}
          >
            <span className="dd-checklist-box" aria-label={item.checked ? 'done' : 'not done'} role="img">
              {item.checked ? '✔' : ''}
            </span>
            <span className="dd-checklist-text">
              <ItemText item={item} />
            </span>
            {item.module ? <span className="dd-checklist-module">{item.module}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  )
}

function Checklist({ checklist, attributes }: { checklist: ProjectChecklist; attributes: Record<string, string> }): React.JSX.Element {
  const selected = useMemo(
    () => selectChecklistGroups(checklist.file, checklist.groups, attributes.groups),
    [checklist.file, checklist.groups, attributes.groups]
  )
  if ('problem' in selected) return <ProjectNotice directive="checklist">: {selected.problem}</ProjectNotice>
  const groups = selected.groups
  const done = groups.reduce((sum, group) => sum + group.done, 0)
  const total = groups.reduce((sum, group) => sum + group.total, 0)
  // Without columns="N", as many columns as the width holds (CSS column-width): one slide or half of one alike.
  const columns = Number(attributes.columns)
  const style = columns >= 1 && columns <= 6 ? { columnCount: Math.round(columns) } : undefined
  return (
    <div className="dd-checklist" data-testid="checklist" style={style}>
      <div className="dd-checklist-summary" data-testid="checklist-summary">
        {done} of {total} done · <span className="dd-muted">{checklist.file}</span>
        {checklist.omitted > 0 ? <span className="dd-muted"> · {checklist.omitted} more not shown</span> : null}
      </div>
      {groups.map((group, i) => (
        <Group key={`${group.heading}-${i}`} group={group} show={attributes.show} />
      ))}
    </div>
  )
}

/** The `::checklist` directive component. */
export default function ChecklistDirective({ attributes }: DirectiveProps): React.JSX.Element {
  const src = attributes.src ?? ''
  const state = useProjectData(src, () => api['project:checklist']({ src }))
  if (!src) return <ProjectNotice directive="checklist">needs the file with the task lists, e.g. {'::checklist{src="../README.md"}'}.</ProjectNotice>
  if (state.status === 'loading') return <div className="dd-project-loading">Reading {src}…</div>
  if (state.status === 'error')
    return (
      <ProjectNotice directive="checklist">
        cannot show {src}: {state.message}
      </ProjectNotice>
    )
  return <Checklist checklist={state.data} attributes={attributes} />
}
