/**
 * JSON that also accepts the bare tokens `NaN`, `Infinity` and `-Infinity`
 * (Python's json.dumps writes them; W&B API replies and history rows carry
 * them). Plain JSON takes the fast native path; only text that fails it is
 * rewritten, outside strings, with placeholders that a reviver turns back into
 * numbers.
 */

const PLACEHOLDER = '\u0000demodeck-nonfinite:'

/** Rewrites bare non-finite tokens outside strings into placeholder strings; null when there were none. */
function quoteNonFinite(text: string): string | null {
  let out = ''
  let last = 0
  let changed = false
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
      continue
    }
    if (c === 34) {
      inString = true
      continue
    }
    let token: string | null = null
    if (c === 78 /* N */ && text.startsWith('NaN', i)) token = 'NaN'
    else if (c === 73 /* I */ && text.startsWith('Infinity', i)) token = 'Infinity'
    else if (c === 45 /* - */ && text.startsWith('-Infinity', i)) token = '-Infinity'
    if (token !== null) {
      out += text.slice(last, i) + JSON.stringify(PLACEHOLDER + token)
      i += token.length - 1
      last = i + 1
      changed = true
    }
  }
  return changed ? out + text.slice(last) : null
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(PLACEHOLDER)) {
    const token = value.slice(PLACEHOLDER.length)
    return token === 'NaN' ? NaN : token === 'Infinity' ? Infinity : -Infinity
  }
  return value
}

/**
 * Parses JSON, accepting bare NaN/Infinity/-Infinity as JS numbers.
 * Throws a SyntaxError (with the native message) when the text is not JSON even so.
 */
export function parseTolerantJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const rewritten = quoteNonFinite(text)
    if (rewritten === null) throw error
    return JSON.parse(rewritten, revive)
  }
}

/**
 * Parses one W&B `value_json`: numbers (the common case) without JSON.parse,
 * the rest tolerantly. Returns undefined for text that is not JSON.
 */
export function parseValueJson(text: string): unknown {
  const n = fastNumber(text)
  if (n !== undefined) return n
  try {
    return parseTolerantJson(text)
  } catch {
    return undefined
  }
}

/** A number from a numeric literal (incl. NaN/±Infinity), or undefined when the text is something else. */
export function fastNumber(text: string): number | undefined {
  const c = text.charCodeAt(0)
  // digits, '-', '.' start numbers; N/I start NaN/Infinity.
  if ((c >= 48 && c <= 57) || c === 45 || c === 46) {
    if (text === '-Infinity') return -Infinity
    const n = Number(text)
    return Number.isNaN(n) ? undefined : n
  }
  if (text === 'NaN') return NaN
  if (text === 'Infinity') return Infinity
  return undefined
}
