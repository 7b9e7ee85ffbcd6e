/**
 * The deployed-endpoint service against real servers on loopback: the FastAPI
 * app (tests/fixtures/endpoint/fastapi_app.py; skipped, saying why, where
 * Debian's python3 lacks FastAPI), Node stand-ins for KServe v2, TorchServe and
 * Hugging Face, a silent server and a refused port. The local answers come from
 * the real ModelService, worker process and onnxruntime-node on the example models.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import type { EndpointPrediction, ModelInfo } from '../../../../src/shared/types'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { EndpointService } from '../../../../src/host/endpoint/endpoint-service'
import { RECORD_FILE } from '../../../../src/host/endpoint/record-store'
import {
  digitScores,
  disasterLabel,
  fastApiMissing,
  kserveScores,
  refusedUrl,
  repoRoot,
  startFastApi,
  startHuggingFace,
  startKserve,
  startSilent,
  startTorchServe,
  type Running
} from '../../../fixtures/endpoint/servers'
import { copyModel } from '../../../fixtures/endpoint/deck'

interface Fault {
  name: string
  server: 'fastapi' | 'refused' | 'silent' | 'raw'
  model: string
  path: string
  failure: string
  notice: string
  detail: string
}
const faults = (JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/endpoint/faults.json'), 'utf8')) as { cases: Fault[] }).cases

const missing = fastApiMissing()
/**
 * These tests compare both answers, so they wait for the local model however long its cold load takes on a
 * busy machine; the short default grace has its own test (endpoint-service-auth.test.ts).
 */
const BOTH = 60_000
const HF_TOKEN = 'hf_secret_token_1234'
const EARTHQUAKE = 'Magnitude 6.1 earthquake hits near the coast, buildings collapsed and people trapped'

let deck = ''
let models: ModelService
let service: EndpointService
let fastapi: Running | null = null
let kserve: Running
let torchserve: Running
let hf: Running
let silent: Running
let refused = ''
let list: ModelInfo[] = []
const directives: Array<{ model: string; url: string }> = []

const imageOf = (name: string): string => `data:image/png;base64,${readFileSync(join(repoRoot, 'models/digits/examples', name)).toString('base64')}`

beforeAll(async () => {
  deck = mkdtempSync(join(tmpdir(), 'demodeck-endpoint-'))
  mkdirSync(join(deck, 'models'))
  refused = await refusedUrl()
  ;[kserve, torchserve, hf, silent] = await Promise.all([startKserve(), startTorchServe(), startHuggingFace(HF_TOKEN), startSilent()])
  if (!missing) fastapi = await startFastApi(repoRoot)
  const api = fastapi?.url ?? refused
  copyModel(deck, 'digits', 'digits', { endpoint: api }, 'demodeck.json')
  copyModel(deck, 'disaster-tweets', 'disaster-tweets', { endpoint: { url: `${api}/inference`, timeoutMs: 800 } }, 'demodeck.json')
  copyModel(deck, 'wine', 'wine', { endpoint: { url: `${api}/predict`, record: 3 } }, 'model.json')
  copyModel(
    deck,
    'disaster-tweets',
    'tweets-custom',
    { endpoint: { url: `${api}/inference`, kind: 'custom', request: { field: 'statement' }, timeoutMs: 800 } },
    'demodeck.json'
  )
  copyModel(
    deck,
    'disaster-tweets',
    'tweets-422',
    { endpoint: { url: `${api}/inference`, kind: 'custom', request: { field: 'text' }, timeoutMs: 800 } },
    'demodeck.json'
  )
  copyModel(
    deck,
    'disaster-tweets',
    'tweets-hf',
    { endpoint: { url: `${hf.url}/`, kind: 'huggingface', auth: { env: 'HF_TOKEN' } } },
    'demodeck.json'
  )
  copyModel(deck, 'wine', 'wine-kserve', { endpoint: `${kserve.url}/v2/models/wine/infer` }, 'model.json')
  copyModel(deck, 'digits', 'digits-ts', { endpoint: `${torchserve.url}/predictions/digits` }, 'demodeck.json')
  copyModel(deck, 'wine', 'wine-plain', {}, 'model.json')
  copyModel(deck, 'wine', 'wine-bad-endpoint', { endpoint: { url: 'https://user:hunter2@example.invalid/predict' } }, 'model.json')
  for (const f of faults)
    directives.push({
      model: f.model,
      url: (f.server === 'raw' ? '' : f.server === 'fastapi' ? api : f.server === 'silent' ? silent.url : refused) + f.path
    })
  models = new ModelService(deck, () => forkSourceWorker())
  service = new EndpointService({ deckRoot: deck, models, env: { HF_TOKEN }, directiveEndpoints: () => directives, localGraceMs: BOTH })
  list = await models.list()
  await service.refresh()
})

