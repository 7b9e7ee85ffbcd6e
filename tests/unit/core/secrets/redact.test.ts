import { describe, expect, it } from 'vitest'
import { redact, redactMessage } from '../../../../src/core/secrets/redact'

describe('redaction', () => {
  it('takes out a token as is, URL-encoded and base64-encoded, for one secret or several', () => {
    const token = 'tok/en+with=chars_1234'
    const forms = [token, encodeURIComponent(token), Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')]
    const text = forms.map((f, i) => `${i}:${f}`).join(' ')
    expect(redact(text, token)).toBe('0:[redacted] 1:[redacted] 2:[redacted] 3:[redacted]')
    expect(redact(`a ${token} b sk_live_123`, [undefined, token, 'sk_live_123'])).toBe('a [redacted] b [redacted]')
    expect(redact('short abc', 'abc')).toBe('short abc')
  })

  it("and in a server's message, anyone's Bearer or Basic credential", () => {
    expect(redactMessage('echo: Bearer eyJhbGciOiJSUzI1NiIs.x', null)).toBe('echo: Bearer [redacted]')
    expect(redactMessage(`echo: Basic ${Buffer.from('user:password1').toString('base64')}`, null)).toBe('echo: Basic [redacted]')
    // Base64 that is not user:password is not a Basic credential.
    expect(redactMessage(`Basic ${Buffer.from('no colon in it').toString('base64')}`, null)).toBe(
      `Basic ${Buffer.from('no colon in it').toString('base64')}`
    )
    expect(redactMessage('Basic configuration of the Bearer service', 'k')).toBe('Basic configuration of the Bearer service')
  })
})
