/** The drift check and the model A/B on the wire: sets, drift reports, A/B answers. Re-exported by types.ts. */
import type { ModelTask, Prediction } from './types'

// ---------------------------------------------------------------- drift check and model A/B (#14)

/** One input of a set, with the class it truly is when known (for accuracy). */
export type SetItem = ({ text: string } | { image: string } | { features: Record<string, number | string | null> }) & { label?: string }

/**
 * Where a set comes from: the model's examples, a file or folder inside the deck (CSV/JSONL/TXT rows,
 * or a folder of images), or items sent with the request.
 */
export type SetSource = { examples: true } | { file: string } | { items: SetItem[] }

/** A statistical test's figure against its threshold (Evidently's conventions; see core/drift). */
export interface DriftTest {
  /** 'psi': population stability index (drift when ≥ threshold); 'ks': two-sample Kolmogorov–Smirnov p-value (drift when ≤ threshold). */
  test: 'psi' | 'ks'
  /** PSI, or the KS p-value. */
  value: number
  /** The KS statistic D (largest distance between the two CDFs), for 'ks'. */
  statistic?: number
  threshold: number
  drifted: boolean
}

/** Two histograms over the same bins, for the chart: shares 0…1 per bin. */
export interface DriftHistogram {
  /** Bin names: "0.12–0.25" for numbers, the category otherwise. */
  bins: string[]
  reference: number[]
  current: number[]
}

/** The shift of one column (a tabular feature, the top confidence, or the predicted class). */
export interface ColumnDrift {
  name: string
  kind: 'numeric' | 'categorical'
  /** The test that decides `drifted` (Evidently's default for such a column: KS for numbers, PSI for categories). */
  drifted: boolean
  psi: DriftTest
  ks?: DriftTest
  /** Means of each set (numeric columns). */
  referenceMean?: number
  currentMean?: number
  /** Values each set lacked (left out of the tests). */
  missing: { reference: number; current: number }
  histogram: DriftHistogram
}

/** Answer of `drift:report`. */
export interface DriftReport {
  model: string
  task: ModelTask
  reference: { name: string; size: number }
  current: { name: string; size: number }
  /** Tabular models: one entry per feature, in the model's order. */
  features: ColumnDrift[]
  /** The top label's score per item. */
  confidence: ColumnDrift
  /** The predicted class per item; `histogram` lists every label. */
  predictedClass: ColumnDrift
  /** Evidently's dataset drift: the share of drifted feature columns is at least `driftShare` (tabular only). */
  dataset: { driftedFeatures: number; features: number; share: number; driftShare: number; drifted: boolean } | null
  /** Caveats a careful reader needs ("5 items per set: the tests have little power"). */
  notes: string[]
  /** Time to predict both sets and compute the report, ms. */
  elapsedMs: number
}

/** One model's side of an A/B prediction. */
export interface AbSide {
  model: string
  name: string
  /** Absent when this model failed; `error` says why. */
  prediction?: Prediction
  error?: string
  fileSizeBytes: number | null
}

/** Do the two models agree on one input? */
export interface AbAgreement {
  sameTop: boolean
  /** Largest |p_a − p_b| over the labels, 0…1. */
  maxDiff: number
}

/** Answer of `compare:predict`: both models on one input. */
export interface AbPrediction {
  a: AbSide
  b: AbSide
  /** Absent when either side failed. */
  agreement?: AbAgreement
}

/** One model's figures over a set. */
export interface AbSetSide {
  model: string
  name: string
  /** Share of labelled items whose top label is the item's label; null when no item has a label the model knows. */
  accuracy: number | null
  /** Latency per item in the worker, ms. */
  latency: { p50: number; p95: number; mean: number }
  fileSizeBytes: number | null
}

/** Answer of `compare:set`: both models over a set. */
export interface AbSetReport {
  set: { name: string; size: number; labelled: number }
  a: AbSetSide
  b: AbSetSide
  /** Share of items where both give the same top label. */
  agreement: number
  /** Mean and largest |p_a − p_b| over items. */
  meanMaxDiff: number
  largestDiff: number
  /** The first items where the top labels differ (at most 20). */
  disagreements: Array<{ index: number; input: string; a: string; b: string; label?: string }>
  /** What a reader should know (values fitted into the model's range…). */
  notes: string[]
  elapsedMs: number
}

// ---------------------------------------------------------------- graphs
