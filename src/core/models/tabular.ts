/**
 * Turns a tabular form's values into the model's float vector: numbers raw or
 * standardised, categories one-hot or as an index, in the manifest's feature
 * order. Every bad value (missing, NaN, out of range, unknown category) is a
 * readable error, never a silent zero.
 */
import type { TabularFeature } from '../../shared/types'

/** A value the user gave that cannot be encoded. */
export class FeatureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeatureError'
  }
}

/** Number of model inputs one feature takes. */
export function featureWidth(feature: TabularFeature): number {
  if (feature.type === 'category' && (feature.encoding ?? 'one-hot') === 'one-hot') return feature.categories?.length ?? 0
  return 1
}

/** Total vector length of a feature list. */
export function encodedLength(features: TabularFeature[]): number {
  return features.reduce((n, f) => n + featureWidth(f), 0)
}

function toNumber(feature: TabularFeature, value: number | string): number {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value)
  if (!Number.isFinite(n)) throw new FeatureError(`"${feature.name}" must be a finite number, not ${JSON.stringify(value)}`)
  if (feature.min !== undefined && n < feature.min) throw new FeatureError(`"${feature.name}" must be at least ${feature.min} (got ${n})`)
  if (feature.max !== undefined && n > feature.max) throw new FeatureError(`"${feature.name}" must be at most ${feature.max} (got ${n})`)
  return n
}

/**
 * Encodes one row.
 * @throws FeatureError naming the feature at fault.
 */
export function encodeFeatures(features: TabularFeature[], values: Record<string, number | string | null>): Float32Array {
  const known = new Set(features.map((f) => f.name))
  const unknown = Object.keys(values).filter((k) => !known.has(k))
  if (unknown.length) {
    throw new FeatureError(`unknown feature${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; expected ${[...known].join(', ')}`)
  }
  const out = new Float32Array(encodedLength(features))
  let i = 0
  for (const feature of features) {
    const value = values[feature.name]
    if (value === undefined || value === null) throw new FeatureError(`"${feature.name}" is missing`)
    if (feature.type === 'number') {
      const n = toNumber(feature, value)
      out[i++] = feature.encoding === 'standardize' ? (n - (feature.mean ?? 0)) / (feature.std ?? 1) : n
      continue
    }
    const categories = feature.categories ?? []
    const index = categories.indexOf(String(value))
    if (index < 0) {
      throw new FeatureError(`"${feature.name}" must be one of ${categories.map((c) => `"${c}"`).join(', ')}, not ${JSON.stringify(value)}`)
    }
    if ((feature.encoding ?? 'one-hot') === 'index') out[i++] = index
    else {
      out[i + index] = 1
      i += categories.length
    }
  }
  return out
}
