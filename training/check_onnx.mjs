/**
 * Export parity check: runs every models/<id>/model.onnx in onnxruntime-node on the
 * `feeds` of its reference.json and compares with the PyTorch `outputs` (max abs diff
 * must stay under the tolerance). Also re-derives the feeds from each sample's high-level
 * `input` the way the app does (text: tokenizers.js + truncation to 64; image: PNG ->
 * area average -> rescale -> normalise; features: standardise), to prove the
 * preprocessing metadata in the model folder is right. Exit code 1 on any failure.
 *
 * Usage: node training/check_onnx.mjs [modelId ...]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ort from 'onnxruntime-node'
import { PNG } from 'pngjs'
import { Tokenizer } from '@huggingface/tokenizers'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const modelsDir = resolve(repo, 'models')
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'))

/** Make an ort.Tensor from a reference.json feed. */
function toTensor(feed) {
  const data = feed.type === 'int64' ? BigInt64Array.from(feed.data.map((v) => BigInt(v))) : Float32Array.from(feed.data)
  return new ort.Tensor(feed.type, data, feed.dims)
}

/** Largest |a - b| over two equal-length numeric arrays (Infinity when shapes differ). */
function maxDiff(a, b) {
  if (a.length !== b.length) return Infinity
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(Number(a[i]) - Number(b[i])))
  return m
}

/** Text input -> input_ids/attention_mask the way the app feeds a HF tokenizer (truncate to max length). */
function textFeeds(dir, text) {
  const config = readJson(resolve(dir, 'tokenizer_config.json'))
  const tok = new Tokenizer(readJson(resolve(dir, 'tokenizer.json')), config)
  let ids = tok.encode(text).ids
  const max = config.model_max_length
  if (ids.length > max) ids = [...ids.slice(0, max - 1), ids[ids.length - 1]] // keep [SEP]
  return { input_ids: ids, attention_mask: ids.map(() => 1) }
}

/** Image input (file or data URL) -> area-averaged grayscale 8x8, rescaled and normalised. */
function imageFeeds(dir, image) {
  const pre = readJson(resolve(dir, 'preprocessor_config.json'))
  const buf = image.startsWith('data:') ? Buffer.from(image.split(',')[1], 'base64') : readFileSync(resolve(dir, image))
  const png = PNG.sync.read(buf)
  const { height: H, width: W } = pre.size
  const out = []
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0
      let n = 0
      for (let py = Math.floor((y * png.height) / H); py < Math.floor(((y + 1) * png.height) / H); py++) {
        for (let px = Math.floor((x * png.width) / W); px < Math.floor(((x + 1) * png.width) / W); px++) {
          const o = (py * png.width + px) * 4
          sum += (png.data[o] + png.data[o + 1] + png.data[o + 2]) / 3
          n++
        }
      }
      out.push(((sum / n) * pre.rescale_factor - pre.image_mean[0]) / pre.image_std[0])
    }
  }
  return { pixel_values: out }
}

/** Tabular input -> standardised feature vector per the manifest. */
function featureFeeds(manifest, features) {
  return { features: manifest.tabular.features.map((f) => (Number(features[f.name]) - f.mean) / f.std) }
}

let failed = false
const only = process.argv.slice(2)
for (const id of readdirSync(modelsDir).sort()) {
  if (only.length > 0 && !only.includes(id)) continue
  const dir = resolve(modelsDir, id)
  const refPath = resolve(dir, 'reference.json')
  if (!existsSync(refPath)) continue
  const ref = readJson(refPath)
  const manifest = existsSync(resolve(dir, 'model.json')) ? readJson(resolve(dir, 'model.json')) : null
  const modelFile = manifest?.model ?? 'model.onnx'
  const session = await ort.InferenceSession.create(resolve(dir, modelFile))
  let worst = 0
  let worstInput = 0
  for (const [i, sample] of ref.samples.entries()) {
    const feeds = Object.fromEntries(Object.entries(sample.feeds).map(([k, v]) => [k, toTensor(v)]))
    const result = await session.run(feeds)
    for (const [name, expected] of Object.entries(sample.outputs)) {
      const got = result[name]
      if (!got || got.dims.join() !== expected.dims.join()) {
        console.log(`${id}: sample ${i}: output ${name} has dims ${got?.dims} instead of ${expected.dims}`)
        failed = true
        continue
      }
      worst = Math.max(worst, maxDiff(got.data, expected.data))
    }
    // Preprocessing: the high-level input must give the same feeds.
    if (sample.input) {
      let derived
      if (sample.input.text !== undefined) derived = textFeeds(dir, sample.input.text)
      else if (sample.input.image !== undefined) derived = imageFeeds(dir, sample.input.image)
      else if (sample.input.features !== undefined) derived = featureFeeds(manifest, sample.input.features)
      for (const [name, values] of Object.entries(derived ?? {})) {
        const d = maxDiff(values, sample.feeds[name].data)
        worstInput = Math.max(worstInput, d)
        if (d > 1e-5) {
          console.log(`${id}: sample ${i}: input -> ${name} differs from the feeds (max diff ${d})`)
          failed = true
        }
      }
    }
  }
  const ok = worst < ref.tolerance
  if (!ok) failed = true
  console.log(
    `${id}: ${ref.samples.length} samples, onnxruntime-node vs PyTorch max abs diff ${worst.toExponential(3)} ` +
      `(tolerance ${ref.tolerance}) ${ok ? 'OK' : 'FAIL'}; input->feeds max diff ${worstInput.toExponential(3)}`
  )
}
process.exit(failed ? 1 : 0)
