/**
 * Telling a normalization edited in model.json from a wrong ONNX file. Pure.
 *
 * [Note: rebuilt feeds carry model.json's normalization]
 * An image sample written by demodeck-export stores what ToTensor received (the 8-bit `stages.pixels` PNG),
 * not the float tensor: the parity runner rebuilds the reference feeds from it with model.json's scale, mean
 * and std. When a student edits those (ImageNet values over the 0.5/0.5 the model was trained with), the
 * rebuilt feeds are wrong too, and ONNX Runtime "disagrees with PyTorch" although the ONNX file is right.
 * So when the export looks wrong on rebuilt feeds, the runner also tries the usual normalizations (ImageNet,
 * 0.5/0.5, ToTensor alone, MNIST, CIFAR-10, CLIP): if one of them makes ONNX Runtime match the reference, the
 * file is fine and the normalize stage is to blame, named with the values that match.
 */
import type { StageDifference } from './parity'

/** How 8-bit pixels become the model input: v · scale, minus mean, over std (per channel). */
export interface Normalization {
  scale: number
  mean: readonly number[] | null
  std: readonly number[] | null
}

/** The normalizations of common training recipes, tried after the recorded one. */
export const COMMON_NORMALIZATIONS: readonly Normalization[] = [
  { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, // ImageNet (torchvision, timm)
  { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] }, // Normalize((0.5,)*3, (0.5,)*3), ViT
  { scale: 1 / 255, mean: [0.5], std: [0.5] },
  { scale: 1 / 255, mean: null, std: null }, // ToTensor() alone
  { scale: 1 / 255, mean: [0.1307], std: [0.3081] }, // MNIST
  { scale: 1 / 255, mean: [0.2860], std: [0.3530] }, // Fashion-MNIST
  { scale: 1 / 255, mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] }, // CIFAR-10
  { scale: 1 / 255, mean: [0.48145466, 0.4578275, 0.40821073], std: [0.26862954, 0.26130258, 0.27577711] }, // CLIP
  { scale: 1, mean: null, std: null } // raw 0–255 floats (no ToTensor)
]

const fits = (values: readonly number[] | null, channels: number): boolean => values === null || values.length === 1 || values.length === channels

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b))

/** The per-channel values a list stands for (one value applies to every channel; null is `fallback`). */
function perChannel(values: readonly number[] | null, channels: number, fallback: number): number[] {
  return Array.from({ length: channels }, (_, k) => (values === null ? fallback : (values.length === 1 ? values[0]! : values[k]!)))
}

/** Whether two normalizations compute the same input for a `channels`-channel image. */
export function sameNormalization(a: Normalization, b: Normalization, channels: number): boolean {
  if (!close(a.scale, b.scale)) return false
  const pairs: Array<[number[], number[]]> = [
    [perChannel(a.mean, channels, 0), perChannel(b.mean, channels, 0)],
    [perChannel(a.std, channels, 1), perChannel(b.std, channels, 1)]
  ]
  return pairs.every(([x, y]) => x.every((v, k) => close(v, y[k]!)))
}

/**
 * The normalizations worth trying when the export looks wrong on feeds rebuilt with `current` (model.json's):
 * the common ones that fit the channel count and differ from `current`.
 */
export function normalizationCandidates(current: Normalization, channels: number): Normalization[] {
  const out: Normalization[] = []
  for (const n of COMMON_NORMALIZATIONS) {
    if (!fits(n.mean, channels) || !fits(n.std, channels)) continue
    if (sameNormalization(n, current, channels) || out.some((o) => sameNormalization(o, n, channels))) continue
    out.push(n)
  }
  return out
}

const num = (v: number): string => (close(v, 1 / 255) ? '0.00392156862745098' : String(Number(v.toPrecision(8))))
const list = (values: readonly number[]): string => `[${values.map(num).join(', ')}]`

/** `"scale": 0.00392156862745098, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]` (as model.json spells it). */
export function describeNormalization(n: Normalization): string {
  if (n.mean === null && n.std === null) return `"scale": ${num(n.scale)} and no "mean" or "std"`
  return `"scale": ${num(n.scale)}, "mean": ${list(n.mean ?? [0])}, "std": ${list(n.std ?? [1])}`
}

/**
 * The finding for a sample whose rebuilt feeds only match the reference with `match`: the normalize stage
 * is wrong in model.json (not the ONNX file), with the values to write.
 */
export function normalizeBlame(current: Normalization, match: Normalization, matchDiff: number): StageDifference {
  return {
    stage: 'normalize',
    detail:
      `model.json's image normalization (${describeNormalization(current)}) is not the one the model was trained with: ` +
      `with ${describeNormalization(match)} ONNX Runtime matches the reference (max abs diff ${matchDiff.toExponential(1)}); ` +
      'write those values in model.json\'s "image" block'
  }
}
