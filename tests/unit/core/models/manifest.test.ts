/** model.json / Hugging Face config parsing and the editor JSON Schema. */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hfLabels, modelManifestJsonSchema, modelManifestSchema } from '../../../../src/core/models/manifest'

const repoRoot = resolve(__dirname, '../../../..')

describe('model.json', () => {
  it('fills defaults', () => {
    const m = modelManifestSchema.parse({ name: 'x', task: 'text-classification', labels: ['a', 'b'] })
    expect([m.model, m.output, m.examples, m.runs]).toEqual(['model.onnx', 'logits', [], []])
  })
  it('needs the block of its task and valid feature encodings', () => {
    const noImage = modelManifestSchema.safeParse({ name: 'x', task: 'image-classification', labels: ['a'] })
    expect(noImage.success).toBe(false)
    expect(JSON.stringify(noImage.error?.issues)).toContain('needs an \\"image\\" block')
    const badFeature = modelManifestSchema.safeParse({
      name: 'x',
      task: 'tabular-classification',
      labels: ['a'],
      tabular: { features: [{ name: 'f', type: 'number', encoding: 'standardize' }] }
    })
    expect(JSON.stringify(badFeature.error?.issues)).toContain('needs \\"mean\\" and \\"std\\"')
  })
  it('rejects unknown keys (typos) instead of ignoring them', () => {
    expect(modelManifestSchema.safeParse({ name: 'x', task: 'text-classification', labels: ['a'], lables: [] }).success).toBe(false)
  })
  it('schemas/model.schema.json is the generated JSON Schema (regenerate with UPDATE_SCHEMA=1)', async () => {
    const file = join(repoRoot, 'schemas/model.schema.json')
    const generated = JSON.stringify(modelManifestJsonSchema(), null, 2) + '\n'
    if (process.env.UPDATE_SCHEMA === '1') (await import('node:fs')).writeFileSync(file, generated)
    expect(readFileSync(file, 'utf8')).toBe(generated)
    const schema = JSON.parse(generated) as { properties: Record<string, unknown>; required: string[] }
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'task', 'labels', 'output', 'text', 'image', 'tabular', 'reference']))
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'task', 'labels']))
  })
})

describe('Hugging Face config', () => {
  it('orders id2label by class index', () => {
    expect(hfLabels({ id2label: { '1': 'pos', '0': 'neg', '10': 'k', '2': 'a', '3': 'b', '4': 'c', '5': 'd', '6': 'e', '7': 'f', '8': 'g', '9': 'h' } })[10]).toBe('k')
    expect(() => hfLabels({ id2label: { '0': 'a', '2': 'c' } })).toThrow(/skips class 1/)
    expect(hfLabels({ label2id: { b: 1, a: 0 } })).toEqual(['a', 'b'])
    expect(() => hfLabels({})).toThrow(/no id2label/)
  })
})
