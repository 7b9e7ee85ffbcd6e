/**
 * Checks a parsed model.json against its ONNX file and itself, for mistakes
 * the schema alone cannot see: channels or image size that disagree with the
 * ONNX input, a block that does not belong to the task, duplicate feature
 * names, a default that is not a valid value, a reference file that is not
 * there. Each finding says what to change. Pure.
 */
import type { ModelManifest } from './manifest'
import type { OnnxSummary } from './onnx-proto'

/** A problem (cannot run) or a warning (runs, with a caveat). */
export interface Finding {
  level: 'error' | 'warning'
  code: string
  message: string
}

const num = (d: number | string | null | undefined): number | null => (typeof d === 'number' && d > 0 ? d : null)

/** The image size the manifest's pipeline hands the model: the crop, or the stretch size. */
function finalSize(image: NonNullable<ModelManifest['image']>): { width: number; height: number } {
  return image.crop ?? { width: image.width, height: image.height }
}

/** model.json mistakes, checked against the ONNX summary (when it could be read) and the folder's files. */
export function checkManifest(m: ModelManifest, summary: OnnxSummary | null, files: string[]): Finding[] {
  const out: Finding[] = []
  const error = (code: string, message: string) => out.push({ level: 'error', code, message })
  const blocks = { 'text-classification': 'text', 'image-classification': 'image', 'tabular-classification': 'tabular', 'node-classification': 'graph' } as const
  for (const block of ['text', 'image', 'tabular'] as const) {
    if (m[block] && blocks[m.task] !== block) {
      error('model/manifest-block', `model.json has ${block === 'image' ? 'an' : 'a'} "${block}" block but its task is ${m.task}: remove the block, or set "task" to "${Object.entries(blocks).find(([, b]) => b === block)![0]}"`)
    }
  }
  if (m.tabular) {
    const seen = new Set<string>()
    for (const f of m.tabular.features) {
      if (seen.has(f.name)) error('model/duplicate-feature', `feature "${f.name}" is listed twice in model.json: give each input its own name`)
      seen.add(f.name)
      if (f.default === undefined) continue
      if (f.type === 'number') {
        const value = typeof f.default === 'number' ? f.default : Number(String(f.default).trim() || Number.NaN)
        if (!Number.isFinite(value)) error('model/feature-default', `number feature "${f.name}" has the default ${JSON.stringify(f.default)}: use a number`)
        else if ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max)) {
          error('model/feature-default', `feature "${f.name}" has the default ${value}, outside its range [${f.min ?? '−∞'}, ${f.max ?? '∞'}]`)
        }
      } else if (!f.categories?.includes(String(f.default))) {
        error('model/feature-default', `category feature "${f.name}" has the default ${JSON.stringify(f.default)}, which is not one of its categories (${(f.categories ?? []).join(', ')})`)
      }
    }
  }
  if (m.reference && !files.includes(m.reference)) {
    out.push({ level: 'warning', code: 'model/reference-missing', message: `model.json names the reference file "${m.reference}", which is not in the folder, so parity cannot be checked: add it or remove "reference"` })
  }
  const input = summary?.inputs.length === 1 ? summary.inputs[0]! : null
  if (m.task === 'image-classification' && m.image && input && input.shape.length === 4) {
    const nhwc = m.image.layout === 'NHWC' || (m.image.layout === undefined && !(num(input.shape[1]) === 1 || num(input.shape[1]) === 3) && (num(input.shape[3]) === 1 || num(input.shape[3]) === 3))
    const [c, h, w] = nhwc ? [input.shape[3], input.shape[1], input.shape[2]] : [input.shape[1], input.shape[2], input.shape[3]]
    const shape = `[${input.shape.map((d) => d ?? '?').join(', ')}]`
    if (m.image.channels !== undefined && num(c) !== null && num(c) !== m.image.channels) {
      error('model/image-channels', `model.json says ${m.image.channels} channel${m.image.channels === 1 ? '' : 's'} but the ONNX input "${input.name}" ${shape} takes ${num(c)}: set "channels": ${num(c)}`)
    }
    const size = finalSize(m.image)
    if (num(h) !== null && num(w) !== null && (size.width !== num(w) || size.height !== num(h))) {
      error('model/image-size', `model.json makes ${size.width}×${size.height} images but the ONNX input "${input.name}" ${shape} takes ${num(w)}×${num(h)}: set ${m.image.crop ? '"crop"' : '"width" and "height"'} to ${num(w)}×${num(h)}`)
    }
  }
  return out
}

/**
 * ONNX Runtime's messages without its C++ source paths and signatures
 * ("/onnxruntime_src/onnxruntime/core/graph/graph.cc:1555 void onnxruntime::Graph::…() "), which mean nothing
 * to a user; the sentence that says what is wrong stays.
 */
export function cleanOrtMessage(message: string): string {
  return message
    .replace(/\/?[\w.-]*\/?onnxruntime_src\/[\w./-]+:\d+\s+(?:(?:[\w:~<>,&*]+\s+)*[\w:~<>]+\((?:[^()]|\([^()]*\))*\)\s*(?:const\s+)?)?/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim()
}
