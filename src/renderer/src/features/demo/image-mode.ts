/**
 * Which tab the image demo opens on. Drawing suits small grayscale inputs
 * (an 8×8 or 28×28 digit: a stroke on the pad is what the model was trained
 * on); a photo classifier (colour, or anything bigger) needs a photo, so it
 * opens on Upload. The same rule on a slide and in the full-screen demo.
 */
import type { ModelInfo } from '../../../../shared/types'

/** Largest side (pixels) of a grayscale input that still opens on the Draw pad. */
const MAX_DRAW_SIDE = 64

/** 'draw' for small grayscale inputs, else 'upload' (also when the input size is unknown). */
export function initialImageMode(image: ModelInfo['image']): 'draw' | 'upload' {
  if (!image) return 'upload'
  return image.channels === 1 && Math.max(image.width, image.height) <= MAX_DRAW_SIDE ? 'draw' : 'upload'
}
