/**
 * The common result of every metric importer (.wandb, W&B run folder,
 * tfevents, W&B CSV exports, plain CSV, JSONL). Importers are pure: bytes or
 * strings in, an `ImportedRun` out. They never throw on a bad record (each one
 * becomes a warning and the rest is kept); only input that is not the format at
 * all throws a `MetricsFormatError`.
 */
import type { HistoryRow, Problem, RunSource } from '../../shared/types'
import type { HistoryTable } from './history-table'

/** One training run as read from a file or folder. */
export interface ImportedRun {
  /** Human name (W&B display name, file or folder name). */
  name: string
  source: RunSource
  /** The source's own run id when it has one (W&B 8-char id). */
  runId?: string
  entity?: string
  project?: string
  group?: string
  /** 'finished' | 'crashed' | 'failed' | 'running' … when the source says. */
  state?: string
  /** W&B run path `entity/project/runId` when the run came from W&B. */
  path?: string
  tags?: string[]
  /** ISO time the run started, when known. */
  createdAt?: string
  /**
   * History in W&B's row format, sorted by `_step`. Non-finite numbers are the
   * strings 'NaN' | 'Infinity' | '-Infinity' (the wire format), never JS NaN.
   */
  rows: HistoryRow[]
  /**
   * The binary importers' columnar history; when present, `rows` is a lazy
   * view of it and charts get its columns without any row being built (history-columns.ts).
   */
  table?: HistoryTable
  /** Numeric metric keys (not starting with `_`) in first-seen order. */
  metrics: string[]
  config: Record<string, unknown>
  summary: Record<string, unknown>
  warnings: Problem[]
}

/** Thrown when the input is not the expected format at all (wrong magic, not CSV, …). */
export class MetricsFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MetricsFormatError'
  }
}

/** Builds a warning; `file` is filled in by the caller that knows the path. */
export function problem(code: string, message: string, file?: string): Problem {
  return file === undefined ? { code, message } : { code, message, file }
}

/** Turns a number into its wire form: finite numbers stay, others become 'NaN' | 'Infinity' | '-Infinity'. */
export function wireNumber(n: number): number | string {
  if (Number.isFinite(n)) return n
  return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity'
}

/** Deep copy of a JSON-like value with non-finite numbers replaced by their wire strings. */
export function wireValue(value: unknown): unknown {
  if (typeof value === 'number') return wireNumber(value)
  if (Array.isArray(value)) return value.map(wireValue)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = wireValue(v)
    return out
  }
  return value
}

/**
 * Rows keyed by step, merged: later values for the same key at the same step win.
 * O(1) per value; consecutive values at the same step skip the map. `finish()`
 * sorts only when steps arrived out of order.
 */
export class RowMerger {
  private readonly byStep = new Map<number, HistoryRow>()
  private readonly order: HistoryRow[] = []
  private lastStep = NaN
  private lastRow: HistoryRow | null = null
  private sorted = true

  /** The row for `step`, created on first use. */
  row(step: number): HistoryRow {
    if (step === this.lastStep && this.lastRow) return this.lastRow
    let row = this.byStep.get(step)
    if (!row) {
      row = { _step: step }
      if (step < this.lastStep || (this.order.length > 0 && step < (this.order[this.order.length - 1]!['_step'] as number))) this.sorted = false
      this.byStep.set(step, row)
      this.order.push(row)
    }
    this.lastStep = step
    this.lastRow = row
    return row
  }

  get size(): number {
    return this.byStep.size
  }

  /** All rows sorted by step. */
  finish(): HistoryRow[] {
    return this.sorted ? this.order : this.order.sort((a, b) => (a['_step'] as number) - (b['_step'] as number))
  }
}
