/**
 * CSV importers: W&B's "Export panel data" (a `Step` column, then
 * `<run> - <metric>` with `__MIN`/`__MAX` companions, one run per `<run>`),
 * W&B's runs-table export (one row per run: Name, meta, config, summary), and
 * plain CSV with a header row (the step from a step/_step/epoch/iteration column
 * or the row index). Rows are split by papaparse (quoting, delimiter
 * detection: a ';' CSV from a European Excel, with decimal commas, reads
 * too); cells are read with `fastNumber`, kept on purpose: papaparse's
 * dynamicTyping is a regex plus parseFloat per cell and knows no NaN/inf.
 */
import Papa from 'papaparse'
import type { HistoryRow, Problem } from '../../shared/types'
import { fastNumber } from './tolerant-json'
import { MetricsFormatError, problem, RowMerger, wireNumber, type ImportedRun } from './types'

const MAX_WARNINGS = 30

/** CSV text split into rows of cells, with the delimiter it uses. */
export interface CsvTable {
  rows: string[][]
  /** ',' ';' '\t' or '|': detected from the text (European Excel writes ';'). */
  delimiter: string
}

/**
 * Splits CSV text into rows of cells with papaparse (RFC 4180 quoting, CRLF/LF,
 * a missing final newline; the delimiter detected among , ; tab and |).
 * Cells stay strings: numbers are read by `csvNumber`. A leading BOM and
 * blank lines are dropped.
 */
export function readCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const result = Papa.parse<string[]>(body, { delimiter: '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: true })
  return { rows: result.data, delimiter: result.meta.delimiter }
}

/** The rows of cells of CSV text (see `readCsv`). */
export function parseCsvRows(text: string): string[][] {
  return readCsv(text).rows
}

/** A decimal written with a comma, as European spreadsheets do ("0,25", "-1,5e-3"). */
const DECIMAL_COMMA = /^\s*[-+]?\d*,\d+(?:[eE][-+]?\d+)?\s*$/

/** Rows with decimal commas turned into points: only for ';'-separated files, where a comma cannot be the delimiter. */
function withDecimalPoints(rows: string[][]): string[][] {
  return rows.map((cells) => cells.map((c) => (DECIMAL_COMMA.test(c) ? c.replace(',', '.') : c)))
}

/** A number from a CSV cell (also NaN/±Infinity/inf/nan), undefined for blanks and text. */
export function csvNumber(cell: string): number | undefined {
  const s = cell.trim()
  if (s === '') return undefined
  const n = fastNumber(s)
  if (n !== undefined) return n
  const lower = s.toLowerCase()
  if (lower === 'nan') return NaN
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity
  if (lower === '-inf' || lower === '-infinity') return -Infinity
  if (s[0] === '+') return fastNumber(s.slice(1))
  return undefined
}

const CHART_COLUMN = /^(.+) - (.+?)(__MIN|__MAX)?$/
/** Columns of W&B's runs table that describe the run, not its config or summary. */
const RUN_TABLE_META = new Set(
  [
    'Name',
    'Created',
    'Runtime',
    'GitHub',
    'End Time',
    'Hostname',
    'ID',
    'Notes',
    'GPU Type',
    'GPU Count',
    'State',
    'Updated',
    'Tags',
    'User',
    'Sweep',
    'Group',
    'Job Type',
    'Commit',
    'Command',
    'Description',
    'Heartbeat',
    'OS',
    'Python',
    'Project',
    'Entity',
    'Host',
    'CPU Count',
    'Run Time',
    'Job'
  ].map((s) => s.toLowerCase())
)

/** True when the header is a W&B panel export: x column then `<run> - <metric>` columns. */
export function isWandbChartHeader(header: string[]): boolean {
  return header.length >= 2 && header.slice(1).every((h) => CHART_COLUMN.test(h))
}

/** True when the header is W&B's runs-table export. */
export function isWandbRunsTableHeader(header: string[]): boolean {
  if (header[0] !== 'Name') return false
  const lower = header.map((h) => h.toLowerCase())
  return ['state', 'created', 'runtime', 'id'].filter((k) => lower.includes(k)).length >= 2
}

/**
 * Reads any CSV we know: W&B panel export → one run per `<run>`; runs-table
 * export → one run per row (config + summary, no history); else plain CSV → one run.
 * `name` is the file name without extension (used for plain CSV).
 */
export function parseCsvFile(text: string, name: string): ImportedRun[] {
  const table = readCsv(text)
  const rows = table.delimiter === ';' ? withDecimalPoints(table.rows) : table.rows
  if (rows.length === 0) throw new MetricsFormatError(`${name} is empty: a CSV needs a header row.`)
  if (text.includes('\u0000')) throw new MetricsFormatError(`${name} is not a text CSV file (it contains binary bytes).`)
  const header = rows[0]!.map((h) => h.trim())
  if (isWandbChartHeader(header)) return wandbChart(header, rows.slice(1))
  if (isWandbRunsTableHeader(header)) return wandbRunsTable(header, rows.slice(1))
  return [plainCsv(header, rows.slice(1), name)]
}

function warner(warnings: Problem[], code: string): (message: string) => void {
  return (message) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(problem(code, message))
    else if (warnings.length === MAX_WARNINGS) warnings.push(problem(code, 'More problems in this file were not listed.'))
  }
}

