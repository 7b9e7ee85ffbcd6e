/**
 * The `::demo` attributes of a deployed model, read without React:
 * `source="deployed|local|both"` and `timeout="3s"` — one reading shared with
 * `npm run check`, which reports a value the slide could not use.
 */
export { parseSource, parseTimeout } from '../../../../core/deck/demo-attributes'
