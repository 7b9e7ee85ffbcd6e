/**
 * Limits that the renderer states and the host enforces, in one place so a
 * message never names a limit the other side does not apply.
 */

/** Longest demo text, in characters: beyond this a demo input is a mistake, and tokenizing it would stall. */
export const MAX_TEXT_CHARS = 10_000