afterAll(async () => {
  await service?.dispose()
  models?.dispose()
  await Promise.all([fastapi?.stop(), kserve?.stop(), torchserve?.stop(), hf?.stop(), silent?.stop()])
  if (deck) rmSync(deck, { recursive: true, force: true })
})

const example = (id: string, i = 0) => list.find((m) => m.id === id)!.examples[i]!

function expectLocalAnswer(answer: EndpointPrediction): void {
  expect(answer.source).toBe('local')
  expect(answer.local).not.toBeNull()
  expect(answer.predictions).toEqual(answer.local!.predictions)
  expect(answer.predictions.length).toBeGreaterThan(0)
}

describe('endpoint configuration', () => {
  it('lists the endpoint on the model, and refuses a URL with a password as a warning (the local model still runs)', () => {
    expect(list.find((m) => m.id === 'wine-kserve')!.endpoint).toEqual({ url: `${kserve.url}/v2/models/wine/infer`, timeoutMs: 3000 })
    const bad = list.find((m) => m.id === 'wine-bad-endpoint')!
    expect(bad.errors).toEqual([])
    expect(bad.endpoint).toBeUndefined()
    expect(bad.warnings.map((w) => w.message).join()).toContain(
      'the endpoint in model.json is ignored: the endpoint URL contains a user name or password'
    )
  })

  it('a model without an endpoint, or a URL not in the deck, is refused with the fix', async () => {
    await expect(service.predict('wine-plain', { features: {} })).rejects.toThrow(/has no deployed endpoint: add "endpoint"/)
    const error = await service.predict('wine-kserve', { features: {} }, 'https://evil.example/steal').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toContain('is not in the deck')
  })
})

