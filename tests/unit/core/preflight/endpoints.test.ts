import { describe, expect, it } from 'vitest'
import { parseDeck } from '../../../../src/core/deck/parse-deck'
import { runPreflight } from '../../../../src/core/preflight/checks'
import { hideCredentials } from '../../../../src/core/preflight/endpoints'
import type { PreflightFacts } from '../../../../src/core/preflight/facts'
import { formatReport } from '../../../../src/core/preflight/format'
import type { ModelInfo } from '../../../../src/shared/types'

const DECK = `---
title: Deployed
---

# 1 · Problem

---

# 2 · Use case
::demo{model="m"}
`

function model(over: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id: 'm',
    name: 'M',
    task: 'text-classification',
    labels: ['a', 'b'],
    inputs: [],
    outputs: [],
    layout: 'manifest',
    outputKind: 'logits',
    examples: [],
    warnings: [],
    errors: [],
    ...over
  }
}

function facts(text: string, models: ModelInfo[]): PreflightFacts {
  const sources = [{ path: 'slides/deck.md', text }]
  return {
    deck: parseDeck(sources, '/deck'),
    sources,
    files: [],
    models,
    trials: [],
    runs: [],
    layout: null,
    sync: null,
    now: 0
  }
}

const IGNORED = {
  code: 'model/endpoint',
  message:
    'the endpoint in model.json is ignored: timeoutMs: Too small: expected number to be >=100; Unrecognized key: "tok"; the endpoint URL contains a user name or password',
  file: 'models/m/model.json'
}

describe('the Endpoints check', () => {
  it('an endpoint block the loader ignored is an error on the slide that demos the model', () => {
    const report = runPreflight(facts(DECK, [model({ warnings: [IGNORED] })]))
    const check = report.checks.find((c) => c.id === 'endpoints')!
    expect(check.title).toBe('Endpoints')
    expect(check.status).toBe('fail')
    expect(check.findings).toHaveLength(1)
    expect(check.findings[0]).toMatchObject({ severity: 'error', code: 'endpoint/ignored', slide: 1, file: 'models/m/model.json' })
    expect(check.findings[0]!.message).toMatch(/^Model "m": the endpoint in model\.json is ignored: timeoutMs: .*Slide 2 demos the local model only/)
    expect(report.ok).toBe(false)
    expect(formatReport(report)).toMatch(/Not ready: 1 error/)
  })

  it('is a warning when no slide uses the model', () => {
    const report = runPreflight(facts(DECK.replace('model="m"', 'model="other"'), [model({ warnings: [IGNORED] }), model({ id: 'other' })]))
    const f = report.checks.find((c) => c.id === 'endpoints')!.findings
    expect(f.map((x) => [x.code, x.severity, x.slide])).toEqual([['endpoint/ignored', 'warning', undefined]])
    expect(f[0]!.message).toContain('No slide uses this model')
  })

  it('a user:password in a slide endpoint= is an error at its line, and the report does not repeat the password', () => {
    const text = DECK.replace('::demo{model="m"}', '::demo{model="m" endpoint="https://student:hunter2@my-api.a.run.app/predict/"}')
    const report = runPreflight(facts(text, [model()]))
    const f = report.checks.find((c) => c.id === 'endpoints')!.findings
    expect(f.map((x) => [x.code, x.severity, x.slide, x.line])).toEqual([['endpoint/secret-on-slide', 'error', 1, 10]])
    expect(f[0]!.message).toContain('https://…@my-api.a.run.app/predict/')
    expect(JSON.stringify(report)).not.toContain('hunter2')
    expect(formatReport(report)).not.toContain('hunter2')
  })

  it('a key in the query and a URL that is not one are errors; a good endpoint= passes', () => {
    const text = `${DECK}\n---\n\n# 3\n::demo{model="m" endpoint="https://x.a.run.app/predict?api_key=abc"}\n\n::demo{model="m" endpoint="my api"}\n\n::demo{model="m" endpoint="https://x.a.run.app/predict/"}\n`
    const report = runPreflight(facts(text, [model({ endpoint: { url: 'https://x.a.run.app/predict/', timeoutMs: 3000 } })]))
    const check = report.checks.find((c) => c.id === 'endpoints')!
    expect(check.findings.map((x) => x.code)).toEqual(['endpoint/secret-on-slide', 'endpoint/bad-url'])
    expect(check.summary).toBe('1 model with an endpoint, 3 endpoint=s on slides')
  })

  it('other model warnings reach the Models check', () => {
    const report = runPreflight(
      facts(DECK, [model({ warnings: [{ code: 'model/external-data', message: 'weights are stored outside the ONNX file (w.bin)' }] })])
    )
    const f = report.checks.find((c) => c.id === 'models')!.findings
    expect(f.map((x) => [x.code, x.severity, x.slide])).toEqual([['model/warning', 'warning', 1]])
    expect(f[0]!.message).toBe('Model "m": weights are stored outside the ONNX file (w.bin).')
  })

  it('hides the user:password part of a URL', () => {
    expect(hideCredentials('https://u:p@x.run.app/a')).toBe('https://…@x.run.app/a')
    expect(hideCredentials('https://x.run.app/a@b')).toBe('https://x.run.app/a@b')
  })
})
