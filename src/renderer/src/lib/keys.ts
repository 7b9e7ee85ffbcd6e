/**
 * Which keys belong to the deck and which to a control on a slide.
 *
 * [Note: keys in slide controls]
 * - Typed keys stay in the field: the deck's shortcuts (next, Q&A, blackout…)
 *   never fire while someone types into a live demo ("Canada" contains an
 *   "n", which is "next" in reveal.js).
 * - A presentation clicker sends PageDown/PageUp. Those always move the talk
 *   on, wherever the focus is: after typing into the demo or ticking a chart
 *   option, the clicker must not go dead (reveal.js ignores every key while an
 *   input has the focus).
 * - Arrow keys stay with controls that use them (text fields, sliders,
 *   selects) and move the talk on from ones that do not (checkboxes, buttons).
 */

/** Input types that take no typed text and no arrow keys. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image'])

const FORWARD_KEYS = new Set(['PageDown', 'ArrowRight', 'ArrowDown'])
const BACKWARD_KEYS = new Set(['PageUp', 'ArrowLeft', 'ArrowUp'])
const CLICKER_KEYS = new Set(['PageDown', 'PageUp'])

/** Regions whose form controls keep every key (LiveDemo's root carries the attribute). */
const OWNS_KEYS_SELECTOR = '[data-owns-keys]'

/** A control that takes typed keys and arrow keys itself: text fields, sliders, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type)
}

/** Any form control, buttons and checkboxes included. */
export function isFormControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName)
}

/** true when a key pressed on `target` is not for the deck's shortcuts (see the note above). */
export function keyStaysInControl(target: EventTarget | null): boolean {
  if (isTypingTarget(target)) return true
  return isFormControl(target) && (target as HTMLElement).closest(OWNS_KEYS_SELECTOR) !== null
}

/**
 * For a navigation key pressed on `target`: 'forward' or 'back' when the deck
 * must take it from a control that would otherwise swallow it (reveal.js
 * ignores keys on inputs; demo controls stop them), null when the control
 * keeps it or reveal.js gets it anyway.
 */
export function navigationTakenFromControl(target: EventTarget | null, key: string): 'forward' | 'back' | null {
  const forward = FORWARD_KEYS.has(key)
  if (!forward && !BACKWARD_KEYS.has(key)) return null
  // reveal.js ignores keys on every <input> (checkboxes too) and <textarea>; demo controls stop theirs.
  if (!keyStaysInControl(target) && !(target instanceof HTMLInputElement)) return null
  if (!CLICKER_KEYS.has(key) && isTypingTarget(target)) return null
  return forward ? 'forward' : 'back'
}
