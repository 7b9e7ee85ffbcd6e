/**
 * Turns what a live component shows into a bounded mirror state (see [Note: mirrored, not re-run] in
 * shared/mirror.ts). Pure: the image thumbnail is made by the caller (mirror-thumbnail.ts) and passed in.
 */
import type { PredictInput, Prediction } from '../../../../shared/types'
import type { MirrorInput } from '../../../../shared/mirror'
import { MIRROR_LIMITS } from '../../../../shared/mirror-limits'

/** Cuts `value` to `max` characters (an ellipsis marks the cut). */
export function cut(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, Math.max(0, max - 1))}…`
}

/** The mirror's form of a demo input; `thumbnail` is the small data URL of an image input (null if none could be made). */
export function mirrorInputOf(input: PredictInput | null, thumbnail: string | null = null, imageName?: string): MirrorInput | null {
  if (!input) return null
  if ('text' in input) {
    const truncated = input.text.length > MIRROR_LIMITS.text
    return { kind: 'text', text: cut(input.text, MIRROR_LIMITS.text), ...(truncated ? { truncated } : {}) }
  }
  if ('image' in input) {
    const name = imageName ?? (input.image.startsWith('data:') ? undefined : input.image)
    const fits = thumbnail !== null && thumbnail.length <= MIRROR_LIMITS.thumbnail
    return { kind: 'image', thumbnail: fits ? thumbnail : null, ...(name ? { name: cut(name, 200) } : {}) }
  }
  if ('node' in input) return { kind: 'node', node: input.node }
  const entries = Object.entries(input.features)
  const values = entries
    .slice(0, MIRROR_LIMITS.features)
    .map(([name, value]): [string, string] => [cut(name, 200), value === null ? '∅' : cut(String(value), 200)])
  const more = entries.length - values.length
  return { kind: 'features', values, ...(more > 0 ? { more } : {}) }
}

/** The top `MIRROR_LIMITS.labels` labels of a prediction, best first, names cut to fit. */
export function mirrorPredictions(prediction: Pick<Prediction, 'predictions'> | null): Array<{ label: string; score: number }> {
  if (!prediction) return []
  return [...prediction.predictions]
    .filter((p) => Number.isFinite(p.score))
    .sort((a, b) => b.score - a.score)
    .slice(0, MIRROR_LIMITS.labels)
    .map((p) => ({ label: cut(p.label, 200), score: p.score }))
}

/** A publish sequence number that keeps increasing across reloads of the audience window (time-based). */
export function nextMirrorSeq(previous: number, now: number = Date.now()): number {
  return Math.max(previous + 1, Math.floor(now))
}
