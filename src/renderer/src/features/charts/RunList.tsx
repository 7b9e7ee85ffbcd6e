/**
 * The /runs page's run list: a filter by name, Select all / none (of what
 * the filter shows), and runs grouped by the file they came from, so a W&B
 * runs-table export with 176 runs is one collapsible group with one checkbox
 * instead of 176 rows to untick. Runs with no history (a runs-table export
 * holds only config and summary) say so.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RunInfo, RunSource } from '../../../../shared/types'
import { groupRunsByFile } from './run-groups'

const SOURCE_LABELS: Record<RunSource, string> = {
  wandb: 'W&B',
  'wandb-file': '.wandb',
  tensorboard: 'TensorBoard',
  csv: 'CSV',
  jsonl: 'JSONL',
  'wandb-csv': 'W&B CSV',
  example: 'example'
}

/** Groups of more runs than this start collapsed. */
const OPEN_GROUP_MAX = 8

/** Props of {@link RunList}. */
export interface RunListProps {
  runs: readonly RunInfo[]
  selected: ReadonlySet<string>
  onChange: (next: Set<string>) => void
}

/** The list. */
export function RunList({ runs, selected, onChange }: RunListProps): React.JSX.Element {
  const [filter, setFilter] = useState('')
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase()
    return f
      ? runs.filter((r) => r.name.toLowerCase().includes(f) || r.id.toLowerCase().includes(f) || (r.group ?? '').toLowerCase().includes(f))
      : runs
  }, [runs, filter])
  const groups = useMemo(() => groupRunsByFile(shown), [shown])
  const setMany = (ids: readonly string[], on: boolean): void => {
    const next = new Set(selected)
    for (const id of ids) {
      if (on) next.add(id)
      else next.delete(id)
    }
    onChange(next)
  }
  const shownIds = shown.map((r) => r.id)
  const filtered = shown.length !== runs.length

  return (
    <div className="dd-run-picker">
      <div className="dd-run-tools">
        <input type="search" aria-label="Filter runs by name" placeholder="Filter runs…" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" onClick={() => setMany(shownIds, true)} disabled={shown.length === 0}>
          {filtered ? 'Select shown' : 'Select all'}
        </button>
        <button type="button" onClick={() => setMany(shownIds, false)} disabled={shown.length === 0}>
          {filtered ? 'Clear shown' : 'Select none'}
        </button>
      </div>
      <p className="dd-run-count" aria-live="polite">
        {selected.size} of {runs.length} runs selected{filtered ? ` · ${shown.length} match “${filter.trim()}”` : ''}
      </p>
      <ul className="dd-run-list" data-testid="run-list">
        {groups.map((g) =>
          g.kind === 'run' ? (
            <RunRow key={g.run.id} run={g.run} checked={selected.has(g.run.id)} onToggle={(on) => setMany([g.run.id], on)} />
          ) : (
            <FileGroup key={g.file} file={g.file} runs={g.runs} selected={selected} setMany={setMany} forceOpen={filtered} />
          )
        )}
      </ul>
      {filtered && shown.length === 0 && <p className="dd-muted">No run matches “{filter.trim()}”.</p>}
    </div>
  )
}

function RunRow({ run, checked, onToggle }: { run: RunInfo; checked: boolean; onToggle: (on: boolean) => void }): React.JSX.Element {
  return (
    <li>
      <label title={run.id}>
        <input type="checkbox" checked={checked} onChange={(e) => onToggle(e.target.checked)} />
        <span className="dd-run-name">{run.name}</span>
        <span className={`dd-badge dd-badge-${run.source}`}>{SOURCE_LABELS[run.source] ?? run.source}</span>
      </label>
      <div className="dd-run-meta">
        {run.group ? `${run.group} · ` : ''}
        {run.steps > 0 ? `${run.steps} rows` : 'summary only, no history'}
        {run.state ? ` · ${run.state}` : ''}
        {run.warnings.length > 0 ? ` · ${run.warnings.length} warning(s)` : ''}
        {run.url ? (
          <>
            {' · '}
            <a href={run.url} target="_blank" rel="noreferrer" data-testid="run-wandb-link" title={run.url}>
              W&amp;B ↗
            </a>
          </>
        ) : null}
      </div>
    </li>
  )
}

/** One file's runs behind a group checkbox (checked, unchecked or mixed). */
function FileGroup(props: {
  file: string
  runs: RunInfo[]
  selected: ReadonlySet<string>
  setMany: (ids: readonly string[], on: boolean) => void
  forceOpen: boolean
}): React.JSX.Element {
  const { file, runs, selected, setMany } = props
  const box = useRef<HTMLInputElement>(null)
  const on = runs.filter((r) => selected.has(r.id)).length
  useEffect(() => {
    if (box.current) box.current.indeterminate = on > 0 && on < runs.length
  }, [on, runs.length])
  const noHistory = runs.every((r) => r.steps === 0)
  const name = file.split('/').pop() ?? file
  const [expanded, setExpanded] = useState(runs.length <= OPEN_GROUP_MAX)
  const open = expanded || props.forceOpen
  return (
    <li className="dd-run-group" data-testid="run-group">
      <label title={file}>
        <input
          ref={box}
          type="checkbox"
          aria-label={`All ${runs.length} runs of ${name}`}
          checked={on === runs.length}
          onChange={(e) =>
            setMany(
              runs.map((r) => r.id),
              e.target.checked
            )
          }
        />
        <span className="dd-run-name">{name}</span>
        <span className={`dd-badge dd-badge-${runs[0]!.source}`}>{SOURCE_LABELS[runs[0]!.source] ?? runs[0]!.source}</span>
      </label>
      <div className="dd-run-meta">
        <button type="button" className="dd-link-button" aria-expanded={open} onClick={() => setExpanded(!open)}>
          {open ? '▾' : '▸'} {runs.length} runs
        </button>
        {noHistory ? ' · summary only (no history)' : ''} · {on} selected
      </div>
      {open && (
        <ul>
          {runs.map((r) => (
            <RunRow key={r.id} run={r} checked={selected.has(r.id)} onToggle={(v) => setMany([r.id], v)} />
          ))}
        </ul>
      )}
    </li>
  )
}
