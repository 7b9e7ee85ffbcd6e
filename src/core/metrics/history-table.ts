/**
 * Columnar history for the binary importers: one Float64Array per key plus a
 * presence mask, instead of one object per row. Storing a double in a plain
 * object allocates a heap number, and building ~600 k row objects per 100 MB
 * took more than half of the .wandb import time; columns take a typed-array
 * store. Charts get the columns as they are (`columns()`: the runs:history
 * wire format); rows (W&B row format) are built only when asked for.
 */
import type { HistoryColumns, HistoryRow } from '../../shared/types'
import { wireNumber } from './types'

interface Column {
  values: Float64Array
  has: Uint8Array
}

/** A growable step-indexed table of numeric columns. */
export class HistoryTable {
  private stepsArr = new Float64Array(1024)
  private n = 0
  private readonly cols = new Map<string, Column>()
  private readonly colOrder: string[] = []
  private byStep: Map<number, number> | null = null
  private lastStep = NaN
  private lastIdx = -1
  private maxStep = -Infinity
  private rowsCache: HistoryRow[] | null = null
  private orderCache: Int32Array | null = null

  /** Number of distinct steps. */
  get length(): number {
    return this.n
  }

  /** Index of the row for `step`, created on first use. Consecutive calls for one step are O(1). */
  rowIndex(step: number): number {
    if (step === this.lastStep) return this.lastIdx
    let idx: number | undefined
    if (step > this.maxStep) {
      idx = this.append(step)
    } else {
      // Out of order or revisited: index by step from now on.
      if (!this.byStep) {
        this.byStep = new Map()
        for (let i = 0; i < this.n; i++) this.byStep.set(this.stepsArr[i]!, i)
      }
      idx = this.byStep.get(step)
      if (idx === undefined) idx = this.append(step)
    }
    this.lastStep = step
    this.lastIdx = idx
    return idx
  }

  private append(step: number): number {
    if (this.n === this.stepsArr.length) this.grow()
    const idx = this.n++
    this.stepsArr[idx] = step
    if (step > this.maxStep) this.maxStep = step
    this.byStep?.set(step, idx)
    this.rowsCache = null
    this.orderCache = null
    return idx
  }

  private grow(): void {
    const cap = this.stepsArr.length * 2
    const s = new Float64Array(cap)
    s.set(this.stepsArr)
    this.stepsArr = s
    for (const col of this.cols.values()) {
      const v = new Float64Array(cap)
      v.set(col.values)
      const h = new Uint8Array(cap)
      h.set(col.has)
      col.values = v
      col.has = h
    }
  }

  /** Sets `key` at row `idx` (later values win). */
  set(idx: number, key: string, value: number): void {
    let col = this.cols.get(key)
    if (!col) {
      col = { values: new Float64Array(this.stepsArr.length), has: new Uint8Array(this.stepsArr.length) }
      this.cols.set(key, col)
      this.colOrder.push(key)
    }
    col.values[idx] = value
    col.has[idx] = 1
    this.rowsCache = null
  }

  /** The value of `key` at row `idx`, or undefined. */
  get(idx: number, key: string): number | undefined {
    const col = this.cols.get(key)
    return col && col.has[idx] ? col.values[idx] : undefined
  }

  /** Step of row `idx`. */
  stepAt(idx: number): number {
    return this.stepsArr[idx]!
  }

  /** The last value (by step) of every key, plus `_step` — W&B's summary of a history. */
  lastValues(): Record<string, number | string> {
    const out: Record<string, number | string> = {}
    const order = this.order()
    if (order.length === 0) return out
    out['_step'] = this.stepsArr[order[order.length - 1]!]!
    for (const key of this.colOrder) {
      const col = this.cols.get(key)!
      for (let r = order.length - 1; r >= 0; r--) {
        const i = order[r]!
        if (col.has[i]) {
          out[key] = wireNumber(col.values[i]!)
          break
        }
      }
    }
    return out
  }

  /** Keys in first-seen order. */
  keys(): string[] {
    return [...this.colOrder]
  }

  /** Row indices sorted by step. */
  private order(): Int32Array {
    if (this.orderCache) return this.orderCache
    const idx = new Int32Array(this.n)
    let sorted = true
    for (let i = 0; i < this.n; i++) {
      idx[i] = i
      if (i > 0 && this.stepsArr[i]! < this.stepsArr[i - 1]!) sorted = false
    }
    if (!sorted) idx.sort((a, b) => this.stepsArr[a]! - this.stepsArr[b]!)
    this.orderCache = idx
    return idx
  }

  private buildRow(i: number, keys: string[]): HistoryRow {
    const row: HistoryRow = { _step: this.stepsArr[i]! }
    for (const key of keys) {
      const col = this.cols.get(key)
      if (col && col.has[i]) row[key] = wireNumber(col.values[i]!)
    }
    return row
  }

  /** Every row, sorted by step, in W&B row format. Built once and cached. */
  rows(): HistoryRow[] {
    if (this.rowsCache) return this.rowsCache
    const order = this.order()
    const keys = this.colOrder
    const out: HistoryRow[] = new Array(order.length)
    for (let r = 0; r < order.length; r++) out[r] = this.buildRow(order[r]!, keys)
    this.rowsCache = out
    return out
  }

  /** The history as wire columns (see HistoryColumns), sorted by step, straight from the typed columns. */
  columns(): HistoryColumns {
    const order = this.order()
    const n = order.length
    const steps = new Array<number>(n)
    for (let r = 0; r < n; r++) steps[r] = this.stepsArr[order[r]!]!
    const columns: HistoryColumns['columns'] = {}
    for (const key of this.colOrder) {
      if (key === '_step') continue
      const col = this.cols.get(key)!
      const out = new Array<number | string | null>(n)
      for (let r = 0; r < n; r++) {
        const i = order[r]!
        const v = col.values[i]!
        out[r] = col.has[i] ? (v - v === 0 ? v : wireNumber(v)) : null
      }
      columns[key] = out
    }
    return { steps, columns }
  }
}

/** Gives `run.rows` as a lazy, cached view of `table` (rows are built on first access). */
export function attachTable<T extends { rows: HistoryRow[] }>(run: Omit<T, 'rows'>, table: HistoryTable): T & { table: HistoryTable } {
  Object.defineProperty(run, 'rows', { get: () => table.rows(), enumerable: true, configurable: true })
  Object.defineProperty(run, 'table', { value: table, enumerable: false, configurable: true })
  return run as T & { table: HistoryTable }
}
