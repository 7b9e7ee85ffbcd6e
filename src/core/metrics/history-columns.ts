/**
 * A run's history in the `runs:history` wire format (HistoryColumns): the
 * binary importers' typed columns as they are, or the row objects of the
 * text importers gathered into columns in one pass. The chart reads these
 * columns straight into typed arrays (core/series/values.ts columnsFromWire).
 */
import type { HistoryColumns, HistoryRow } from '../../shared/types'
import type { ImportedRun } from './types'

/** Columns of rows sorted by `_step` (W&B row format): one array per key, null where a row lacks it. */
export function columnsFromRows(rows: readonly HistoryRow[]): HistoryColumns {
  const n = rows.length
  const steps = new Array<number>(n)
  const columns: HistoryColumns['columns'] = {}
  for (let r = 0; r < n; r++) {
    const row = rows[r]!
    const step = row['_step']
    steps[r] = typeof step === 'number' ? step : r
    for (const key in row) {
      if (key === '_step') continue
      let col = columns[key]
      if (!col) columns[key] = col = new Array<number | string | null>(n).fill(null)
      col[r] = row[key] ?? null
    }
  }
  return { steps, columns }
}

/** The history of an imported run as wire columns. */
export function historyColumns(run: Pick<ImportedRun, 'rows' | 'table'>): HistoryColumns {
  return run.table ? run.table.columns() : columnsFromRows(run.rows)
}
