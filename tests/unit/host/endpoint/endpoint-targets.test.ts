/**
 * The endpoint service's targets on a temp deck of copied example models, read
 * by the real ModelService: which endpoints the deck has, what survives a
 * reload, which one a call means and the auth each shows. Nothing is called:
 * the URLs are loopback ports nobody listens on.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { EndpointTargets } from '../../../../src/host/endpoint/endpoint-targets'
import { RecordStore } from '../../../../src/host/endpoint/record-store'
import { copyModel, setEndpoint } from '../../../fixtures/endpoint/deck'
import { refusedUrl } from '../../../fixtures/endpoint/servers'

const auth = { env: 'DEMO_TOKEN', header: 'X-Api-Key', scheme: '' }

let deck = ''
let models: ModelService
let api = ''
let other = ''
const directives: Array<{ model: string; url: string }> = []

function targetsWith(env: NodeJS.ProcessEnv = {}): EndpointTargets {
  return new EndpointTargets({ deckRoot: deck, models, records: new RecordStore(deck), env, directiveEndpoints: () => directives })
}

beforeAll(async () => {
  deck = mkdtempSync(join(tmpdir(), 'demodeck-endpoint-targets-'))
  ;[api, other] = await Promise.all([refusedUrl(), refusedUrl()])
  copyModel(deck, 'disaster-tweets', 'tweets', { endpoint: { url: `${api}/inference`, auth } })
  copyModel(deck, 'wine', 'wine', { endpoint: `${api}/predict` }, 'model.json')
  copyModel(deck, 'wine', 'wine-plain', {}, 'model.json')
  directives.push(
    // A slide's URL on another origin: the model's token is withheld.
    { model: 'tweets', url: `${other}/inference` },
    // A password in a slide's URL: kept as a target that says why, never called.
    { model: 'wine', url: 'https://user:hunter2@example.invalid/predict?key=1' },
    // A model the deck does not have: ignored.
    { model: 'nope', url: `${api}/nope` }
  )
  models = new ModelService(deck, () => forkSourceWorker())
})

afterAll(() => {
  models?.dispose()
  if (deck) rmSync(deck, { recursive: true, force: true })
})

describe('reading the targets', () => {
  it("lists each model's endpoint and each slide's URL, a URL with a password as misconfigured and hidden", async () => {
    const targets = await targetsWith().refresh()
    expect([...targets.keys()].sort()).toEqual(
      [
        `tweets|${api}/inference`,
        `tweets|${other}/inference`,
        `wine|${api}/predict`,
        'wine|https://user:hunter2@example.invalid/predict?key=1'
      ].sort()
    )
    const fine = targets.get(`wine|${api}/predict`)!
    expect(fine.health).toMatchObject({ model: 'wine', state: 'unknown', message: 'not checked yet', url: `${api}/predict` })
    const bad = targets.get('wine|https://user:hunter2@example.invalid/predict?key=1')!
    expect(bad.invalid).toMatch(/cannot be used/)
    expect(bad.health.state).toBe('misconfigured')
    expect(bad.health.url).toBe('https://…@example.invalid/predict?…')
    expect(JSON.stringify(bad.health)).not.toContain('hunter2')
    expect(bad.health.failures).toHaveLength(1)
  })

  it('a reload keeps the health and plan of an unchanged endpoint; a changed config is planned again', async () => {
    const targets = targetsWith()
    const first = await targets.refresh()
    const wine = first.get(`wine|${api}/predict`)!
    wine.health.state = 'up'
    wine.health.message = 'answered in 12 ms'
    // What a wake's discovery leaves on the target.
    wine.plan = { url: wine.config.url, kind: 'custom', request: { body: 'json', field: null }, describe: 'POST /predict' }
    const again = (await targets.refresh()).get(`wine|${api}/predict`)!
    expect(again.health).toMatchObject({ state: 'up', message: 'answered in 12 ms' })
    expect(again.plan?.describe).toBe('POST /predict')
    expect(again.inflight).toBe(wine.inflight)

    setEndpoint(deck, 'wine/model.json', { url: `${api}/predict`, timeoutMs: 900 })
    try {
      const changed = (await targets.refresh()).get(`wine|${api}/predict`)!
      expect(changed.plan).toBeNull()
      expect(changed.health).toMatchObject({ state: 'up', timeoutMs: 900 })
    } finally {
      setEndpoint(deck, 'wine/model.json', `${api}/predict`)
    }
  })
})

describe('finding the target a call means', () => {
  it("without a URL: the model's own endpoint; with one: that URL", async () => {
    const targets = targetsWith()
    expect((await targets.find('tweets')).config.url).toBe(`${api}/inference`)
    expect((await targets.find('tweets', `${other}/inference`)).config.url).toBe(`${other}/inference`)
  })

  it('a URL not in the deck, a model without an endpoint and an unknown model are refused with the fix', async () => {
    const targets = targetsWith()
    await expect(targets.find('tweets', `${api}/elsewhere`)).rejects.toThrow(/is not in the deck for model "tweets".*::demo\{endpoint/)
    const plain = await targets.find('wine-plain').catch((error: unknown) => error)
    expect(plain).toBeInstanceOf(ApiError)
    expect(plain).toMatchObject({ code: 'bad_request', message: expect.stringContaining('add "endpoint": "https://…" to its model.json') })
    await expect(targets.find('nope')).rejects.toMatchObject({ code: 'not_found', message: 'there is no model "nope"' })
  })
})

describe('the auth each target shows', () => {
  it('names the variable and whether the token is there, and says when a slide on another origin does not get it', async () => {
    for (const [env, present] of [
      [{}, false],
      [{ DEMO_TOKEN: 'tok_1234' }, true]
    ] as const) {
      const targets = targetsWith(env)
      const loaded = await targets.refresh()
      const own = loaded.get(`tweets|${api}/inference`)!
      expect(own.health.auth).toEqual({ header: 'X-Api-Key', env: 'DEMO_TOKEN', present })
      expect(targets.authHealth(own)).toEqual(own.health.auth)
      const slide = loaded.get(`tweets|${other}/inference`)!
      expect(slide.config.auth).toBeUndefined()
      expect(slide.health.auth).toMatchObject({ header: 'X-Api-Key', env: 'DEMO_TOKEN', present, withheld: expect.any(String) })
      expect(loaded.get(`wine|${api}/predict`)!.health.auth).toBeNull()
    }
  })
})
