/**
 * The endpoint channels through the real host (createHost): a `::demo{endpoint="…"}`
 * directive on a slide, the warm-up ping when the deck opens (pushed as
 * `endpoint:changed`), and `endpoint:predict` validated like every channel.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { createHost, type Host } from '../../../../src/host/create-host'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import type { EndpointHealth, EndpointPrediction } from '../../../../src/shared/types'
import { repoRoot, startTorchServe, type Running } from '../../../fixtures/endpoint/servers'

let deck = ''
let host: Host
let torchserve: Running
const pushed: EndpointHealth[][] = []

beforeAll(async () => {
  torchserve = await startTorchServe()
  deck = mkdtempSync(join(tmpdir(), 'demodeck-endpoint-host-'))
  mkdirSync(join(deck, 'slides'))
  mkdirSync(join(deck, 'models'))
  cpSync(join(repoRoot, 'models/digits'), join(deck, 'models/digits'), { recursive: true })
  writeFileSync(join(deck, 'slides/deck.md'), `# Use case\n\n::demo{model="digits" endpoint="${torchserve.url}/predictions/digits"}\n`)
  host = createHost({
    deckRoot: deck,
    spawnWorker: () => forkSourceWorker(),
    emit: (event, payload) => {
      if (event === 'endpoint:changed') pushed.push(payload as EndpointHealth[])
    },
    watch: false
  })
})

afterAll(async () => {
  host?.dispose()
  await torchserve?.stop()
  if (deck) rmSync(deck, { recursive: true, force: true })
})

it("wakes the directive's endpoint when the deck opens and pushes its health", async () => {
  await vi.waitFor(
    () => expect(pushed.at(-1)?.[0]).toMatchObject({ model: 'digits', state: 'up', kind: 'torchserve', host: new URL(torchserve.url).host }),
    { timeout: 10_000, interval: 20 }
  )
  expect(pushed.at(-1)![0]!.message).toMatch(/answers pings in \d+ ms|woke up in/)
})

it('answers endpoint:predict for the directive URL with both sides', async () => {
  const { examples } = ((await host.dispatch('models:list', {})) as Array<{ id: string; examples: Array<{ image?: string }> }>).find(
    (m) => m.id === 'digits'
  )!
  // Warm, as a demo model is when its slide shows: a deployed answer waits only briefly for a cold local model
  // (LOCAL_GRACE_MS; tested in endpoint-service-auth.test.ts).
  await host.dispatch('models:predict', { id: 'digits', input: { image: examples[4]!.image! } })
  const ask = async (): Promise<EndpointPrediction> =>
    (await host.dispatch('endpoint:predict', {
      id: 'digits',
      input: { image: examples[4]!.image! },
      endpoint: `${torchserve.url}/predictions/digits`
    })) as EndpointPrediction
  // On a loaded machine a warm worker can still miss the grace once; the next run of the demo has both sides.
  let answer = await ask()
  await vi.waitFor(
    async () => {
      if (!answer.local) answer = await ask()
      expect(answer.local?.predictions[0]?.label).toBe('4')
    },
    { timeout: 30_000, interval: 0 }
  )
  expect(answer.source).toBe('deployed')
  expect(answer.predictions).toHaveLength(10)
  expect(answer.deployed.curl).toContain(`${torchserve.url}/predictions/digits`)
})

it('validates the request like every channel', async () => {
  await expect(host.dispatch('endpoint:predict', { id: 'digits', input: { image: 'x' }, timeoutMs: 5 })).rejects.toThrow(
    /Invalid request for endpoint:predict: timeoutMs/
  )
  await expect(host.dispatch('endpoint:set-token', { name: 'T', token: 'x' })).rejects.toThrow(/needs the desktop app/)
  expect(await host.dispatch('endpoint:cancel', { id: 'digits' })).toEqual({ cancelled: 0 })
})
