/**
 * The graph API over real loopback HTTP, on a deck holding the 60-node Cora
 * fixture: `POST /api/models/<id>/predict` with `{ node }` and with `edits`,
 * the drawable graph and whole-graph runs, and zod's reasons for malformed
 * edits. Real host, real worker process, real onnxruntime-node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserServer } from '../../../src/server/http-server'
import { startDeckServer } from '../../fixtures/host'
import { makeDeck } from '../host/models/deck-helpers'

const deck = makeDeck(['graph-small'])
let server: BrowserServer

beforeAll(async () => {
  mkdirSync(join(deck.root, 'slides'))
  writeFileSync(join(deck.root, 'slides', 'deck.md'), '# Graph\n\n::demo{model="graph-small"}\n')
  server = await startDeckServer(deck.root, {})
})
afterAll(async () => {
  await server?.close()
  deck.cleanup()
})

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return { status: response.status, json: await response.json() }
}

describe('graph API', () => {
  it('predicts a node, then the same node after an edit with the nodes whose class changed', async () => {
    const plain = await post('/api/models/graph-small/predict', { node: 0 })
    expect(plain.status).toBe(200)
    expect(plain.json.predictions).toHaveLength(7)
    expect(plain.json.graph).toMatchObject({ node: 0, changed: [] })
    const graph = await (await fetch(new URL('/api/models/graph-small/graph', server.url))).json()
    const links: Array<[number, number]> = []
    for (let k = 0; k < graph.edges.length; k += 2)
      if (graph.edges[k] === 0 || graph.edges[k + 1] === 0) links.push([graph.edges[k], graph.edges[k + 1]])
    const edited = await post('/api/models/graph-small/predict', { node: 0, edits: { removeEdges: links, clearFeatures: [0] } })
    expect(edited.status).toBe(200)
    const runs = await post('/api/models/graph-small/graph-run', { edits: { removeEdges: links, clearFeatures: [0] } })
    expect(runs.status).toBe(200)
    expect(edited.json.graph.changed).toEqual(runs.json.changed)
    expect(runs.json.classes).toHaveLength(60)
    expect(runs.json.scores).toHaveLength(60 * 7)
    expect(graph.layout).toHaveLength(120) // the fixture has no stored layout: a stand-in one is served
    // A paper with no words and no links falls back to the biases: its scores must differ from before.
    expect(edited.json.predictions).not.toEqual(plain.json.predictions)
  })

  it('answers malformed requests with 400 and a reason', async () => {
    const bad = await post('/api/models/graph-small/predict', { node: 0, edits: { addEdges: [[1, 'x']] } })
    expect(bad.status).toBe(400)
    expect(bad.json.error.message).toMatch(/edits\.addEdges/)
    const negative = await post('/api/models/graph-small/predict', { node: -1 })
    expect(negative.status).toBe(400)
    const missing = await post('/api/models/graph-small/predict', { node: 0, edits: { removeEdges: [[0, 59]] } })
    expect(missing.status).toBe(400)
    expect(missing.json.error.message).toContain('there is no link between node 0 and node 59 to remove')
  })
})
