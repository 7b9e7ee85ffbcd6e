import { describe, expect, it } from 'vitest'
import { planFromOpenApi } from '../../../../src/core/endpoint/openapi'

/** An OpenAPI document shaped like FastAPI 0.9x output: schemas under components, bodies by $ref. */
function doc(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}): unknown {
  return { openapi: '3.0.2', info: { title: 't', version: '1' }, paths, components: { schemas } }
}
const post = (content: Record<string, unknown> | null, parameters: unknown[] = []) => ({
  post: { ...(content ? { requestBody: { content, required: true } } : {}), parameters, responses: { 200: { description: 'ok' } } }
})
const ref = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } })

const upload = {
  Body_classify_classify__post: {
    title: 'Body',
    type: 'object',
    required: ['file'],
    properties: { file: { title: 'File', type: 'string', format: 'binary' } }
  }
}
const statement = { Statement: { type: 'object', required: ['statement'], properties: { statement: { type: 'string' } } } }

describe('OpenAPI discovery', () => {
  it('image: the multipart body with one binary field, from the service root', () => {
    const result = planFromOpenApi(
      doc(
        {
          '/classify/': post({ 'multipart/form-data': ref('Body_classify_classify__post') }),
          '/inference': post({ 'application/json': ref('Statement') })
        },
        { ...upload, ...statement }
      ),
      'https://api-xyz.a.run.app',
      'image-classification'
    )
    expect(result).toEqual({
      ok: true,
      plan: {
        url: 'https://api-xyz.a.run.app/classify/',
        kind: 'openapi',
        request: { body: 'multipart', field: 'file' },
        describe: 'POST /classify/ · multipart field "file" (from /openapi.json)'
      }
    })
  })

  it('image: List[UploadFile] counts as one file field; an extra required field rules the operation out, saying so', () => {
    const files = {
      B: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } }
    }
    expect(planFromOpenApi(doc({ '/p': post({ 'multipart/form-data': ref('B') }) }, files), 'http://h/p', 'image-classification')).toMatchObject({
      ok: true,
      plan: { request: { field: 'files' } }
    })
    const needsUser = {
      B: { type: 'object', required: ['file', 'user'], properties: { file: { type: 'string', format: 'binary' }, user: { type: 'string' } } }
    }
    const result = planFromOpenApi(doc({ '/p': post({ 'multipart/form-data': ref('B') }) }, needsUser), 'http://h/p', 'image-classification')
    expect(result).toEqual({ ok: false, message: expect.stringContaining('POST /p: it also needs "user"') })
  })

  it("text: a JSON string field, a form field, or FastAPI's plain `text: str` query parameter", () => {
    expect(
      planFromOpenApi(doc({ '/inference': post({ 'application/json': ref('Statement') }) }, statement), 'http://h/inference', 'text-classification')
    ).toMatchObject({ ok: true, plan: { url: 'http://h/inference', request: { body: 'json', field: 'statement' } } })
    const form = { F: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } }
    expect(
      planFromOpenApi(doc({ '/p': post({ 'application/x-www-form-urlencoded': ref('F') }) }, form), 'http://h/p', 'text-classification')
    ).toMatchObject({ ok: true, plan: { request: { body: 'multipart', field: 'text' } } })
    const query = post(null, [{ name: 'text', in: 'query', required: true, schema: { type: 'string', title: 'Text' } }])
    expect(planFromOpenApi(doc({ '/predict': query }), 'http://h/predict', 'text-classification')).toMatchObject({
      ok: true,
      plan: { request: { body: 'query', field: 'text' } }
    })
  })

  it('tabular: features matched by name (pydantic aliases included), an array of numbers, or nested under one field', () => {
    const wine = {
      Wine: {
        type: 'object',
        required: ['alcohol', 'od280/od315_of_diluted_wines'],
        properties: { alcohol: { type: 'number' }, 'od280/od315_of_diluted_wines': { type: 'number' }, Malic_Acid: { type: 'number' } }
      }
    }
    expect(
      planFromOpenApi(doc({ '/predict': post({ 'application/json': ref('Wine') }) }, wine), 'http://h/predict', 'tabular-classification', [
        'alcohol',
        'malic_acid',
        'od280/od315_of_diluted_wines'
      ])
    ).toMatchObject({
      ok: true,
      plan: {
        request: {
          body: 'json',
          field: null,
          features: 'object',
          rename: { alcohol: 'alcohol', malic_acid: 'Malic_Acid', 'od280/od315_of_diluted_wines': 'od280/od315_of_diluted_wines' }
        }
      }
    })
    const arr = { R: { type: 'object', required: ['features'], properties: { features: { type: 'array', items: { type: 'number' } } } } }
    expect(
      planFromOpenApi(doc({ '/p': post({ 'application/json': ref('R') }) }, arr), 'http://h/p', 'tabular-classification', ['a', 'b'])
    ).toMatchObject({ ok: true, plan: { request: { field: 'features', features: 'array' } } })
    const nested = {
      R: { type: 'object', required: ['data'], properties: { data: { $ref: '#/components/schemas/X' } } },
      X: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'integer' } } }
    }
    expect(
      planFromOpenApi(doc({ '/p': post({ 'application/json': ref('R') }) }, nested), 'http://h/p', 'tabular-classification', ['a', 'b'])
    ).toMatchObject({ ok: true, plan: { request: { field: 'data', features: 'object' } } })
  })

  it('ambiguous: two fitting operations from the root name both and the URL to write', () => {
    const result = planFromOpenApi(
      doc({ '/a/predict': post({ 'application/json': ref('Statement') }), '/b/predict': post({ 'application/json': ref('Statement') }) }, statement),
      'https://api.run.app/',
      'text-classification'
    )
    expect(result).toEqual({
      ok: false,
      message:
        '2 operations could take the demo\'s input (POST /a/predict, POST /b/predict); put the one to call in the endpoint URL, e.g. "https://api.run.app/a/predict"'
    })
  })

  it('a preferred name settles a tie; two text fields are explained; a URL not in the document lists the real routes', () => {
    const two = { T: { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'string' } } } }
    expect(
      planFromOpenApi(
        doc({ '/health': post({ 'application/json': ref('Statement') }), '/predict': post({ 'application/json': ref('Statement') }) }, statement),
        'http://h',
        'text-classification'
      )
    ).toMatchObject({ ok: true, plan: { url: 'http://h/predict' } })
    expect(planFromOpenApi(doc({ '/p': post({ 'application/json': ref('T') }) }, two), 'http://h/p', 'text-classification')).toEqual({
      ok: false,
      message: expect.stringContaining('its JSON body has 2 text fields (a, b)')
    })
    expect(planFromOpenApi(doc({ '/p': post({ 'application/json': ref('Statement') }) }, statement), 'http://h/q', 'text-classification')).toEqual({
      ok: false,
      message: 'the service has no POST /q (its POST operations: /p); fix the endpoint URL'
    })
    expect(planFromOpenApi({ swagger: '2.0' }, 'http://h', 'text-classification')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not an OpenAPI document')
    })
  })

  it('a path with a prefix in front (a gateway) is kept whole', () => {
    expect(
      planFromOpenApi(
        doc({ '/inference': post({ 'application/json': ref('Statement') }) }, statement),
        'https://gw.example/team5/inference',
        'text-classification'
      )
    ).toMatchObject({ ok: true, plan: { url: 'https://gw.example/team5/inference' } })
  })
})
