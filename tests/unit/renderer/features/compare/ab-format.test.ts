/** The A/B demo's sentences: agreement, size and speed ratios, the examples run. */
import { describe, expect, it } from 'vitest'
import { agreementLine, inputKey, setSummary, sizeRatio, speedRatio } from '../../../../../src/renderer/src/features/compare/ab-format'
import type { AbPrediction, AbSetReport } from '../../../../../src/shared/types'

const side = (name: string, top: string, score: number): AbPrediction['a'] => ({
  model: name,
  name,
  fileSizeBytes: 100,
  prediction: {
    predictions: [
      { label: top, score },
      { label: top === 'disaster' ? 'not a disaster' : 'disaster', score: 1 - score }
    ],
    latencyMs: 0.4
  }
})

describe('agreementLine', () => {
  it('says both agree and by how little the probabilities differ', () => {
    expect(
      agreementLine({ a: side('fp32', 'disaster', 0.9), b: side('int8', 'disaster', 0.897), agreement: { sameTop: true, maxDiff: 0.003 } })
    ).toEqual({
      agree: true,
      text: 'Same answer · largest probability difference 0.30 pp'
    })
  })
  it('names what each model said when they disagree', () => {
    const line = agreementLine({
      a: side('fp32', 'disaster', 0.52),
      b: side('int8', 'not a disaster', 0.51),
      agreement: { sameTop: false, maxDiff: 0.03 }
    })
    expect(line).toEqual({ agree: false, text: 'They disagree: fp32 says “disaster”, int8 says “not a disaster” (3.0 pp apart)' })
  })
  it('says which model could not answer', () => {
    const b = { model: 'int8', name: 'int8', fileSizeBytes: null, error: 'ONNX Runtime failed: bad op' }
    expect(agreementLine({ a: side('fp32', 'disaster', 0.9), b })).toEqual({
      agree: null,
      text: 'int8 could not answer: ONNX Runtime failed: bad op'
    })
  })
})

describe('ratios', () => {
  it('sizes: B against A', () => {
    expect(sizeRatio(13_361_096, 3_785_582)).toBe('3.5× smaller')
    expect(sizeRatio(100, 200)).toBe('2.0× larger')
    expect(sizeRatio(100, 101)).toBe('same size')
    expect(sizeRatio(null, 1)).toBeNull()
  })
  it('speed: B against A from latencies', () => {
    expect(speedRatio(0.6, 0.4)).toBe('1.5× faster')
    expect(speedRatio(0.39, 0.46)).toBe('1.2× slower')
    expect(speedRatio(1, 1.01)).toBe('as fast')
    expect(speedRatio(Number.NaN, 1)).toBeNull()
  })
})

describe('setSummary', () => {
  it('gives accuracy and p50 of each model and the agreement count', () => {
    const report: AbSetReport = {
      set: { name: 'examples', size: 8, labelled: 3 },
      a: { model: 'a', name: 'fp32', accuracy: 1, latency: { p50: 0.4, p95: 0.9, mean: 0.5 }, fileSizeBytes: 1 },
      b: { model: 'b', name: 'int8', accuracy: null, latency: { p50: 0.45, p95: 1, mean: 0.6 }, fileSizeBytes: 1 },
      agreement: 0.875,
      meanMaxDiff: 0.01,
      largestDiff: 0.2,
      disagreements: [],
      notes: [],
      elapsedMs: 3
    }
    expect(setSummary(report)).toEqual([
      'fp32: 100.0% right · p50 0.40 ms',
      'int8: no labelled items · p50 0.45 ms',
      'Agree on 7 of 8 (87.5%) · 3 with a known label'
    ])
  })
})

describe('inputKey', () => {
  it('tells inputs apart by their content; an image by its length and its last characters', () => {
    expect(inputKey({ text: 'fire' })).toBe(inputKey({ text: 'fire' }))
    expect(inputKey({ text: 'fire' })).not.toBe(inputKey({ text: 'fire!' }))
    expect(inputKey({ features: { a: 1, b: 2 } })).not.toBe(inputKey({ features: { a: 1, b: 3 } }))
    const image = `data:image/png;base64,${'A'.repeat(100_000)}B`
    expect(inputKey({ image })).toHaveLength(`image:${image.length}:`.length + 64)
    expect(inputKey({ image })).not.toBe(inputKey({ image: image.slice(0, -1) + 'C' }))
  })
})
