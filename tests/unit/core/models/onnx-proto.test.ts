/**
 * ONNX protobuf decoding against the facts in ../shared/fixtures/real/PROVENANCE.md
 * (skipped when those fixtures are absent) and against our own test models.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as ort from 'onnxruntime-node'
import { decodeOnnx, elemTypeName, exposeZipMapInput, OnnxDecodeError } from '../../../../src/core/models/onnx-proto'

const repoRoot = resolve(__dirname, '../../../..')
const real = resolve(repoRoot, '..', 'shared', 'fixtures', 'real', 'onnx')
const fixtures = join(repoRoot, 'tests/fixtures/models')
const has = existsSync(real)
const readReal = (p: string) => readFileSync(join(real, p))

describe('decodeOnnx on real models (PROVENANCE.md)', () => {
  it.skipIf(!has)('MainForm MNIST: pytorch 2.7.1, opset 17, IR 8, float[batch_size,1,28,28] → float[batch_size,10]', () => {
    const s = decodeOnnx(readReal('MainForm__MNIST_Model/models/model.onnx'))
    expect([s.producer, s.producerVersion, s.irVersion]).toEqual(['pytorch', '2.7.1', 8])
    expect(s.opsets).toEqual([{ domain: 'ai.onnx', version: 17 }])
    expect(s.inputs).toEqual([{ name: 'input', type: 'float32', shape: ['batch_size', 1, 28, 28], kind: 'tensor' }])
    expect(s.outputs).toEqual([{ name: 'output', type: 'float32', shape: ['batch_size', 10], kind: 'tensor' }])
    const ops = s.operators.map((o) => o.op)
    for (const op of ['Conv', 'BatchNormalization', 'LeakyRelu', 'AveragePool', 'Gemm', 'LogSoftmax']) expect(ops).toContain(op)
  })
  it.skipIf(!has)('Charlie839242 MNIST: pytorch 1.9, opset 9, IR 6, graph torch-jit-export, fixed batch 1', () => {
    const s = decodeOnnx(readReal('Charlie839242__MNIST_example/models/model.onnx'))
    expect([s.producer, s.producerVersion, s.irVersion, s.graphName]).toEqual(['pytorch', '1.9', 6, 'torch-jit-export'])
    expect(s.opsets[0]!.version).toBe(9)
    expect(s.inputs[0]!.shape).toEqual([1, 1, 28, 28])
    expect(s.outputs[0]!.shape).toEqual([1, 10])
    // ~112k weights in a 449,754-byte file: float32 weights take 4 bytes each.
    expect(s.parameterCount * 4).toBeLessThan(449_754)
    expect(s.parameterCount * 4).toBeGreaterThan(449_754 * 0.9)
  })
  it.skipIf(!has)('ChrisVN123: pytorch 2.2.2, opset 11, IR 6, float[batch_size,583] → float[batch_size,11]', () => {
    const s = decodeOnnx(readReal('ChrisVN123__02476_mlops_exam/models/model.onnx'))
    expect([s.producer, s.producerVersion, s.irVersion, s.opsets[0]!.version]).toEqual(['pytorch', '2.2.2', 6, 11])
    expect(s.inputs[0]!.shape).toEqual(['batch_size', 583])
    expect(s.outputs[0]!.shape).toEqual(['batch_size', 11])
    expect(s.operators.find((o) => o.op === 'Gemm')?.count).toBe(3)
  })
  it.skipIf(!has)('sklearn iris: skl2onnx 1.17.0, IR 10, opsets ai.onnx 9 + ai.onnx.ml 1, ZipMap seq(map)', () => {
    const s = decodeOnnx(readReal('akokubo__sklearn_onnx/logreg_iris.onnx'))
    expect([s.producer, s.producerVersion, s.irVersion]).toEqual(['skl2onnx', '1.17.0', 10])
    expect(s.opsets).toEqual(expect.arrayContaining([{ domain: 'ai.onnx', version: 9 }, { domain: 'ai.onnx.ml', version: 1 }]))
    expect(s.inputs[0]).toEqual({ name: 'float_input', type: 'float32', shape: [null, 4], kind: 'tensor' })
    expect(s.outputs.map((o) => [o.name, o.type])).toEqual([
      ['output_label', 'int64'],
      ['output_probability', 'seq(map(int64,float32))']
    ])
    expect(s.zipMaps).toEqual([{ input: 'probabilities', output: 'output_probability', classLabels: ['0', '1', '2'] }])
  })
  it.skipIf(!has)('exposing the ZipMap input lets onnxruntime-node return the probabilities (p = 0.977 for setosa)', async () => {
    const bytes = readReal('akokubo__sklearn_onnx/logreg_iris.onnx')
    const patched = exposeZipMapInput(bytes, 'probabilities')
    expect(decodeOnnx(patched).outputs.map((o) => o.name)).toEqual(['output_label', 'output_probability', 'probabilities'])
    const session = await ort.InferenceSession.create(patched)
    const out = await session.run({ float_input: new ort.Tensor('float32', Float32Array.from([5.1, 3.5, 1.4, 0.2]), [1, 4]) }, ['probabilities'])
    expect(out.probabilities!.data[0]).toBeCloseTo(0.977, 3)
    await session.release()
  })
})

describe('decodeOnnx on generated models', () => {
  it('reads our tiny text model', () => {
    const s = decodeOnnx(readFileSync(join(fixtures, 'text-hf/model.onnx')))
    expect(s.producer).toBe('demodeck-tests')
    expect(s.inputs.map((i) => `${i.name}:${i.type}[${i.shape.join(',')}]`)).toEqual(['input_ids:int64[batch,sequence]', 'attention_mask:int64[batch,sequence]'])
    expect(s.parameterCount).toBe(31 * 2 + 1 + 1)
  })
  it('counts operators inside Loop bodies', () => {
    const s = decodeOnnx(readFileSync(join(fixtures, 'hang/model.onnx')))
    expect(s.operators.find((o) => o.op === 'Identity')?.count).toBe(2)
    expect(s.operators.find((o) => o.op === 'Loop')?.count).toBe(1)
  })
  it('refuses truncated, random and empty bytes with a readable reason', () => {
    expect(() => decodeOnnx(readFileSync(join(fixtures, 'broken-truncated/model.onnx')))).toThrow(/truncated/)
    expect(() => decodeOnnx(readFileSync(join(fixtures, 'broken-random-bytes/model.onnx')))).toThrow(OnnxDecodeError)
    expect(() => decodeOnnx(new Uint8Array(0))).toThrow(/empty/)
    expect(() => decodeOnnx(new TextEncoder().encode('{"not": "onnx"}'))).toThrow(OnnxDecodeError)
  })
  it('names element types as onnxruntime does', () => {
    expect([1, 3, 7, 8, 11, 99].map(elemTypeName)).toEqual(['float32', 'int8', 'int64', 'string', 'float64', 'unknown(99)'])
  })
})
