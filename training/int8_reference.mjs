/**
 * The int8 copy's reference.json: the fp32 model's PyTorch reference samples, with the
 * tolerance widened to what quantization costs. Runs the int8 model.onnx in
 * onnxruntime-node on each sample's feeds, takes the largest |int8 − PyTorch| over the raw
 * outputs, and writes tolerance = twice that (rounded up to two digits), so the parity check
 * still catches a broken or different int8 file while accepting the measured quantization error.
 *
 * Usage: node training/int8_reference.mjs <fp32 folder> <int8 folder>   (prints the figures as JSON)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import ort from 'onnxruntime-node'

const [src, dst] = process.argv.slice(2)
if (!src || !dst) throw new Error('usage: node training/int8_reference.mjs <fp32 folder> <int8 folder>')
const reference = JSON.parse(readFileSync(resolve(src, 'reference.json'), 'utf8'))
const session = await ort.InferenceSession.create(resolve(dst, 'model.onnx'))
const toTensor = (feed) =>
  new ort.Tensor(feed.type, feed.type === 'int64' ? BigInt64Array.from(feed.data.map((v) => BigInt(v))) : Float32Array.from(feed.data), feed.dims)
let largest = 0
for (const sample of reference.samples) {
  const feeds = Object.fromEntries(Object.entries(sample.feeds).map(([name, feed]) => [name, toTensor(feed)]))
  const out = await session.run(feeds)
  for (const [name, expected] of Object.entries(sample.outputs)) {
    const got = out[name].data
    for (let i = 0; i < expected.data.length; i++) largest = Math.max(largest, Math.abs(Number(got[i]) - Number(expected.data[i])))
  }
}
const digits = 10 ** (Math.floor(Math.log10(2 * largest)) - 1)
const tolerance = Math.max(reference.tolerance ?? 1e-4, Math.ceil((2 * largest) / digits) * digits)
const written = { ...reference, tolerance, producer: `${reference.producer ?? 'PyTorch'} (fp32; tolerance widened to 2× the int8 error)` }
writeFileSync(resolve(dst, 'reference.json'), JSON.stringify(written) + '\n')
console.log(JSON.stringify({ samples: reference.samples.length, largestOutputDiff: largest, tolerance }))
