import { describe, expect, it } from 'vitest'
import { describeNormalization, normalizationCandidates, normalizeBlame, sameNormalization } from '../../../../src/core/models/normalize-blame'

const imagenet = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }
const half = { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] }

describe('normalizationCandidates', () => {
  it('tries the common normalizations, never the one model.json already has', () => {
    const candidates = normalizationCandidates(imagenet, 3)
    expect(candidates.some((c) => sameNormalization(c, imagenet, 3))).toBe(false)
    expect(candidates.some((c) => sameNormalization(c, half, 3))).toBe(true)
    expect(candidates.some((c) => c.mean === null && c.scale === 1 / 255)).toBe(true)
  })

  it('keeps to the channel count: a grayscale model is not offered ImageNet, and [0.5] equals [0.5, 0.5, 0.5] on RGB', () => {
    const gray = normalizationCandidates({ scale: 1 / 255, mean: [0.5], std: [0.5] }, 1)
    expect(gray.some((c) => c.mean?.length === 3)).toBe(false)
    expect(gray.some((c) => c.mean?.[0] === 0.1307)).toBe(true)
    expect(normalizationCandidates(half, 3).some((c) => c.mean?.length === 1 && c.mean[0] === 0.5)).toBe(false)
  })

  it('float32 round trips of the same values count as the same normalization (a float32 mean in model.json)', () => {
    expect(sameNormalization(imagenet, { scale: 0.003921568859368563, mean: [0.48500001430511475, 0.4560000002384186, 0.4059999883174896], std: [0.2290000021457672, 0.2240000069141388, 0.22499999403953552] }, 3)).toBe(true)
    expect(sameNormalization(imagenet, half, 3)).toBe(false)
    expect(sameNormalization({ scale: 1 / 255, mean: null, std: null }, { scale: 1 / 255, mean: [0], std: [1] }, 3)).toBe(true)
  })
})

describe('normalizeBlame', () => {
  it("names model.json's values, the values that match and the figure, spelled as model.json spells them", () => {
    const blame = normalizeBlame(imagenet, half, 2.4e-7)
    expect(blame.stage).toBe('normalize')
    expect(blame.detail).toBe(
      `model.json's image normalization ("scale": 0.00392156862745098, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]) is not the one the model was trained with: ` +
        'with "scale": 0.00392156862745098, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5] ONNX Runtime matches the reference (max abs diff 2.4e-7); write those values in model.json\'s "image" block'
    )
    expect(describeNormalization({ scale: 1, mean: null, std: null })).toBe('"scale": 1 and no "mean" or "std"')
  })
})
