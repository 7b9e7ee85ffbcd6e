/**
 * Tabular perturbations of the robustness probe: shift or scale one feature,
 * missing values (filled with the feature's default, as the demo's form and
 * most serving code do) and noise on every numeric feature. Pure and seeded;
 * nested across strengths like the text ones (see [Note: nested
 * perturbations] in text.ts).
 */
import type { TabularFeature } from '../../shared/types'
import { createRng, mixSeed } from './prng'

/** A row of feature values as the API takes it. */
export type FeatureRow = Record<string, number | string | null>

/**
 * The unit "one spread" of a numeric feature: its standard deviation when the manifest gives one, else a
 * quarter of its min–max range, else its magnitude (at least 1).
 */
export function featureSpread(feature: TabularFeature, value: number): number {
  if (feature.std !== undefined && feature.std > 0) return feature.std
  if (feature.min !== undefined && feature.max !== undefined && feature.max > feature.min) return (feature.max - feature.min) / 4
  return Math.max(1, Math.abs(value))
}

/** The value a missing feature is filled with: its default, else its mean, else the middle of its range, else 0 / the first category. */
export function fillValue(feature: TabularFeature): number | string {
  if (feature.default !== undefined) return feature.default
  if (feature.type === 'category') return feature.categories?.[0] ?? ''
  if (feature.mean !== undefined) return feature.mean
  if (feature.min !== undefined && feature.max !== undefined) return (feature.min + feature.max) / 2
  return 0
}

/** The numeric feature a per-feature perturbation changes: `name`, else the first numeric one. */
export function targetFeature(features: TabularFeature[], name: string | undefined): TabularFeature {
  if (name !== undefined) {
    const found = features.find((f) => f.name === name)
    if (!found) throw new Error(`there is no feature "${name}"; the model has ${features.map((f) => f.name).join(', ')}`)
    if (found.type !== 'number') throw new Error(`"${name}" is a category; shift and scale need a numeric feature`)
    return found
  }
  const first = features.find((f) => f.type === 'number')
  if (!first) throw new Error('the model has no numeric feature to shift or scale')
  return first
}

function numeric(feature: TabularFeature, row: FeatureRow): number {
  const raw = row[feature.name]
  const value = raw === null || raw === undefined || raw === '' ? fillValue(feature) : raw
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : 0
}

/**
 * Applies a tabular perturbation; strength 0 returns the row unchanged.
 * @param feature the feature `shift` and `scale` change (default: the first numeric one)
 * @throws Error naming the problem (unknown feature, no numeric feature)
 */
export function perturbRow(
  features: TabularFeature[],
  row: FeatureRow,
  perturbation: string,
  strength: number,
  seed: number,
  feature?: string
): FeatureRow {
  const out: FeatureRow = { ...row }
  switch (perturbation) {
    case 'shift': {
      const f = targetFeature(features, feature)
      if (strength === 0) return out
      const value = numeric(f, row)
      out[f.name] = value + strength * featureSpread(f, value)
      return out
    }
    case 'scale': {
      const f = targetFeature(features, feature)
      if (strength === 0) return out
      out[f.name] = numeric(f, row) * (1 + strength)
      return out
    }
    case 'missing': {
      const rng = createRng(mixSeed(seed, perturbation))
      for (const f of features) {
        if (rng.next() < strength) out[f.name] = fillValue(f)
      }
      return out
    }
    case 'noise': {
      const rng = createRng(mixSeed(seed, perturbation))
      for (const f of features) {
        if (f.type !== 'number') continue
        const z = rng.normal()
        if (strength === 0) continue
        const value = numeric(f, row)
        out[f.name] = value + strength * featureSpread(f, value) * z
      }
      return out
    }
    default:
      throw new Error(`unknown tabular perturbation "${perturbation}"`)
  }
}
