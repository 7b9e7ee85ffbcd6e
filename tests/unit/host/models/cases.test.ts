/**
 * Runs tests/fixtures/models/cases.json (a netron-style manifest of model
 * folders, inputs and expected results, broken cases included) through the
 * real ModelService, a real worker process and real onnxruntime-node. Cases
 * run in file order: a crash or hang case is followed by one that must work.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api'
import type { ModelInfo, PredictInput } from '../../../../src/shared/types'
import { ModelService } from '../../../../src/host/models/model-service'
import { forkSourceWorker } from '../../../../src/host/models/node-worker'

const repoRoot = resolve(__dirname, '../../../..')
const fixtures = join(repoRoot, 'tests/fixtures/models')
const realRoot = resolve(repoRoot, '..', 'shared', 'fixtures', 'real')

interface CaseModel {
  id: string
  dir?: string
  real?: string
  manifest?: object
  /** Changes to the copied graph.json of a graph model (see the manifest's $comment). */
  graph?: { set?: Record<string, unknown>; appendEdges?: number[]; duplicateFirstEdge?: boolean; padBytes?: number }
}

/** Applies a case's graph.json changes to the copy in the temp deck. */
function editGraph(file: string, edit: NonNullable<CaseModel['graph']>): void {
  const graph = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { edges: number[] }
  Object.assign(graph, edit.set ?? {})
  if (edit.appendEdges) graph.edges.push(...edit.appendEdges)
  if (edit.duplicateFirstEdge) graph.edges.push(graph.edges[1]!, graph.edges[0]!)
  writeFileSync(file, JSON.stringify(graph) + ' '.repeat(edit.padBytes ?? 0))
}
interface Case {
  name: string
  model: string
  input?: Record<string, unknown>
  parity?: boolean
  expect: {
    top?: string
    labels?: string[]
    topScore?: [number, number]
    error?: string
    message?: string
    listError?: string
    listWarning?: string
    parity?: { ok: boolean; message: string }
  }
}
const manifest = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')) as { models: CaseModel[]; cases: Case[] }
const available = new Set(manifest.models.filter((m) => !m.real || existsSync(join(realRoot, m.real))).map((m) => m.id))

/** '@file' → base64 of a fixture file; textRepeat → long text. */
function materialise(input: Record<string, unknown>): PredictInput {
  if (Array.isArray(input.textRepeat)) return { text: String(input.textRepeat[0]).repeat(Number(input.textRepeat[1])) }
  if (typeof input.image === 'string') {
    const at = /@([\w.-]+)$/.exec(input.image)
    if (at) return { image: input.image.slice(0, at.index) + readFileSync(join(fixtures, at[1]!)).toString('base64') }
  }
  return input as PredictInput
}

let deck = ''
let service: ModelService
let listed: ModelInfo[] = []

beforeAll(async () => {
  deck = mkdtempSync(join(tmpdir(), 'demodeck-cases-'))
  for (const m of manifest.models) {
    const target = join(deck, 'models', m.id)
    if (m.dir) {
      cpSync(join(fixtures, m.dir), target, { recursive: true })
      if (m.graph) editGraph(join(target, 'graph.json'), m.graph)
    }
    else if (m.real && available.has(m.id)) {
      // Copied into a temp deck only (never into the repo), next to a generated model.json.
      mkdirSync(target, { recursive: true })
      copyFileSync(join(realRoot, m.real), join(target, 'model.onnx'))
      writeFileSync(join(target, 'model.json'), JSON.stringify(m.manifest))
    }
  }
  service = new ModelService(deck, () => forkSourceWorker({ env: { DEMODECK_WORKER_TEST_HOOKS: '1' } }), { timeoutMs: 4000, maxGraphBytes: 1_000_000 })
  listed = await service.list()
})

afterAll(() => {
  service?.dispose()
  if (deck) rmSync(deck, { recursive: true, force: true })
})

describe('cases.json', () => {
  it('lists every folder, broken ones with errors and working ones without', () => {
    const ids = listed.map((m) => m.id).sort()
    expect(ids).toEqual(manifest.models.filter((m) => available.has(m.id)).map((m) => m.id).sort())
    for (const m of listed) {
      const broken = m.id.startsWith('broken-') || m.id === 'not-a-model' || m.id === 'sectors-wrong-features'
      expect(m.errors.length > 0, `${m.id}: ${JSON.stringify(m.errors)}`).toBe(broken)
      for (const e of m.errors) expect(e.message.length).toBeGreaterThan(10)
    }
  })

  for (const c of manifest.cases) {
    const skip = c.model !== 'no-such-model' && !available.has(c.model)
    it.skipIf(skip)(`${c.name}${skip ? ' (real fixture absent)' : ''}`, async () => {
      const { expect: want } = c
      if (want.listError) {
        const info = listed.find((m) => m.id === c.model)!
        expect(info.errors.map((e) => e.message).join(' | ')).toContain(want.listError)
      }
      if (want.listWarning) {
        const info = listed.find((m) => m.id === c.model)!
        expect(info.warnings.map((w) => w.message).join(' | ')).toContain(want.listWarning)
      }
      if (c.parity) {
        const report = await service.parity(c.model)
        expect(report.ok).toBe(want.parity!.ok)
        expect(report.message).toContain(want.parity!.message)
        return
      }
      const run = service.predict(c.model, materialise(c.input ?? {}))
      if (want.error) {
        const error = await run.then(
          () => null,
          (e: unknown) => e
        )
        expect(error, 'expected an error').toBeInstanceOf(ApiError)
        expect((error as ApiError).code).toBe(want.error)
        if (want.message) expect((error as ApiError).message).toContain(want.message)
        return
      }
      const result = await run
      const labels = result.predictions.map((p) => p.label)
      const scores = result.predictions.map((p) => p.score)
      expect([...scores].sort((a, b) => b - a)).toEqual(scores)
      if (want.top) expect(labels[0]).toBe(want.top)
      if (want.labels) expect(labels).toEqual(want.labels)
      if (want.topScore) expect(Math.abs(scores[0]! - want.topScore[0])).toBeLessThanOrEqual(want.topScore[1])
      expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    })
  }
})
