/**
 * Input sets for the drift check and the model A/B: parses a set file's text
 * (CSV with a header row, JSONL, or plain text one item per line) into items
 * for a model's task, and checks that a set fits the model and its limits.
 *
 * A CSV for a tabular model has one column per feature (named as in
 * model.json; extra columns ignored, a `label`/`target`/`class` column read as
 * the true class); for a text model a `text` column (or the only column); a
 * .txt file is one text per line. JSONL rows are `{ "text": … }`,
 * `{ "features": { … } }` or `{ "image": "file.png" }`, each with an optional
 * `"label"`. Image sets are folders (read by the host).
 */
import type { ModelTask, SetItem, TabularFeature } from '../../shared/types'
import { MAX_SET_ITEMS } from '../../shared/limits'
import { csvNumber, parseCsvRows } from '../metrics/csv'

/** A set that cannot be used, with the reason in words. */
export class SetError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SetError'
  }
}

const LABEL_COLUMNS = ['label', 'target', 'class', 'y', 'true_label']

/** Which input key a task's items carry (graph models have no sets: they classify the nodes of one graph). */
export function inputKeyOf(task: ModelTask): 'text' | 'image' | 'features' | null {
  return task === 'text-classification' ? 'text' : task === 'image-classification' ? 'image' : task === 'tabular-classification' ? 'features' : null
}

const KIND_NOUN = { text: 'texts', image: 'images', features: 'feature rows' } as const

/** The kind of an item ('text', 'image' or 'features'). */
export function itemKind(item: SetItem): 'text' | 'image' | 'features' {
  return 'text' in item ? 'text' : 'image' in item ? 'image' : 'features'
}

/**
 * Checks a set against the model: not empty, within MAX_SET_ITEMS, every item of the model's kind.
 * @throws SetError naming the set, what it holds and what the model needs.
 */
export function checkSet(items: SetItem[], task: ModelTask, setName: string, modelId: string): void {
  const want = inputKeyOf(task)
  if (want === null) {
    throw new SetError(
      `model "${modelId}" classifies the nodes of a graph: drift and A/B sets are for text, image and tabular models (try its graph demo's what-if edits instead)`
    )
  }
  if (items.length === 0) throw new SetError(`the ${setName} set is empty: give it at least one item`)
  if (items.length > MAX_SET_ITEMS) {
    throw new SetError(
      `the ${setName} set has ${items.length.toLocaleString('en')} items; a set holds at most ${MAX_SET_ITEMS.toLocaleString('en')}: take a random sample of it`
    )
  }
  const wrong = items.findIndex((item) => itemKind(item) !== want)
  if (wrong >= 0) {
    const got = itemKind(items[wrong]!)
    throw new SetError(
      `the ${setName} set holds ${KIND_NOUN[got]} (item ${wrong + 1}) but model "${modelId}" is ${/^image/.test(task) ? 'an' : 'a'} ${task.replace('-', ' ')} model: give it ${KIND_NOUN[want]}`
    )
  }
}

function labelColumn(header: string[]): number {
  const lower = header.map((h) => h.trim().toLowerCase())
  for (const name of LABEL_COLUMNS) {
    const k = lower.indexOf(name)
    if (k >= 0) return k
  }
  return -1
}

function parseCsvSet(text: string, task: ModelTask, features: TabularFeature[] | undefined, file: string): SetItem[] {
  if (task === 'image-classification') {
    throw new SetError(`${file}: image sets are folders of image files, not a CSV (or a JSONL of { "image": "file.png" } rows)`)
  }
  const rows = parseCsvRows(text).filter((r) => r.some((c) => c.trim() !== ''))
  if (rows.length < 2) throw new SetError(`${file} has no rows under its header`)
  const header = rows[0]!.map((h) => h.trim())
  const labelAt = labelColumn(header)
  const body = rows.slice(1)
  const labelOf = (row: string[]): { label?: string } => {
    const value = labelAt >= 0 ? row[labelAt]?.trim() : undefined
    return value ? { label: value } : {}
  }
  if (task === 'text-classification') {
    let at = header.findIndex((h) => h.toLowerCase() === 'text')
    if (at < 0) at = header.length === 1 ? 0 : header.length === 2 && labelAt >= 0 ? 1 - labelAt : -1
    if (at < 0) throw new SetError(`${file} needs a "text" column for a text model (its columns: ${header.join(', ')})`)
    return body.map((row) => ({ text: row[at] ?? '', ...labelOf(row) }))
  }
  if (task === 'tabular-classification') {
    const wanted = features ?? []
    const at = new Map(wanted.map((f) => [f.name, header.indexOf(f.name)]))
    const absent = wanted.filter((f) => at.get(f.name)! < 0).map((f) => f.name)
    if (absent.length === wanted.length) {
      throw new SetError(
        `${file} has none of the model's features as columns: name them ${wanted
          .slice(0, 4)
          .map((f) => `"${f.name}"`)
          .join(', ')}${wanted.length > 4 ? ', …' : ''}`
      )
    }
    return body.map((row) => {
      const values: Record<string, number | string | null> = {}
      for (const f of wanted) {
        const k = at.get(f.name)!
        const cell = k >= 0 ? (row[k] ?? '').trim() : ''
        if (cell === '' || /^(nan|na|null|none)$/i.test(cell)) values[f.name] = null
        else if (f.type === 'number') values[f.name] = csvNumber(cell) ?? null
        else values[f.name] = cell
      }
      return { features: values, ...labelOf(row) }
    })
  }
  return []
}

