import { describe, expect, it } from 'vitest'
import { looksLikeWandbKey, redact } from '../../../../src/host/runs/secret-scan'
import { historyWindow, sampleEvenly } from '../../../../src/host/runs/history-window'
import { parseRunsYaml } from '../../../../src/host/runs/runs-yaml'

const HEX = 'abcdef0123456789abcdef0123456789abcdef01'

describe('looksLikeWandbKey', () => {
  it.each([
    `WANDB_API_KEY=${HEX}`,
    `export WANDB_API_KEY="${HEX}"`,
    `{"wandb_key": "local-${HEX}"}`,
    `api_key: ${HEX}ff`,
    `machine api.wandb.ai\n  login user\n  password ${HEX}`
  ])('flags %s', (text) => {
    expect(looksLikeWandbKey(text)).toBe(true)
  })

  it.each([
    `commit: ${HEX}`,
    `{"git_commit": "${HEX}"}`,
    `WANDB_API_KEY=`,
    `api_key: ${HEX.slice(0, 39)}`,
    `password hunter2`
  ])('does not flag %s', (text) => {
    expect(looksLikeWandbKey(text)).toBe(false)
  })

  it('redacts every occurrence of a secret', () => {
    expect(redact(`a ${HEX} b ${HEX}`, HEX)).toBe('a [redacted] b [redacted]')
    expect(redact('x', '')).toBe('x')
  })
})

describe('history window (rows)', () => {
  const rows = Array.from({ length: 11 }, (_, s) => ({ _step: s, _runtime: s, a: s, ...(s % 5 === 0 ? { b: -s } : {}) }))
  it('keeps only chosen keys plus _step/_runtime/_timestamp and drops rows without them', () => {
    expect(historyWindow(rows, ['b'])).toEqual([{ _step: 0, _runtime: 0, b: -0 }, { _step: 5, _runtime: 5, b: -5 }, { _step: 10, _runtime: 10, b: -10 }])
  })
  it('samples evenly keeping first and last', () => {
    expect(sampleEvenly(rows, 3).map((r) => r._step)).toEqual([0, 5, 10])
    expect(historyWindow(rows, undefined, 2).map((r) => r['_step'])).toEqual([0, 10])
  })
})

describe('runs.yaml', () => {
  it('reads path and wandb entries; bad entries and bad YAML are problems', () => {
    const { entries, problems } = parseRunsYaml('- path: ../logs/v0\n  name: Base\n- wandb: e/p/r\n  group: g\n- path: x\n  wandb: e/p/r\n')
    expect(entries).toEqual([{ path: '../logs/v0', name: 'Base' }, { wandb: 'e/p/r', group: 'g' }])
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toMatch(/Entry 3/)
    expect(parseRunsYaml('- [').problems[0]!.code).toBe('runs/yaml')
    expect(parseRunsYaml('just: a map').problems[0]!.message).toMatch(/must be a list/)
  })
})
