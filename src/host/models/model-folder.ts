/**
 * Reads model folders from disk (the thin fs layer over core/models/spec.ts):
 * lists `models/<id>/`, parses the JSON files demodeck reads, decodes the ONNX
 * header, and turns example image files into data URLs for the demo UI.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_GRAPH_FILE_BYTES } from '../../core/models/graph'
import type { GraphFileContents } from '../../core/models/graph-spec'
import { decodeOnnx, OnnxDecodeError } from '../../core/models/onnx-proto'
import { isImageFileName } from './image-decode'
import { onnxFileOf, resolveModel, type FolderContents, type JsonFile, type ResolvedModel } from '../../core/models/spec'

const JSON_FILES = ['model.json', 'config.json', 'preprocessor_config.json', 'tokenizer_config.json', 'tokenizer.json', 'demodeck.json']
/** Example images above this size stay file names (the renderer shows no thumbnail). */
const MAX_EXAMPLE_IMAGE_BYTES = 2_000_000

async function readJson(file: string): Promise<JsonFile> {
  try {
    return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) as unknown }
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) files.push(entry.name)
    else if (entry.isDirectory() && entry.name === 'onnx') {
      for (const sub of await readdir(join(dir, 'onnx'), { withFileTypes: true })) if (sub.isFile()) files.push(`onnx/${sub.name}`)
    }
  }
  return files.sort()
}

/** Options of the folder reader. */
export interface ReadOptions {
  /** Largest graph file read, bytes (default MAX_GRAPH_FILE_BYTES). */
  maxGraphBytes?: number
}

/** Reads a node-classification model's graph file, refusing one over the size limit before reading it. */
async function readGraphFile(dir: string, name: string, maxBytes: number): Promise<GraphFileContents> {
  const file = join(dir, name)
  let size = 0
  try {
    size = (await stat(file)).size
  } catch {
    return { file: name, sizeBytes: 0, error: 'the file does not exist' }
  }
  if (size > maxBytes) {
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`
    return { file: name, sizeBytes: size, error: `the graph file is ${mb(size)}, over the ${mb(maxBytes)} limit for a graph demodeck loads` }
  }
  try {
    return { file: name, sizeBytes: size, value: JSON.parse(await readFile(file, 'utf8')) as unknown }
  } catch (error) {
    return { file: name, sizeBytes: size, error: `not valid JSON: ${(error as Error).message}` }
  }
}

/** Reads one model folder into the pure `FolderContents` shape. */
export async function readModelFolder(id: string, dir: string, options: ReadOptions = {}): Promise<FolderContents> {
  const files = await listFiles(dir)
  const json: Record<string, JsonFile> = {}
  for (const name of JSON_FILES) if (files.includes(name)) json[name] = await readJson(join(dir, name))
  let manifestModel: string | undefined
  let graph: GraphFileContents | undefined
  const manifest = json['model.json']
  if (manifest?.ok && manifest.value && typeof manifest.value === 'object') {
    const m = manifest.value as { model?: unknown; text?: { tokenizer?: unknown } }
    if (typeof m.model === 'string') manifestModel = m.model
    const tok = m.text?.tokenizer
    if (typeof tok === 'string' && files.includes(tok) && !json[tok]) json[tok] = await readJson(join(dir, tok))
    const g = (manifest.value as { graph?: { file?: unknown } }).graph
    if (g && typeof g === 'object') {
      const name = typeof g.file === 'string' ? g.file : 'graph.json'
      // A graph file outside the folder is treated as missing (nothing is read from outside the deck's model folder).
      if (files.includes(name)) graph = await readGraphFile(dir, name, options.maxGraphBytes ?? MAX_GRAPH_FILE_BYTES)
    }
  }
  const onnxName = onnxFileOf(files, manifestModel) ?? (manifestModel ? null : files.find((f) => f.endsWith('.onnx')) ?? null)
  let onnx: FolderContents['onnx'] = null
  if (onnxName && files.includes(onnxName)) {
    const file = join(dir, onnxName)
    const info = await stat(file)
    const revision = `${info.size}-${Math.round(info.mtimeMs)}`
    try {
      onnx = { file: onnxName, revision, sizeBytes: info.size, summary: decodeOnnx(await readFile(file)) }
    } catch (error) {
      const message = error instanceof OnnxDecodeError ? error.message : `could not be read: ${(error as Error).message}`
      onnx = { file: onnxName, revision, sizeBytes: info.size, summary: null, error: message }
    }
  }
  return { id, dir, files, json, onnx, ...(graph ? { graph } : {}) }
}

/** Replaces example image file names by data URLs so the renderer can show and send them. */
async function inlineExampleImages(resolved: ResolvedModel, dir: string): Promise<void> {
  for (const example of resolved.info.examples) {
    const image = example.image
    if (!image || !isImageFileName(image)) continue
    try {
      const bytes = await readFile(join(dir, image))
      if (bytes.length > MAX_EXAMPLE_IMAGE_BYTES) continue
      const mime = /\.png$/i.test(image) ? 'image/png' : 'image/jpeg'
      example.image = `data:${mime};base64,${bytes.toString('base64')}`
    } catch {
      resolved.info.warnings.push({ code: 'model/example-image', message: `example image "${image}" is missing`, file: `models/${resolved.info.id}/${image}` })
    }
  }
}

/** Reads and resolves every folder under `<deck>/models`. A broken folder is listed with errors; nothing throws. */
export async function loadModels(deckRoot: string, options: ReadOptions = {}): Promise<ResolvedModel[]> {
  const modelsDir = join(deckRoot, 'models')
  let entries: string[]
  try {
    entries = (await readdir(modelsDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name)
  } catch {
    return []
  }
  const out: ResolvedModel[] = []
  for (const id of entries.sort()) {
    const dir = join(modelsDir, id)
    try {
      const resolved = resolveModel(await readModelFolder(id, dir, options))
      if (!/^[A-Za-z0-9._-]+$/.test(id)) {
        resolved.info.errors.push({ code: 'model/bad-id', message: `rename the folder "${id}": model ids use letters, digits, dot, dash and underscore only` })
        resolved.spec = null
      }
      await inlineExampleImages(resolved, dir)
      out.push(resolved)
    } catch (error) {
      out.push(
        resolveModel({ id, dir, files: [], json: {}, onnx: null }) // keeps the shape; the error below explains
      )
      out[out.length - 1]!.info.errors = [{ code: 'model/unreadable', message: `the folder could not be read: ${(error as Error).message}` }]
    }
  }
  return out
}