function parseJsonlSet(text: string, file: string): SetItem[] {
  const items: SetItem[] = []
  const lines = text.split(/\r?\n/)
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.trim()
    if (!line) continue
    let row: unknown
    try {
      row = JSON.parse(line)
    } catch {
      throw new SetError(`${file} line ${k + 1} is not JSON`)
    }
    if (!row || typeof row !== 'object') throw new SetError(`${file} line ${k + 1} is not an object`)
    const r = row as Record<string, unknown>
    const label = typeof r['label'] === 'string' ? { label: r['label'] } : typeof r['label'] === 'number' ? { label: String(r['label']) } : {}
    if (typeof r['text'] === 'string') items.push({ text: r['text'], ...label })
    else if (typeof r['image'] === 'string') items.push({ image: r['image'], ...label })
    else if (r['features'] && typeof r['features'] === 'object')
      items.push({ features: r['features'] as Record<string, number | string | null>, ...label })
    else throw new SetError(`${file} line ${k + 1} has no "text", "image" or "features"`)
  }
  return items
}

/**
 * Parses a set file's text by its extension (.csv, .jsonl/.ndjson, .txt).
 * @throws SetError for an unknown extension or a malformed file.
 */
export function parseSetFile(file: string, text: string, task: ModelTask, features?: TabularFeature[]): SetItem[] {
  if (inputKeyOf(task) === null) throw new SetError(`${file}: graph models have no input sets (they classify the nodes of one graph)`)
  const ext = file.toLowerCase().split('.').pop() ?? ''
  if (ext === 'csv') return parseCsvSet(text, task, features, file)
  if (ext === 'jsonl' || ext === 'ndjson') return parseJsonlSet(text, file)
  if (ext === 'txt') {
    if (task !== 'text-classification') throw new SetError(`${file}: a .txt set is one text per line, for text models only`)
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => ({ text: line }))
  }
  throw new SetError(`${file}: a set file is .csv, .jsonl or .txt (or a folder of images)`)
}

/** A short description of an item for tables ("Forest fire near…", "alcohol 13.2, ash 2.4, …", "0.png"). */
export function describeItem(item: SetItem, max = 60): string {
  let text: string
  if ('text' in item) text = item.text
  else if ('image' in item) text = item.image.startsWith('data:') ? 'image' : item.image
  else
    text = Object.entries(item.features)
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v ?? '—'}`)
      .join(', ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** What `fitToForm` changed in one row. */
export interface FittedRow {
  values: Record<string, number | string | null>
  /** Features moved into the model's min…max range. */
  clamped: string[]
  /** Features that were missing and took the model's default. */
  filled: string[]
  /** Keys of the row that are no feature of the model (left out, as a CSV's extra columns). */
  unknown: string[]
}

/**
 * Makes a set row something the model accepts, as the demo form would: a number outside the
 * manifest's min…max is moved to the nearest end (a drifted set is out of range by nature) and a
 * missing value takes the feature's default. The drift statistics use the row as it was; only the
 * model sees the fitted row, and the report counts what was changed.
 */
export function fitToForm(features: TabularFeature[], values: Record<string, number | string | null>): FittedRow {
  const out: Record<string, number | string | null> = {}
  const clamped: string[] = []
  const filled: string[] = []
  const known = new Set(features.map((f) => f.name))
  const unknown = Object.keys(values).filter((k) => !known.has(k))
  for (const feature of features) {
    let value = values[feature.name]
    if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) {
      if (feature.default === undefined) {
        out[feature.name] = null
        continue
      }
      value = feature.default
      filled.push(feature.name)
    }
    if (feature.type === 'number' && typeof value === 'number') {
      const lo = feature.min ?? -Infinity
      const hi = feature.max ?? Infinity
      if (value < lo || value > hi) {
        clamped.push(feature.name)
        value = Math.min(hi, Math.max(lo, value))
      }
    }
    out[feature.name] = value
  }
  return { values: out, clamped, filled, unknown }
}
