/**
 * The x axes a training chart can use and how their values read. `_runtime`
 * is seconds since the run started, `_timestamp` is Unix seconds (W&B rows).
 */
import type { XKey } from './values'

/** One x-axis choice for the selector. */
export interface XAxisOption {
  key: XKey
  label: string
}

/** The x-axis choices, in selector order. */
export const xAxisOptions: readonly XAxisOption[] = [
  { key: '_step', label: 'Step' },
  { key: 'epoch', label: 'Epoch' },
  { key: '_runtime', label: 'Relative time' },
  { key: '_timestamp', label: 'Wall time' }
]

/** Reads an `x="…"` attribute; accepts the keys and friendly words. undefined when unknown. */
export function parseXKey(value: string | undefined): XKey | undefined {
  switch ((value ?? '').trim().toLowerCase()) {
    case '':
      return undefined
    case '_step':
    case 'step':
    case 'steps':
      return '_step'
    case 'epoch':
    case 'epochs':
      return 'epoch'
    case '_runtime':
    case 'runtime':
    case 'relative':
    case 'relative time':
    case 'time':
      return '_runtime'
    case '_timestamp':
    case 'timestamp':
    case 'wall':
    case 'wall time':
    case 'walltime':
      return '_timestamp'
    default:
      return undefined
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** Seconds as `1h 02m 03s` / `2m 03s` / `4.2s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds)
  const sign = seconds < 0 ? '-' : ''
  const s = Math.abs(seconds)
  if (s < 60) return `${sign}${s < 10 ? s.toFixed(1) : Math.round(s)}s`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = Math.floor(s % 60)
  return h > 0 ? `${sign}${h}h ${pad(m)}m ${pad(sec)}s` : `${sign}${m}m ${pad(sec)}s`
}

/** Formats an x value for ticks and tooltips. Wall time uses UTC so screenshots and tests are stable. */
export function formatX(key: XKey, value: number): string {
  if (!Number.isFinite(value)) return String(value)
  switch (key) {
    case '_step':
      return Number.isInteger(value) ? String(value) : value.toFixed(2)
    case 'epoch':
      return Number.isInteger(value) ? String(value) : value.toFixed(2)
    case '_runtime':
      return formatDuration(value)
    case '_timestamp': {
      const d = new Date(value * 1000)
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
    }
  }
}

/** Formats a metric value: up to 4 significant digits, exponent for tiny/huge. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(3)
  return String(Number(value.toPrecision(4)))
}

/** A logged value written exactly enough to compare with the log: 8 significant digits, no trailing zeros. */
export function formatExact(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(8))) : formatValue(value)
}

/**
 * "Nice" tick values (steps of 1, 2 or 5 × 10^k) inside [min, max], about
 * `count` of them. We compute ticks ourselves because recharts, given a
 * data-bound domain, also puts a tick on the exact end (`450, 469` overlap).
 * `integer`: the axis only has whole numbers (epochs 1–4), so no tick falls
 * between two of them (no "1.50").
 */
export function niceTicks(min: number, max: number, count = 6, integer = false): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return []
  if (max < min) [min, max] = [max, min]
  if (max === min) return [min]
  const raw = (max - min) / Math.max(1, count)
  const power = Math.pow(10, Math.floor(Math.log10(raw)))
  // Round the raw step to the nearest of 1, 2, 5, 10 (geometric midpoints, as d3 does).
  const error = raw / power
  const nice = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1)
  const step = integer ? Math.max(1, nice) : nice
  const ticks: number[] = []
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    // Round away float noise (0.30000000000000004).
    ticks.push(Number(v.toPrecision(12)))
  }
  return ticks
}

/** true when every value is a whole number (an x axis of epochs or steps). */
export function allIntegers(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false
  return true
}
