import { describe, expect, it } from 'vitest'
import { looksLikeWandbKey, redact } from '../../../../src/host/runs/secret-scan'
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
