import { describe, expect, it } from 'vitest'
import { looksLikeWandbKey, redact, redactMessage } from '../../../../src/host/runs/secret-scan'
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

  it('redacts the key in every form it travels in, and any echoed Basic/Bearer credential in messages', () => {
    const basic = Buffer.from(`api:${HEX}`).toString('base64')
    const alone = Buffer.from(HEX).toString('base64url')
    const text = `authorization=Basic ${basic} | ${basic.replace(/=+$/, '')} | ${alone} | ${encodeURIComponent('x-' + HEX)}`
    const out = redact(text, HEX)
    expect(out).not.toContain(basic.replace(/=+$/, ''))
    expect(out).not.toContain(alone)
    expect(out).not.toContain(HEX)
    expect(out).toBe('authorization=Basic [redacted] | [redacted] | [redacted] | x-[redacted]')
    // Someone else's credential (another key, a proxy token) in a server's message.
    const other = Buffer.from('api:' + 'f'.repeat(40)).toString('base64')
    expect(redactMessage(`echo: Basic ${other}; Bearer abc.DEF123-xyz_456789`, HEX)).toBe('echo: Basic [redacted]; Bearer [redacted]')
    // Prose stays prose.
    expect(redactMessage('Basic configuration of the Bearer service', HEX)).toBe('Basic configuration of the Bearer service')
  })

  it('redacts every occurrence of a secret', () => {
    expect(redact(`a ${HEX} b ${HEX}`, HEX)).toBe('a [redacted] b [redacted]')
    expect(redact('x', '')).toBe('x')
  })
})
