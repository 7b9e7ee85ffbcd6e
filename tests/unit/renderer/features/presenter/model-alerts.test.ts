import { describe, expect, it } from 'vitest'
import type { Deck, ModelInfo } from '../../../../../src/shared/types'
import { modelAlerts } from '../../../../../src/renderer/src/features/presenter/model-alerts'

function slide(index: number, model?: string): Deck['slides'][number] {
  return { index, directives: model ? [{ name: 'demo', attributes: { model } }] : [] } as unknown as Deck['slides'][number]
}

function model(id: string, extra: Partial<ModelInfo>): ModelInfo {
  return { id, errors: [], warnings: [], ...extra } as unknown as ModelInfo
}

describe('modelAlerts', () => {
  it('lists a failed parity, errors and warnings of the models on the slides, with their slide', () => {
    const deck = { slides: [slide(0), slide(1, 'bad'), slide(2, 'fine'), slide(3, 'bad'), slide(4, 'broken')] }
    const models = [
      model('bad', {
        parity: { ok: false, message: 'max |Δ| 0.3 > 1.0e-4' } as ModelInfo['parity'],
        warnings: [
          { code: 'parity', message: 'max |Δ| 0.3 > 1.0e-4' },
          { code: 'x', message: 'labels.txt has 9 labels' }
        ] as ModelInfo['warnings']
      }),
      model('fine', { parity: { ok: true, message: 'ok' } as ModelInfo['parity'] }),
      model('broken', { errors: [{ code: 'onnx', message: 'model.onnx is missing' }] as ModelInfo['errors'] }),
      model('unused', { errors: [{ code: 'onnx', message: 'not on a slide' }] as ModelInfo['errors'] })
    ]
    expect(modelAlerts(deck, models)).toEqual([
      { model: 'bad', slide: 1, severity: 'error', message: 'Parity check failed: max |Δ| 0.3 > 1.0e-4' },
      { model: 'bad', slide: 1, severity: 'warning', message: 'labels.txt has 9 labels' },
      { model: 'broken', slide: 4, severity: 'error', message: 'model.onnx is missing' }
    ])
  })
  it('covers the A/B demo’s second model, named on the slide or by the model’s own compare pair', () => {
    const broken = (id: string): ModelInfo =>
      model(id, { errors: [{ code: 'onnx', message: `${id}: model.onnx is missing` }] as ModelInfo['errors'] })
    const ab = (index: number, attributes: Record<string, string>, name = 'demo'): Deck['slides'][number] =>
      ({ index, directives: [{ name, attributes }] }) as unknown as Deck['slides'][number]
    const models = [
      model('a', {}),
      broken('b'),
      model('c', { compare: 'd' } as Partial<ModelInfo>),
      broken('d'),
      model('e', { compare: 'f' } as Partial<ModelInfo>),
      broken('f')
    ]
    const deck = {
      slides: [
        ab(0, { model: 'a', compare: 'b' }),
        ab(1, { model: 'c' }),
        ab(2, { model: 'e', compare: 'none' }),
        ab(3, { model: 'e' }, 'model-card')
      ]
    }
    expect(modelAlerts(deck, models).map((a) => [a.model, a.slide])).toEqual([
      ['b', 0],
      ['d', 1]
    ])
  })
  it("lists the problems of a demo's A/B pair (compare=…) too", () => {
    const ab = { index: 0, directives: [{ name: 'demo', attributes: { model: 'fine', compare: 'broken' } }] } as unknown as Deck['slides'][number]
    const models = [model('fine', {}), model('broken', { errors: [{ code: 'onnx', message: 'model.onnx is not ONNX' }] as ModelInfo['errors'] })]
    expect(modelAlerts({ slides: [ab] }, models)).toEqual([{ model: 'broken', slide: 0, severity: 'error', message: 'model.onnx is not ONNX' }])
  })
  it('is empty when every model on the slides is fine or unknown', () => {
    expect(modelAlerts({ slides: [slide(0, 'fine'), slide(1, 'nope')] }, [model('fine', {})])).toEqual([])
  })
})
