/**
 * Model A/B figures: whether two models agree on one input, and how two models
 * do over a set (accuracy of each, agreement rate, latency percentiles).
 * Pure: the host runs the models, this compares their answers.
 */
import type { AbAgreement, AbSetReport, AbSetSide, Prediction, SetItem } from '../../shared/types'
import { describeItem } from './sets'
import { percentile } from '../stats/percentile'

/** Top labels equal, and the largest probability difference over the labels either model reports. */
export function agreementOf(a: Prediction, b: Prediction): AbAgreement {
  const scoresB = new Map(b.predictions.map((p) => [p.label, p.score]))
  const labels = new Set([...a.predictions.map((p) => p.label), ...scoresB.keys()])
  const scoresA = new Map(a.predictions.map((p) => [p.label, p.score]))
  let maxDiff = 0
  for (const label of labels) maxDiff = Math.max(maxDiff, Math.abs((scoresA.get(label) ?? 0) - (scoresB.get(label) ?? 0)))
  return { sameTop: a.predictions[0]?.label === b.predictions[0]?.label, maxDiff }
}

/** Percentile by linear interpolation between closest ranks (NumPy's default): the app's one definition. */
export { percentile }

/** The model's side of a set comparison. */
export interface SetRunSide {
  model: string
  name: string
  labels: string[]
  fileSizeBytes: number | null
  predictions: Prediction[]
}

/** Case- and space-insensitive label match, so "Barolo" in a CSV counts for the model's "barolo". */
function sameLabel(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

function sideFigures(side: SetRunSide, items: SetItem[]): AbSetSide {
  let right = 0
  let judged = 0
  items.forEach((item, k) => {
    if (item.label === undefined || !side.labels.some((l) => sameLabel(l, item.label!))) return
    judged++
    if (sameLabel(side.predictions[k]!.predictions[0]?.label ?? '', item.label)) right++
  })
  const latencies = side.predictions.map((p) => p.latencyMs)
  return {
    model: side.model,
    name: side.name,
    accuracy: judged > 0 ? right / judged : null,
    latency: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), mean: latencies.reduce((x, y) => x + y, 0) / latencies.length },
    fileSizeBytes: side.fileSizeBytes
  }
}

/** Most disagreements listed in a set report. */
export const MAX_LISTED_DISAGREEMENTS = 20

/** Both models' figures over one set (the predictions in item order). */
export function buildSetReport(setName: string, items: SetItem[], a: SetRunSide, b: SetRunSide, elapsedMs: number): AbSetReport {
  if (a.predictions.length !== items.length || b.predictions.length !== items.length) {
    throw new Error('each model needs one prediction per item')
  }
  let same = 0
  let diffSum = 0
  let largest = 0
  const disagreements: AbSetReport['disagreements'] = []
  items.forEach((item, k) => {
    const agreement = agreementOf(a.predictions[k]!, b.predictions[k]!)
    diffSum += agreement.maxDiff
    largest = Math.max(largest, agreement.maxDiff)
    if (agreement.sameTop) same++
    else if (disagreements.length < MAX_LISTED_DISAGREEMENTS) {
      disagreements.push({
        index: k,
        input: describeItem(item),
        a: a.predictions[k]!.predictions[0]?.label ?? '',
        b: b.predictions[k]!.predictions[0]?.label ?? '',
        ...(item.label !== undefined ? { label: item.label } : {})
      })
    }
  })
  const labelled = items.filter((item) => item.label !== undefined && a.labels.some((l) => sameLabel(l, item.label!))).length
  return {
    set: { name: setName, size: items.length, labelled },
    a: sideFigures(a, items),
    b: sideFigures(b, items),
    agreement: same / items.length,
    meanMaxDiff: diffSum / items.length,
    largestDiff: largest,
    disagreements,
    notes: [],
    elapsedMs
  }
}
