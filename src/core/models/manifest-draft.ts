/**
 * Reads what an ONNX file says about itself (inputs, outputs) and drafts the
 * model.json it needs: the task inferred from the inputs, the image size and
 * channels, the feature count, the class count, with a clear TODO for every
 * field only the author knows (labels, normalisation, feature names). Used by
 * `npm run add-model` and to say what a folder with only `model.onnx` lacks.
 * Pure: takes the decoded summary.
 */
import type { OnnxSummary, OnnxValue } from './onnx-proto'
import { TEXT_INPUT_NAMES } from './text'

/** A task guess and the reason for it, in words. */
export interface TaskGuess {
  task: 'text-classification' | 'image-classification' | 'tabular-classification' | null
  reason: string
}

const shapeText = (v: OnnxValue): string => `"${v.name}" ${v.type} [${v.shape.map((d) => d ?? '?').join(', ')}]`

/** Infers the task from the ONNX inputs. */
export function guessTask(summary: OnnxSummary): TaskGuess {
  const inputs = summary.inputs
  if (inputs.some((i) => (TEXT_INPUT_NAMES as readonly string[]).includes(i.name) && i.type === 'int64')) {
    return { task: 'text-classification', reason: `its input ${shapeText(inputs.find((i) => i.name === 'input_ids') ?? inputs[0]!)} holds token ids` }
  }
  if (inputs.length === 1 && inputs[0]!.type.startsWith('float')) {
    const input = inputs[0]!
    if (input.shape.length === 4 || input.shape.length === 3) return { task: 'image-classification', reason: `its input ${shapeText(input)} is an image batch` }
    if (input.shape.length === 2) return { task: 'tabular-classification', reason: `its input ${shapeText(input)} is a row of numbers` }
  }
  return { task: null, reason: `its inputs (${inputs.map(shapeText).join(', ') || 'none'}) fit no task demodeck knows` }
}

const num = (d: number | string | null | undefined): number | null => (typeof d === 'number' && d > 0 ? d : null)

/** The class count from the first float output's last axis (or a ZipMap's labels). */
function classCount(summary: OnnxSummary): number | null {
  const zip = summary.zipMaps[0]
  if (zip?.classLabels.length) return zip.classLabels.length
  const output = summary.outputs.find((o) => o.kind === 'tensor' && o.type.startsWith('float'))
  return output ? num(output.shape[output.shape.length - 1]) : null
}

/** A model.json draft and the TODOs left in it. */
export interface ManifestDraft {
  manifest: Record<string, unknown>
  todos: string[]
  guess: TaskGuess
}

/** Drafts model.json for an ONNX file named `modelFile` in the folder. */
export function draftManifest(summary: OnnxSummary, modelFile: string, name: string, schemaRef: string): ManifestDraft {
  const guess = guessTask(summary)
  const todos: string[] = []
  const classes = classCount(summary)
  const labels = Array.from({ length: classes ?? 2 }, (_, i) => `TODO class ${i}`)
  todos.push(`labels: name the ${classes ?? '(unknown number of)'} classes in output order${classes ? '' : ' (the output size is symbolic: as many labels as classes)'}`)
  const manifest: Record<string, unknown> = { $schema: schemaRef, name, task: guess.task ?? 'TODO', model: modelFile, labels, output: 'logits' }
  todos.push('output: "logits" if the model ends in a Linear layer; "probabilities" after a Softmax, "log-probabilities" after LogSoftmax')
  if (summary.zipMaps.length) {
    manifest['output'] = 'probabilities'
    todos.pop()
  }
  const input = summary.inputs[0]
  if (guess.task === 'image-classification' && input) {
    const s = input.shape
    const nhwc = s.length === 4 && (num(s[3]) === 1 || num(s[3]) === 3) && !(num(s[1]) === 1 || num(s[1]) === 3)
    const channels = s.length === 3 ? 1 : num(nhwc ? s[3] : s[1]) ?? 3
    const height = num(s.length === 3 ? s[1] : nhwc ? s[1] : s[2])
    const width = num(s.length === 3 ? s[2] : nhwc ? s[2] : s[3])
    if (!height || !width) todos.push('image.width / image.height: the input size is symbolic; set the size the model was trained on')
    manifest['image'] = {
      width: width ?? 224,
      height: height ?? 224,
      channels: channels === 1 ? 1 : 3,
      resize: 'stretch',
      resample: 2,
      scale: 1 / 255,
      mean: channels === 1 ? [0.5] : [0.485, 0.456, 0.406],
      std: channels === 1 ? [0.5] : [0.229, 0.224, 0.225],
      ...(nhwc ? { layout: 'NHWC' } : {})
    }
    todos.push('image: copy resize, resample, mean and std from your eval transform (README: "How torchvision maps to model.json"); the values here are ImageNet defaults')
  } else if (guess.task === 'tabular-classification' && input) {
    const width = num(input.shape[1]) ?? 1
    manifest['tabular'] = { features: Array.from({ length: width }, (_, i) => ({ name: `TODO feature ${i}`, type: 'number' })) }
    todos.push(`tabular.features: name the ${width} inputs in order, with min/max, and "encoding": "standardize" + mean/std if a scaler ran before the model`)
  } else if (guess.task === 'text-classification') {
    manifest['text'] = { tokenizer: 'tokenizer.json' }
    todos.push('text.tokenizer: put the fast tokenizer\'s tokenizer.json next to the model (or use the Hugging Face layout: config.json + tokenizer.json)')
  } else {
    todos.push(`task: ${guess.reason}; demodeck runs text, image and tabular classifiers`)
  }
  todos.push('reference: add reference.json for the parity check (the Python helper `demodeck-export` writes one)')
  return { manifest, todos, guess }
}
