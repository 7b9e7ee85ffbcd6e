/** Image preprocessing resolved from a Hugging Face preprocessor_config.json or a model.json image block. */
import { describe, expect, it } from 'vitest'
import { hfPreprocessorSchema, modelManifestSchema } from '../../../../src/core/models/manifest'
import { hfResample, pipelineFromHf, pipelineFromManifest } from '../../../../src/core/models/image-pipeline'

describe('the pipeline of either layout', () => {
  it('reads size as {height,width}, {shortest_edge} or a number, plus crop, rescale and normalize', () => {
    const vit = pipelineFromHf(
      hfPreprocessorSchema.parse({ do_resize: true, size: { height: 224, width: 224 }, resample: 2, do_rescale: true, rescale_factor: 0.00392156862745098, do_normalize: true, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] })
    )
    expect(vit).toMatchObject({ resize: { mode: 'stretch', width: 224, height: 224 }, crop: null, mean: [0.5, 0.5, 0.5], resample: 2 })
    const convnext = pipelineFromHf(hfPreprocessorSchema.parse({ size: { shortest_edge: 256 }, do_center_crop: true, crop_size: { height: 224, width: 224 }, image_mean: 0.5, image_std: 0.25 }))
    expect(convnext).toMatchObject({ resize: { mode: 'shortest-edge', size: 256 }, crop: { width: 224, height: 224 }, mean: [0.5], std: [0.25] })
    expect(convnext.scale).toBeCloseTo(1 / 255, 12)
    const old = pipelineFromHf(hfPreprocessorSchema.parse({ size: 28, do_rescale: false, do_normalize: false, image_mean: [0.1] }))
    expect(old).toMatchObject({ resize: { mode: 'stretch', width: 28, height: 28 }, scale: 1, mean: null })
  })
  it('maps a manifest image block to the same pipeline', () => {
    expect(pipelineFromManifest({ width: 28, height: 28, channels: 1, mean: [0.1307], std: [0.3081], background: 'white' })).toMatchObject({
      resize: { mode: 'stretch', width: 28, height: 28 },
      crop: null,
      mean: [0.1307],
      background: 'white'
    })
    expect(pipelineFromManifest({ width: 224, height: 224, resize: 'shortest-edge' }).crop).toEqual({ width: 224, height: 224 })
  })
  it('takes resample from the config, else the image processor\'s transformers default, else BILINEAR', () => {
    const pre = (o: Record<string, unknown>) => hfPreprocessorSchema.parse(o)
    expect(hfResample(pre({ image_processor_type: 'CLIPImageProcessor', resample: 0 }))).toBe(0)
    expect(hfResample(pre({ image_processor_type: 'ViTImageProcessor' }))).toBe(2)
    expect(hfResample(pre({ image_processor_type: 'ViTImageProcessorFast' }))).toBe(2)
    expect(hfResample(pre({ image_processor_type: 'DeiTImageProcessor' }))).toBe(3)
    expect(hfResample(pre({ image_processor_type: 'BeitImageProcessor' }))).toBe(3)
    expect(hfResample(pre({ image_processor_type: 'CLIPImageProcessor' }))).toBe(3)
    expect(hfResample(pre({ image_processor_type: 'ConvNextImageProcessor' }))).toBe(3)
    expect(hfResample(pre({ feature_extractor_type: 'ConvNextFeatureExtractor' }))).toBe(3)
    expect(hfResample(pre({ image_processor_type: 'EfficientNetImageProcessor' }))).toBe(0)
    expect(hfResample(pre({ image_processor_type: 'SomethingNewImageProcessor' }))).toBe(2)
    expect(hfResample(pre({}))).toBe(2)
    // Every HF folder resizes the PIL way.
    expect(pipelineFromHf(pre({ image_processor_type: 'DeiTImageProcessor', size: 256 })).resample).toBe(3)
    expect(hfPreprocessorSchema.safeParse({ resample: 7 }).success).toBe(false)
  })
  it('model.json keeps the float resize unless it names a resample filter', () => {
    expect(pipelineFromManifest({ width: 28, height: 28 })).not.toHaveProperty('resample')
    expect(pipelineFromManifest({ width: 28, height: 28, resample: 3 }).resample).toBe(3)
    const image = { width: 28, height: 28, resample: 4 }
    expect(modelManifestSchema.parse({ name: 'x', task: 'image-classification', labels: ['a'], image }).image?.resample).toBe(4)
    expect(modelManifestSchema.safeParse({ name: 'x', task: 'image-classification', labels: ['a'], image: { ...image, resample: 6 } }).success).toBe(false)
  })
})

describe("ConvNeXT's crop_pct", () => {
  it('resizes the shortest edge to size / crop_pct and crops size × size below 384 px', () => {
    const p = pipelineFromHf(hfPreprocessorSchema.parse({ image_processor_type: 'ConvNextImageProcessor', size: { shortest_edge: 224 }, crop_pct: 0.875, resample: 3 }))
    expect(p).toMatchObject({ resize: { mode: 'shortest-edge', size: 256 }, crop: { width: 224, height: 224 }, resample: 3 })
  })
  it('uses 224/256 when crop_pct is missing, and warps without a crop from 384 px', () => {
    const dflt = pipelineFromHf(hfPreprocessorSchema.parse({ image_processor_type: 'ConvNextImageProcessor', size: { shortest_edge: 224 } }))
    expect(dflt).toMatchObject({ resize: { mode: 'shortest-edge', size: 256 }, crop: { width: 224, height: 224 } })
    const big = pipelineFromHf(hfPreprocessorSchema.parse({ image_processor_type: 'ConvNextImageProcessor', size: { shortest_edge: 384 }, crop_pct: 0.875 }))
    expect(big).toMatchObject({ resize: { mode: 'stretch', width: 384, height: 384 }, crop: null })
  })
  it('leaves other processors with a crop_pct alone', () => {
    const vit = pipelineFromHf(hfPreprocessorSchema.parse({ image_processor_type: 'ViTImageProcessor', size: { shortest_edge: 224 }, crop_pct: 0.875 }))
    expect(vit).toMatchObject({ resize: { mode: 'shortest-edge', size: 224 }, crop: null })
  })
})
