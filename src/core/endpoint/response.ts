/**
 * Turns whatever a deployed model answered into demodeck's `[{label, score}]`,
 * or into a single predicted label when the API gives no scores (shown as a
 * label, never with a made-up confidence).
 *
 * [Note: reading a bespoke response]
 * Student APIs answer `{filename, predictions: {label: p}}`, `{"sentiment": "…"}`,
 * `{prediction, probabilities: [...], metadata}`, Hugging Face's `[{label, score}]`
 * or KServe's `outputs[].data`. Without an explicit mapping the answer is searched
 * (three levels deep) for things that can only be scores: a {label: number}
 * object whose keys are the model's labels, a list of {label, score}, or an array
 * of as many numbers as the model has labels; and for a predicted label under a
 * conventional key (label, prediction, class, sentiment …). One candidate is used;
 * several equally likely ones are an error that names them and the
 * `endpoint.response` pointer that settles it.
 */
import { getPointer, toPointer } from './json-pointer'

/** A deployed model's answer in demodeck's terms. */
export interface MappedAnswer {
  /** 'scores': a distribution over labels; 'label': only a predicted label. */
  kind: 'scores' | 'label'
  /** Highest first; empty for kind 'label'. */
  predictions: Array<{ label: string; score: number }>
  /** The top label (kind 'scores') or the predicted label (kind 'label'). */
  label: string
  /** A confidence the API sent beside its label (kind 'label' only), never invented. */
  reportedScore?: number
  /** Where in the answer it was read, e.g. "/probabilities". */
  from: string
  /** What was done to the numbers, e.g. "softmax applied: the values were logits". */
  note?: string
}

export type MapResult = { ok: true; answer: MappedAnswer } | { ok: false; message: string }

/** An explicit mapping (`endpoint.response`). */
export interface ResponseMapping {
  label?: string
  scores?: string
  labels?: string[]
}

const SCORE_KEYS = [
  'probabilities',
  'probability',
  'probs',
  'scores',
  'predictions',
  'confidences',
  'distribution',
  'class_probabilities',
  'outputs',
  'output',
  'logits',
  'data',
  'result',
  'results'
]
const LABEL_KEYS = [
  'label',
  'predicted_label',
  'prediction',
  'predicted_class',
  'pred',
  'class',
  'class_name',
  'category',
  'sentiment',
  'result',
  'output',
  'answer'
]
const CONFIDENCE_KEYS = ['confidence', 'score', 'probability', 'prob', 'precision']

const norm = (s: string): string => s.trim().toLowerCase()

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** Turns raw numbers into shown scores: probabilities as they are, logits through softmax. */
function toScores(values: number[]): { scores: number[]; note?: string } {
  const inUnit = values.every((v) => v >= 0 && v <= 1)
  if (inUnit) {
    const sum = values.reduce((a, b) => a + b, 0)
    return Math.abs(sum - 1) <= 0.02 || values.length === 1
      ? { scores: values }
      : { scores: values, note: `the scores sum to ${sum.toFixed(2)}, not 1 (shown as sent)` }
  }
  const max = Math.max(...values)
  const exps = values.map((v) => Math.exp(v - max))
  const total = exps.reduce((a, b) => a + b, 0)
  return { scores: exps.map((e) => e / total), note: 'softmax applied: the values were not probabilities (logits?)' }
}

function sorted(pairs: Array<{ label: string; score: number }>): Array<{ label: string; score: number }> {
  return [...pairs].sort((a, b) => b.score - a.score)
}

/** Maps an object key to a label: itself, or a class index ("2") into `labels`. */
function keyLabel(key: string, labels: string[]): string {
  const exact = labels.find((l) => norm(l) === norm(key))
  if (exact !== undefined) return exact
  if (/^(0|[1-9][0-9]*)$/.test(key) && Number(key) < labels.length) return labels[Number(key)]!
  return key
}

type Scores = { pairs: Array<{ label: string; score: number }>; note?: string; shape: string }

/**
 * Reads `value` as scores when it can only be scores. `strict` (automatic search): an object's keys must be
 * the model's labels (or class indices); with an explicit pointer any object of numbers counts.
 */
