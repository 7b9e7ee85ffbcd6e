/**
 * The probe's perturbations: seeded and reproducible, strength 0 is the clean
 * input, stronger means more changed (nested), and each does what its name says.
 */
import { describe, expect, it } from 'vitest'
import type { TabularFeature } from '../../../../src/shared/types'
import { createRng, mixSeed } from '../../../../src/core/probe/prng'
import { perturbText } from '../../../../src/core/probe/text'
import { borderColour, prepareImagePerturbation, type Pixels } from '../../../../src/core/probe/image'
import { featureSpread, perturbRow } from '../../../../src/core/probe/tabular'
import { checkProbeRequest, PERTURBATIONS, perturbationsFor, strengthGrid } from '../../../../src/core/probe/catalog'

const TWEET = 'Evacuation orders for 3 towns as the wildfire jumps the highway. Stay safe everyone'

describe('seeded PRNG', () => {
  it('gives the same numbers for the same seed and different ones for another', () => {
    const a = createRng(7)
    const b = createRng(7)
    const c = createRng(8)
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs)
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(mixSeed(1, 'typos')).not.toBe(mixSeed(1, 'case'))
  })

  it('draws standard normals (mean ≈ 0, sd ≈ 1 over 20,000 draws)', () => {
    const rng = createRng(1)
    const xs = Array.from({ length: 20_000 }, () => rng.normal())
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length)
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(sd - 1)).toBeLessThan(0.03)
  })
})

describe('text perturbations', () => {
  const ids = perturbationsFor('text-classification').map((p) => p.id)

  it.each(ids)('%s: strength 0 is the clean text, a seed reproduces the result, another seed differs', (id) => {
    expect(perturbText(TWEET, id, 0, 3)).toBe(TWEET)
    const strength = id === 'noise-tokens' ? 5 : 0.4
    const once = perturbText(TWEET, id, strength, 3)
    expect(perturbText(TWEET, id, strength, 3)).toBe(once)
    expect(once).not.toBe(TWEET)
    expect(perturbText(TWEET, id, strength, 4)).not.toBe(once)
  })

  it('typos drop or swap about the asked share of characters, and never leave the text empty', () => {
    const light = perturbText(TWEET, 'typos', 0.05, 1)
    const heavy = perturbText(TWEET, 'typos', 0.5, 1)
    const distance = (a: string): number => [...TWEET].filter((c, i) => a[i] !== c).length
    expect(distance(light)).toBeLessThan(distance(heavy))
    expect(perturbText('a', 'typos', 1, 1).trim()).not.toBe('')
  })

  it('case changes flip letters only; at 1 every letter flips', () => {
    expect(perturbText('Fire near La Ronge 2', 'case', 1, 9)).toBe('fIRE NEAR lA rONGE 2')
  })

  it('word dropout is nested: the words gone at 0.3 are gone at 0.6 too; one word always stays', () => {
    const words = (s: string): Set<string> => new Set(s.split(' '))
    const at3 = words(perturbText(TWEET, 'word-dropout', 0.3, 5))
    const at6 = words(perturbText(TWEET, 'word-dropout', 0.6, 5))
    for (const w of at6) expect(at3.has(w)).toBe(true)
    expect(perturbText(TWEET, 'word-dropout', 1, 5).split(' ')).toHaveLength(1)
  })

  it('shuffle keeps exactly the same words', () => {
    const out = perturbText(TWEET, 'shuffle', 1, 2)
    expect(out).not.toBe(TWEET)
    expect(out.split(' ').sort()).toEqual(TWEET.split(' ').sort())
  })

  it('noise tokens append that many tokens, the first ones the same whatever the count', () => {
    const three = perturbText(TWEET, 'noise-tokens', 3, 2)
    const five = perturbText(TWEET, 'noise-tokens', 5, 2)
    expect(three.split(' ').length).toBe(TWEET.split(' ').length + 3)
    expect(five.startsWith(three)).toBe(true)
  })
})

/** A 40×20 test card: left half white, right half black, on a grey border. */
function card(): Pixels {
  const width = 40
  const height = 20
  const data = new Uint8ClampedArray(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3
      const border = x === 0 || y === 0 || x === width - 1 || y === height - 1
      const v = border ? 128 : x < width / 2 ? 255 : 0
      data.set([v, v, v], p)
    }
  }
  return { width, height, channels: 3, data }
}
const mean = (img: Pixels): number => {
  let s = 0
  for (let p = 0; p < img.data.length; p += 3) s += img.data[p]!
  return s / (img.data.length / 3)
}
const diff = (a: Pixels, b: Pixels): number => {
  let s = 0
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i]! - b.data[i]!)
  return s
}

