import { describe, expect, it } from 'vitest'
import { mapResponse } from '../../../../src/core/endpoint/response'
import { readAnswer } from '../../../../src/core/endpoint/protocols'
import { getPointer } from '../../../../src/core/endpoint/json-pointer'
import { agreement } from '../../../../src/core/endpoint/outcome'

const TUMOURS = ['glioma', 'meningioma', 'notumor', 'pituitary']

describe('mapping a deployed answer to labels and scores', () => {
  it('{filename, predictions: {label: p}} (a multipart image API)', () => {
    const result = mapResponse({ filename: 'scan.jpg', predictions: { glioma: 0.1, meningioma: 0.6, notumor: 0.2, pituitary: 0.1 } }, TUMOURS)
    expect(result).toEqual({
      ok: true,
      answer: {
        kind: 'scores',
        label: 'meningioma',
        from: '/predictions',
        predictions: [
          { label: 'meningioma', score: 0.6 },
          { label: 'notumor', score: 0.2 },
          { label: 'glioma', score: 0.1 },
          { label: 'pituitary', score: 0.1 }
        ]
      }
    })
  })

  it('{"sentiment": "positive"} is a label alone — no confidence is invented', () => {
    expect(mapResponse({ sentiment: 'positive' }, ['negative', 'positive'])).toEqual({
      ok: true,
      answer: { kind: 'label', predictions: [], label: 'positive', from: '/sentiment' }
    })
  })

  it('{label, precision} keeps the confidence the API sent beside its label', () => {
    expect(mapResponse({ label: 'basmati', precision: 0.93 }, ['arborio', 'basmati'])).toMatchObject({
      ok: true,
      answer: { kind: 'label', label: 'basmati', reportedScore: 0.93 }
    })
  })

  it("{prediction, probabilities: [...], metadata} reads the array in the model's label order", () => {
    const result = mapResponse({ prediction: 'covid', probabilities: [0.7, 0.2, 0.1], metadata: { model: 'cnn', sizes: [224, 224, 3] } }, [
      'covid',
      'normal',
      'pneumonia'
    ])
    expect(result).toMatchObject({ ok: true, answer: { kind: 'scores', label: 'covid', from: '/probabilities' } })
  })

  it('Hugging Face [{label, score}] and [[{label, score}]], and class-index keys', () => {
    expect(
      mapResponse(
        [
          { label: 'POSITIVE', score: 0.99 },
          { label: 'NEGATIVE', score: 0.01 }
        ],
        ['NEGATIVE', 'POSITIVE']
      )
    ).toMatchObject({ ok: true, answer: { label: 'POSITIVE', from: '(the whole answer)' } })
    expect(
      mapResponse(
        [
          [
            { label: 'LABEL_1', score: 0.8 },
            { label: 'LABEL_0', score: 0.2 }
          ]
        ],
        ['LABEL_0', 'LABEL_1']
      )
    ).toMatchObject({ ok: true, answer: { label: 'LABEL_1' } })
    expect(mapResponse({ '0': 0.2, '1': 0.8 }, ['cat', 'dog'])).toMatchObject({
      ok: true,
      answer: {
        label: 'dog',
        predictions: [
          { label: 'dog', score: 0.8 },
          { label: 'cat', score: 0.2 }
        ]
      }
    })
  })

  it('logits get a softmax and say so; an integer prediction is an index into the labels', () => {
    const result = mapResponse({ logits: [2, 0, -1] }, ['a', 'b', 'c'])
    expect(result.ok && result.answer.note).toBe('softmax applied: the values were not probabilities (logits?)')
    expect(result.ok && result.answer.predictions[0]!.score).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 1 + Math.exp(-1)), 12)
    expect(mapResponse({ predicted_class: 2 }, ['a', 'b', 'c'])).toMatchObject({ ok: true, answer: { kind: 'label', label: 'c' } })
    expect(mapResponse('c', ['a', 'b', 'c'])).toMatchObject({ ok: true, answer: { kind: 'label', label: 'c' } })
  })

  it('ambiguous: two arrays that could be the scores are named with the pointer to write', () => {
    const result = mapResponse({ a: [0.5, 0.5], b: [0.1, 0.9] }, ['x', 'y'])
    expect(result).toEqual({
      ok: false,
      message:
        'the answer has 2 places that could be the scores ("/a", "/b"); say which in the model\'s endpoint block: "response": { "scores": "/a" }'
    })
    expect(mapResponse({ a: [0.5, 0.5], b: [0.1, 0.9] }, ['x', 'y'], { scores: '/b' })).toMatchObject({
      ok: true,
      answer: { label: 'y', from: '/b' }
    })
  })

  it('nothing recognisable says what came back and how to map it', () => {
    const result = mapResponse({ outcome: { verdict: 'spam' } }, ['ham', 'spam'])
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining(
        'demodeck cannot find a label or scores in the answer {"outcome":{"verdict":"spam"}}; add to the model\'s endpoint block "response": { "label": "/<field>" }'
      )
    })
    expect(mapResponse({ outcome: { verdict: 'spam' } }, ['ham', 'spam'], { label: '/outcome/verdict' })).toMatchObject({
      ok: true,
      answer: { kind: 'label', label: 'spam' }
    })
  })

  it('explicit pointers that miss explain what is there', () => {
    expect(mapResponse({ p: 1 }, ['a'], { scores: '/q' })).toEqual({
      ok: false,
      message: 'endpoint.response.scores "/q" points at nothing in the answer {"p":1}'
    })
    expect(mapResponse({ p: [1, 2, 3] }, ['a', 'b'], { scores: '/p' })).toEqual({
      ok: false,
      message: 'endpoint.response.scores "/p" holds an array of 3 numbers, but there are 2 labels; give their order in endpoint.response.labels'
    })
    expect(mapResponse({ p: [0.2, 0.3, 0.5] }, ['a', 'b'], { scores: '/p', labels: ['x', 'y', 'z'] })).toMatchObject({
      ok: true,
      answer: { label: 'z' }
    })
  })

  it('KServe v2 outputs: scores from FP32 data, a label from BYTES', () => {
    expect(
      readAnswer('kserve-v2', { model_name: 'm', outputs: [{ name: 'probs', shape: [1, 2], datatype: 'FP32', data: [0.25, 0.75] }] }, ['no', 'yes'])
    ).toMatchObject({ ok: true, answer: { kind: 'scores', label: 'yes', from: '/outputs/0/data (probs)' } })
    expect(readAnswer('kserve-v2', { outputs: [{ name: 'label', shape: [1], datatype: 'BYTES', data: ['yes'] }] }, ['no', 'yes'])).toMatchObject({
      ok: true,
      answer: { kind: 'label', label: 'yes' }
    })
    expect(readAnswer('kserve-v2', { error: 'x' }, ['no', 'yes'])).toMatchObject({ ok: false })
  })
})

