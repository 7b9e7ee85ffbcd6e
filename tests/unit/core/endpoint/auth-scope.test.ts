import { describe, expect, it } from 'vitest'
import { authWithheld, isLoopbackHost } from '../../../../src/core/endpoint/auth-scope'
import { endpointObjectSchema, withDirectiveUrl } from '../../../../src/core/endpoint/config'

const model = endpointObjectSchema.parse({ url: 'https://wine-api-xyz.a.run.app/predict', auth: { env: 'WANDB_API_KEY' } })

describe('where a token may go', () => {
  it("a slide's URL on another origin does not get the model's token; the same origin (any path) does", () => {
    const evil = withDirectiveUrl(model, 'https://evil.example/collect')
    expect(authWithheld(evil, model)).toBe(
      "auth not sent: the slide's URL (evil.example) is not the model's endpoint (https://wine-api-xyz.a.run.app); the token goes to the endpoint in model.json only"
    )
    // Another port or scheme is another origin.
    expect(authWithheld(withDirectiveUrl(model, 'https://wine-api-xyz.a.run.app:8443/predict'), model)).toMatch(/^auth not sent: the slide's URL/)
    expect(authWithheld(withDirectiveUrl(model, 'https://wine-api-xyz.a.run.app/v2/predict'), model)).toBeNull()
    expect(authWithheld(model)).toBeNull()
  })

  it('plain http:// carries a token to this computer only', () => {
    const plain = endpointObjectSchema.parse({ url: 'http://10.0.0.7:8000/predict', auth: { env: 'TOKEN' } })
    expect(authWithheld(plain)).toBe(
      'auth not sent: 10.0.0.7:8000 is plain http://, which anyone on the network can read; use https:// (http:// carries a token to this computer only)'
    )
    for (const url of ['http://127.0.0.1:8000/p', 'http://localhost:8000/p', 'http://[::1]:8000/p']) {
      expect(authWithheld(endpointObjectSchema.parse({ url, auth: { env: 'TOKEN' } }))).toBeNull()
    }
    expect(authWithheld(endpointObjectSchema.parse({ url: 'http://10.0.0.7/p' }))).toBeNull()
  })

  it('loopback host names', () => {
    expect(['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'].map(isLoopbackHost)).toEqual([true, true, true, true, true, true])
    expect(['localhost.evil.com', '128.0.0.1', '10.0.0.1', 'example.com', '127.0.0.1.nip.io'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false
    ])
  })
})
