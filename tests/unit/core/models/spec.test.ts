/** resolveModel on in-memory folders: task inference, output choice, problems. */
import { describe, expect, it } from 'vitest'
import type { OnnxSummary, OnnxValue } from '../../../../src/core/models/onnx-proto'
import { resolveModel, type FolderContents } from '../../../../src/core/models/spec'

const tensor = (name: string, type: string, shape: Array<number | string | null>): OnnxValue => ({ name, type, shape, kind: 'tensor' })
function summary(inputs: OnnxValue[], outputs: OnnxValue[], extra: Partial<OnnxSummary> = {}): OnnxSummary {
  return { irVersion: 8, producer: 'p', producerVersion: '1', domain: '', modelVersion: 0, docString: '', opsets: [], graphName: 'g', inputs, outputs, parameterCount: 0, operators: [], externalData: [], zipMaps: [], ...extra }
}
function folder(files: Record<string, unknown>, onnx: OnnxSummary | null, onnxFile = 'model.onnx'): FolderContents {
  const json: FolderContents['json'] = {}
  for (const [name, value] of Object.entries(files)) if (name.endsWith('.json')) json[name] = { ok: true, value }
  return { id: 'm', dir: '/deck/models/m', files: [...Object.keys(files), ...(onnx ? [onnxFile] : [])].sort(), json, onnx: onnx ? { file: onnxFile, revision: '1-1', sizeBytes: 10, summary: onnx } : null }
}
const image = summary([tensor('pixel_values', 'float32', ['batch', 3, 224, 224])], [tensor('logits', 'float32', ['batch', 2])])

describe('resolveModel', () => {
  it('infers an HF image model from preprocessor_config.json and reads onnx/model.onnx', () => {
    const r = resolveModel(folder({ 'config.json': { id2label: { 0: 'cat', 1: 'dog' } }, 'preprocessor_config.json': { size: { height: 224, width: 224 }, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] } }, image, 'onnx/model.onnx'))
    expect(r.info.errors).toEqual([])
    expect(r.info).toMatchObject({ task: 'image-classification', layout: 'hf', labels: ['cat', 'dog'], image: { width: 224, height: 224, channels: 3 } })
    expect(r.spec?.modelFile).toBe('/deck/models/m/onnx/model.onnx')
    expect(r.spec?.image?.layout.dims).toEqual([1, 3, 224, 224])
  })
  it('names the resize filter on the card: PIL for HF folders (config or processor default), float for model.json', () => {
    const resizeStep = (files: Record<string, unknown>): string | undefined => resolveModel(folder(files, image)).preprocessing.find((s) => s.step === 'Resize')?.detail
    const cfg = { id2label: { 0: 'cat', 1: 'dog' } }
    expect(resizeStep({ 'config.json': cfg, 'preprocessor_config.json': { size: { height: 224, width: 224 }, resample: 3 } })).toBe('224×224, bicubic (PIL)')
    expect(resizeStep({ 'config.json': cfg, 'preprocessor_config.json': { image_processor_type: 'ViTImageProcessor', size: { height: 224, width: 224 } } })).toBe('224×224, bilinear (PIL)')
    expect(resizeStep({ 'config.json': cfg, 'preprocessor_config.json': { image_processor_type: 'CLIPImageProcessor', size: { shortest_edge: 224 }, do_center_crop: true, crop_size: 224 } })).toBe(
      'shortest edge to 224 px, keeping the aspect ratio, bicubic (PIL)'
    )
    const manifest = { name: 'n', task: 'image-classification', labels: ['cat', 'dog'], image: { width: 224, height: 224 } }
    expect(resizeStep({ 'model.json': manifest })).toBe('224×224, bilinear; area averaging when shrinking over 2×')
    expect(resizeStep({ 'model.json': { ...manifest, image: { ...manifest.image, resample: 1 } } })).toBe('224×224, lanczos (PIL)')
  })
  it('uses sigmoid for multi-label HF configs, and demodeck.json overrides', () => {
    const cfg = { id2label: { 0: 'a', 1: 'b' }, problem_type: 'multi_label_classification' }
    expect(resolveModel(folder({ 'config.json': cfg, 'preprocessor_config.json': {} , 'demodeck.json': {} }, image)).info.outputKind).toBe('sigmoid')
    expect(resolveModel(folder({ 'config.json': cfg, 'preprocessor_config.json': {}, 'demodeck.json': { output: 'probabilities', name: 'Pets' } }, image)).info).toMatchObject({ outputKind: 'probabilities', name: 'Pets' })
  })
  it('prefers the "logits" output, else the float output whose size matches the labels', () => {
    const two = summary([tensor('x', 'float32', ['b', 2])], [tensor('label', 'int64', ['b']), tensor('scores', 'float32', ['b', 3]), tensor('emb', 'float32', ['b', 8])])
    const manifest = { name: 'n', task: 'tabular-classification', labels: ['a', 'b', 'c'], tabular: { features: [{ name: 'f', type: 'number' }, { name: 'g', type: 'number' }] } }
    expect(resolveModel(folder({ 'model.json': manifest }, two)).spec?.outputName).toBe('scores')
    expect(resolveModel(folder({ 'model.json': { ...manifest, outputName: 'emb' } }, two)).info.errors[0]?.message).toContain('8 classes but 3 labels')
    expect(resolveModel(folder({ 'model.json': { ...manifest, outputName: 'nope' } }, two)).info.errors[0]?.message).toContain('has no output "nope"')
  })
  it('refuses unknown text inputs and non-int64 token ids', () => {
    const text = summary([tensor('input_ids', 'int32', ['b', 's']), tensor('position_ids', 'int64', ['b', 's'])], [tensor('logits', 'float32', ['b', 2])])
    const r = resolveModel(folder({ 'config.json': { id2label: { 0: 'a', 1: 'b' } }, 'tokenizer.json': { model: { type: 'WordPiece' } } }, text))
    const messages = r.info.errors.map((e) => e.message).join(' | ')
    expect(messages).toContain('"input_ids" is int32')
    expect(messages).toContain('"position_ids" is not one demodeck can fill')
    expect(r.spec).toBeNull()
  })
  it('reports a manifest naming a missing ONNX file, and warns on external data', () => {
    const manifest = { name: 'n', task: 'image-classification', labels: ['a', 'b'], model: 'weights/net.onnx', image: { width: 8, height: 8 } }
    expect(resolveModel(folder({ 'model.json': manifest }, null)).info.errors[0]?.message).toBe('model.json names "weights/net.onnx", which does not exist')
    const ext = resolveModel(folder({ 'config.json': { id2label: { 0: 'a', 1: 'b' } }, 'preprocessor_config.json': {} }, { ...image, externalData: ['model.onnx_data'] }))
    expect(ext.info.warnings[0]?.message).toContain('model.onnx_data')
  })
  it('lists a folder with unreadable JSON with the parse error', () => {
    const f = folder({}, image)
    f.files.push('config.json')
    f.json['config.json'] = { ok: false, error: 'Unexpected token } in JSON at position 12' }
    expect(resolveModel(f).info.errors[0]).toMatchObject({ code: 'model/json', file: 'models/m/config.json', message: expect.stringContaining('position 12') })
  })
})
