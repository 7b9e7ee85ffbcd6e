/**
 * Run files are parsed off the host's main thread: while a 300k-row CSV is
 * being read, predictions and other host work go on. The parse is held "in
 * flight" with the index's test gate (Atomics.wait before each source): in a
 * worker thread that blocks only the worker; were the index on the main
 * thread, it would block the host and this test would never finish.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import { RunsService } from '../../../../src/host/runs/runs-service'
import { fixtures } from '../models/deck-helpers'

const ROWS = 300_000
let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'dd-bigruns-'))
  mkdirSync(join(root, 'runs'), { recursive: true })
  const lines = ['step,train/loss,val/acc']
  for (let s = 0; s < ROWS; s++) lines.push(`${s},${(2 / (1 + s / 1000)).toFixed(6)},${(s / ROWS).toFixed(6)}`)
  writeFileSync(join(root, 'runs', 'big.csv'), lines.join('\n') + '\n')
  cpSync(join(fixtures, 'tabular'), join(root, 'models', 'tabular'), { recursive: true })
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

// From source the worker thread compiles its TypeScript through tsx first: seconds on a loaded machine.
describe('run index in a worker thread', { timeout: 240_000 }, () => {
  it('reads a 300k-row CSV in the worker and answers its history as columns', async () => {
    const svc = new RunsService(root, { env: {}, homeDir: root })
    expect(svc.threaded).toBe(true)
    const [run] = await svc.list()
    expect(run).toMatchObject({ id: 'big', steps: ROWS })
    const history = await svc.history('big')
    expect(history.steps).toHaveLength(ROWS)
    expect(history.steps[ROWS - 1]).toBe(ROWS - 1)
    expect(history.columns['train/loss']).toHaveLength(ROWS)
    await expect(svc.history('nope')).rejects.toMatchObject({ code: 'not_found' })
  })

  it('a prediction and a loopback request complete while the big parse is in flight', async () => {
    const models = new ModelService(root, () => forkSourceWorker())
    const row = { alcohol: 13.7, ash: 2.4, colour: 'red' }
    await models.predict('tabular', { features: row })
    const gate = new Int32Array(new SharedArrayBuffer(4))
    const runs = new RunsService(root, { env: {}, homeDir: root, index: { gate } })
    const server = createServer((_req, res) => res.end('{"slide":3}'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const order: string[] = []
      const listing = runs.list().then((list) => (order.push('runs'), list))
      // The host's event loop is free: a slide sync over HTTP and a prediction both answer…
      const { port } = server.address() as AddressInfo
      expect(await (await fetch(`http://127.0.0.1:${port}/api/sync`)).json()).toEqual({ slide: 3 })
      order.push('sync')
      expect((await models.predict('tabular', { features: row })).predictions[0]!.label).toBe('Grignolino')
      order.push('prediction')
      // …while the runs are still being read.
      expect(order).toEqual(['sync', 'prediction'])
      Atomics.store(gate, 0, 1)
      Atomics.notify(gate, 0)
      expect((await listing)[0]).toMatchObject({ id: 'big', steps: ROWS })
      expect(order).toEqual(['sync', 'prediction', 'runs'])
    } finally {
      Atomics.store(gate, 0, 1)
      Atomics.notify(gate, 0)
      models.dispose()
      server.close()
    }
  })
})
