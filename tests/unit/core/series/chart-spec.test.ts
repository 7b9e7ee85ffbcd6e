import { describe, expect, it } from 'vitest'
import { defaultMetrics, parseChartSpec } from '../../../../src/core/series/chart-spec'
import { configColumns, flattenConfig } from '../../../../src/core/series/config-diff'
import { selectRuns } from '../../../../src/core/series/select-runs'

describe('parseChartSpec', () => {
  it('reads the documented attributes', () => {
    const spec = parseChartSpec({ runs: 'sweep-tweets', metrics: 'train/loss, val/loss', x: '_step', smoothing: '0.6', log: 'false' })
    expect(spec).toMatchObject({
      runs: 'sweep-tweets',
      metrics: ['train/loss', 'val/loss'],
      x: '_step',
      smoothing: 0.6,
      log: false,
      algorithm: 'ema',
      warnings: []
    })
  })

  it('falls back to defaults with readable warnings', () => {
    const spec = parseChartSpec({ x: 'banana', smoothing: '2', log: 'maybe', algorithm: 'magic' })
    expect(spec).toMatchObject({ runs: '*', metrics: [], x: '_step', smoothing: 0.6, log: false, algorithm: 'ema' })
    expect(spec.warnings).toHaveLength(4)
    expect(spec.warnings[0]).toContain('x="banana"')
  })

  it('picks default metrics', () => {
    expect(defaultMetrics(['val/acc', 'val/loss', 'train/loss'])).toEqual(['train/loss', 'val/loss'])
    expect(defaultMetrics(['epoch', 'reward', 'kl'])).toEqual(['reward', 'kl'])
  })
})

describe('selectRuns', () => {
  const runs = [
    { id: 'lr-0.001', name: 'tweets lr 0.001', group: 'sweep-tweets' },
    { id: 'lr-0.01', name: 'tweets lr 0.01', group: 'sweep-tweets' },
    { id: 'abc12345', name: 'wine-mlp' }
  ]
  it('matches ids, names, groups and wildcards', () => {
    expect(selectRuns(runs, 'sweep-tweets').runs.map((r) => r.id)).toEqual(['lr-0.001', 'lr-0.01'])
    expect(selectRuns(runs, 'WINE-MLP').runs.map((r) => r.id)).toEqual(['abc12345'])
    expect(selectRuns(runs, 'lr-0.0*').runs).toHaveLength(2)
    expect(selectRuns(runs, '*').runs).toHaveLength(3)
    expect(selectRuns(runs, undefined).runs).toHaveLength(3)
  })
  it('reports tokens that matched nothing', () => {
    expect(selectRuns(runs, 'abc12345, nope')).toEqual({ runs: [runs[2]], unmatched: ['nope'] })
  })
})

describe('config diff', () => {
  it('flattens nested config and puts differing keys first', () => {
    expect(flattenConfig({ a: 1, opt: { lr: 0.1, betas: [0.9, 0.99] } })).toEqual({ a: 1, 'opt.lr': 0.1, 'opt.betas': [0.9, 0.99] })
    const cols = configColumns([
      { lr: 0.001, batch: 32, seed: 1, _internal: 1 },
      { lr: 0.01, batch: 32, seed: 1 },
      { lr: 0.01, batch: 32 }
    ])
    expect(cols).toEqual([
      { key: 'lr', differs: true },
      { key: 'seed', differs: true },
      { key: 'batch', differs: false }
    ])
    expect(configColumns([{ lr: 1 }])).toEqual([{ key: 'lr', differs: false }])
  })
})
