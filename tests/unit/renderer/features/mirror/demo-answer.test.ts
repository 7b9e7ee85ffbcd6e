/** What the presenter's demo preview says about the audience's answer: whose it is, and a label-only answer's label. */
import { describe, expect, it } from 'vitest'
import { mirrorDemoAnswer } from '../../../../../src/renderer/src/features/mirror/demo-answer'
import type { EndpointPrediction, Prediction } from '../../../../../src/shared/types'

const local: Prediction = {
  predictions: [
    { label: 'not disaster', score: 0.3 },
    { label: 'disaster', score: 0.7 }
  ],
  latencyMs: 3
}

function endpoint(over: Partial<EndpointPrediction>): EndpointPrediction {
  return {
    predictions: [{ label: 'disaster', score: 0.9 }],
    latencyMs: 200,
    source: 'deployed',
    local: null,
    deployed: {
      ok: true,
      predictions: [{ label: 'disaster', score: 0.9 }],
      latencyMs: 200,
      curl: null,
      host: 'x.run.app',
      at: '2026-01-01T00:00:00Z'
    },
    ...over
  } as EndpointPrediction
}

describe('mirrorDemoAnswer', () => {
  it('says nothing more for the local model asked for, and shows its bars best first', () => {
    expect(mirrorDemoAnswer('local', local)).toEqual({
      predictions: [
        { label: 'disaster', score: 0.7 },
        { label: 'not disaster', score: 0.3 }
      ],
      summary: ''
    })
    expect(mirrorDemoAnswer('deployed', null)).toEqual({ predictions: [], summary: '' })
  })

  it('names the deployed model only when the deployed model answered', () => {
    expect(mirrorDemoAnswer('deployed', endpoint({})).summary).toBe('the deployed model’s answer')
    // The endpoint failed: the local model answered, whatever the switch says.
    const fallback = endpoint({
      ...local,
      source: 'local',
      local,
      deployed: { ok: false, predictions: [], latencyMs: 0, curl: null, host: 'x', at: '', failure: 'timeout' }
    } as Partial<EndpointPrediction>)
    expect(mirrorDemoAnswer('deployed', fallback)).toEqual({
      predictions: [
        { label: 'disaster', score: 0.7 },
        { label: 'not disaster', score: 0.3 }
      ],
      summary: 'the local model’s answer (the deployed endpoint did not answer)'
    })
    expect(mirrorDemoAnswer('both', fallback).summary).toMatch(/^the local model’s answer/)
    // Right after Local → Deployed the answer on screen is still the local model's own.
    expect(mirrorDemoAnswer('deployed', local).summary).toBe('the local model’s answer')
    expect(mirrorDemoAnswer('both', endpoint({ local })).summary).toBe('the deployed model’s answer · the local answer beside it')
  })

  it('publishes a label-only answer by its label, with the API’s own score when it gave one', () => {
    const bare = mirrorDemoAnswer('deployed', endpoint({ predictions: [], labelOnly: { label: 'flood' } }))
    expect(bare).toEqual({ predictions: [], summary: 'the deployed model’s answer: “flood” (a label, no scores)' })
    const scored = mirrorDemoAnswer('deployed', endpoint({ predictions: [], labelOnly: { label: 'flood', reportedScore: 0.81 } }))
    expect(scored).toEqual({ predictions: [{ label: 'flood', score: 0.81 }], summary: 'the deployed model’s answer: “flood”' })
  })
})