const STEP_NAMES = ['_step', 'step', 'global_step', 'iteration', 'iter', 'epoch', 'Step']

function wandbChart(header: string[], body: string[][]): ImportedRun[] {
  const xName = header[0]!
  const xIsStep = STEP_NAMES.some((s) => s.toLowerCase() === xName.toLowerCase())
  const runs = new Map<string, { merger: RowMerger; metrics: Set<string>; warnings: Problem[] }>()
  const columns: Array<{ run: string; metric: string } | null> = header.map((h, i) => {
    if (i === 0) return null
    const m = CHART_COLUMN.exec(h)!
    if (m[3]) return null // __MIN/__MAX: bounds of a sampled bucket, not a series of their own
    if (!runs.has(m[1]!)) runs.set(m[1]!, { merger: new RowMerger(), metrics: new Set(), warnings: [] })
    return { run: m[1]!, metric: m[2]! }
  })
  const fileWarnings: Problem[] = []
  const warn = warner(fileWarnings, 'csv/bad-cell')
  body.forEach((cells, r) => {
    const line = r + 2
    let step = r
    if (xIsStep) {
      const x = csvNumber(cells[0] ?? '')
      if (x === undefined || !Number.isFinite(x)) {
        warn(`Line ${line}: the ${xName} cell "${cells[0] ?? ''}" is not a number; row skipped.`)
        return
      }
      step = x
    }
    for (let c = 1; c < header.length; c++) {
      const col = columns[c]
      if (!col) continue
      const cell = cells[c] ?? ''
      if (cell.trim() === '') continue // this run has no point here
      const v = csvNumber(cell)
      if (v === undefined) {
        warn(`Line ${line}: "${cell}" in column "${header[c]}" is not a number; cell skipped.`)
        continue
      }
      const run = runs.get(col.run)!
      const row = run.merger.row(step)
      if (!xIsStep) row[xName] = cells[0] !== undefined ? (csvNumber(cells[0]) ?? null) : null
      row[col.metric] = wireNumber(v)
      run.metrics.add(col.metric)
    }
  })
  return [...runs.entries()].map(([name, run]) => {
    const rows = run.merger.finish()
    return {
      name,
      source: 'wandb-csv' as const,
      rows,
      metrics: [...run.metrics],
      config: {},
      summary: lastValues(rows),
      warnings: [...fileWarnings]
    }
  })
}

/** Typed cell value: number, boolean, or the trimmed text; undefined for blank and "-". */
function cellValue(cell: string): unknown {
  const s = cell.trim()
  if (s === '' || s === '-') return undefined
  const n = csvNumber(s)
  if (n !== undefined) return wireNumber(n)
  if (s === 'true' || s === 'false') return s === 'true'
  return s
}

