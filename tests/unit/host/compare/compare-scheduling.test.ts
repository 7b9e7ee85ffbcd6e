/**
 * How CompareService schedules work on the models' workers: a failed set stops
 * taking items (the answer is already an error; the live demo must not wait
 * behind thousands of thrown-away predictions), and an A/B answer never waits
 * for a parity check. The model service here records its calls; the real
 * workers are covered by compare-service.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { CompareService } from '../../../../src/host/compare/compare-service'
import type { ModelServiceApi } from '../../../../src/host/services'
import { ApiError } from '../../../../src/shared/api'
import type { ModelInfo, PredictInput, Prediction } from '../../../../src/shared/types'

const info = (id: string): ModelInfo =>
  ({
    id,
    name: id,
    task: 'text-classification',
    labels: ['no', 'yes'],
    examples: [],
    errors: [],
    warnings: [],
    inputs: [],
    outputs: []
  }) as unknown as ModelInfo

/** A model service whose predictions fail on the text "bad" and settle one macrotask later. */
function recordingModels(): { models: ModelServiceApi; calls: string[] } {
  const calls: string[] = []
  const models = {
    list: async () => [info('a'), info('b')],
    predict: async (id: string, input: PredictInput): Promise<Prediction> => {
      calls.push(`predict:${id}`)
      await new Promise((resolve) => setImmediate(resolve))
      if ('text' in input && input.text === 'bad') throw new ApiError('bad_request', 'the text is bad')
      return { predictions: [{ label: 'yes', score: 0.9 }], latencyMs: 1 } as unknown as Prediction
    },
    card: async (id: string) => {
      calls.push(`card:${id}`)
      throw new Error('card() runs the parity check: an A/B must not need it')
    },
    parity: async (id: string) => {
      calls.push(`parity:${id}`)
      throw new Error('no parity here')
    },
    fileSize: async (id: string) => (calls.push(`size:${id}`), 1234)
  } as unknown as ModelServiceApi
  return { models, calls }
}

describe('CompareService scheduling', () => {
  it('stops an A/B set at its first failed item, on both models', async () => {
    const { models, calls } = recordingModels()
    const service = new CompareService('/nonexistent-deck', models)
    const items = [{ text: 'bad' }, ...Array.from({ length: 2000 }, (_, k) => ({ text: `tweet ${k}` }))]
    await expect(service.compareSet('a', 'b', { items })).rejects.toThrow(/item 1 of the A\/B set failed on "a": the text is bad/)
    // Let any lane that was still running finish its current item.
    for (let k = 0; k < 10; k++) await new Promise((resolve) => setImmediate(resolve))
    const predictions = calls.filter((c) => c.startsWith('predict:')).length
    expect(predictions).toBeLessThanOrEqual(2 * 4 + 2)
  })

  it('stops a drift set at its first failed item', async () => {
    const { models, calls } = recordingModels()
    const service = new CompareService('/nonexistent-deck', models)
    const items = [{ text: 'bad' }, ...Array.from({ length: 2000 }, (_, k) => ({ text: `tweet ${k}` }))]
    await expect(service.drift('a', { items }, { items: items.slice(1) })).rejects.toThrow(/item 1 of the reference set failed/)
    for (let k = 0; k < 10; k++) await new Promise((resolve) => setImmediate(resolve))
    expect(calls.filter((c) => c.startsWith('predict:')).length).toBeLessThanOrEqual(4 + 1)
  })

  it('answers an A/B input with both file sizes and no parity check', async () => {
    const { models, calls } = recordingModels()
    const answer = await new CompareService('/nonexistent-deck', models).predict('a', 'b', { text: 'fire' })
    expect(answer.a.fileSizeBytes).toBe(1234)
    expect(answer.b.fileSizeBytes).toBe(1234)
    expect(answer.a.prediction?.predictions[0]?.label).toBe('yes')
    expect(calls.filter((c) => c.startsWith('card:') || c.startsWith('parity:'))).toEqual([])
  })
})
