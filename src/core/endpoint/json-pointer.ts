/**
 * RFC 6901 JSON pointers ("/predictions/0/score"), for the response mapping.
 * Hand-written on purpose: a dozen lines, exact to the RFC, no dependency.
 */

/** The value at `pointer` inside `doc`, or undefined when the path does not exist. "" is the whole document. */
export function getPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  if (!pointer.startsWith('/')) return undefined
  let current: unknown = doc
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined
      current = current[Number(token)]
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined
      current = (current as Record<string, unknown>)[token]
    } else {
      return undefined
    }
    if (current === undefined) return undefined
  }
  return current
}

/** Builds a pointer from path tokens, escaping "~" and "/". */
export function toPointer(tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}
