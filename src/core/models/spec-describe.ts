/** The model card's preprocessing lines: tokenizer, image pipeline and tabular features in words. */
import type { TabularFeature } from '../../shared/types'
import type { ImageTensorLayout } from './image'
import type { ImagePipeline } from './image-pipeline'
import { pilFilterName } from './pil-resample'

/** The tokenizer's kind, read from tokenizer.json. */
export function describeTokenizer(file: { ok: true; value: unknown } | { ok: false } | undefined): string {
  const model = file?.ok ? (file.value as { model?: { type?: string } }).model?.type : undefined
  return model ? `${model} tokenizer` : 'tokenizer'
}

/** The image pipeline as steps (colour, resize, crop, rescale, normalize, layout). */
export function describeImage(p: ImagePipeline, l: ImageTensorLayout): Array<{ step: string; detail: string }> {
  const steps: Array<{ step: string; detail: string }> = []
  steps.push({ step: 'Colour', detail: `${l.channels === 1 ? 'grayscale' : 'RGB'}, transparent pixels on ${p.background}${p.invert ? ', inverted' : ''}` })
  // PIL path: 8-bit resize exactly like Pillow's Image.resize with the named filter (see image.ts).
  const filter = p.resample !== undefined ? `${pilFilterName(p.resample)} (PIL)` : 'bilinear; area averaging when shrinking over 2×'
  if (p.resize?.mode === 'stretch') steps.push({ step: 'Resize', detail: `${p.resize.width}×${p.resize.height}, ${filter}` })
  if (p.resize?.mode === 'shortest-edge') steps.push({ step: 'Resize', detail: `shortest edge to ${p.resize.size} px, keeping the aspect ratio, ${filter}` })
  if (p.crop) steps.push({ step: 'Center crop', detail: `${p.crop.width}×${p.crop.height}` })
  steps.push({ step: 'Rescale', detail: `× ${Number(p.scale.toPrecision(6))}` })
  if (p.mean) steps.push({ step: 'Normalize', detail: `mean [${p.mean.join(', ')}], std [${(p.std ?? [1]).join(', ')}]` })
  steps.push({ step: 'Layout', detail: `${l.layout} float32 [${l.dims.join(', ')}]` })
  return steps
}

/** How one tabular feature is encoded, in one line. */
export function describeFeature(f: TabularFeature): string {
  if (f.type === 'category') return `${(f.encoding ?? 'one-hot') === 'index' ? 'index of' : 'one-hot over'} ${(f.categories ?? []).join(', ')}`
  const range = f.min !== undefined || f.max !== undefined ? ` in [${f.min ?? '−∞'}, ${f.max ?? '∞'}]` : ''
  return f.encoding === 'standardize' ? `(x − ${f.mean}) / ${f.std}${range}` : `raw number${range}`
}
