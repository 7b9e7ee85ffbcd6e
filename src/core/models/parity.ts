/**
 * Export parity: compares what ONNX Runtime computes for the reference samples
 * with what the training framework computed (reference.json), by the largest
 * absolute difference over all output values.
 */
import type { ParityReport } from '../../shared/types'

/** Largest |a[i] - b[i]|; Infinity when lengths differ or a value is NaN on one side only. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity
  let max = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    if (Number.isNaN(x) && Number.isNaN(y)) continue
    const d = Math.abs(x - y)
    if (Number.isNaN(d)) return Infinity
    if (d > max) max = d
  }
  return max
}

/** Builds the report and its human sentence. */
export function parityReport(args: { samples: number; maxAbsDiff: number; tolerance: number; producer?: string; checkedAt?: Date }): ParityReport {
  const ok = args.maxAbsDiff <= args.tolerance
  const diff = Number.isFinite(args.maxAbsDiff) ? args.maxAbsDiff.toExponential(2) : 'a shape mismatch'
  const source = args.producer ? ` ${args.producer}` : ' the training framework'
  const message = ok
    ? `ONNX Runtime matches${source} on ${args.samples} reference sample${args.samples === 1 ? '' : 's'} (max abs diff ${diff} ≤ ${args.tolerance}).`
    : `The export is wrong in ONNX Runtime: on ${args.samples} reference sample${args.samples === 1 ? '' : 's'} its outputs differ from${source} by ${diff}, over the tolerance ${args.tolerance}. Re-export the model and check the opset and preprocessing.`
  return {
    samples: args.samples,
    // JSON has no Infinity: a shape mismatch is reported as the largest double.
    maxAbsDiff: Number.isFinite(args.maxAbsDiff) ? args.maxAbsDiff : Number.MAX_VALUE,
    tolerance: args.tolerance,
    ok,
    checkedAt: (args.checkedAt ?? new Date()).toISOString(),
    message
  }
}
