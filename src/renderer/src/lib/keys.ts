/**
 * Which keys belong to the deck and which to a control on a slide. The deck's
 * shortcuts (next, Q&A, blackout…) must never fire while someone types into
 * a live demo: "Canada" contains an "n", which is "next" in reveal.js.
 */

/** A control that takes typed keys itself: text fields, sliders, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
}

/** Any form control, buttons included: inside a live demo, keys pressed on them stay there. */
export function isFormControl(target: EventTarget | null): boolean {
  return isTypingTarget(target) || (target instanceof HTMLElement && target.tagName === 'BUTTON')
}

/** Selector of the regions whose form controls keep every key (see LiveDemo). */
export const OWNS_KEYS_SELECTOR = '[data-owns-keys]'

/** true when a key pressed on `target` is not for the deck's shortcuts. */
export function keyStaysInControl(target: EventTarget | null): boolean {
  if (isTypingTarget(target)) return true
  return isFormControl(target) && (target as HTMLElement).closest(OWNS_KEYS_SELECTOR) !== null
}