export function readScores(value: unknown, labels: string[], strict: boolean): Scores | { error: string } | null {
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0])) return readScores(value[0], labels, strict) // batch of one
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
    const pairs: Array<{ label: string; score: number }> = []
    for (const item of value as Array<Record<string, unknown>>) {
      const label = item['label'] ?? item['class'] ?? item['name'] ?? item['class_name']
      const score = item['score'] ?? item['probability'] ?? item['confidence'] ?? item['prob']
      if ((typeof label !== 'string' && !Number.isInteger(label)) || !isFiniteNumber(score)) return null
      pairs.push({ label: typeof label === 'string' ? keyLabel(label, labels) : keyLabel(String(label), labels), score })
    }
    return { pairs, shape: 'a list of {label, score}' }
  }
  if (Array.isArray(value) && value.length >= 2 && value.every(isFiniteNumber)) {
    if (value.length !== labels.length) {
      return strict
        ? null
        : { error: `an array of ${value.length} numbers, but there are ${labels.length} labels; give their order in endpoint.response.labels` }
    }
    const { scores, note } = toScores(value)
    return {
      pairs: scores.map((score, i) => ({ label: labels[i]!, score })),
      ...(note ? { note } : {}),
      shape: `an array of ${value.length} scores in label order`
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length < 2 || !entries.every(([, v]) => isFiniteNumber(v))) return null
    if (strict) {
      const known = new Set(labels.map(norm))
      const allLabels = entries.every(([k]) => known.has(norm(k)) || (/^(0|[1-9][0-9]*)$/.test(k) && Number(k) < labels.length))
      if (!allLabels) return null
    }
    const raw = entries.map(([, v]) => v as number)
    const { scores, note } = toScores(raw)
    return {
      pairs: entries.map(([k], i) => ({ label: keyLabel(k, labels), score: scores[i]! })),
      ...(note ? { note } : {}),
      shape: 'a {label: score} object'
    }
  }
  return null
}

function readLabel(value: unknown, labels: string[]): string | null {
  if (typeof value === 'string' && value.trim() !== '') return keyLabel(value, labels)
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) < labels.length) return labels[value as number]!
  if (Array.isArray(value) && value.length === 1) return readLabel(value[0], labels)
  return null
}

function scoresAnswer(found: Scores, from: string): MappedAnswer {
  const predictions = sorted(found.pairs)
  return { kind: 'scores', predictions, label: predictions[0]?.label ?? '', from, ...(found.note ? { note: found.note } : {}) }
}

function labelAnswer(label: string, from: string, parent: unknown): MappedAnswer {
  let reportedScore: number | undefined
  if (parent && typeof parent === 'object' && !Array.isArray(parent)) {
    for (const key of CONFIDENCE_KEYS) {
      const v = (parent as Record<string, unknown>)[key]
      if (isFiniteNumber(v) && v >= 0 && v <= 1) {
        reportedScore = v
        break
      }
    }
  }
  return { kind: 'label', predictions: [], label, from, ...(reportedScore !== undefined ? { reportedScore } : {}) }
}

/** A short, single-line rendering of a JSON value for messages. */
export function preview(value: unknown, max = 160): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

interface Candidate {
  path: Array<string | number>
  key: string
  value: unknown
  parent: unknown
}

function walk(value: unknown, path: Array<string | number>, depth: number, out: Candidate[]): void {
  if (depth > 3 || value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    // Only a batch of one is looked into: a list is otherwise itself a candidate.
    if (value.length === 1) {
      out.push({ path: [...path, 0], key: String(path[path.length - 1] ?? ''), value: value[0], parent: value })
      walk(value[0], [...path, 0], depth + 1, out)
    }
    return
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    out.push({ path: [...path, key], key, value: child, parent: value })
    walk(child, [...path, key], depth + 1, out)
  }
}