describe('built-in protocols (Node stand-ins)', () => {
  it('KServe v2: the wake reads the input name from the model metadata, and the answer maps to the labels', async () => {
    const health = (await service.wake('wine-kserve')).find((h) => h.model === 'wine-kserve')!
    expect(health.state).toBe('up')
    expect(health.plan).toContain('input "features" (from the model metadata)')
    const features = example('wine').features!
    const answer = await service.predict('wine-kserve', { features })
    expect(answer.source).toBe('deployed')
    const wine = list.find((m) => m.id === 'wine')!
    const sent = wine.features!.map((f) => Number(features[f.name]))
    const expected = kserveScores(sent).map((score, i) => ({ label: wine.labels[i]!, score }))
    expect(answer.predictions.map((p) => p.label)).toEqual([...expected].sort((a, b) => b.score - a.score).map((p) => p.label))
    for (const p of answer.predictions) expect(p.score).toBeCloseTo(expected.find((e) => e.label === p.label)!.score, 6)
    expect(answer.deployed.curl).toContain(`curl -X POST ${kserve.url}/v2/models/wine/infer`)
    expect(answer.deployed.curl).toContain('"name":"features","shape":[1,13],"datatype":"FP32"')
  })

  it('TorchServe: the image goes as raw bytes and the {label: p} answer is read', async () => {
    const image = imageOf('7.png')
    const answer = await service.predict('digits-ts', { image })
    expect(answer.source).toBe('deployed')
    const scores = digitScores(readFileSync(join(repoRoot, 'models/digits/examples/7.png')))
    expect(answer.predictions[0]!.label).toBe(String(scores.indexOf(Math.max(...scores))))
    expect(answer.predictions.find((p) => p.label === '3')!.score).toBeCloseTo(scores[3]!, 9)
    expect(answer.deployed.curl).toContain('--data-binary @image.png')
    // The local model read the same 7: agreement says whether the stand-in's hash digit matches it.
    expect(answer.local!.predictions[0]!.label).toBe('7')
    expect(answer.agreement).toMatchObject({ localTop: '7', sameTop: answer.predictions[0]!.label === '7', compared: 10 })
  })

  it('Hugging Face: the token comes from the environment, is sent, and never shown', async () => {
    const answer = await service.predict('tweets-hf', { text: EARTHQUAKE })
    expect(answer.source).toBe('deployed')
    expect(answer.predictions).toEqual([
      { label: 'disaster', score: 0.9 },
      { label: 'not a disaster', score: 0.1 }
    ])
    expect(answer.deployed.curl).toContain('-H "Authorization: Bearer $HF_TOKEN"')
    expect(JSON.stringify(answer)).not.toContain(HF_TOKEN)
    expect((await service.status()).find((h) => h.model === 'tweets-hf')!.auth).toEqual({ header: 'Authorization', env: 'HF_TOKEN', present: true })
  })

  it('a missing token is said before any request; a refused one is a 401 with the variable to fix, the echoed secret redacted', async () => {
    const noToken = new EndpointService({ deckRoot: deck, models, env: {} })
    const answer = await noToken.predict('tweets-hf', { text: EARTHQUAKE })
    expectLocalAnswer(answer)
    expect(answer.deployed).toMatchObject({ failure: 'auth', notice: 'deployed endpoint has no token here — local model' })
    expect(answer.deployed.detail).toContain('the environment variable HF_TOKEN is not set')
    const wrong = 'hf_wrong_token_5678'
    const refusedToken = new EndpointService({ deckRoot: deck, models, env: { HF_TOKEN: wrong } })
    const rejected = await refusedToken.predict('tweets-hf', { text: EARTHQUAKE })
    expectLocalAnswer(rejected)
    expect(rejected.deployed).toMatchObject({ failure: 'auth', status: 401, notice: 'deployed endpoint answered HTTP 401 — local model' })
    expect(rejected.deployed.detail).toContain('the token in $HF_TOKEN was refused')
    expect(rejected.deployed.detail).toContain('Bearer [redacted]')
    expect(JSON.stringify(rejected)).not.toContain(wrong)
    expect(JSON.stringify(await refusedToken.status())).not.toContain(wrong)
    await Promise.all([noToken.dispose(), refusedToken.dispose()])
  })
})

