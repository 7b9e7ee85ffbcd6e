/**
 * The user's manual metric mappings ("map this key to…"), kept in
 * localStorage so they survive reloads, shared live by every chart.
 */
import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'demodeck.metricAliases'
const listeners = new Set<() => void>()

function read(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' && v.trim()) out[k] = v.trim()
    return out
  } catch {
    return {}
  }
}

let current = read()

/** Maps `rawKey` to `canonical`; an empty canonical removes the mapping. */
export function setMetricOverride(rawKey: string, canonical: string): void {
  const next = { ...current }
  if (canonical.trim()) next[rawKey] = canonical.trim()
  else delete next[rawKey]
  current = next
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch {
    // Storage full or disabled: the mapping still holds for this session.
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const snapshot = (): Record<string, string> => current

/** Current manual mappings raw key → canonical metric. */
export function useMetricOverrides(): Record<string, string> {
  return useSyncExternalStore(subscribe, snapshot, snapshot)
}
