/**
 * Image preprocessing as one resolved pipeline (resize → center crop → rescale
 * → normalize → layout), from either layout of a model folder: a Hugging Face
 * `preprocessor_config.json` (defaults follow transformers' image processors)
 * or a demodeck model.json `image` block. core/models/image.ts runs it.
 */
import { PIL_FILTERS, type PilFilter } from './pil-resample'
import type { HfExtras, HfPreprocessor, ImageConfig } from './manifest'

/**
 * Resolved image preprocessing, the same for both layouts.
 * Pipeline: resize → center crop → rescale → normalize → layout.
 */
export interface ImagePipeline {
  resize: { mode: 'stretch'; width: number; height: number } | { mode: 'shortest-edge'; size: number } | null
  crop: { width: number; height: number } | null
  /** Multiplier applied to 0–255 pixel values (1/255 when rescaling). */
  scale: number
  mean: number[] | null
  std: number[] | null
  /**
   * PIL resampling filter: when set (always for a Hugging Face folder, from `resample` or the image
   * processor's default; from model.json's `resample`), the image is composited to 8-bit RGB (or PIL
   * "L") and resized exactly like Pillow's `Image.resize` (see pil-resample.ts), then center-cropped.
   * When absent (model.json without `resample`): float bilinear, or area averaging when shrinking over 2×.
   */
  resample?: PilFilter
  background: 'black' | 'white'
  invert: boolean
  /** Centre-crop offset rounding: floor (transformers, the default) or Python's round half to even (torchvision). */
  cropOffset?: 'floor' | 'round'
}

function size2(value: NonNullable<HfPreprocessor['size']>): { width: number; height: number } | { shortest: number } {
  if (typeof value === 'number') return { width: value, height: value }
  if ('height' in value && 'width' in value) return { width: Number(value.width), height: Number(value.height) }
  return { shortest: (value as { shortest_edge: number }).shortest_edge }
}

function asArray(v: number | number[] | undefined): number[] | null {
  if (v === undefined) return null
  return Array.isArray(v) ? v : [v]
}

/**
 * transformers' default `resample` per image processor class (name without the ImageProcessor /
 * ImageProcessorFast / FeatureExtractor suffix), for configs that leave it out; other classes get
 * BILINEAR. Checked against the processors' __init__ defaults.
 */
const DEFAULT_RESAMPLE: Record<string, PilFilter> = {
  ViT: PIL_FILTERS.BILINEAR,
  MobileViT: PIL_FILTERS.BILINEAR,
  DeiT: PIL_FILTERS.BICUBIC,
  Beit: PIL_FILTERS.BICUBIC,
  CLIP: PIL_FILTERS.BICUBIC,
  ConvNext: PIL_FILTERS.BICUBIC,
  Bit: PIL_FILTERS.BICUBIC,
  Siglip: PIL_FILTERS.BICUBIC,
  Levit: PIL_FILTERS.BICUBIC,
  EfficientNet: PIL_FILTERS.NEAREST
}

/** The filter transformers would use for this config: its `resample`, else the processor class default, else BILINEAR. */
export function hfResample(pre: HfPreprocessor): PilFilter {
  if (pre.resample !== undefined) return pre.resample as PilFilter
  const type = pre.image_processor_type ?? (pre as { feature_extractor_type?: unknown }).feature_extractor_type
  const base = typeof type === 'string' ? type.replace(/(ImageProcessor(Fast)?|FeatureExtractor)$/, '') : ''
  return DEFAULT_RESAMPLE[base] ?? PIL_FILTERS.BILINEAR
}

/** Turns a `preprocessor_config.json` into the shared pipeline (defaults follow transformers' image processors). */
export function pipelineFromHf(pre: HfPreprocessor, extras?: HfExtras): ImagePipeline {
  let resize: ImagePipeline['resize'] = null
  if (pre.do_resize !== false && pre.size !== undefined) {
    const s = size2(pre.size)
    resize = 'shortest' in s ? { mode: 'shortest-edge', size: s.shortest } : { mode: 'stretch', ...s }
  }
  let crop: ImagePipeline['crop'] = null
  if (pre.do_center_crop && pre.crop_size !== undefined) {
    const c = size2(pre.crop_size)
    crop = 'shortest' in c ? { width: c.shortest, height: c.shortest } : c
  }
  // ConvNeXT's processor has no crop_size: below 384 px it resizes the shortest edge to size / crop_pct and
  // crops the centred size × size square; at 384 px and above it warps to size × size.
  if (resize?.mode === 'shortest-edge' && isConvNext(pre)) {
    const edge = resize.size
    const cropPct = typeof pre['crop_pct'] === 'number' && pre['crop_pct'] > 0 ? pre['crop_pct'] : 224 / 256
    if (edge < 384) {
      resize = { mode: 'shortest-edge', size: Math.trunc(edge / cropPct) }
      crop = { width: edge, height: edge }
    } else {
      resize = { mode: 'stretch', width: edge, height: edge }
      crop = null
    }
  }
  const normalize = pre.do_normalize !== false && pre.image_mean !== undefined
  return {
    resize,
    crop,
    scale: pre.do_rescale === false ? 1 : (pre.rescale_factor ?? 1 / 255),
    mean: normalize ? asArray(pre.image_mean) : null,
    std: normalize ? (asArray(pre.image_std) ?? null) : null,
    resample: hfResample(pre),
    background: extras?.image?.background ?? 'black',
    invert: extras?.image?.invert ?? false
  }
}

function isConvNext(pre: HfPreprocessor): boolean {
  return /^ConvNext(Image|Feature)/i.test(pre.image_processor_type ?? String(pre['feature_extractor_type'] ?? ''))
}

/** Turns a manifest `image` block into the shared pipeline. */
export function pipelineFromManifest(image: ImageConfig): ImagePipeline {
  return {
    resize:
      image.resize === 'shortest-edge'
        ? { mode: 'shortest-edge', size: image.shortestEdge ?? Math.min(image.width, image.height) }
        : { mode: 'stretch', width: image.width, height: image.height },
    crop: image.crop ?? (image.resize === 'shortest-edge' ? { width: image.width, height: image.height } : null),
    scale: image.scale ?? 1 / 255,
    mean: image.mean ?? null,
    std: image.std ?? null,
    ...(image.resample !== undefined ? { resample: image.resample as PilFilter } : {}),
    background: image.background ?? 'black',
    invert: image.invert ?? false,
    ...(image.cropOffset === 'round' ? { cropOffset: 'round' as const } : {})
  }
}