function wandbRunsTable(header: string[], body: string[][]): ImportedRun[] {
  const lower = header.map((h) => h.toLowerCase())
  const col = (name: string): number => lower.indexOf(name)
  const dataCols = header.map((_, i) => i).filter((i) => !RUN_TABLE_META.has(lower[i]!))
  // The export lists config columns before summary columns but does not mark the split: we take the
  // trailing block of all-numeric (or blank) columns as the summary. A config of only numbers therefore lands in summary.
  let split = dataCols.length
  while (split > 0) {
    const c = dataCols[split - 1]!
    const numeric = body.every((cells) => {
      const s = (cells[c] ?? '').trim()
      return s === '' || s === '-' || csvNumber(s) !== undefined
    })
    if (!numeric) break
    split--
  }
  const configCols = dataCols.slice(0, split)
  const summaryCols = dataCols.slice(split)
  return body.map((cells, r) => {
    const config: Record<string, unknown> = {}
    const summary: Record<string, unknown> = {}
    for (const c of configCols) {
      const v = cellValue(cells[c] ?? '')
      if (v !== undefined) config[header[c]!] = v
    }
    for (const c of summaryCols) {
      const v = cellValue(cells[c] ?? '')
      if (v !== undefined) summary[header[c]!] = v
    }
    const get = (name: string): string | undefined => {
      const i = col(name)
      const v = i >= 0 ? (cells[i] ?? '').trim() : ''
      return v && v !== '-' ? v : undefined
    }
    const run: ImportedRun = {
      name: get('name') ?? `run ${r + 1}`,
      source: 'wandb-csv',
      rows: [],
      metrics: [],
      config,
      summary,
      warnings: []
    }
    const id = get('id')
    if (id) run.runId = id
    const state = get('state')
    if (state) run.state = state
    const group = get('group') ?? get('sweep')
    if (group) run.group = group
    return run
  })
}

function plainCsv(header: string[], body: string[][], name: string): ImportedRun {
  if (header.every((h) => h === '')) throw new MetricsFormatError(`${name}: the first line must be a header row naming the columns.`)
  const warnings: Problem[] = []
  const warn = warner(warnings, 'csv/bad-cell')
  const lowered = header.map((h) => h.toLowerCase())
  let stepCol = -1
  for (const s of STEP_NAMES) {
    stepCol = lowered.indexOf(s.toLowerCase())
    if (stepCol >= 0) break
  }
  // Numeric columns: at least one number and no text other than blanks.
  const numeric = header.map((_, c) => {
    let seen = false
    for (const cells of body) {
      const s = (cells[c] ?? '').trim()
      if (s === '') continue
      if (csvNumber(s) === undefined) return false
      seen = true
    }
    return seen
  })
  const textCols = header.filter((h, c) => c !== stepCol && !numeric[c] && h !== '')
  if (!numeric.some((v, c) => v && c !== stepCol)) {
    throw new MetricsFormatError(`${name} has no numeric column, so there is nothing to chart (header: ${header.slice(0, 6).join(', ')}).`)
  }
  if (textCols.length > 0) {
    warnings.push(problem('csv/text-columns', `Columns with text were left out of the chart: ${textCols.slice(0, 8).join(', ')}.`))
  }
  const merger = new RowMerger()
  const metrics = new Set<string>()
  body.forEach((cells, r) => {
    const line = r + 2
    if (cells.length !== header.length) warn(`Line ${line} has ${cells.length} cells, the header ${header.length}; read what is there.`)
    let step = r
    if (stepCol >= 0) {
      const s = csvNumber(cells[stepCol] ?? '')
      if (s === undefined || !Number.isFinite(s)) {
        warn(`Line ${line}: the step "${cells[stepCol] ?? ''}" is not a number; row skipped.`)
        return
      }
      step = s
    }
    const row = merger.row(step)
    for (let c = 0; c < header.length; c++) {
      if (c === stepCol || !numeric[c]) continue
      const v = csvNumber(cells[c] ?? '')
      if (v === undefined) continue
      const key = header[c]!
      row[key] = wireNumber(v)
      if (!key.startsWith('_')) metrics.add(key)
    }
  })
  const rows = merger.finish()
  return { name, source: 'csv', rows, metrics: [...metrics], config: {}, summary: lastValues(rows), warnings }
}

/** Summary as W&B keeps it: the last value of each key. */
export function lastValues(rows: HistoryRow[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const row of rows) for (const key in row) out[key] = row[key]
  return out
}
