/**
 * The live-component mirror: what a live component on the audience screen shows (the demo's input and bars,
 * the A/B verdict, the graph's selected node, the drift verdict), published by the audience window through
 * the host (`mirror:publish`) and relayed to every presenter window (`mirror:changed`), so the presenter's
 * preview shows what the examiners see without running the model a second time.
 *
 * [Note: mirrored, not re-run]
 * Only the audience screen runs a live component; the presenter's previews draw its published state. Every
 * field is bounded here (the host validates it with these schemas): a long text is cut, an image travels as a
 * small thumbnail, a form as at most {@link MIRROR_LIMITS.features} name/value pairs, so a busy demo never
 * floods the channel or the host's memory (which keeps only the newest state per component).
 */
import { z } from 'zod'
import { MIRROR_LIMITS } from './mirror-limits'

export { MIRROR_LIMITS, mirrorKey } from './mirror-limits'

const line = z.string().max(MIRROR_LIMITS.line)
const shortName = z.string().max(200)

/** What the audience's component was given. */
export const mirrorInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(MIRROR_LIMITS.text), truncated: z.boolean().optional() }).strict(),
  z
    .object({
      kind: z.literal('image'),
      /** A small PNG or JPEG data URL of the image sent (never the full image). */
      thumbnail: z
        .string()
        .max(MIRROR_LIMITS.thumbnail)
        .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/, 'a thumbnail is a base64 PNG, JPEG or WebP data URL')
        .nullable(),
      name: shortName.optional()
    })
    .strict(),
  z
    .object({
      kind: z.literal('features'),
      values: z.array(z.tuple([shortName, shortName])).max(MIRROR_LIMITS.features),
      /** How many features the form has beyond those listed. */
      more: z.number().int().min(0).max(1_000_000).optional()
    })
    .strict(),
  z.object({ kind: z.literal('node'), node: z.number().int().min(0).max(100_000_000), name: shortName.optional() }).strict()
])

/** The state one live component publishes. */
export const mirrorStateSchema = z
  .object({
    /** The slide the component is on (0-based). */
    slide: z.number().int().min(0).max(100_000),
    /** Which component on the slide: `demo:<model>`, `ab:<a>:<b>`, `graph:<model>`, `drift:<model>`. */
    component: z.string().min(1).max(200),
    /** The input on screen; null before the first one. */
    input: mirrorInputSchema.nullable(),
    /** The labels on screen, best first. */
    predictions: z.array(z.object({ label: shortName, score: z.number().finite() }).strict()).max(MIRROR_LIMITS.labels),
    /** How many rows of bars the audience sees. */
    top: z.number().int().min(1).max(100),
    /** The error the audience sees instead of bars, if any. */
    error: line.nullable(),
    /** One line about the rest of what the audience sees (which answer, A/B agreement, a verdict). */
    summary: line.optional(),
    /** Increases with every state the component publishes (a late, older one never replaces a newer one). */
    seq: z.number().int().min(0)
  })
  .strict()

export type MirrorInput = z.infer<typeof mirrorInputSchema>
export type MirrorState = z.infer<typeof mirrorStateSchema>

/** A state as the host relays it. */
export interface MirroredState extends MirrorState {
  /** When the host received it (epoch ms). */
  at: number
}
