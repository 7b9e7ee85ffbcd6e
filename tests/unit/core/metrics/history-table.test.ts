import { describe, expect, it } from 'vitest'
import { columnsFromRows, historyColumns } from '../../../../src/core/metrics/history-columns'
import { HistoryTable } from '../../../../src/core/metrics/history-table'
import { RowMerger, wireNumber } from '../../../../src/core/metrics/types'
import { columnsFromWire, extractColumns } from '../../../../src/core/series/values'

/** The same random writes into a HistoryTable and a RowMerger (the object-per-row reference). */
function both(seed: number): { table: HistoryTable; rows: ReturnType<RowMerger['finish']> } {
  let x = seed
  const rand = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648
  const table = new HistoryTable()
  const merger = new RowMerger()
  const keys = ['loss', 'acc', '_runtime', 'val/loss']
  for (let i = 0; i < 3000; i++) {
    // Mostly increasing steps, sometimes revisiting or going back (merged files, restarts).
    const step = rand() < 0.9 ? i : Math.floor(rand() * i)
    const key = keys[Math.floor(rand() * keys.length)]!
    const value = rand() < 0.02 ? NaN : rand() < 0.01 ? -Infinity : rand()
    table.set(table.rowIndex(step), key, value)
    merger.row(step)[key] = wireNumber(value)
  }
  return { table, rows: merger.finish() }
}

describe('HistoryTable', () => {
  it('builds the same rows as the object-per-row merger, sorted by step, with wire strings', () => {
    for (const seed of [1, 2, 3]) {
      const { table, rows } = both(seed)
      expect(table.length).toBe(rows.length)
      expect(table.rows()).toEqual(rows)
    }
  })

  it('sends its columns as they are: the same wire columns as the rows would give, no row built', () => {
    const { table, rows } = both(7)
    const wire = table.columns()
    expect(wire).toEqual(columnsFromRows(rows))
    expect(historyColumns({ rows: [], table })).toEqual(wire)
    // The chart reads the wire columns into the same typed columns as it would read from the rows.
    const column = columnsFromWire(JSON.parse(JSON.stringify(wire)))
    const fromRows = extractColumns(rows, ['_step', 'loss', 'val/loss', 'missing'])
    for (const key of ['_step', 'loss', 'val/loss', 'missing']) expect(column(key)).toEqual(fromRows.get(key))
  })

  it('lastValues() gives the last value of each key by step', () => {
    const t = new HistoryTable()
    t.set(t.rowIndex(5), 'a', 1)
    t.set(t.rowIndex(2), 'a', 9)
    t.set(t.rowIndex(2), 'b', NaN)
    expect(t.lastValues()).toEqual({ _step: 5, a: 1, b: 'NaN' })
  })
})
