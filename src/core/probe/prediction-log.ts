/**
 * The session's prediction log: every prediction the host answered (demo,
 * deployed endpoint, API), kept in memory up to a limit and exported as CSV
 * or JSON Lines — examiners' questions often start from "what did it say
 * for …". Pure: the host owns one instance and feeds it answers.
 */
import type { PredictInput, Prediction } from '../../shared/types'
import type { LabelScore, LoggedPrediction, LogSource, PredictionLogExport, PredictionLogPage, ProbeProblem } from '../../shared/probe-types'

/** Entries kept per session; older ones are dropped (and counted). */
export const LOG_LIMIT = 5000
/** Failed probe calls kept for the presenter. */
export const PROBLEM_LIMIT = 10
/** Longest text kept in an entry. */
export const LOG_TEXT_CHARS = 500

/** A short, readable description of an input for the log. */
export function summarizeInput(input: PredictInput): { kind: LoggedPrediction['inputKind']; summary: string } {
  if ('text' in input) {
    const text = input.text.length > LOG_TEXT_CHARS ? `${input.text.slice(0, LOG_TEXT_CHARS)}…` : input.text
    return { kind: 'text', summary: text }
  }
  if ('image' in input) return { kind: 'image', summary: describeImage(input.image) }
  if ('features' in input) {
    const values = Object.entries(input.features).map(([k, v]) => `${k}=${v === null ? '' : String(v)}`)
    return { kind: 'features', summary: values.join('; ') }
  }
  const edits = input.edits ? Object.values(input.edits).reduce((n, list) => n + (Array.isArray(list) ? list.length : 0), 0) : 0
  return { kind: 'node', summary: `node ${input.node}${edits ? ` (${edits} graph edit${edits > 1 ? 's' : ''})` : ''}` }
}

function describeImage(image: string): string {
  if (!image.startsWith('data:') && image.length < 300 && /\.(png|jpe?g)$/i.test(image)) return image
  const comma = image.indexOf(',')
  const body = image.startsWith('data:') && comma >= 0 ? image.slice(comma + 1) : image
  const format = body.startsWith('iVBOR') ? 'PNG' : body.startsWith('/9j/') ? 'JPEG' : 'image'
  const bytes = Math.floor((body.replace(/=+$/, '').length * 3) / 4)
  const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`
  return `${format} image, ${size}`
}

/** The session's predictions, newest last. */
export class PredictionLog {
  private readonly entries: LoggedPrediction[] = []
  private readonly problems: ProbeProblem[] = []
  private seq = 0
  private dropped = 0

  constructor(private readonly limit = LOG_LIMIT) {}

  /** Adds one answered prediction and returns its entry. */
  add(model: string, source: LogSource, input: PredictInput, prediction: Prediction, at = new Date()): LoggedPrediction {
    const { kind, summary } = summarizeInput(input)
    const ranked = [...prediction.predictions].sort((a, b) => b.score - a.score)
    const top: LabelScore[] = ranked.slice(0, 3).map((p) => ({ label: p.label, score: p.score }))
    const entry: LoggedPrediction = {
      seq: ++this.seq,
      at: at.toISOString(),
      model,
      source,
      inputKind: kind,
      input: summary,
      label: top[0]?.label ?? '',
      score: top[0]?.score ?? Number.NaN,
      top,
      latencyMs: prediction.latencyMs
    }
    this.entries.push(entry)
    if (this.entries.length > this.limit) {
      this.entries.shift()
      this.dropped++
    }
    return entry
  }

  /** The newest `limit` entries first, optionally of one model. */
  page(model?: string, limit = 100): PredictionLogPage {
    const all = model ? this.entries.filter((e) => e.model === model) : this.entries
    return { entries: all.slice(-limit).reverse(), total: all.length, dropped: this.dropped, probeProblems: [...this.problems].reverse() }
  }

  /** Notes a failed probe call (the last `PROBLEM_LIMIT` are kept). */
  addProblem(problem: ProbeProblem): void {
    this.problems.push(problem)
    if (this.problems.length > PROBLEM_LIMIT) this.problems.shift()
  }

  /** Forgets every entry and problem (numbering goes on, so an export never repeats a number). */
  clear(): number {
    const n = this.entries.length
    this.entries.length = 0
    this.problems.length = 0
    this.dropped = 0
    return n
  }

  /** The whole log (or one model's) as a file. */
  export(format: 'csv' | 'jsonl', model?: string, now = new Date()): PredictionLogExport {
    const rows = model ? this.entries.filter((e) => e.model === model) : this.entries
    const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-')
    const base = `predictions-${model ? `${model}-` : ''}${stamp}`
    if (format === 'jsonl') {
      return {
        filename: `${base}.jsonl`,
        mime: 'application/x-ndjson',
        content: rows.map((e) => JSON.stringify(e)).join('\n') + (rows.length ? '\n' : ''),
        rows: rows.length
      }
    }
    return { filename: `${base}.csv`, mime: 'text/csv', content: toCsv(rows), rows: rows.length }
  }
}

const CSV_COLUMNS = ['seq', 'at', 'model', 'source', 'input_kind', 'input', 'label', 'score', 'second_label', 'second_score', 'latency_ms'] as const

/** RFC 4180 CSV (CRLF line ends, quotes doubled), one row per prediction. */
export function toCsv(entries: readonly LoggedPrediction[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const e of entries) {
    const second = e.top[1]
    lines.push(
      [
        String(e.seq),
        e.at,
        csvText(e.model),
        e.source,
        e.inputKind,
        csvText(e.input),
        csvText(e.label),
        score(e.score),
        csvText(second?.label ?? ''),
        second ? score(second.score) : '',
        e.latencyMs.toFixed(2)
      ].join(',')
    )
  }
  return lines.join('\r\n') + '\r\n'
}

function score(value: number): string {
  return Number.isFinite(value) ? value.toFixed(6) : ''
}

/**
 * One text cell. [Note: CSV formula injection] A cell that starts with = + - @ (a tweet "@user …") is run
 * as a formula by spreadsheet apps; a leading apostrophe keeps it text (OWASP's advice). JSONL keeps the
 * exact text.
 */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
