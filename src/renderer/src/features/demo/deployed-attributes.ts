/**
 * The `::demo` attributes of a deployed model, read without React:
 * `source="deployed|local|both"` and `timeout="3s"`.
 */
import type { DemoSource } from '../../../../shared/types'

/** Reads a `source` attribute: deployed, local or both. */
export function parseSource(value: string | undefined): DemoSource | undefined {
  return value === 'deployed' || value === 'local' || value === 'both' ? value : undefined
}

/** Reads a `timeout` attribute: "5s", "2.5s", "800ms" or a number of ms. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (!value) return undefined
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value)
  if (!m) return undefined
  const ms = m[2] === 's' ? Number(m[1]) * 1000 : Number(m[1])
  return ms >= 100 && ms <= 60_000 ? Math.round(ms) : undefined
}
