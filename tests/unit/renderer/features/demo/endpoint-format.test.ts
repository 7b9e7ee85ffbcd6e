import { describe, expect, it } from 'vitest'
import type { EndpointHealth } from '../../../../../src/shared/types'
import { agreementLine, localMissingLine, recordLine, statusLine } from '../../../../../src/renderer/src/features/demo/endpoint-format'
import { parseSource, parseTimeout } from '../../../../../src/renderer/src/features/demo/deployed-attributes'

const base: EndpointHealth = {
  model: 'm',
  url: 'https://api.run.app/predict',
  host: 'api.run.app',
  kind: 'openapi',
  state: 'up',
  message: '',
  lastLatencyMs: 412,
  lastAt: '2026-12-05T09:14:00Z',
  coldStartMs: null,
  timeoutMs: 3000,
  auth: null,
  plan: null,
  record: [],
  failures: []
}

describe('what the status dot and Both say', () => {
  it('status: host, last response time, cold-start hint; offline: the rehearsal record', () => {
    expect(statusLine(base)).toBe('api.run.app · answered in 412 ms')
    expect(statusLine({ ...base, coldStartMs: 8400 })).toBe('api.run.app · answered in 412 ms · cold start took 8.4 s')
    const at = new Date(2026, 11, 5, 9, 14).toISOString()
    expect(statusLine({ ...base, state: 'down', record: [{ at, latencyMs: 412, input: 'x', label: 'y', score: 0.9 }] })).toBe(
      'api.run.app · not answering · last answered live at 09:14, 412 ms'
    )
    expect(recordLine([])).toBeNull()
  })

  it('agreement: same top label with the largest gap in percentage points, or what each said', () => {
    expect(agreementLine({ sameTop: true, deployedTop: 'a', localTop: 'a', maxDiff: 0.0031, compared: 2 })).toBe(
      'Same top label · largest probability difference 0.3 pp'
    )
    expect(agreementLine({ sameTop: true, deployedTop: 'a', localTop: 'a', maxDiff: null, compared: 0 })).toBe(
      'Same top label (the deployed API gives no scores to compare)'
    )
    expect(agreementLine({ sameTop: false, deployedTop: 'a', localTop: 'b', maxDiff: 0.4, compared: 2 })).toBe(
      'Different answers: deployed says “a”, local says “b”'
    )
  })

  it('Both without a local answer: still loading after a cold-load grace, else the reason', () => {
    expect(localMissingLine('still loading')).toBe('Local model still loading — it answers from the next run')
    expect(localMissingLine('the model file is missing')).toBe('the model file is missing')
    expect(localMissingLine(undefined)).toBe('no local answer')
  })

  it('directive attributes: source and timeout', () => {
    expect(parseSource('both')).toBe('both')
    expect(parseSource('cloud')).toBeUndefined()
    expect(parseTimeout('5s')).toBe(5000)
    expect(parseTimeout('800ms')).toBe(800)
    expect(parseTimeout('2.5s')).toBe(2500)
    expect(parseTimeout('forever')).toBeUndefined()
    expect(parseTimeout('90s')).toBeUndefined()
  })
})
