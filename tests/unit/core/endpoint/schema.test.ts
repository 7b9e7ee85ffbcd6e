import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hfExtrasJsonSchema, modelManifestJsonSchema } from '../../../../src/core/models/manifest'

const repoRoot = resolve(__dirname, '../../../..')

describe('editor schemas document the endpoint block', () => {
  it('schemas/demodeck.schema.json is the generated JSON Schema of demodeck.json (regenerate with UPDATE_SCHEMA=1)', () => {
    const file = join(repoRoot, 'schemas/demodeck.schema.json')
    const generated = JSON.stringify(hfExtrasJsonSchema(), null, 2) + '\n'
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(file, generated)
    expect(readFileSync(file, 'utf8')).toBe(generated)
  })

  it.each([
    ['model.json', modelManifestJsonSchema()],
    ['demodeck.json', hfExtrasJsonSchema()]
  ])('%s: "endpoint" is a URL or a block with url, kind, timeoutMs, auth (names only), request, response and record', (_name, schema) => {
    const endpoint = (
      schema as {
        properties: Record<string, { anyOf: Array<{ type: string; properties?: Record<string, { properties?: Record<string, unknown> }> }> }>
      }
    ).properties['endpoint']!
    expect(endpoint.anyOf.map((s) => s.type)).toEqual(['string', 'object'])
    const block = endpoint.anyOf[1]!.properties!
    expect(Object.keys(block)).toEqual(['url', 'kind', 'timeoutMs', 'wakeTimeoutMs', 'health', 'auth', 'request', 'response', 'record'])
    expect(Object.keys(block['auth']!.properties!)).toEqual(['env', 'keychain', 'header', 'scheme'])
  })
})
