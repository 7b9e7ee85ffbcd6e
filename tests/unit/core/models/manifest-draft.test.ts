/** Task inference from ONNX inputs and the add-model draft, on the real fixture models. */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { draftManifest, guessTask } from '../../../../src/core/models/manifest-draft'
import { modelManifestSchema } from '../../../../src/core/models/manifest'
import { decodeOnnx } from '../../../../src/core/models/onnx-proto'
import { resolveModel } from '../../../../src/core/models/spec'

const fixtures = resolve(__dirname, '../../../fixtures/models')
const summary = (dir: string) => decodeOnnx(readFileSync(join(fixtures, dir)))

describe('guessTask', () => {
  it('reads the task from the inputs', () => {
    expect(guessTask(summary('image-photo/model.onnx')).task).toBe('image-classification')
    expect(guessTask(summary('text-hf/model.onnx')).task).toBe('text-classification')
    expect(guessTask(summary('tabular/model.onnx')).task).toBe('tabular-classification')
    expect(guessTask(summary('broken-string-input/model.onnx'))).toEqual({ task: null, reason: 'its inputs ("s" string [batch, 5]) fit no task demodeck knows' })
  })
})

describe('draftManifest', () => {
  it('drafts a valid model.json with the size, channels and class count of the file, and TODOs for the rest', () => {
    const draft = draftManifest(summary('image-photo/model.onnx'), 'model.onnx', 'photo', '../../schemas/model.schema.json')
    expect(modelManifestSchema.safeParse(draft.manifest).success).toBe(true)
    expect(draft.manifest).toMatchObject({ task: 'image-classification', labels: ['TODO class 0', 'TODO class 1', 'TODO class 2'], image: { width: 224, height: 224, channels: 3 } })
    expect(draft.todos.join('\n')).toMatch(/labels: name the 3 classes/)
    const tab = draftManifest(summary('tabular/model.onnx'), 'model.onnx', 'wine', 's.json')
    expect(modelManifestSchema.safeParse(tab.manifest).success).toBe(true)
    expect((tab.manifest['tabular'] as { features: unknown[] }).features).toHaveLength(5)
  })
})

describe('a folder with only model.onnx', () => {
  it('is not labelled text classification: the task comes from the inputs and the error says what to add', () => {
    const onnx = { file: 'model.onnx', revision: '1', sizeBytes: 1, summary: summary('image-photo/model.onnx') }
    const resolved = resolveModel({ id: 'cnn', dir: '/deck/models/cnn', files: ['model.onnx'], json: {}, onnx })
    expect(resolved.info.task).toBe('image-classification')
    expect(resolved.info.errors[0]!.message).toContain("Run `npm run add-model -- models/cnn/model.onnx --deck <this deck's folder>` in the demodeck folder to write a model.json draft")
    expect(resolved.spec).toBeNull()
  })
})
