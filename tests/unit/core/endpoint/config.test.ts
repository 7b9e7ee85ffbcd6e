import { describe, expect, it } from 'vitest'
import { parseEndpointConfig, resolveKind, withDirectiveUrl } from '../../../../src/core/endpoint/config'
import { curlFor, shellQuote } from '../../../../src/core/endpoint/curl'
import { redact } from '../../../../src/core/secrets/redact'
import { buildRequest } from '../../../../src/core/endpoint/request'
import { staticPlan } from '../../../../src/core/endpoint/plan'
import { fastApiValidation, httpErrorText } from '../../../../src/core/endpoint/outcome'

const parse = (value: unknown) => {
  const result = parseEndpointConfig(value)
  if (!result.ok) throw new Error(result.message)
  return result.config
}

describe('endpoint config', () => {
  it('a bare URL gets the defaults (3 s, OpenAPI discovery, no record)', () => {
    expect(parse('https://api-xyz.a.run.app/predict/')).toEqual({
      url: 'https://api-xyz.a.run.app/predict/',
      kind: 'auto',
      timeoutMs: 3000,
      wakeTimeoutMs: 30_000,
      record: false
    })
    expect(resolveKind(parse('https://api-xyz.a.run.app/predict/'))).toBe('openapi')
  })

  it('the protocol follows the URL shape, an explicit mapping, or the kind', () => {
    expect(resolveKind(parse('http://h/v2/models/wine/versions/2/infer'))).toBe('kserve-v2')
    expect(resolveKind(parse('http://h/predictions/resnet'))).toBe('torchserve')
    expect(resolveKind(parse('https://api-inference.huggingface.co/models/distilbert'))).toBe('huggingface')
    expect(resolveKind(parse({ url: 'http://h/x', request: { field: 'statement' } }))).toBe('custom')
    expect(resolveKind(parse({ url: 'http://h/v2/models/m/infer', kind: 'custom' }))).toBe('custom')
  })

  it('refuses secrets in the deck: credentials or key-like query parameters in the URL, a token field', () => {
    expect(parseEndpointConfig('https://me:pw@h/predict')).toMatchObject({
      ok: false,
      message: expect.stringContaining('contains a user name or password')
    })
    expect(parseEndpointConfig('https://h/predict?api_key=abc')).toMatchObject({
      ok: false,
      message: expect.stringContaining('carries "api_key=" in its query')
    })
    expect(parseEndpointConfig({ url: 'https://h', auth: { token: 'abc' } })).toMatchObject({ ok: false })
    expect(parseEndpointConfig({ url: 'https://h', auth: {} })).toMatchObject({ ok: false, message: expect.stringContaining('auth needs "env"') })
    expect(parseEndpointConfig('ftp://h')).toMatchObject({ ok: false, message: expect.stringContaining('https:// or http://') })
  })

  it('names a credential in the URL even when the block is invalid for other reasons', () => {
    const parsed = parseEndpointConfig({ url: 'https://u:p@x.a.run.app/classify/', timeoutMs: 30, tok: 1 })
    expect(parsed.ok).toBe(false)
    const message = parsed.ok ? '' : parsed.message
    expect(message).toMatch(/^timeoutMs: .*Unrecognized key: "tok"; the endpoint URL contains a user name or password/)
  })

  it("a directive URL replaces only the URL of the model's block", () => {
    const merged = withDirectiveUrl(parse({ url: 'https://a/x', timeoutMs: 5000, auth: { env: 'T' } }), 'https://b/y')
    expect(merged).toMatchObject({ url: 'https://b/y', timeoutMs: 5000, auth: { env: 'T', header: 'Authorization', scheme: 'Bearer' } })
  })
})

describe('requests and the shown curl', () => {
  it('explicit mappings build exactly the body the API expects', () => {
    const plan = staticPlan(
      parse({ url: 'http://h/inference', request: { field: 'statement', extra: { lang: 'en' } } }),
      'custom',
      'text-classification'
    )
    if (!plan || 'error' in plan) throw new Error('no plan')
    const request = buildRequest(plan, { text: "it's on fire" })
    expect(request.body).toEqual({ type: 'json', text: '{"lang":"en","statement":"it\'s on fire"}' })
    expect(curlFor(request, { header: 'Authorization', scheme: 'Bearer', env: 'CLOUD_RUN_TOKEN' }, { timeoutSec: 3 })).toBe(
      `curl -X POST http://h/inference \\\n  -H "Authorization: Bearer $CLOUD_RUN_TOKEN" \\\n  -H 'content-type: application/json' \\\n  -d '{"lang":"en","statement":"it'\\''s on fire"}' \\\n  --max-time 3`
    )
    expect(staticPlan(parse({ url: 'http://h/x', request: { body: 'query' } }), 'custom', 'text-classification')).toEqual({
      error: expect.stringContaining('needs "field"')
    })
  })

  it("tabular features go by name in the model's order, empty ones as their default", () => {
    const plan = staticPlan(parse({ url: 'http://h/p', request: { features: 'array', field: 'x' } }), 'custom', 'tabular-classification')
    if (!plan || 'error' in plan) throw new Error('no plan')
    const features = [
      { name: 'b', type: 'number' as const, default: 7 },
      { name: 'a', type: 'number' as const }
    ]
    expect(buildRequest(plan, { features: { a: 1, b: null } }, features).body).toEqual({ type: 'json', text: '{"x":[7,1]}' })
  })

  it('quotes for the shell and redacts secrets', () => {
    expect(shellQuote('plain-value_1')).toBe('plain-value_1')
    expect(shellQuote("a b'c")).toBe(`'a b'\\''c'`)
    expect(redact('Bearer sk_live_123 and sk_live_123', ['sk_live_123'])).toBe('Bearer [redacted] and [redacted]')
  })

  it("reads FastAPI's 422 body and explains HTTP failures with what to fix", () => {
    expect(fastApiValidation({ detail: [{ loc: ['body', 'statement'], msg: 'field required', type: 'value_error.missing' }] })).toBe(
      'body.statement: field required'
    )
    expect(httpErrorText(401, 'Unauthorized', 'application/json', '{}', 'POST h/p', 'TOKEN').detail).toContain(
      'export TOKEN=$(gcloud auth print-identity-token)'
    )
    expect(httpErrorText(503, '', 'text/html', '<html><title>Service Unavailable</title></html>', 'POST h/p')).toMatchObject({
      failure: 'http',
      notice: 'deployed endpoint answered HTTP 503 — local model',
      detail: expect.stringContaining('an HTML page ("Service Unavailable")')
    })
  })
})
