/**
 * Pure helpers of the generated tabular form: starting values, slider steps,
 * and turning the form's text into the API's `features` object.
 */
import type { TabularFeature } from '../../../../shared/types'

/** Raw form values: numbers are kept as typed so "13." can be edited. */
export type Raw = Record<string, string>

/** The starting value of a feature: its default, else the middle of its range or its mean, else 0 / first category. */
export function defaultValue(feature: TabularFeature): string {
  if (feature.default !== undefined) return String(feature.default)
  if (feature.type === 'category') return feature.categories?.[0] ?? ''
  if (feature.min !== undefined && feature.max !== undefined) return String(roundNice((feature.min + feature.max) / 2))
  return String(feature.mean ?? 0)
}

/** A slider step giving ~200 positions over the range, rounded to 1, 2 or 5 × 10^k. */
export function niceStep(min: number, max: number): number {
  const raw = (max - min) / 200
  if (!(raw > 0)) return 1
  const pow = 10 ** Math.floor(Math.log10(raw))
  const m = raw / pow
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * pow
}

function roundNice(n: number): number {
  return Math.round(n * 1000) / 1000
}

/** Form values → the API's `features` object; null for an empty number, undefined when a number is malformed. */
export function toFeatures(features: TabularFeature[], raw: Raw): Record<string, number | string | null> | undefined {
  const out: Record<string, number | string | null> = {}
  for (const f of features) {
    const text = (raw[f.name] ?? '').trim()
    if (f.type === 'category') out[f.name] = text
    else if (text === '') out[f.name] = null
    else {
      const n = Number(text)
      if (!Number.isFinite(n)) return undefined
      out[f.name] = n
    }
  }
  return out
}
