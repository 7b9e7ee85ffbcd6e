/**
 * Pure helpers of the live demo: number formatting, latency percentiles, the
 * equivalent `curl` command, text snippets. No React and no DOM here, so the
 * unit tests run them in plain Node.
 */
import type { PredictInput, TensorInfo } from '../../../../shared/types'
import { percentile as linearPercentile } from '../../../../core/stats/percentile'

/** Longest text the demo sends: the host's own limit, so the demo's message names the limit that applies. */
export { MAX_TEXT_CHARS } from '../../../../shared/limits'

/** `0.9731` → `97.3%`; tiny non-zero scores stay visible as `<0.1%`. */
export function formatPercent(score: number): string {
  if (!Number.isFinite(score)) return '—'
  const pct = score * 100
  if (pct > 0 && pct < 0.05) return '<0.1%'
  if (pct >= 99.95 && pct < 100) return '>99.9%'
  return `${pct.toFixed(1)}%`
}

/** Milliseconds for a small readout: `0.42 ms`, `3.1 ms`, `128 ms`, `1.2 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—'
  if (ms < 1) return `${ms.toFixed(2)} ms`
  if (ms < 10) return `${ms.toFixed(1)} ms`
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(1)} s`
}

/**
 * Percentile (`p` in 0..100) of a list of numbers; NaN for an empty list. The one definition in the app
 * (linear between closest ranks, NumPy's default, see core/stats/percentile.ts), so the demo's p50 and the A/B
 * set report's p50 agree on the same latencies.
 */
export function percentile(values: readonly number[], p: number): number {
  return linearPercentile(values, Math.min(100, Math.max(0, p)) / 100)
}

/** Parameter counts as people say them: `812`, `12.3 k`, `1.2 M`, `3.4 B`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—'
  const abs = Math.abs(n)
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k']
  ]
  for (const [size, unit] of units) {
    if (abs >= size) {
      const v = n / size
      return `${v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${unit}`
    }
  }
  return String(Math.round(n))
}

/** File sizes in binary units: `698 B`, `9.5 KiB`, `255.3 MiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—'
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`
}

/** Tolerances and differences: scientific when tiny (`3e-7`, `1.5e-5`), plain otherwise (`7.3`, `0.012`). */
export function formatSci(n: number): string {
  if (n === 0) return '0'
  if (!Number.isFinite(n)) return String(n)
  if (Math.abs(n) >= 1e-3 && Math.abs(n) < 1e4) return String(Number(n.toPrecision(2)))
  const [mantissa, exponent] = n.toExponential(1).split('e')
  return `${mantissa!.replace(/\.0$/, '')}e${Number(exponent)}`
}

/** A tensor's shape with symbolic dimensions by name: `[batch_size, 1, 28, 28]`; unknown dims are `?`. */
export function formatShape(shape: TensorInfo['shape']): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`
}

/** One-line snippet of a text for the history list. */
export function snippet(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  return `${flat.slice(0, max - 1)}…`
}

/** A short readable description of any predict input, for the history list. */
export function describeInput(input: PredictInput, max = 48): string {
  if ('text' in input) return input.text.trim() ? `“${snippet(input.text, max)}”` : '(empty text)'
  if ('image' in input) return input.image.startsWith('data:') ? 'image' : snippet(input.image, max)
  if ('node' in input) return `node ${input.node}${input.edits ? ' (edited graph)' : ''}`
  const parts = Object.entries(input.features).map(([k, v]) => `${k}=${v === null ? '∅' : v}`)
  return snippet(parts.join(', '), max)
}

/** Quotes a string for a POSIX shell (single quotes; embedded ones closed and escaped). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/**
 * The `curl` command that sends `input` to the local browser-mode API, as the
 * demo just did. `origin` is `location.origin` in browser mode, or null when the
 * page is not served over HTTP (Electron's file: page), where a placeholder
 * port is used and the caller shows a note.
 */
export function curlCommand(origin: string | null, modelId: string, input: PredictInput): string {
  const base = origin ?? 'http://127.0.0.1:PORT'
  const url = `${base}/api/models/${encodeURIComponent(modelId)}/predict`
  return `curl -s -X POST ${url} -H 'content-type: application/json' -d ${shellQuote(JSON.stringify(input))}`
}

/**
 * Shortens very long string fields so a command stays readable on screen:
 * image data URLs beyond `imageMax` characters, pasted texts beyond `textMax`
 * (a tweet-length text is shown whole, so the command on screen runs as is).
 */
export function abbreviateInput(input: PredictInput, imageMax = 80, textMax = 400): PredictInput {
  if ('text' in input) return input.text.length > textMax ? { text: `${input.text.slice(0, textMax)}…` } : input
  if ('image' in input) return input.image.length > imageMax ? { image: `${input.image.slice(0, imageMax)}…` } : input
  return input
}

/** Parses a positive integer attribute (`top="5"`), falling back when absent or nonsense. */
export function intAttribute(value: string | undefined, fallback: number, min = 0, max = 1000): number {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n)) return fallback
  return Math.min(max, Math.max(min, n))
}
