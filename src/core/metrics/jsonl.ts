/**
 * JSON Lines history (one W&B-style row object per line, as wandb's
 * `run.history()` or our own `history.jsonl` writes them). Lines that are not
 * JSON objects become warnings; bare NaN/Infinity and the wire strings
 * "NaN"/"Infinity"/"-Infinity" are both read as non-finite numbers. Nested
 * objects flatten with "." (W&B's own key style); media/histogram objects
 * (`_type`) and text are not metrics and are skipped.
 */
import type { HistoryRow, Problem } from '../../shared/types'
import { lastValues } from './csv'
import { parseTolerantJson } from './tolerant-json'
import { MetricsFormatError, problem, RowMerger, wireNumber, type ImportedRun } from './types'

const MAX_WARNINGS = 30

/** A metric value from a JSON value: numbers and the non-finite wire strings; undefined otherwise. */
export function jsonMetric(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (value === 'NaN') return NaN
  if (value === 'Infinity') return Infinity
  if (value === '-Infinity') return -Infinity
  return undefined
}

function flattenInto(row: HistoryRow, prefix: string, obj: Record<string, unknown>, metrics: Set<string>): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix + k
    const n = jsonMetric(v)
    if (n !== undefined) {
      row[key] = wireNumber(n)
      if (!key.startsWith('_')) metrics.add(key)
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && !('_type' in v)) {
      flattenInto(row, key + '.', v as Record<string, unknown>, metrics)
    }
  }
}

/**
 * Parses JSONL history text. The step is `_step` (or `step`), else the line's
 * index among rows. Throws MetricsFormatError when no line is a JSON object.
 */
export function parseJsonl(text: string, name: string, source: ImportedRun['source'] = 'jsonl'): ImportedRun {
  const warnings: Problem[] = []
  const warn = (message: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(problem('jsonl/bad-line', message))
    else if (warnings.length === MAX_WARNINGS) warnings.push(problem('jsonl/bad-line', 'More bad lines were not listed.'))
  }
  const merger = new RowMerger()
  const metrics = new Set<string>()
  let good = 0
  let bad = 0
  let index = 0
  let lineNo = 0
  let start = 0
  const len = text.length
  while (start <= len) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = len
    lineNo++
    const line = text.slice(start, end).trim()
    start = end + 1
    if (line === '') {
      if (end === len) break
      continue
    }
    let obj: unknown
    try {
      obj = parseTolerantJson(line)
    } catch {
      bad++
      warn(`Line ${lineNo} is not valid JSON${end === len ? ' (the file may be cut off)' : ''}; skipped.`)
      continue
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      bad++
      warn(`Line ${lineNo} is not a JSON object; skipped.`)
      continue
    }
    good++
    const rec = obj as Record<string, unknown>
    const stepKey = '_step' in rec ? '_step' : 'step' in rec ? 'step' : null
    const stepValue = stepKey ? jsonMetric(rec[stepKey]) : undefined
    const step = stepValue !== undefined && Number.isFinite(stepValue) ? stepValue : index
    index++
    const row = merger.row(step)
    // The step key is the x axis, not a metric (a plain CSV's step column is not one either).
    const { [stepKey ?? '_step']: _x, ...values } = rec
    flattenInto(row, '', values, metrics)
    row['_step'] = step
  }
  if (good === 0) {
    throw new MetricsFormatError(
      bad === 0 ? `${name} is empty: no history rows.` : `${name} is not JSON Lines: none of its ${bad} lines is a JSON object.`
    )
  }
  const rows = merger.finish()
  // Summary as W&B keeps it (and as the CSV importer gives it): the last value of each key.
  return { name, source, rows, metrics: [...metrics], config: {}, summary: lastValues(rows), warnings }
}