/** Maps a deployed model's JSON answer to labels and scores (see the note at the top of this file). */
export function mapResponse(body: unknown, labels: string[], mapping: ResponseMapping = {}): MapResult {
  const order = mapping.labels ?? labels
  if (mapping.scores !== undefined) {
    const value = getPointer(body, mapping.scores)
    if (value === undefined)
      return { ok: false, message: `endpoint.response.scores "${mapping.scores}" points at nothing in the answer ${preview(body)}` }
    const found = readScores(value, order, false)
    if (!found)
      return {
        ok: false,
        message: `endpoint.response.scores "${mapping.scores}" holds ${preview(value, 80)}, which is not a {label: score} object, a list of {label, score} or an array of numbers`
      }
    if ('error' in found) return { ok: false, message: `endpoint.response.scores "${mapping.scores}" holds ${found.error}` }
    return { ok: true, answer: scoresAnswer(found, mapping.scores || '(the whole answer)') }
  }
  if (mapping.label !== undefined) {
    const value = getPointer(body, mapping.label)
    const label = readLabel(value, order)
    if (label === null)
      return {
        ok: false,
        message: `endpoint.response.label "${mapping.label}" ${value === undefined ? 'points at nothing' : `holds ${preview(value, 80)}, not a label`} in the answer ${preview(body)}`
      }
    const parentPointer = mapping.label.slice(0, mapping.label.lastIndexOf('/'))
    return { ok: true, answer: labelAnswer(label, mapping.label || '(the whole answer)', getPointer(body, parentPointer)) }
  }

  // The whole answer first: Hugging Face's list, a bare {label: p}, a bare array, a bare label.
  const whole = readScores(body, order, true)
  if (whole && !('error' in whole)) return { ok: true, answer: scoresAnswer(whole, '(the whole answer)') }
  const bare = typeof body === 'string' || typeof body === 'number' ? readLabel(body, order) : null
  if (bare !== null) return { ok: true, answer: labelAnswer(bare, '(the whole answer)', null) }

  const candidates: Candidate[] = []
  walk(body, [], 0, candidates)
  const scoreHits = candidates
    .map((c) => ({ c, found: readScores(c.value, order, true) }))
    .filter((h): h is { c: Candidate; found: Scores } => h.found !== null && !('error' in h.found))
  const distinct = dedupe(scoreHits)
  if (distinct.length === 1) return { ok: true, answer: scoresAnswer(distinct[0]!.found, toPointer(distinct[0]!.c.path)) }
  if (distinct.length > 1) {
    const preferred = distinct.filter((h) => SCORE_KEYS.includes(norm(h.c.key)))
    if (preferred.length === 1) return { ok: true, answer: scoresAnswer(preferred[0]!.found, toPointer(preferred[0]!.c.path)) }
    const where = distinct.map((h) => `"${toPointer(h.c.path)}"`).join(', ')
    return {
      ok: false,
      message: `the answer has ${distinct.length} places that could be the scores (${where}); say which in the model's endpoint block: "response": { "scores": ${where.split(', ')[0]} }`
    }
  }

  for (const key of LABEL_KEYS) {
    const hits = candidates.filter((c) => norm(c.key) === key && readLabel(c.value, order) !== null)
    const values = new Set(hits.map((h) => readLabel(h.value, order)))
    if (values.size === 1) return { ok: true, answer: labelAnswer(readLabel(hits[0]!.value, order)!, toPointer(hits[0]!.path), hits[0]!.parent) }
    if (values.size > 1) {
      const where = hits.map((h) => `"${toPointer(h.path)}"`).join(', ')
      return {
        ok: false,
        message: `the answer has several "${key}" fields with different values (${where}); say which in the endpoint block: "response": { "label": ${where.split(', ')[0]} }`
      }
    }
  }
  return {
    ok: false,
    message: `demodeck cannot find a label or scores in the answer ${preview(body)}; add to the model's endpoint block "response": { "label": "/<field>" } or { "scores": "/<field>" } (JSON pointers)`
  }
}

/** Drops a batch-of-one wrapper found twice (["/p", "/p/0"] are the same scores). */
function dedupe<T extends { c: Candidate }>(hits: T[]): T[] {
  return hits.filter(
    (h) =>
      !hits.some(
        (o) =>
          o !== h &&
          o.c.path.length < h.c.path.length &&
          h.c.path.slice(0, o.c.path.length).every((t, i) => t === o.c.path[i]) &&
          h.c.path.length === o.c.path.length + 1 &&
          h.c.path[h.c.path.length - 1] === 0
      )
  )
}