describe('JSON pointers and agreement', () => {
  it('follows RFC 6901, escapes included', () => {
    const doc = { 'a/b': { 'm~n': [10, 20] } }
    expect(getPointer(doc, '/a~1b/m~0n/1')).toBe(20)
    expect(getPointer(doc, '')).toBe(doc)
    expect(getPointer(doc, '/a~1b/m~0n/01')).toBeUndefined()
    expect(getPointer(doc, '/nope')).toBeUndefined()
  })

  it('same top label (case-insensitive) and the largest probability gap over shared labels', () => {
    const local = [
      { label: 'Dog', score: 0.7 },
      { label: 'Cat', score: 0.3 }
    ]
    expect(
      agreement(
        {
          kind: 'scores',
          label: 'dog',
          predictions: [
            { label: 'dog', score: 0.6 },
            { label: 'cat', score: 0.4 }
          ]
        },
        local
      )
    ).toEqual({ sameTop: true, deployedTop: 'dog', localTop: 'Dog', maxDiff: expect.closeTo(0.1, 12), compared: 2 })
    expect(agreement({ kind: 'label', label: 'cat', predictions: [] }, local)).toEqual({
      sameTop: false,
      deployedTop: 'cat',
      localTop: 'Dog',
      maxDiff: null,
      compared: 0
    })
  })
})
