/**
 * Limits that the renderer states and the host enforces, in one place so a
 * message never names a limit the other side does not apply.
 */

/** Longest demo text, in characters: beyond this a demo input is a mistake, and tokenizing it would stall. */
export const MAX_TEXT_CHARS = 10_000

/** Most items in one set for a drift check or a model A/B: each item is one prediction per model, so 5,000 is seconds of work. */
export const MAX_SET_ITEMS = 5_000
