/**
 * Metric-key aliasing. The same quantity is logged under many names depending
 * on the framework and the author: `train_loss`, `train/loss`, `Training loss`,
 * `train_loss_epoch` (Lightning), `loss/train`, `Loss/train` (TensorBoard
 * habit). The chart groups such keys under one canonical name, `<split>/<metric>`,
 * so runs from different sources overlay. Anything we do not recognise keeps
 * its own key; a manual override map always wins.
 */

/** Split words and their canonical form. */
const SPLITS: Record<string, string> = {
  train: 'train',
  training: 'train',
  trn: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  validate: 'val',
  eval: 'val',
  evaluation: 'val',
  dev: 'val',
  test: 'test',
  testing: 'test'
}

/** Metric words (possibly two tokens joined) and their canonical form. */
const METRICS: Record<string, string> = {
  loss: 'loss',
  losses: 'loss',
  acc: 'acc',
  accuracy: 'acc',
  f1: 'f1',
  f1score: 'f1',
  fscore: 'f1',
  auc: 'auc',
  rocauc: 'auc',
  auroc: 'auc',
  precision: 'precision',
  prec: 'precision',
  recall: 'recall',
  lr: 'lr',
  learningrate: 'lr',
  perplexity: 'perplexity',
  ppl: 'perplexity',
  error: 'error',
  err: 'error',
  mse: 'mse',
  mae: 'mae',
  rmse: 'rmse'
}

/** Trailing words that only say when the value was aggregated (Lightning's `_epoch` / `_step`). */
const AGGREGATION_SUFFIXES = new Set(['epoch', 'step', 'epochs', 'steps'])

function tokens(key: string): string[] {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/**
 * Canonical name of a raw metric key, e.g. `Training loss` → `train/loss`,
 * `valid_accuracy` → `val/acc`, `loss` → `loss`. Returns the key unchanged
 * when it does not look like a split + known metric, and never maps
 * internal keys (`_step`, `_runtime`, …) or `epoch` itself.
 */
export function canonicalMetric(key: string, overrides: Readonly<Record<string, string>> = {}): string {
  const manual = overrides[key]
  if (manual) return manual
  if (key.startsWith('_')) return key
  let words = tokens(key)
  if (words.length === 0) return key
  while (words.length > 1 && AGGREGATION_SUFFIXES.has(words[words.length - 1]!)) words = words.slice(0, -1)
  let split: string | undefined
  const rest: string[] = []
  for (const word of words) {
    const s = SPLITS[word]
    if (s !== undefined && split === undefined) split = s
    else rest.push(word)
  }
  let metric: string | undefined
  if (rest.length === 1) metric = METRICS[rest[0]!]
  else if (rest.length === 2) metric = METRICS[rest.join('')]
  if (metric === undefined) return key
  return split ? `${split}/${metric}` : metric
}

/** A canonical metric and the raw keys (across all runs) that map to it. */
export interface MetricGroup {
  canonical: string
  keys: string[]
}

/** Groups raw keys by canonical name; groups and keys in first-seen order. */
export function groupMetrics(keys: Iterable<string>, overrides: Readonly<Record<string, string>> = {}): MetricGroup[] {
  const groups = new Map<string, MetricGroup>()
  for (const key of keys) {
    const canonical = canonicalMetric(key, overrides)
    let group = groups.get(canonical)
    if (!group) {
      group = { canonical, keys: [] }
      groups.set(canonical, group)
    }
    if (!group.keys.includes(key)) group.keys.push(key)
  }
  return [...groups.values()]
}

/**
 * The raw key a run uses for a wanted metric. `wanted` may be a raw key (used
 * when the run has it) or a canonical name. When several of the run's keys map
 * to it (e.g. `train_loss_step` and `train_loss_epoch`) the one spelled like the
 * canonical name wins, then the first in the run's order.
 */
export function resolveMetricKey(runKeys: readonly string[], wanted: string, overrides: Readonly<Record<string, string>> = {}): string | undefined {
  if (runKeys.includes(wanted)) return wanted
  const canonical = canonicalMetric(wanted, overrides)
  const matches = runKeys.filter((k) => canonicalMetric(k, overrides) === canonical)
  if (matches.length === 0) return undefined
  return matches.find((k) => k === canonical) ?? matches[0]
}
