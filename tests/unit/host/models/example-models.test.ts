/**
 * The example deck's own models (models/ at the repo root, trained by the
 * example pipeline): each loads without problems, passes its export parity
 * check through the real worker, and classifies every one of its examples.
 * Skips the models that are not there yet.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'
import type { PredictInput } from '../../../../src/shared/types'
import { repoRoot } from './deck-helpers'

const modelsDir = join(repoRoot, 'models')
const present = existsSync(modelsDir)
  ? readdirSync(modelsDir).filter((id) => ['model.json', 'config.json'].some((f) => existsSync(join(modelsDir, id, f))))
  : []
const service = new ModelService(repoRoot, () => forkSourceWorker())
afterAll(() => service.dispose())

describe('example models', () => {
  it.skipIf(present.length === 0)('are listed without errors', async () => {
    const list = await service.list()
    for (const id of present) expect(list.find((m) => m.id === id)?.errors, id).toEqual([])
  })
  for (const id of ['disaster-tweets', 'digits', 'wine']) {
    const here = present.includes(id)
    it.skipIf(!here)(`${id}: parity holds and every example is classified${here ? '' : ' (not trained yet)'}`, async () => {
      const info = (await service.list()).find((m) => m.id === id)!
      if (existsSync(join(modelsDir, id, 'reference.json'))) {
        const parity = await service.parity(id)
        expect(parity.ok, parity.message).toBe(true)
      }
      expect(info.examples.length).toBeGreaterThan(0)
      for (const example of info.examples) {
        const input: PredictInput = example.text !== undefined ? { text: example.text } : example.image ? { image: example.image } : { features: example.features! }
        const result = await service.predict(id, input)
        expect(result.predictions.map((p) => p.label).sort()).toEqual([...info.labels].sort())
        if (info.outputKind !== 'sigmoid') expect(result.predictions.reduce((a, p) => a + p.score, 0)).toBeCloseTo(1, 4)
        // Digit examples are labelled "a 7": the model must read the digit.
        const digit = /^a (\d)$/.exec(example.label ?? '')
        if (id === 'digits' && digit) expect(result.predictions[0]!.label).toBe(digit[1])
      }
    })
  }
})