describe('image perturbations', () => {
  const ids = perturbationsFor('image-classification')
    .map((p) => p.id)
    .filter((id) => id !== 'jpeg')

  it.each(ids)('%s: strength 0 is the clean image; more strength changes more; a seed reproduces it', (id) => {
    const image = card()
    const apply = prepareImagePerturbation(image, id, 11)
    const info = PERTURBATIONS.find((p) => p.id === id)!
    expect(diff(apply(0), image)).toBe(0)
    const small = apply(info.sweepTo / 4)
    const large = apply(info.sweepTo)
    expect(diff(small, image)).toBeGreaterThan(0)
    expect(diff(large, image)).toBeGreaterThan(diff(small, image))
    expect(diff(prepareImagePerturbation(image, id, 11)(info.sweepTo / 4), small)).toBe(0)
  })

  it('brightness adds a share of the pixel range; contrast loss 1 is flat grey', () => {
    const image = card()
    expect(mean(prepareImagePerturbation(image, 'brightness', 1)(-0.2))).toBeLessThan(mean(image))
    const flat = prepareImagePerturbation(image, 'contrast', 1)(1)
    expect(new Set(Array.from(flat.data)).size).toBe(1)
  })

  it('rotation by 180° swaps the white and black halves; blur keeps the mean', () => {
    const image = card()
    const turned = prepareImagePerturbation(image, 'rotation', 1)(180)
    const at = (img: Pixels, x: number, y: number): number => img.data[(y * img.width + x) * 3]!
    expect(at(turned, 5, 10)).toBe(0)
    expect(at(turned, 35, 10)).toBe(255)
    const blurred = prepareImagePerturbation(image, 'blur', 1)(5)
    expect(Math.abs(mean(blurred) - mean(image))).toBeLessThan(2)
    expect(at(blurred, 20, 10)).toBeGreaterThan(60)
    expect(at(blurred, 20, 10)).toBeLessThan(200)
  })

  it('occlusion paints a growing square in the border colour', () => {
    const image = card()
    expect(borderColour(image)).toEqual([128, 128, 128])
    const apply = prepareImagePerturbation(image, 'occlusion', 3)
    const grey = (img: Pixels): number => img.data.filter((v, i) => i % 3 === 0 && v === 128).length
    expect(grey(apply(0.5))).toBeGreaterThan(grey(image))
    expect(grey(apply(1))).toBeGreaterThan(grey(apply(0.5)))
  })

  it('works on grey images too', () => {
    const grey: Pixels = { width: 8, height: 8, channels: 1, data: new Uint8ClampedArray(64).map((_, i) => (i % 8 < 4 ? 255 : 0)) }
    for (const id of ids) {
      const out = prepareImagePerturbation(grey, id, 2)(PERTURBATIONS.find((p) => p.id === id)!.sweepTo)
      expect([out.width, out.height, out.channels, out.data.length]).toEqual([8, 8, 1, 64])
    }
  })
})

describe('tabular perturbations', () => {
  const features: TabularFeature[] = [
    { name: 'alcohol', type: 'number', min: 11, max: 15, default: 13, std: 0.8 },
    { name: 'ash', type: 'number', min: 1, max: 3, default: 2.4 },
    { name: 'colour', type: 'category', categories: ['red', 'white'], default: 'red' }
  ]
  const row = { alcohol: 13.7, ash: 2.0, colour: 'white' }

  it('shifts one feature by spreads (its std, else a quarter of its range) and scales it by 1 + strength', () => {
    expect(perturbRow(features, row, 'shift', 2, 1).alcohol).toBeCloseTo(13.7 + 1.6, 10)
    expect(perturbRow(features, row, 'shift', -1, 1, 'ash').ash).toBeCloseTo(2.0 - 0.5, 10)
    expect(featureSpread(features[1]!, 2)).toBe(0.5)
    expect(perturbRow(features, row, 'scale', 0.5, 1, 'ash')).toEqual({ ...row, ash: 3 })
    expect(perturbRow(features, row, 'shift', 0, 1)).toEqual(row)
  })

  it('fills missing features with their defaults: none at 0, all at 1', () => {
    expect(perturbRow(features, row, 'missing', 0, 1)).toEqual(row)
    expect(perturbRow(features, row, 'missing', 1, 1)).toEqual({ alcohol: 13, ash: 2.4, colour: 'red' })
  })

  it('adds noise to numeric features only, the same draws at every strength', () => {
    const a = perturbRow(features, row, 'noise', 1, 4)
    const b = perturbRow(features, row, 'noise', 2, 4)
    expect(a.colour).toBe('white')
    expect((b.alcohol as number) - 13.7).toBeCloseTo(2 * ((a.alcohol as number) - 13.7), 10)
  })

  it('names a wrong feature', () => {
    expect(() => perturbRow(features, row, 'shift', 1, 1, 'sugar')).toThrow('there is no feature "sugar"; the model has alcohol, ash, colour')
    expect(() => perturbRow(features, row, 'scale', 1, 1, 'colour')).toThrow('"colour" is a category')
  })
})

describe('catalog', () => {
  it('checks perturbation names, kinds and strength ranges with readable reasons', () => {
    expect(checkProbeRequest('image-classification', 'gaussian-noise', [0, 0.5, 1])).toBeNull()
    expect(checkProbeRequest('image-classification', 'sparkles', [0.1])).toBe(
      'unknown perturbation "sparkles"; a image model takes gaussian-noise, blur, brightness, contrast, rotation, occlusion, jpeg'
    )
    expect(checkProbeRequest('text-classification', 'blur', [1])).toContain('"blur" perturbs image inputs, but this is a text model; use typos')
    expect(checkProbeRequest('image-classification', 'rotation', [0, 200])).toBe(
      'strength 200 is out of range for rotation: it takes 0 to 180 (degrees)'
    )
  })

  it('every perturbation starts its default sweep inside its range; grids are even and clean', () => {
    for (const p of PERTURBATIONS) {
      expect(p.min <= 0 && 0 <= p.sweepTo && p.sweepTo <= p.max).toBe(true)
    }
    expect(strengthGrid(0, 0.3, 4)).toEqual([0, 0.1, 0.2, 0.3])
    expect(strengthGrid(0, 1, 20)).toHaveLength(20)
  })
})
