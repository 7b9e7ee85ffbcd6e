import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { RunInfo } from '../../../../../src/shared/types'
import { parseCsvFile } from '../../../../../src/core/metrics/csv'
import { defaultSelection, groupRunsByFile } from '../../../../../src/renderer/src/features/charts/run-groups'
import { summariseMissing } from '../../../../../src/renderer/src/features/charts/chart-lines'
import { hasReal, realPath, SKIP_REASON } from '../../../core/metrics/real-fixtures'

const run = (id: string, file: string | undefined, steps = 10): RunInfo => ({
  id,
  name: id,
  source: 'csv',
  metrics: steps > 0 ? ['loss'] : [],
  steps,
  config: {},
  summary: {},
  warnings: [],
  ...(file ? { file } : {})
})

describe('the run list', () => {
  it('gathers the runs of one file in one group, where the first of them was; single runs stay rows', () => {
    const runs = [run('a', 'runs/a'), run('t1', 'runs/table.csv', 0), run('b', 'runs/b'), run('t2', 'runs/table.csv', 0), run('c', undefined)]
    const groups = groupRunsByFile(runs)
    expect(groups.map((g) => (g.kind === 'run' ? g.run.id : `${g.file}: ${g.runs.map((r) => r.id).join(',')}`))).toEqual([
      'a',
      'runs/table.csv: t1,t2',
      'b',
      'c'
    ])
  })

  it('selects the runs with a history at first (summary-only runs have no curve)', () => {
    expect([...defaultSelection([run('a', 'x'), run('t1', 't', 0)])]).toEqual(['a'])
    // Only summary-only runs: select them (the table shows their summaries).
    expect([...defaultSelection([run('t1', 't', 0), run('t2', 't', 0)])]).toEqual(['t1', 't2'])
  })
})

describe('the "Not logged" caption', () => {
  it('stays short with hundreds of runs', () => {
    const runs = Array.from({ length: 193 }, (_, i) => run(`run-${i}`, 'runs/t.csv', 0))
    const text = summariseMissing(
      runs.flatMap((r, i) => [{ run: r, metric: 'train/loss' }, ...(i < 5 ? [{ run: r, metric: 'val/acc' }] : [])]),
      runs.length
    )
    expect(text).toBe('Not logged: train/loss in none of the 193 runs; val/acc in run-0, run-1, run-2 and 2 more runs.')
    expect(summariseMissing([{ run: runs[0]!, metric: 'val/acc' }], 2)).toBe('Not logged: val/acc in run-0.')
    expect(summariseMissing([], 2)).toBe('')
  })
})

describe.skipIf(!hasReal)(`a real W&B runs-table export (${SKIP_REASON})`, () => {
  it('is 176 summary-only runs of one file: one group, none selected at first beside a run with history', () => {
    const file = 'wandb-csv/tidiane-camaret__autoML_switch_opt/graphs/wandb_export_2022-11-30T16 44 19.974+01 00.csv'
    const imported = parseCsvFile(readFileSync(realPath(file), 'utf8'), 'export')
    expect(imported.length).toBe(176)
    const runs = [run('mine', 'runs/mine'), ...imported.map((r, i) => ({ ...run(`t${i}`, `runs/${file}`, r.rows.length), name: r.name }))]
    const groups = groupRunsByFile(runs)
    expect(groups.length).toBe(2)
    expect(groups[1]!.kind === 'file' && groups[1]!.runs.length).toBe(176)
    expect([...defaultSelection(runs)]).toEqual(['mine'])
  })
})
