/**
 * Reading an answer per protocol: KServe/Open Inference Protocol v2's
 * `outputs[]` tensors, and everything else through the general mapping
 * (response.ts), which already covers Hugging Face's `[{label, score}]` and
 * TorchServe's `{label: p}`.
 */
import type { ResolvedKind } from './config'
import { mapResponse, preview, readScores, type MapResult, type ResponseMapping } from './response'

function kserveAnswer(body: unknown, labels: string[]): MapResult {
  const outputs = body !== null && typeof body === 'object' ? (body as { outputs?: unknown }).outputs : undefined
  if (!Array.isArray(outputs) || outputs.length === 0) {
    return { ok: false, message: `a KServe v2 answer has "outputs": [...]; this one is ${preview(body)}` }
  }
  const output = outputs[0] as { name?: unknown; datatype?: unknown; data?: unknown }
  const data = Array.isArray(output.data) ? output.data.flat(4) : []
  if (output.datatype === 'BYTES' && typeof data[0] === 'string') {
    const label = data[0]
    return { ok: true, answer: { kind: 'label', predictions: [], label, from: `/outputs/0/data (${String(output.name ?? 'output')})` } }
  }
  const found = readScores(data, labels, false)
  if (!found || 'error' in found) {
    return {
      ok: false,
      message: `KServe output "${String(output.name ?? '0')}" holds ${found && 'error' in found ? found.error : preview(output.data, 80)}`
    }
  }
  const predictions = [...found.pairs].sort((a, b) => b.score - a.score)
  return {
    ok: true,
    answer: {
      kind: 'scores',
      predictions,
      label: predictions[0]!.label,
      from: `/outputs/0/data (${String(output.name ?? 'output')})`,
      ...(found.note ? { note: found.note } : {})
    }
  }
}

/** Maps an answer of protocol `kind`; an explicit mapping wins over the protocol's shape. */
export function readAnswer(kind: ResolvedKind, body: unknown, labels: string[], mapping?: ResponseMapping): MapResult {
  if (kind === 'kserve-v2' && !mapping?.label && !mapping?.scores) return kserveAnswer(body, mapping?.labels ?? labels)
  return mapResponse(body, labels, mapping)
}
