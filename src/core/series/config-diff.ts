/**
 * The "discussion" table: runs side by side with their hyperparameters, where
 * the ones that DIFFER between runs are what a talk is about. Nested configs
 * are flattened to dotted keys.
 */

/** Flattens nested plain objects into dotted keys; arrays and scalars are leaves. */
export function flattenConfig(config: Readonly<Record<string, unknown>>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.assign(out, flattenConfig(value as Record<string, unknown>, path))
    } else {
      out[path] = value
    }
  }
  return out
}

/** One config key across runs. */
export interface ConfigColumn {
  key: string
  /** true when at least two runs hold different values (a missing value counts as different). */
  differs: boolean
}

/** Stable text for comparing and showing a config value. */
export function configText(value: unknown): string {
  if (value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  return JSON.stringify(value)
}

/**
 * Config keys over all runs (internal `_…` keys left out), differing ones
 * first, each part sorted by name. With one run nothing differs.
 */
export function configColumns(configs: ReadonlyArray<Readonly<Record<string, unknown>>>): ConfigColumn[] {
  const flat = configs.map((c) => flattenConfig(c))
  const keys = new Set<string>()
  for (const f of flat) for (const k of Object.keys(f)) if (!k.startsWith('_')) keys.add(k)
  const columns = [...keys].map((key) => {
    const texts = new Set(flat.map((f) => configText(f[key])))
    return { key, differs: flat.length > 1 && texts.size > 1 }
  })
  return columns.sort((a, b) => Number(b.differs) - Number(a.differs) || a.key.localeCompare(b.key))
}
