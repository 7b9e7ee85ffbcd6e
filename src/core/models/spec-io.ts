/**
 * Checks of an ONNX file's inputs and outputs against what its task needs:
 * which output holds the scores (and that it matches the labels), token inputs
 * for text, the single float input for images and tables. Each problem is said
 * through `problem(code, message)` in one readable sentence.
 */
import type { TensorInfo } from '../../shared/types'
import type { OnnxSummary, OnnxValue } from './onnx-proto'
import { TEXT_INPUT_NAMES } from './text'

/** The tensors' names, types and shapes, as the model card lists them. */
export function tensorInfos(values: OnnxValue[]): TensorInfo[] {
  return values.map(({ name, type, shape }) => ({ name, type, shape }))
}

/** Chooses the output to read and checks it against the label count. */
export function pickOutput(
  summary: OnnxSummary,
  labels: string[],
  wanted: string | undefined,
  problem: (code: string, message: string) => void
): { name: string; exposeZipMap: boolean } | null {
  const outputs = summary.outputs
  const zipFor = (o: OnnxValue) => summary.zipMaps.find((z) => z.output === o.name)
  let chosen: OnnxValue | undefined
  if (wanted) {
    chosen = outputs.find((o) => o.name === wanted)
    if (!chosen) {
      problem('model/output-missing', `the model has no output "${wanted}"; its outputs are ${outputs.map((o) => o.name).join(', ')}`)
      return null
    }
  } else {
    const floats = outputs.filter((o) => o.kind === 'tensor' && o.type.startsWith('float'))
    chosen =
      outputs.find((o) => o.name === 'logits' && o.kind === 'tensor') ??
      floats.find((o) => o.shape[o.shape.length - 1] === labels.length) ??
      outputs.find((o) => zipFor(o)) ??
      floats[0] ??
      outputs[0]
  }
  if (!chosen) {
    problem('model/no-outputs', 'the ONNX model has no outputs')
    return null
  }
  const zip = zipFor(chosen)
  if (zip) {
    if (zip.classLabels.length && zip.classLabels.length !== labels.length) {
      problem('model/labels-mismatch', `the model has ${zip.classLabels.length} classes but ${labels.length} labels are listed`)
      return null
    }
    return { name: zip.input, exposeZipMap: true }
  }
  if (chosen.kind !== 'tensor') {
    problem('model/output-unsupported', `output "${chosen.name}" is a ${chosen.type}, which ONNX Runtime for Node cannot return; export a plain tensor of scores`)
    return null
  }
  if (chosen.type !== 'float32' && chosen.type !== 'float64') {
    problem('model/output-dtype', `output "${chosen.name}" is ${chosen.type}; demodeck needs float scores (logits or probabilities)`)
    return null
  }
  if (chosen.shape.length < 1 || chosen.shape.length > 2) {
    problem('model/output-rank', `output "${chosen.name}" has rank ${chosen.shape.length} (shape [${chosen.shape.join(', ')}]); demodeck needs [batch, classes] or [classes]`)
    return null
  }
  const classes = chosen.shape[chosen.shape.length - 1]
  if (typeof classes === 'number' && classes !== labels.length) {
    problem('model/labels-mismatch', `output "${chosen.name}" has ${classes} classes but ${labels.length} labels are listed`)
    return null
  }
  return { name: chosen.name, exposeZipMap: false }
}

/** Checks a text model's inputs are token tensors demodeck can fill (int64 [batch, sequence]). */
export function checkTextInputs(inputs: OnnxValue[], problem: (code: string, message: string) => void): boolean {
  let ok = true
  if (!inputs.some((i) => i.name === 'input_ids')) {
    problem('model/text-inputs', `a text model needs an "input_ids" input; this one has ${inputs.map((i) => `"${i.name}"`).join(', ') || 'none'}`)
    ok = false
  }
  for (const input of inputs) {
    if (!(TEXT_INPUT_NAMES as readonly string[]).includes(input.name)) {
      problem('model/text-inputs', `input "${input.name}" is not one demodeck can fill; text models may take ${TEXT_INPUT_NAMES.join(', ')}`)
      ok = false
    } else if (input.type !== 'int64') {
      problem('model/input-dtype', `input "${input.name}" is ${input.type}; demodeck feeds token ids as int64 (unsupported dtype)`)
      ok = false
    } else if (input.shape.length !== 2) {
      problem('model/input-rank', `input "${input.name}" has rank ${input.shape.length}; token inputs must be [batch, sequence]`)
      ok = false
    }
  }
  return ok
}

/** The one float32 input of an image or tabular model, or null with the problem said. */
export function singleFloatInput(inputs: OnnxValue[], what: string, problem: (code: string, message: string) => void): OnnxValue | null {
  if (inputs.length !== 1) {
    problem('model/inputs', `${what} models need exactly one input; this one has ${inputs.length} (${inputs.map((i) => i.name).join(', ')})`)
    return null
  }
  const input = inputs[0]!
  if (input.kind !== 'tensor' || input.type !== 'float32') {
    problem('model/input-dtype', `input "${input.name}" is ${input.type}; demodeck feeds ${what} models float32 (unsupported dtype)`)
    return null
  }
  return input
}
