/**
 * Builds a drift report from two scored sets: per-feature shift for tabular
 * models, and the shift of the model's confidence and of its predicted class
 * for every kind of model. Pure: the host predicts, this compares.
 *
 * [Note: which test decides "drifted"]
 * Each column gets PSI (see psi.ts) and, for numbers, the KS test (ks.ts).
 * `drifted` follows Evidently's default choice for a column of a small data
 * set: the KS p-value ≤ 0.05 for a numeric column, PSI ≥ 0.1 for a
 * categorical one (Evidently's default for categories is chi-square; PSI is
 * the figure students compare, so we report it). The data set drifts when at
 * least half of the features drift (Evidently's `drift_share` 0.5).
 */
import type { ColumnDrift, DriftHistogram, DriftReport, ModelTask, SetItem, TabularFeature } from '../../shared/types'
import { ksTwoSample } from './ks'
import { psi, PSI_THRESHOLD, type PsiBins } from './psi'

/** Evidently's KS threshold: drift when the p-value is at most this. */
export const KS_P_THRESHOLD = 0.05
/** Evidently's default share of drifted columns for dataset drift. */
export const DRIFT_SHARE = 0.5
/** Below this many items per set the tests only catch large shifts: the report says so. */
export const SMALL_SET = 30

/** An item of a set with the model's top answer for it. */
export interface ScoredItem {
  item: SetItem
  top: { label: string; score: number }
}

/** A named, scored set. */
export interface ScoredSet {
  name: string
  items: ScoredItem[]
}

/** What the report needs to know about the model. */
export interface DriftModel {
  id: string
  task: ModelTask
  labels: string[]
  features?: TabularFeature[]
}

function short(value: number): string {
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1000 || abs < 0.01) return value.toPrecision(3).replace(/\.?0+(e|$)/, '$1')
  return String(Number(value.toPrecision(3)))
}

function histogramOf(bins: PsiBins): DriftHistogram {
  const names = bins.kind === 'numeric' ? bins.edges!.slice(0, -1).map((lo, k) => `${short(lo)}–${short(bins.edges![k + 1]!)}`) : bins.categories!
  return { bins: names, reference: bins.reference, current: bins.current }
}

function mean(values: number[]): number | undefined {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))
}

/**
 * One column's drift. Numeric columns get PSI and KS; categorical ones PSI.
 * `categories` (optional) fixes the bins of a categorical column so that classes absent from both sets still show.
 */
export function columnDrift(name: string, reference: unknown[], current: unknown[], numeric: boolean, categories?: string[]): ColumnDrift {
  const missing = { reference: reference.filter(isMissing).length, current: current.filter(isMissing).length }
  const toValue = (v: unknown): number | string | null => {
    if (isMissing(v)) return null
    if (numeric) {
      const n = typeof v === 'number' ? v : Number(v)
      return Number.isFinite(n) ? n : null
    }
    return String(v)
  }
  const ref = reference.map(toValue).filter((v): v is number | string => v !== null)
  const cur = current.map(toValue).filter((v): v is number | string => v !== null)
  if (ref.length === 0 || cur.length === 0) {
    const which = ref.length === 0 ? 'reference' : 'current'
    throw new Error(`"${name}" has no usable value in the ${which} set`)
  }
  const p = psi(ref, cur, numeric)
  let histogram = histogramOf(p.bins)
  if (categories && p.bins.kind === 'categorical') {
    const all = [...categories, ...p.bins.categories!.filter((c) => !categories.includes(c))]
    const at = (shares: number[], c: string): number => {
      const k = p.bins.categories!.indexOf(c)
      return k < 0 ? 0 : shares[k]!
    }
    histogram = { bins: all, reference: all.map((c) => at(p.bins.reference, c)), current: all.map((c) => at(p.bins.current, c)) }
  }
  const psiTest = { test: 'psi' as const, value: p.psi, threshold: PSI_THRESHOLD, drifted: p.drifted }
  if (!numeric) return { name, kind: 'categorical', drifted: p.drifted, psi: psiTest, missing, histogram }
  const ks = ksTwoSample(ref as number[], cur as number[])
  const ksTest = { test: 'ks' as const, value: ks.pValue, statistic: ks.statistic, threshold: KS_P_THRESHOLD, drifted: ks.pValue <= KS_P_THRESHOLD }
  return {
    name,
    kind: 'numeric',
    drifted: ksTest.drifted,
    psi: psiTest,
    ks: ksTest,
    referenceMean: mean(ref as number[]),
    currentMean: mean(cur as number[]),
    missing,
    histogram
  }
}

/** The drift report of `current` against `reference` (see [Note: which test decides "drifted"]). */
export function buildDriftReport(model: DriftModel, reference: ScoredSet, current: ScoredSet, elapsedMs: number): DriftReport {
  const notes: string[] = []
  const smallest = Math.min(reference.items.length, current.items.length)
  if (smallest < SMALL_SET) {
    notes.push(
      `the smaller set has ${smallest} item${smallest === 1 ? '' : 's'}: with fewer than ${SMALL_SET} per set the tests only detect large shifts, so "no drift" means little`
    )
  }
  const features: ColumnDrift[] = []
  if (model.task === 'tabular-classification') {
    for (const feature of model.features ?? []) {
      const pick = (set: ScoredSet): unknown[] => set.items.map((s) => ('features' in s.item ? s.item.features[feature.name] : undefined))
      const numeric = feature.type === 'number'
      try {
        features.push(columnDrift(feature.name, pick(reference), pick(current), numeric, numeric ? undefined : feature.categories))
      } catch (error) {
        notes.push(`feature "${feature.name}" left out: ${(error as Error).message}`)
      }
    }
    const missingHeavy = features.filter((f) => f.missing.current > 0 || f.missing.reference > 0)
    for (const f of missingHeavy) {
      notes.push(
        `"${f.name}" is missing in ${f.missing.reference} reference and ${f.missing.current} current item(s); the model saw its default there`
      )
    }
  }
  const confidence = columnDrift(
    'confidence',
    reference.items.map((s) => s.top.score),
    current.items.map((s) => s.top.score),
    true
  )
  const predictedClass = columnDrift(
    'predicted class',
    reference.items.map((s) => s.top.label),
    current.items.map((s) => s.top.label),
    false,
    model.labels
  )
  const drifted = features.filter((f) => f.drifted).length
  const dataset =
    features.length > 0
      ? {
          driftedFeatures: drifted,
          features: features.length,
          share: drifted / features.length,
          driftShare: DRIFT_SHARE,
          drifted: drifted / features.length >= DRIFT_SHARE
        }
      : null
  return {
    model: model.id,
    task: model.task,
    reference: { name: reference.name, size: reference.items.length },
    current: { name: current.name, size: current.items.length },
    features,
    confidence,
    predictedClass,
    dataset,
    notes,
    elapsedMs
  }
}