describe.skipIf(missing !== null)(`the FastAPI app${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('wakes every endpoint and discovers each request from /openapi.json', async () => {
    // (Waking everything would also ping the fault endpoints; the silent one would take the full 30 s wake timeout.)
    await Promise.all([service.wake('digits'), service.wake('wine'), service.wake('disaster-tweets')])
    const health = await service.status()
    const plan = (id: string) => health.find((h) => h.model === id && h.url === list.find((m) => m.id === id)!.endpoint!.url)!
    expect(plan('digits')).toMatchObject({ state: 'up', plan: 'POST /classify/ · multipart field "file" (from /openapi.json)' })
    expect(plan('disaster-tweets')).toMatchObject({ state: 'up', plan: 'POST /inference · JSON field "statement" (from /openapi.json)' })
    expect(plan('wine')).toMatchObject({ state: 'up', plan: 'POST /predict · JSON object of the features (from /openapi.json)' })
    expect(plan('digits').lastLatencyMs).toBeGreaterThanOrEqual(0)
  })

  it('image: a multipart upload answered {filename, predictions: {label: p}}', async () => {
    const answer = await service.predict('digits', { image: imageOf('3.png') })
    const scores = digitScores(readFileSync(join(repoRoot, 'models/digits/examples/3.png')))
    expect(answer.source).toBe('deployed')
    expect(answer.predictions).toHaveLength(10)
    for (const p of answer.predictions) expect(p.score).toBeCloseTo(scores[Number(p.label)]!, 9)
    expect(answer.deployed.curl).toBe(`curl -X POST ${fastapi!.url}/classify/ \\\n  -F 'file=@image.png;type=image/png' \\\n  --max-time 3`)
    expect(answer.local!.predictions[0]!.label).toBe('3')
  })

  it('text: {"statement"} answered {"sentiment"} is a label without a made-up confidence', async () => {
    const answer = await service.predict('disaster-tweets', { text: EARTHQUAKE })
    expect(answer.source).toBe('deployed')
    expect(answer.labelOnly).toEqual({ label: disasterLabel(EARTHQUAKE) })
    expect(answer.predictions).toEqual([])
    expect(answer.agreement).toMatchObject({ deployedTop: 'disaster', maxDiff: null, compared: 0 })
    expect(answer.agreement!.sameTop).toBe(answer.local!.predictions[0]!.label === 'disaster')
    expect(answer.deployed.curl).toContain(`-d '{"statement":"Magnitude 6.1 earthquake`)
  })

  it('tabular: the real wine weights served by FastAPI agree with the local ONNX model, and the answer is recorded', async () => {
    const answer = await service.predict('wine', { features: example('wine', 1).features! })
    expect(answer.source).toBe('deployed')
    expect(answer.agreement!.sameTop).toBe(true)
    expect(answer.agreement!.compared).toBe(3)
    expect(answer.agreement!.maxDiff!).toBeLessThan(1e-4)
    const record = (await service.status()).find((h) => h.model === 'wine')!.record
    expect(record[0]).toMatchObject({ label: answer.predictions[0]!.label, input: '13 features' })
    await service.dispose()
    const saved = JSON.parse(readFileSync(join(deck, RECORD_FILE), 'utf8')) as { models: Record<string, unknown[]> }
    expect(saved.models['wine']).toHaveLength(1)
    // A fresh service (the next day, offline) still knows when the endpoint last answered.
    service = new EndpointService({ deckRoot: deck, models, env: { HF_TOKEN }, directiveEndpoints: () => directives, localGraceMs: BOTH })
    expect((await service.status()).find((h) => h.model === 'wine')!.record[0]!.latencyMs).toBe(record[0]!.latencyMs)
  })

  it('cancel from the presenter ends a slow call at once with the local answer', async () => {
    const slow = directives.find((d) => d.url.endsWith('/slow'))!
    const pending = service.predict(slow.model, { text: EARTHQUAKE }, slow.url, 20_000)
    await vi.waitFor(async () => expect((await service.cancel(slow.model)).cancelled).toBeGreaterThan(0), { timeout: 10_000, interval: 20 })
    const answer = await pending
    expectLocalAnswer(answer)
    expect(answer.deployed).toMatchObject({ failure: 'cancelled', notice: 'deployed call cancelled — local model' })
  })
})

describe('every broken endpoint answers with the local model (tests/fixtures/endpoint/faults.json)', () => {
  for (const f of faults) {
    const skip = f.server === 'fastapi' && missing !== null
    it.skipIf(skip)(`${f.name}${skip ? ` (skipped: ${missing})` : ''}`, async () => {
      const url = directives[faults.indexOf(f)]!.url
      const text = example(f.model).text!
      const answer = await service.predict(f.model, { text }, url)
      // The deck never stalls: the deployed attempt ends by its timeout (800 ms), whatever the server does.
      expect(answer.deployed.latencyMs).toBeLessThan(800 + 1500)
      expectLocalAnswer(answer)
      expect(answer.deployed.ok).toBe(false)
      expect(answer.deployed.failure).toBe(f.failure)
      expect(answer.deployed.notice).toContain(f.notice)
      expect(answer.deployed.detail).toContain(f.detail)
      const health = (await service.status()).find((h) => h.model === f.model && (h.url === url || (f.server === 'raw' && h.url.includes('…@'))))!
      expect(JSON.stringify(health)).not.toContain('hunter2')
      expect(['down', 'misconfigured']).toContain(health.state)
      expect(health.failures[0]!.message).toBe(answer.deployed.detail)
    })
  }
})

it('the example deck itself has no endpoint', () => {
  expect(existsSync(join(repoRoot, '.demodeck'))).toBe(false)
})
